import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDirectLineStore } from '../../../src/channels/directLine/sqliteDirectLineStore';

describe('SqliteDirectLineStore', () => {
    let store: SqliteDirectLineStore;
    const at = new Date('2026-11-22T10:00:00Z');
    beforeEach(async () => {
        store = new SqliteDirectLineStore(':memory:');
        await store.startConversation({ conversationId: 'c1', userId: 'dl_u1' }, at);
    });
    afterEach(() => store.close());

    it('starts a conversation once', async () => {
        expect(await store.startConversation({ conversationId: 'c1', userId: 'dl_other' }, at)).toBe(false);
        expect(await store.conversation('c1')).toEqual({ conversationId: 'c1', userId: 'dl_u1' });
        expect(await store.conversation('nope')).toBeUndefined();
    });

    it('numbers activities in order, with Direct Line style ids', async () => {
        const first = await store.append('c1', { type: 'message', text: 'one' }, at);
        const second = await store.append('c1', { type: 'message', text: 'two' }, at);
        expect([first.id, second.id]).toEqual(['c1|0000001', 'c1|0000002']);
        expect(await store.activitiesAfter('c1', 1, 10)).toEqual({ activities: [second], watermark: 2 });
    });

    it('pages a long history and keeps the watermark when nothing is new', async () => {
        for (let i = 1; i <= 5; i++) await store.append('c1', { type: 'message', text: `m${i}` }, at);
        const page = await store.activitiesAfter('c1', 0, 2);
        expect(page.activities.map((a) => a.text)).toEqual(['m1', 'm2']);
        expect(page.watermark).toBe(2);
        expect((await store.activitiesAfter('c1', 5, 2)).watermark).toBe(5);
    });

    it('refuses an activity for a conversation that does not exist', async () => {
        await expect(store.append('nope', { type: 'message' }, at)).rejects.toThrow(/no conversation "nope"/);
    });

    it('deletes only conversations idle since the given time, with their activities', async () => {
        await store.startConversation({ conversationId: 'c2', userId: 'dl_u2' }, at);
        await store.append('c2', { type: 'message', text: 'later' }, new Date(at.getTime() + 60_000));
        expect(await store.deleteIdle(new Date(at.getTime() + 1000))).toBe(1);
        expect(await store.conversation('c1')).toBeUndefined();
        expect((await store.activitiesAfter('c2', 0, 10)).activities).toHaveLength(1);
    });

    describe('its signing key', () => {
        let dir: string;
        beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dlstore-'))));
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it('is 32 random bytes, the same for every connection to one file and across a reopen', async () => {
            const file = join(dir, 'bot.sqlite');
            const a = new SqliteDirectLineStore(file);
            const b = new SqliteDirectLineStore(file);
            const key = await a.signingKey();
            expect(key).toHaveLength(32);
            expect(await b.signingKey()).toEqual(key);
            await a.close();
            await b.close();
            const reopened = new SqliteDirectLineStore(file);
            expect(await reopened.signingKey()).toEqual(key);
            await reopened.close();
            const other = new SqliteDirectLineStore(join(dir, 'other.sqlite'));
            expect(await other.signingKey()).not.toEqual(key);
            await other.close();
        });
    });
});
