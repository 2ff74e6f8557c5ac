import type { TurnContext } from 'botbuilder';
import { PgConversationLock } from '../../../src/stores/postgres/pgConversationLock';
import { PgStorage } from '../../../src/stores/postgres/pgStorage';
import { describeWithPostgres } from '../../helpers/postgres';

const turnOf = (conversationId: string) => ({ activity: { channelId: 'test', conversation: { id: conversationId } } }) as unknown as TurnContext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithPostgres('PgConversationLock', (db) => {
    it('runs two turns of one conversation one after the other, even from two instances', async () => {
        const [lockA, lockB] = [new PgConversationLock(db().openPool({ max: 2 })), new PgConversationLock(db().openPool({ max: 2 }))];
        const events: string[] = [];
        const turn = (lock: PgConversationLock, name: string) =>
            lock.onTurn(turnOf('same'), async () => {
                events.push(`${name} start`);
                await sleep(100);
                events.push(`${name} end`);
            });
        await Promise.all([turn(lockA, 'a'), turn(lockB, 'b')]);
        expect([events.slice(0, 2), events.slice(2)].map((pair) => pair[0].split(' ')[0] === pair[1].split(' ')[0])).toEqual([true, true]);
    });

    it('does not starve the stores: many conversations mid-turn at once, more than the work pool has connections', async () => {
        const lock = new PgConversationLock(db().openPool({ max: 4 }));
        const storage = new PgStorage(db().openPool({ max: 2 }));
        const turns = Array.from({ length: 12 }, (_, i) =>
            lock.onTurn(turnOf(`conv-${i}`), async () => {
                await storage.write({ [`state/${i}`]: { n: i } });
                await sleep(20);
                expect((await storage.read([`state/${i}`]))[`state/${i}`]).toMatchObject({ n: i });
            }),
        );
        await expect(Promise.all(turns)).resolves.toHaveLength(12);
    });

    it('lets a failed turn go, releasing its lock for the next one', async () => {
        const lock = new PgConversationLock(db().openPool({ max: 1 }));
        await expect(lock.onTurn(turnOf('fails'), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        await expect(lock.onTurn(turnOf('fails'), async () => undefined)).resolves.toBeUndefined();
    });
});
