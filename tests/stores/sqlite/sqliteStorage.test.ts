import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { SqliteStorage } from '../../../src/stores/sqlite/sqliteStorage';
import { describeStorageContract } from '../storageContract';

describeStorageContract('MemoryStorage', () => new MemoryStorage());
describeStorageContract('SqliteStorage', () => new SqliteStorage(':memory:'), (s) => (s as SqliteStorage).close());

describe('SqliteStorage', () => {
    describe('when the process restarts', () => {
        it('keeps what was written in the file', async () => {
            const file = join(mkdtempSync(join(tmpdir(), 'sqlite-')), 'nested', 'bot.sqlite');
            const first = new SqliteStorage(file);
            await first.write({ 'webchat/conversations/c1': { dialogState: { stack: ['x'] } } });
            first.close();
            const second = new SqliteStorage(file);
            expect((await second.read(['webchat/conversations/c1']))['webchat/conversations/c1'].dialogState.stack).toEqual(['x']);
            second.close();
        });
    });

    describe('when the database is closed', () => {
        it('reports itself unhealthy instead of throwing', async () => {
            const storage = new SqliteStorage(':memory:');
            storage.close();
            await expect(storage.ping().catch(() => false)).resolves.toBe(false);
        });
    });
});
