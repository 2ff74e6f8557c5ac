import type { Migration } from './pgDatabase';
import { CONVERSATION_LOG_MIGRATIONS } from './pgConversationLogSchema';

/**
 * The schema of every PostgreSQL store, in the order `migrate` applies it.
 * @remarks Append only: an applied migration is recorded by id and never runs again, so a change to the schema
 * is a new entry, never an edit of an old one. Times written from JavaScript are `timestamptz(3)` (milliseconds,
 * what a `Date` holds); names that are sorted are `COLLATE "C"`, so they sort as in SQLite whatever the locale.
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
    {
        id: 'bot-state-001',
        sql: `CREATE TABLE bot_state (
            key text PRIMARY KEY,
            etag text NOT NULL,
            doc jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )`,
    },
    {
        id: 'unanswered-questions-001',
        sql: `CREATE TABLE unanswered_questions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz(3) NOT NULL,
            channel_id text NOT NULL,
            conversation_id text NOT NULL,
            question text NOT NULL
        );
        CREATE INDEX unanswered_questions_at ON unanswered_questions (at);
        CREATE INDEX unanswered_questions_conversation ON unanswered_questions (channel_id, conversation_id);`,
    },
    {
        // Activities are text, not jsonb: they are handed back exactly as written, `\u0000` escapes included.
        id: 'direct-line-001',
        sql: `CREATE TABLE directline_conversations (
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
        );`,
    },
    {
        id: 'advisor-accounts-001',
        sql: `CREATE TABLE advisor_accounts (
            username text COLLATE "C" PRIMARY KEY,
            password_hash text NOT NULL,
            role text NOT NULL CHECK (role IN ('advisor', 'admin')),
            created_at timestamptz(3) NOT NULL,
            updated_at timestamptz(3) NOT NULL,
            disabled boolean NOT NULL DEFAULT false
        )`,
    },
    {
        id: 'advisor-sessions-001',
        sql: `CREATE TABLE advisor_sessions (
            token_hash text PRIMARY KEY,
            username text NOT NULL,
            created_at timestamptz(3) NOT NULL,
            idle_expires_at timestamptz(3) NOT NULL,
            expires_at timestamptz(3) NOT NULL
        );
        CREATE INDEX advisor_sessions_username ON advisor_sessions (username);`,
    },
    {
        id: 'advisor-audit-001',
        sql: `CREATE TABLE advisor_audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz(3) NOT NULL,
            username text NOT NULL,
            action text NOT NULL,
            target text,
            detail text
        );
        CREATE INDEX advisor_audit_at ON advisor_audit (at, id);`,
    },
    {
        id: 'advisor-follow-ups-001',
        sql: `CREATE TABLE advisor_follow_ups (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            channel_id text NOT NULL,
            conversation_id text NOT NULL,
            created_at timestamptz(3) NOT NULL,
            name text NOT NULL,
            contact text NOT NULL,
            contact_kind text NOT NULL CHECK (contact_kind IN ('email', 'phone')),
            topic text NOT NULL,
            status text NOT NULL CHECK (status IN ('open', 'claimed', 'done')),
            claimed_by text,
            updated_at timestamptz(3) NOT NULL
        );
        CREATE INDEX advisor_follow_ups_status ON advisor_follow_ups (status, created_at);
        CREATE INDEX advisor_follow_ups_created ON advisor_follow_ups (created_at);
        CREATE INDEX advisor_follow_ups_conversation ON advisor_follow_ups (channel_id, conversation_id);`,
    },
    // conversation log: see pgConversationLog.ts
    ...CONVERSATION_LOG_MIGRATIONS,
    {
        // Tokens a refresh replaced (PgDirectLineStore.revokeToken). No foreign key: a token can be refreshed before
        // its conversation is started; rows go once the token has expired, and with the conversation.
        id: 'direct-line-002-revoked-tokens',
        sql: `CREATE TABLE directline_revoked_tokens (
            token_id text PRIMARY KEY,
            conversation_id text NOT NULL,
            revoked_at timestamptz(3) NOT NULL,
            expires_at timestamptz(3) NOT NULL
        );
        CREATE INDEX directline_revoked_tokens_expiry ON directline_revoked_tokens (expires_at);
        CREATE INDEX directline_revoked_tokens_conversation ON directline_revoked_tokens (conversation_id);`,
    },
    {
        // The known gap a question was on (knowledge/gaps.yaml); NULL for a question nothing matched.
        id: 'unanswered-questions-002-gap',
        sql: 'ALTER TABLE unanswered_questions ADD COLUMN gap text',
    },
]);
