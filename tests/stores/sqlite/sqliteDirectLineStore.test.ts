import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDirectLineStore } from '../../../src/stores/sqlite/sqliteDirectLineStore';
import { describeDirectLineStoreContract } from '../../channels/directLine/directLineStoreContract';

describeDirectLineStoreContract('SqliteDirectLineStore', async () => new SqliteDirectLineStore(':memory:'));

describe('SqliteDirectLineStore', () => {
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
