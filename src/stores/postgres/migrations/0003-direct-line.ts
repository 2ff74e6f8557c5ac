import type { Migration } from '../pgDatabase';

/** Activities are text, not jsonb: they are handed back exactly as written, `\u0000` escapes included. */
export default {
    id: 'direct-line-001',
    sql: `
CREATE TABLE directline_conversations (
    id text PRIMARY KEY,
    user_id text NOT NULL,
    created_at timestamptz(3) NOT NULL,
    last_activity_at timestamptz(3) NOT NULL,
    last_seq integer NOT NULL DEFAULT 0
);
CREATE INDEX directline_conversations_idle ON directline_conversations (last_activity_at);
CREATE TABLE directline_activities (
    conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    activity text NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE directline_keys (
    name text PRIMARY KEY,
    value bytea NOT NULL
);
`,
} satisfies Migration;
