import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import type { DraftItem, LayerItem, PublishedVersion, VersionSummary } from '../../authoring/knowledgeLayer';
import { StaleDraftError, type KnowledgeLayerStore, type Publication } from '../../authoring/knowledgeStore';

interface DraftRow {
    key: string;
    body: string | null;
    base_hash: string | null;
    version: number;
    updated_by: string;
    updated_at: string;
}
interface VersionRow {
    n: number;
    published_by: string;
    published_at: string;
    items?: string;
    changes: string;
    restored_from: number | null;
}

/** The advisors' layer in SQLite (tables `knowledge_drafts` and `knowledge_versions`). */
export class SqliteKnowledgeLayer implements KnowledgeLayerStore {
    private readonly db: Database.Database;

    constructor(file: string) {
        this.db = openSqlite(file);
    }

    async drafts(): Promise<DraftItem[]> {
        return this.readDrafts();
    }

    async saveDraft(item: LayerItem, expectedVersion: number, by: string): Promise<DraftItem> {
        const at = new Date().toISOString();
        const save = this.db.transaction(() => {
            const current = this.versionOf(item.key);
            if (current.shown !== expectedVersion) throw new StaleDraftError(item.key, expectedVersion, current.shown);
            this.db
                .prepare(`INSERT INTO knowledge_drafts (key, body, base_hash, version, discarded, updated_by, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET body = excluded.body, base_hash = excluded.base_hash, version = excluded.version,
                    discarded = 0, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
                .run(item.key, JSON.stringify(item.body), item.baseHash, current.version + 1, by, at);
            return current.version + 1;
        });
        return { ...item, version: save.immediate(), updatedBy: by, updatedAt: at };
    }

    async discardDraft(key: string, expectedVersion: number): Promise<void> {
        const discard = this.db.transaction(() => {
            const current = this.versionOf(key);
            if (current.shown !== expectedVersion) throw new StaleDraftError(key, expectedVersion, current.shown);
            this.db.prepare('UPDATE knowledge_drafts SET discarded = 1, version = version + 1 WHERE key = ?').run(key);
        });
        discard.immediate();
    }

    async publish(by: string, compose: (drafts: DraftItem[], live: PublishedVersion | undefined) => Publication): Promise<PublishedVersion> {
        const at = new Date().toISOString();
        const publish = this.db.transaction((): PublishedVersion => {
            const liveN = this.liveNumber();
            const live = liveN > 0 ? this.readVersion(liveN) : undefined;
            const drafts = this.readDrafts();
            const publication = compose(drafts, live);
            const n = liveN + 1;
            this.db
                .prepare('INSERT INTO knowledge_versions (n, published_by, published_at, items, changes, restored_from) VALUES (?, ?, ?, ?, ?, ?)')
                .run(n, by, at, JSON.stringify(publication.items), JSON.stringify(publication.changes), publication.restoredFrom ?? null);
            if (publication.replaceDrafts) this.replaceDrafts(publication.items, by, at);
            return { n, publishedBy: by, publishedAt: at, items: publication.items, changes: publication.changes, restoredFrom: publication.restoredFrom ?? null };
        });
        return publish.immediate();
    }

    async liveVersion(): Promise<number> {
        return this.liveNumber();
    }

    async version(n: number): Promise<PublishedVersion | undefined> {
        return this.readVersion(n);
    }

    async versions(): Promise<VersionSummary[]> {
        return this.db
            .prepare<[], VersionRow>('SELECT n, published_by, published_at, changes, restored_from FROM knowledge_versions ORDER BY n DESC')
            .all()
            .map(toSummary);
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }

    private liveNumber(): number {
        return this.db.prepare<[], { n: number | null }>('SELECT max(n) AS n FROM knowledge_versions').get()?.n ?? 0;
    }

    /** The row's version (rising through discards), and the one editors see: 0 while there is no draft. */
    private versionOf(key: string): { version: number; shown: number } {
        const row = this.db.prepare<[string], { version: number; discarded: number }>('SELECT version, discarded FROM knowledge_drafts WHERE key = ?').get(key);
        return { version: row?.version ?? 0, shown: row && !row.discarded ? row.version : 0 };
    }

    private readDrafts(): DraftItem[] {
        return this.db
            .prepare<[], DraftRow>('SELECT key, body, base_hash, version, updated_by, updated_at FROM knowledge_drafts WHERE discarded = 0 ORDER BY key')
            .all()
            .map((row) => ({ key: row.key, body: row.body === null ? null : JSON.parse(row.body), baseHash: row.base_hash, version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at }));
    }

    private readVersion(n: number): PublishedVersion | undefined {
        const row = this.db.prepare<[number], VersionRow>('SELECT n, published_by, published_at, items, changes, restored_from FROM knowledge_versions WHERE n = ?').get(n);
        return row ? { ...toSummary(row), items: JSON.parse(row.items!) as LayerItem[] } : undefined;
    }

    /** The drafts become `items`: every key's version goes up by one, and a key no longer in `items` is discarded. */
    private replaceDrafts(items: LayerItem[], by: string, at: string): void {
        this.db.prepare('UPDATE knowledge_drafts SET discarded = 1, version = version + 1 WHERE discarded = 0').run();
        const put = this.db.prepare(`INSERT INTO knowledge_drafts (key, body, base_hash, version, discarded, updated_by, updated_at) VALUES (?, ?, ?, 1, 0, ?, ?)
            ON CONFLICT (key) DO UPDATE SET body = excluded.body, base_hash = excluded.base_hash, version = knowledge_drafts.version + 1,
            discarded = 0, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
        for (const item of items) put.run(item.key, JSON.stringify(item.body), item.baseHash, by, at);
    }
}

function toSummary(row: VersionRow): VersionSummary {
    return { n: row.n, publishedBy: row.published_by, publishedAt: row.published_at, changes: JSON.parse(row.changes), restoredFrom: row.restored_from };
}
