import type { SqliteMigration } from '../sqliteMigrations';

/**
 * The advisors' layer over the shipped knowledge (`KnowledgeLayerStore`): the working draft, one row per changed item
 * (`entry:<id>` or `synonyms`; `body` null for a retired entry), and every published version with its items and what
 * it changed. The highest `n` is live.
 * A discarded draft keeps its row (`discarded` = 1), so its version goes on rising: an editor's copy from before the
 * discard is refused even after someone drafts the item again.
 * @remarks `IF NOT EXISTS`: a file at version 0 written by this release (its version reset) has the tables already.
 */
export default {
    sql: `
CREATE TABLE IF NOT EXISTS knowledge_drafts (
    key TEXT PRIMARY KEY,
    body TEXT,
    base_hash TEXT,
    version INTEGER NOT NULL,
    discarded INTEGER NOT NULL DEFAULT 0,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS knowledge_versions (
    n INTEGER PRIMARY KEY,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    items TEXT NOT NULL,
    changes TEXT NOT NULL,
    restored_from INTEGER
);
`,
} satisfies SqliteMigration;
