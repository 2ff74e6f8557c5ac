import type { SqliteMigration } from '../sqliteMigrations';

/**
 * Tokens a Direct Line refresh replaced (SqliteDirectLineStore.revokeToken). No foreign key: a token can be refreshed
 * before its conversation is started; rows go once the token has expired, and with the conversation.
 * @remarks `IF NOT EXISTS`: files written between that change and migrations (at version 0) have the table already.
 */
export default {
    sql: `
CREATE TABLE IF NOT EXISTS directline_revoked_tokens (
    token_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    revoked_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS directline_revoked_tokens_expiry ON directline_revoked_tokens (expires_at);
CREATE INDEX IF NOT EXISTS directline_revoked_tokens_conversation ON directline_revoked_tokens (conversation_id);
`,
} satisfies SqliteMigration;
