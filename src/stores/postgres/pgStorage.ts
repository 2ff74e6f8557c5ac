import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Pool, PoolClient } from 'pg';
import { StorageConflictError } from '../shared/storageConflictError';
import { inTransaction } from './pgDatabase';
import { nulSafe, nulSafeJson } from './nulSafe';

/** Writes the item whatever is stored (no eTag, or `*`). */
const UPSERT = `INSERT INTO bot_state (key, etag, doc, updated_at) VALUES ($1, $2, $3::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at`;

/**
 * Writes the item when the key is new or still carries the eTag `$4`; no row comes back otherwise. Under
 * concurrent writers PostgreSQL re-checks the condition on the row the other writer committed, so of two
 * writes carrying one eTag exactly one succeeds.
 */
const WRITE_IF_MATCH = `INSERT INTO bot_state (key, etag, doc, updated_at) VALUES ($1, $2, $3::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at
    WHERE bot_state.etag = $4`;

/**
 * Bot state in PostgreSQL (table `bot_state`), shared by every instance, through botbuilder's `Storage` interface.
 * @remarks Behaves as `SqliteStorage`: items carry real eTags; a write with a stale eTag throws
 * `StorageConflictError`; no eTag or `*` overwrites; a key not yet stored is written whatever eTag it carries.
 * A batch of changes lands whole or not at all. The pool is the caller's: `close` leaves it open.
 */
export class PgStorage implements Storage {
    constructor(private readonly pool: Pool) {}

    async read(keys: string[]): Promise<StoreItems> {
        if (!keys) throw new Error('PgStorage.read(): keys are required');
        const items: StoreItems = {};
        if (keys.length === 0) return items;
        const byStoredKey = new Map(keys.map((key) => [nulSafe([key])[0] as string, key]));
        const { rows } = await this.pool.query<{ key: string; etag: string; doc: Record<string, unknown> }>(
            'SELECT key, etag, doc FROM bot_state WHERE key = ANY($1::text[])',
            [[...byStoredKey.keys()]],
        );
        for (const row of rows) items[byStoredKey.get(row.key) ?? row.key] = { ...row.doc, eTag: row.etag };
        return items;
    }

    async write(changes: StoreItems): Promise<void> {
        if (!changes) throw new Error('PgStorage.write(): changes are required');
        // Sorted, so two instances writing overlapping batches lock rows in the same order and never deadlock.
        const entries = Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        if (entries.length === 0) return;
        if (entries.length === 1) return writeOne(this.pool, entries[0][0], entries[0][1]);
        await inTransaction(this.pool, async (client) => {
            for (const [key, item] of entries) await writeOne(client, key, item);
        });
    }

    async delete(keys: string[]): Promise<void> {
        if (!keys) throw new Error('PgStorage.delete(): keys are required');
        if (keys.length === 0) return;
        await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [nulSafe(keys)]);
    }

    /** True when the database answers a query; throws when it does not. */
    async ping(): Promise<boolean> {
        const { rows } = await this.pool.query<{ ok: number }>('SELECT 1 AS ok');
        return rows.length === 1;
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}
}

async function writeOne(db: Pool | PoolClient, key: string, item: unknown): Promise<void> {
    const { eTag, ...rest } = (item ?? {}) as { eTag?: string };
    const values = nulSafe([key, randomUUID()]).concat(nulSafeJson(rest));
    if (!eTag || eTag === '*') {
        await db.query(UPSERT, values);
    } else if ((await db.query(WRITE_IF_MATCH, values.concat(eTag))).rowCount === 0) {
        throw new StorageConflictError(key);
    }
}
