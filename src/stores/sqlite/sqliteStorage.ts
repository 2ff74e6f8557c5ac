import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from '../shared/storageConflictError';
import { openSqlite } from './openSqlite';

/**
 * Bot state in one SQLite file, through botbuilder's `Storage` interface.
 * @remarks Writes are synchronous and committed before the promise settles, so a turn that got its reply
 * survives the process being killed (not a power cut: see openSqlite). Items carry real eTags: a write with a stale eTag is refused.
 */
export class SqliteStorage implements Storage {
    private readonly db: Database.Database;
    private readonly selectOne: Database.Statement<[string], { etag: string; doc: string }>;
    private readonly upsert: Database.Statement<[string, string, string, number]>;
    private readonly updateIfMatch: Database.Statement<[string, string, number, string, string]>;
    private readonly insertIfAbsent: Database.Statement<[string, string, string, number]>;
    private readonly remove: Database.Statement<[string]>;

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(file: string) {
        this.db = openSqlite(file);
        this.selectOne = this.db.prepare('SELECT etag, doc FROM bot_state WHERE key = ?');
        this.upsert = this.db.prepare(`INSERT INTO bot_state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at`);
        this.updateIfMatch = this.db.prepare('UPDATE bot_state SET etag = ?, doc = ?, updated_at = ? WHERE key = ? AND etag = ?');
        this.insertIfAbsent = this.db.prepare('INSERT OR IGNORE INTO bot_state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)');
        this.remove = this.db.prepare('DELETE FROM bot_state WHERE key = ?');
    }

    async read(keys: string[]): Promise<StoreItems> {
        if (!keys) throw new Error('SqliteStorage.read(): keys are required');
        const items: StoreItems = {};
        for (const key of keys) {
            const row = this.selectOne.get(key);
            if (row) items[key] = { ...JSON.parse(row.doc), eTag: row.etag };
        }
        return items;
    }

    async write(changes: StoreItems): Promise<void> {
        if (!changes) throw new Error('SqliteStorage.write(): changes are required');
        const now = Date.now();
        // One transaction: a batch of changes lands whole or not at all.
        this.db.transaction(() => {
            for (const [key, item] of Object.entries(changes)) {
                const { eTag, ...rest } = (item ?? {}) as { eTag?: string };
                const doc = JSON.stringify(rest);
                const next = randomUUID();
                if (!eTag || eTag === '*') {
                    this.upsert.run(key, next, doc, now);
                } else if (this.updateIfMatch.run(next, doc, now, key, eTag).changes === 0) {
                    // No row with that eTag: either the key is new (write it) or someone wrote in between.
                    if (this.insertIfAbsent.run(key, next, doc, now).changes === 0) throw new StorageConflictError(key);
                }
            }
        })();
    }

    async delete(keys: string[]): Promise<void> {
        if (!keys) throw new Error('SqliteStorage.delete(): keys are required');
        this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
    }

    /** True when the database answers a query. */
    async ping(): Promise<boolean> {
        return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    }

    close(): void {
        if (this.db.open) this.db.close();
    }
}
