import { PgDirectLineStore } from '../../../src/stores/postgres/pgDirectLineStore';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeDirectLineStoreContract } from '../../channels/directLine/directLineStoreContract';

describeWithPostgres('PgDirectLineStore on PostgreSQL', (db) => {
    describeDirectLineStoreContract('PgDirectLineStore', async () => {
        await db().reset();
        return new PgDirectLineStore(db().pool);
    });

    describe('PgDirectLineStore shared by two instances', () => {
        const at = new Date('2026-11-22T10:00:00Z');
        let a: PgDirectLineStore;
        let b: PgDirectLineStore;
        beforeEach(async () => {
            await db().reset();
            a = new PgDirectLineStore(db().pool);
            b = new PgDirectLineStore(db().openPool());
        });

        it('gives concurrent appends to one conversation distinct, gapless sequence numbers, read back in order', async () => {
            await a.startConversation({ conversationId: 'c1', userId: 'dl_u1' }, at);
            const perInstance = 25;
            const appends = [a, b].flatMap((store, s) =>
                Array.from({ length: perInstance }, (_, i) => store.append('c1', { type: 'message', text: `${s}-${i}` }, at)),
            );
            const stored = await Promise.all(appends);
            const seqs = stored.map((activity) => Number(activity.id!.split('|')[1])).sort((x, y) => x - y);
            expect(seqs).toEqual(Array.from({ length: 2 * perInstance }, (_, i) => i + 1));

            const page = await b.activitiesAfter('c1', 0, 100);
            expect(page.watermark).toBe(2 * perInstance);
            expect(page.activities.map((x) => x.id)).toEqual(seqs.map((n) => `c1|${String(n).padStart(7, '0')}`));
            expect(new Set(page.activities.map((x) => x.text)).size).toBe(2 * perInstance);
        });

        it('never lets a reader polling during concurrent appends skip one (numbers commit in order)', async () => {
            await a.startConversation({ conversationId: 'c1', userId: 'dl_u1' }, at);
            const total = 60;
            const appending = Promise.all(Array.from({ length: total }, (_, i) => (i % 2 ? a : b).append('c1', { type: 'message', text: `m${i}` }, at)));
            const seen: string[] = [];
            let watermark = 0;
            while (seen.length < total) {
                const page = await b.activitiesAfter('c1', watermark, 7);
                seen.push(...page.activities.map((x) => x.id!));
                watermark = page.watermark;
            }
            await appending;
            expect(seen).toEqual(Array.from({ length: total }, (_, i) => `c1|${String(i + 1).padStart(7, '0')}`));
        });

        it('starts a conversation once when both try at once', async () => {
            const results = await Promise.all([
                a.startConversation({ conversationId: 'c1', userId: 'dl_a' }, at),
                b.startConversation({ conversationId: 'c1', userId: 'dl_b' }, at),
            ]);
            expect(results.sort()).toEqual([false, true]);
            expect(await a.conversation('c1')).toEqual(await b.conversation('c1'));
        });

        it('gives both the same signing key, even when they make it at once', async () => {
            const [keyA, keyB] = await Promise.all([a.signingKey(), b.signingKey()]);
            expect(keyA).toHaveLength(32);
            expect(keyB).toEqual(keyA);
            expect(await a.signingKey()).toEqual(keyA);
        });

        it('hands an activity back exactly as a visitor sent it, U+0000 included', async () => {
            await a.startConversation({ conversationId: 'c1', userId: 'dl_u\u0000' }, at);
            await a.append('c1', { type: 'message', text: 'nul \u0000 here, and a typed \\u0000' }, at);
            expect((await b.activitiesAfter('c1', 0, 10)).activities[0].text).toBe('nul \u0000 here, and a typed \\u0000');
            expect(await b.conversation('c1')).toEqual({ conversationId: 'c1', userId: 'dl_u\uFFFD' });
            expect(await b.conversation('c1\u0000')).toBeUndefined();
        });
    });
});
