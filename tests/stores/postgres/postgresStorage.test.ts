import { PgStorage } from '../../../src/stores/postgres/pgStorage';
import { StorageConflictError } from '../../../src/stores/shared/storageConflictError';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeStorageContract } from '../storageContract';

describeWithPostgres('PgStorage on PostgreSQL', (db) => {
    describeStorageContract('PgStorage', async () => {
        await db().reset();
        return new PgStorage(db().pool);
    });

    describe('PgStorage', () => {
        let storage: PgStorage;
        beforeEach(async () => {
            await db().reset();
            storage = new PgStorage(db().pool);
        });

        describe('when two instances write one item with the same eTag at once', () => {
            it('lets exactly one win; the other gets a StorageConflictError', async () => {
                const other = new PgStorage(db().openPool());
                await storage.write({ conversation: { turn: 0 } });
                for (let round = 1; round <= 5; round++) {
                    const { conversation } = await storage.read(['conversation']);
                    const results = await Promise.allSettled([
                        storage.write({ conversation: { ...conversation, turn: round, by: 'a' } }),
                        other.write({ conversation: { ...conversation, turn: round, by: 'b' } }),
                    ]);
                    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
                    expect(rejected).toHaveLength(1);
                    expect(rejected[0].reason).toBeInstanceOf(StorageConflictError);
                    expect(rejected[0].reason).toMatchObject({ key: 'conversation' });
                    const winner = results[0].status === 'fulfilled' ? 'a' : 'b';
                    expect((await other.read(['conversation'])).conversation).toMatchObject({ turn: round, by: winner });
                }
            });

            it('lets exactly one create a new key when both carry an eTag', async () => {
                const other = new PgStorage(db().openPool());
                const results = await Promise.allSettled([
                    storage.write({ fresh: { by: 'a', eTag: 'e1' } }),
                    other.write({ fresh: { by: 'b', eTag: 'e1' } }),
                ]);
                expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
            });
        });

        it('writes a batch whole or not at all', async () => {
            await storage.write({ a: { v: 1 }, b: { v: 1 } });
            const stale = await storage.read(['a', 'b']);
            await storage.write({ b: { ...stale.b, v: 2 } });
            await expect(storage.write({ a: { ...stale.a, v: 3 }, b: { ...stale.b, v: 3 }, c: { v: 3 } })).rejects.toThrow(StorageConflictError);
            const items = await storage.read(['a', 'b', 'c']);
            expect([items.a.v, items.b.v, items.c]).toEqual([1, 2, undefined]);
        });

        it('keeps a document as JSON (jsonb) with its eTag beside it, not inside it', async () => {
            await storage.write({ a: { dialogState: { stack: [{ id: 'main', state: { n: 1.5 } }] }, eTag: '*' } });
            const { rows } = await db().pool.query("SELECT etag, doc, doc->'dialogState'->'stack'->0->>'id' AS top FROM bot_state WHERE key = 'a'");
            expect(rows[0].top).toBe('main');
            expect(rows[0].doc).not.toHaveProperty('eTag');
            expect((await storage.read(['a'])).a.eTag).toBe(rows[0].etag);
        });

        it('stores text with U+0000, which PostgreSQL refuses, with U+FFFD in its place, keys too', async () => {
            await storage.write({ 'webchat/conversations/a\u0000b': { text: 'before\u0000after', ['k\u0000ey']: 1, literal: 'a \\u0000 typed out' } });
            const item = (await storage.read(['webchat/conversations/a\u0000b']))['webchat/conversations/a\u0000b'];
            expect(item).toMatchObject({ text: 'before\uFFFDafter', ['k\uFFFDey']: 1, literal: 'a \\u0000 typed out' });
            await storage.delete(['webchat/conversations/a\u0000b']);
            expect(await storage.read(['webchat/conversations/a\u0000b'])).toEqual({});
        });

        it('answers an empty read, write or delete without asking the database', async () => {
            const ended = new PgStorage(db().openPool());
            await (ended as unknown as { pool: { end(): Promise<void> } }).pool.end();
            await expect(ended.read([])).resolves.toEqual({});
            await expect(ended.write({})).resolves.toBeUndefined();
            await expect(ended.delete([])).resolves.toBeUndefined();
        });

        it('pings the database, and throws when it cannot', async () => {
            expect(await storage.ping()).toBe(true);
            const pool = db().openPool();
            await pool.end();
            await expect(new PgStorage(pool).ping()).rejects.toThrow();
        });
    });
});
