import type { Migration } from '../pgDatabase';

/**
 * Tokens a refresh replaced (PgDirectLineStore.revokeToken). No foreign key: a token can be refreshed before its
 * conversation is started; rows go once the token has expired, and with the conversation.
 */
export default {
    id: 'direct-line-002-revoked-tokens',
    sql: `
CREATE TABLE directline_revoked_tokens (
    token_id text PRIMARY KEY,
    conversation_id text NOT NULL,
    revoked_at timestamptz(3) NOT NULL,
    expires_at timestamptz(3) NOT NULL
);
CREATE INDEX directline_revoked_tokens_expiry ON directline_revoked_tokens (expires_at);
CREATE INDEX directline_revoked_tokens_conversation ON directline_revoked_tokens (conversation_id);
`,
} satisfies Migration;
