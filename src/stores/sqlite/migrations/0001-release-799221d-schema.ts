import type { SqliteMigration } from '../sqliteMigrations';

/**
 * Every table as release 799221d (the last without migrations) created them, statement for statement.
 * @remarks `IF NOT EXISTS` throughout: a file written before migrations has these tables already (at version 0), and
 * applying this to it changes nothing; the migrations after this one bring it, and a new file, to today's schema.
 * Never edit it: what a file holds is what these statements made.
 */
export default {
    sql: `
CREATE TABLE IF NOT EXISTS bot_state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    doc TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS advisor_accounts (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('advisor', 'admin')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS unanswered_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    question TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS directline_conversations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS directline_conversations_idle ON directline_conversations (last_activity_at);
CREATE TABLE IF NOT EXISTS directline_activities (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    activity TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS directline_keys (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS conversation_summaries (
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    bot_id TEXT,
    started_at TEXT NOT NULL,
    last_activity_at TEXT NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0,
    topics TEXT NOT NULL DEFAULT '[]',
    unanswered INTEGER NOT NULL DEFAULT 0,
    rating_up INTEGER NOT NULL DEFAULT 0,
    rating_down INTEGER NOT NULL DEFAULT 0,
    follow_up_requested INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (channel_id, conversation_id)
);
CREATE INDEX IF NOT EXISTS conversation_summaries_recent ON conversation_summaries (last_activity_at, channel_id, conversation_id);
CREATE INDEX IF NOT EXISTS conversation_summaries_started ON conversation_summaries (channel_id, started_at, conversation_id);
CREATE TABLE IF NOT EXISTS transcript_activities (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    activity_id TEXT,
    at TEXT NOT NULL,
    role TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT,
    reason TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    answers_message INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transcript_activities_conversation ON transcript_activities (channel_id, conversation_id, seq);
CREATE VIRTUAL TABLE IF NOT EXISTS transcript_search USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS advisor_follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    contact_kind TEXT NOT NULL CHECK (contact_kind IN ('email', 'phone')),
    topic TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'done')),
    claimed_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS advisor_follow_ups_status ON advisor_follow_ups (status, created_at);
CREATE INDEX IF NOT EXISTS advisor_follow_ups_conversation ON advisor_follow_ups (channel_id, conversation_id);

CREATE TABLE IF NOT EXISTS advisor_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    idle_expires_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS advisor_sessions_username ON advisor_sessions (username);

CREATE TABLE IF NOT EXISTS advisor_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS advisor_audit_at ON advisor_audit (at);
`,
} satisfies SqliteMigration;
