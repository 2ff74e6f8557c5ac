import { PgFollowUps } from '../../../src/stores/postgres/pgFollowUps';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeFollowUpsContract } from '../../advisor/followUpsContract';

describeWithPostgres('PgFollowUps on PostgreSQL', (db) => {
    describeFollowUpsContract('PgFollowUps', async () => {
        await db().reset();
        return new PgFollowUps(db().pool);
    });

    describe('PgFollowUps', () => {
        beforeEach(() => db().reset());

        it('lets exactly one of two instances claim a request at once', async () => {
            const first = new PgFollowUps(db().pool);
            const second = new PgFollowUps(db().openPool());
            for (let i = 0; i < 5; i++) {
                const { id } = await first.create({ channelId: 'webchat', conversationId: `c${i}`, name: 'Ada', contact: 'ada@example.org', contactKind: 'email', topic: 'pay' });
                const [a, b] = await Promise.all([first.claim(id, 'joe'), second.claim(id, 'amy')]);
                expect(a!.claimedBy).toBe(b!.claimedBy);
            }
        });

        it('finds nothing for an id that is not a whole number, as a bad URL gives', async () => {
            const followUps = new PgFollowUps(db().pool);
            expect(await followUps.get(Number.NaN)).toBeUndefined();
            expect(await followUps.claim(1.5, 'joe')).toBeUndefined();
            expect(await followUps.complete(2 ** 60, 'joe')).toBeUndefined();
        });

        it('keeps a request whose text holds U+0000, with U+FFFD in its place', async () => {
            const followUps = new PgFollowUps(db().pool);
            const created = await followUps.create({ channelId: 'webchat', conversationId: 'c\u0000', name: 'A\u0000da', contact: 'ada@example.org', contactKind: 'email', topic: 'pay' });
            expect(created).toMatchObject({ conversationId: 'c\uFFFD', name: 'A\uFFFDda' });
            expect(await followUps.deleteForConversation('webchat', 'c\u0000')).toBe(1);
        });
    });
});
