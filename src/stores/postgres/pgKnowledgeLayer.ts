import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './pgDatabase';
import { nulSafe, nulSafeJson } from './nulSafe';
import type { DraftItem, LayerItem, PublishedVersion, VersionSummary } from '../../authoring/knowledgeLayer';
import { StaleDraftError, type KnowledgeLayerStore, type Publication } from '../../authoring/knowledgeStore';

interface VersionRow {
    n: number;
    published_by: string;
    published_at: Date;
    items?: LayerItem[];
    changes: VersionSummary['changes'];
    restored_from: number | null;
}

/** Two 32-bit keys of the advisory lock that serialises saves and publications of the advisors' layer: "mltb" and 2. */
const LAYER_LOCK = { classId: 0x6d6c7462, objectId: 2 } as const;

/**
 * The advisors' layer in PostgreSQL (tables `knowledge_drafts` and `knowledge_versions`), shared by every instance.
 * @remarks Every write holds one transaction-level advisory lock, so two instances never take one version number and
 * a save's version check and write are one step. The pool is the caller's: `close` leaves it open.
 */
export class PgKnowledgeLayer implements KnowledgeLayerStore {
    constructor(private readonly pool: Pool) {}

    async drafts(): Promise<DraftItem[]> {
        return readDrafts(this.pool);
    }

    async saveDraft(item: LayerItem, expectedVersion: number, by: string): Promise<DraftItem> {
        return this.locked(async (client) => {
            const current = await versionOf(client, item.key);
            if (current.shown !== expectedVersion) throw new StaleDraftError(item.key, expectedVersion, current.shown);
            const { rows } = await client.query<{ updated_at: Date }>(
                `INSERT INTO knowledge_drafts (key, body, base_hash, version, discarded, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, $4, false, $5, now())
                    ON CONFLICT (key) DO UPDATE SET body = excluded.body, base_hash = excluded.base_hash, version = excluded.version,
                    discarded = false, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    RETURNING updated_at`,
                nulSafe([item.key, nulSafeJson(item.body), item.baseHash, current.version + 1, by]),
            );
            return { ...item, version: current.version + 1, updatedBy: by, updatedAt: rows[0].updated_at.toISOString() };
        });
    }

    async discardDraft(key: string, expectedVersion: number): Promise<void> {
        await this.locked(async (client) => {
            const current = await versionOf(client, key);
            if (current.shown !== expectedVersion) throw new StaleDraftError(key, expectedVersion, current.shown);
            await client.query('UPDATE knowledge_drafts SET discarded = true, version = version + 1 WHERE key = $1', nulSafe([key]));
        });
    }

    async publish(by: string, compose: (drafts: DraftItem[], live: PublishedVersion | undefined) => Publication): Promise<PublishedVersion> {
        return this.locked(async (client) => {
            const liveN = await liveNumber(client);
            const live = liveN > 0 ? await readVersion(client, liveN) : undefined;
            const drafts = await readDrafts(client);
            const publication = compose(drafts, live);
            const n = liveN + 1;
            const { rows } = await client.query<{ published_at: Date }>(
                'INSERT INTO knowledge_versions (n, published_by, published_at, items, changes, restored_from) VALUES ($1, $2, now(), $3::jsonb, $4::jsonb, $5) RETURNING published_at',
                nulSafe([n, by, nulSafeJson(publication.items), nulSafeJson(publication.changes), publication.restoredFrom ?? null]),
            );
            if (publication.replaceDrafts) {
                // Every draft's version rises (a discarded one's too), so an editor's copy from before the restore is refused.
                await client.query('UPDATE knowledge_drafts SET discarded = true, version = version + 1 WHERE NOT discarded');
                for (const item of publication.items) {
                    await client.query(
                        `INSERT INTO knowledge_drafts (key, body, base_hash, version, discarded, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, 1, false, $4, now())
                            ON CONFLICT (key) DO UPDATE SET body = excluded.body, base_hash = excluded.base_hash, version = knowledge_drafts.version + 1,
                            discarded = false, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
                        nulSafe([item.key, nulSafeJson(item.body), item.baseHash, by]),
                    );
                }
            }
            const publishedAt = rows[0].published_at.toISOString();
            return { n, publishedBy: by, publishedAt, items: publication.items, changes: publication.changes, restoredFrom: publication.restoredFrom ?? null };
        });
    }

    async liveVersion(): Promise<number> {
        return liveNumber(this.pool);
    }

    async version(n: number): Promise<PublishedVersion | undefined> {
        return readVersion(this.pool, n);
    }

    async versions(): Promise<VersionSummary[]> {
        const { rows } = await this.pool.query<VersionRow>('SELECT n, published_by, published_at, changes, restored_from FROM knowledge_versions ORDER BY n DESC');
        return rows.map(toSummary);
    }

    async close(): Promise<void> {}

    private locked<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
        return inTransaction(this.pool, async (client) => {
            await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LAYER_LOCK.classId, LAYER_LOCK.objectId]);
            return work(client);
        });
    }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

async function liveNumber(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ n: number | null }>('SELECT max(n) AS n FROM knowledge_versions');
    return rows[0]?.n ?? 0;
}

/** The row's version (rising through discards), and the one editors see: 0 while there is no draft. */
async function versionOf(db: Queryable, key: string): Promise<{ version: number; shown: number }> {
    const { rows } = await db.query<{ version: number; discarded: boolean }>('SELECT version, discarded FROM knowledge_drafts WHERE key = $1', nulSafe([key]));
    return { version: rows[0]?.version ?? 0, shown: rows[0] && !rows[0].discarded ? rows[0].version : 0 };
}

async function readDrafts(db: Queryable): Promise<DraftItem[]> {
    const { rows } = await db.query<{ key: string; body: unknown; base_hash: string | null; version: number; updated_by: string; updated_at: Date }>(
        'SELECT key, body, base_hash, version, updated_by, updated_at FROM knowledge_drafts WHERE NOT discarded ORDER BY key',
    );
    return rows.map((r) => ({ key: r.key, body: r.body ?? null, baseHash: r.base_hash, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString() }));
}

async function readVersion(db: Queryable, n: number): Promise<PublishedVersion | undefined> {
    const { rows } = await db.query<VersionRow>('SELECT n, published_by, published_at, items, changes, restored_from FROM knowledge_versions WHERE n = $1', [n]);
    return rows[0] ? { ...toSummary(rows[0]), items: rows[0].items ?? [] } : undefined;
}

function toSummary(row: VersionRow): VersionSummary {
    return { n: row.n, publishedBy: row.published_by, publishedAt: row.published_at.toISOString(), changes: row.changes, restoredFrom: row.restored_from };
}
