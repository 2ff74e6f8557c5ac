import type { Migration } from '../pgDatabase';

/**
 * The advisors' layer over the shipped knowledge (`KnowledgeLayerStore`): the working draft, one row per changed item
 * (`entry:<id>` or `synonyms`; `body` null for a retired entry), and every published version with its items and what
 * it changed. The highest `n` is live; every instance polls it. A discarded draft keeps its row (`discarded`), so its
 * version goes on rising: an editor's copy from before the discard is refused even after someone drafts the item again.
 */
export default {
    id: '0013-knowledge-layer',
    sql: `
CREATE TABLE knowledge_drafts (
    key text PRIMARY KEY,
    body jsonb,
    base_hash text,
    version integer NOT NULL,
    discarded boolean NOT NULL DEFAULT false,
    updated_by text NOT NULL,
    updated_at timestamptz(3) NOT NULL
);
CREATE TABLE knowledge_versions (
    n integer PRIMARY KEY,
    published_by text NOT NULL,
    published_at timestamptz(3) NOT NULL,
    items jsonb NOT NULL,
    changes jsonb NOT NULL,
    restored_from integer
);
`,
} satisfies Migration;
