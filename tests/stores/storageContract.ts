import type { Storage } from 'botbuilder';

/**
 * The behaviour every `Storage` implementation must share; run against each one.
 * @param create returns a fresh, empty store
 */
export function describeStorageContract(name: string, create: () => Promise<Storage> | Storage, cleanup: (s: Storage) => Promise<void> | void = () => undefined): void {
    describe(`${name} (Storage contract)`, () => {
        let storage: Storage;
        beforeEach(async () => {
            storage = await create();
        });
        afterEach(async () => cleanup(storage));

        it('reads back what was written, with an eTag', async () => {
            await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
            const items = await storage.read(['a', 'missing']);
            expect(items.a).toMatchObject({ count: 1, nested: { list: [1, 2] } });
            expect(typeof items.a.eTag).toBe('string');
            expect(items.missing).toBeUndefined();
        });

        it('overwrites unconditionally with eTag "*"', async () => {
            await storage.write({ a: { v: 1 } });
            await storage.write({ a: { v: 2, eTag: '*' } });
            expect((await storage.read(['a'])).a.v).toBe(2);
        });

        it('accepts a write carrying the current eTag and changes the eTag', async () => {
            await storage.write({ a: { v: 1 } });
            const first = (await storage.read(['a'])).a;
            await storage.write({ a: { ...first, v: 2 } });
            const second = (await storage.read(['a'])).a;
            expect(second.v).toBe(2);
            expect(second.eTag).not.toBe(first.eTag);
        });

        it('refuses a write carrying a stale eTag and keeps the newer value', async () => {
            await storage.write({ a: { v: 1 } });
            const stale = (await storage.read(['a'])).a;
            await storage.write({ a: { ...stale, v: 2 } });
            await expect(storage.write({ a: { ...stale, v: 3 } })).rejects.toThrow();
            expect((await storage.read(['a'])).a.v).toBe(2);
        });

        it('writes a key not yet stored whatever eTag it carries (as MemoryStorage does)', async () => {
            await storage.write({ fresh: { v: 1, eTag: 'an-etag-from-elsewhere' } });
            const item = (await storage.read(['fresh'])).fresh;
            expect(item.v).toBe(1);
            expect(item.eTag).not.toBe('an-etag-from-elsewhere');
        });

        it('deletes items, and deleting a missing key is not an error', async () => {
            await storage.write({ a: { v: 1 }, b: { v: 2 } });
            await storage.delete(['a', 'never-written']);
            const items = await storage.read(['a', 'b']);
            expect(items.a).toBeUndefined();
            expect(items.b.v).toBe(2);
        });

        it('keeps keys with unusual characters apart', async () => {
            const keys = ['webchat/conversations/a:b/x', 'webchat/conversations/a:b/y', "quote'key", 'ünï/çødé'];
            await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
            const items = await storage.read(keys);
            keys.forEach((k, i) => expect(items[k].i).toBe(i));
        });
    });
}
