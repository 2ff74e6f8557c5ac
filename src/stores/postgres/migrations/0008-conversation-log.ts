import type { Migration } from '../pgDatabase';

/**
 * The tables of `PgConversationLog`.
 * @remarks Ids and text compare byte-wise (`COLLATE "C"`) whatever the database's locale, so the list's order,
 * its keyset tokens and the stats' topic order are the SQLite ones. Times are `timestamptz(3)`: milliseconds, as
 * JavaScript dates and the ISO strings in continuation tokens hold them, so a token never falls between two rows.
 * Activities belong to their summary (`ON DELETE CASCADE`): deleting a summary deletes its transcript and search.
 * The body is `json`, not `jsonb`: it keeps the activity as given, `\u0000` escapes included, which `jsonb` refuses.
 */
export default {
    id: 'conversation-log-001',
    sql: `
CREATE TABLE conversation_summaries (
    channel_id text COLLATE "C" NOT NULL,
    conversation_id text COLLATE "C" NOT NULL,
    bot_id text,
    started_at timestamptz(3) NOT NULL,
    last_activity_at timestamptz(3) NOT NULL,
    message_count integer NOT NULL DEFAULT 0,
    topics text[] COLLATE "C" NOT NULL DEFAULT '{}',
    unanswered integer NOT NULL DEFAULT 0,
    rating_up integer NOT NULL DEFAULT 0,
    rating_down integer NOT NULL DEFAULT 0,
    follow_up_requested boolean NOT NULL DEFAULT false,
    reviewed boolean NOT NULL DEFAULT false,
    tags text[] NOT NULL DEFAULT '{}',
    notes text NOT NULL DEFAULT '',
    PRIMARY KEY (channel_id, conversation_id)
);
CREATE INDEX conversation_summaries_recent ON conversation_summaries (last_activity_at, channel_id, conversation_id);
CREATE INDEX conversation_summaries_started ON conversation_summaries (channel_id, started_at, conversation_id);
CREATE INDEX conversation_summaries_topics ON conversation_summaries USING gin (topics);
CREATE TABLE transcript_activities (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id text COLLATE "C" NOT NULL,
    conversation_id text COLLATE "C" NOT NULL,
    activity_id text,
    at timestamptz(3) NOT NULL,
    role text NOT NULL CHECK (role IN ('bot', 'user')),
    type text NOT NULL,
    source text,
    reason text,
    topics text[] COLLATE "C" NOT NULL DEFAULT '{}',
    answers_message boolean NOT NULL DEFAULT false,
    search tsvector,
    body json NOT NULL,
    FOREIGN KEY (channel_id, conversation_id) REFERENCES conversation_summaries (channel_id, conversation_id) ON DELETE CASCADE
);
CREATE INDEX transcript_activities_conversation ON transcript_activities (channel_id, conversation_id, seq);
CREATE INDEX transcript_activities_search ON transcript_activities USING gin (search);
`,
} satisfies Migration;
