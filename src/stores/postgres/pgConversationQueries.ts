import porterStemmer from '@stdlib/nlp-porter-stemmer';
import type { Topic } from '../../knowledge/schema';
import type { ConversationFilter, ConversationSummary } from '../../transcripts/conversationLog';
import { isoOf } from '../../transcripts/pageTokens';

/** One row of `conversation_summaries`, as `pg` reads `SUMMARY_COLUMNS`. */
export interface PgSummaryRow {
    channel_id: string;
    conversation_id: string;
    started_at: Date;
    last_activity_at: Date;
    message_count: number;
    topics: string[];
    unanswered: number;
    rating_up: number;
    rating_down: number;
    follow_up_requested: boolean;
    reviewed: boolean;
    tags: string[];
    notes: string;
    first_question: string | null;
}

/** The columns `PgSummaryRow` reads, from the summary table as `s`. */
export const SUMMARY_COLUMNS = `s.channel_id, s.conversation_id, s.started_at, s.last_activity_at, s.message_count, s.topics,
    s.unanswered, s.rating_up, s.rating_down, s.follow_up_requested, s.reviewed, s.tags, s.notes, s.first_question`;

/** A traced bot message (`$12`) answering the visitor activity it names (`$13`), else the visitor's latest activity. */
const ANSWERS_VISITOR_MESSAGE = `COALESCE($12::boolean AND COALESCE(
        (SELECT v.type FROM transcript_activities AS v WHERE v.channel_id = $1 AND v.conversation_id = $2 AND v.role = 'user'
            AND v.activity_id = $13 ORDER BY v.seq DESC LIMIT 1),
        (SELECT v.type FROM transcript_activities AS v WHERE v.channel_id = $1 AND v.conversation_id = $2 AND v.role = 'user'
            ORDER BY v.seq DESC LIMIT 1)
    ) = 'message', false)`;

/** The fixed statements of `PgConversationLog`. */
export const PG_STATEMENTS = Object.freeze({
    // Insert or lock in one statement: the no-op DO UPDATE takes the row lock DO NOTHING would not, so every instance
    // logging to this conversation waits its turn until commit, and no delete can slip between the insert and the lock.
    lockSummary: `INSERT INTO conversation_summaries AS s (channel_id, conversation_id, started_at, last_activity_at)
        VALUES ($1, $2, $3, $3) ON CONFLICT (channel_id, conversation_id) DO UPDATE SET bot_id = s.bot_id
        RETURNING s.bot_id, s.topics`,
    insertActivity: `INSERT INTO transcript_activities
        (channel_id, conversation_id, activity_id, at, role, type, source, reason, topics, search, body, answers_message)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector('simple', $10), $11, ${ANSWERS_VISITOR_MESSAGE})`,
    updateSummary: `UPDATE conversation_summaries SET bot_id = COALESCE(bot_id, $3), started_at = LEAST(started_at, $4),
        last_activity_at = GREATEST(last_activity_at, $4), message_count = message_count + $5, topics = $6,
        unanswered = unanswered + $7, rating_up = rating_up + $8, rating_down = rating_down + $9,
        first_question = COALESCE(first_question, $10)
        WHERE channel_id = $1 AND conversation_id = $2`,
    summary: `SELECT ${SUMMARY_COLUMNS} FROM conversation_summaries AS s WHERE s.channel_id = $1 AND s.conversation_id = $2`,
    transcriptPage: `SELECT seq, body FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2
        AND seq > $3 AND ($4::timestamptz IS NULL OR at >= $4) ORDER BY seq LIMIT $5`,
    allActivities: 'SELECT body FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2 ORDER BY seq',
    transcriptList: `SELECT conversation_id, started_at FROM conversation_summaries WHERE channel_id = $1
        AND ($2::timestamptz IS NULL OR (started_at, conversation_id) > ($2, $3))
        ORDER BY started_at, conversation_id LIMIT $4`,
    // Activities go with their summary (ON DELETE CASCADE), search included.
    deleteSummary: 'DELETE FROM conversation_summaries WHERE channel_id = $1 AND conversation_id = $2',
    deleteOld: 'DELETE FROM conversation_summaries WHERE last_activity_at < $1',
    markFollowUp: `INSERT INTO conversation_summaries (channel_id, conversation_id, started_at, last_activity_at, follow_up_requested)
        VALUES ($1, $2, $3, $3, true) ON CONFLICT (channel_id, conversation_id) DO UPDATE SET follow_up_requested = true`,
});

/** The statements of `stats(from, to)`, each taking `[from, to]`; counts are cast to `int` so `pg` gives numbers. */
export const PG_STATS_SQL = Object.freeze({
    perDay: `SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COUNT(*)::int AS conversations
        FROM conversation_summaries WHERE last_activity_at >= $1 AND last_activity_at < $2 GROUP BY day ORDER BY day`,
    // Only answers from knowledge or a dialog carry topics in `a.topics` (see activityFacts).
    perTopic: `SELECT t.topic, COUNT(*)::int AS answers FROM transcript_activities AS a
        JOIN conversation_summaries AS s ON s.channel_id = a.channel_id AND s.conversation_id = a.conversation_id
        CROSS JOIN LATERAL unnest(a.topics) AS t(topic)
        WHERE s.last_activity_at >= $1 AND s.last_activity_at < $2 AND a.role = 'bot'
        GROUP BY t.topic ORDER BY answers DESC, t.topic`,
    replies: `SELECT a.source, COUNT(*)::int AS replies FROM transcript_activities AS a
        JOIN conversation_summaries AS s ON s.channel_id = a.channel_id AND s.conversation_id = a.conversation_id
        WHERE s.last_activity_at >= $1 AND s.last_activity_at < $2 AND a.answers_message GROUP BY a.source`,
    ratings: `SELECT COALESCE(SUM(rating_up), 0)::int AS up, COALESCE(SUM(rating_down), 0)::int AS down FROM conversation_summaries
        WHERE last_activity_at >= $1 AND last_activity_at < $2`,
});

/**
 * The statements of `conversationFacts(from, to)`, each taking `[from, to, limit]`: the period's conversations, newest
 * first, and their messages and events in the order logged, with the parts of the body Insights and the review inbox read.
 */
export const PG_FACTS_SQL = Object.freeze({
    conversations: `SELECT channel_id AS "channelId", conversation_id AS "conversationId", started_at AS "startedAt",
        last_activity_at AS "lastActivityAt", follow_up_requested AS "followUpRequested" FROM conversation_summaries
        WHERE last_activity_at >= $1 AND last_activity_at < $2
        ORDER BY last_activity_at DESC, channel_id DESC, conversation_id DESC LIMIT $3`,
    activities: `WITH picked AS (SELECT channel_id, conversation_id FROM conversation_summaries
            WHERE last_activity_at >= $1 AND last_activity_at < $2
            ORDER BY last_activity_at DESC, channel_id DESC, conversation_id DESC LIMIT $3)
        SELECT a.channel_id AS "channelId", a.conversation_id AS "conversationId", a.role, a.type, a.at, a.activity_id AS "activityId",
            a.body->>'replyToId' AS "replyToId", a.body->>'name' AS name,
            a.body->'channelData'->'answer' AS answer, a.body->'entities' AS entities,
            CASE WHEN json_typeof(a.body->'text') = 'string' THEN a.body->>'text' END AS text
        FROM transcript_activities AS a JOIN picked AS p ON p.channel_id = a.channel_id AND p.conversation_id = a.conversation_id
        WHERE a.type IN ('message', 'event') ORDER BY a.seq`,
});

// At most this many words of a search reach PostgreSQL; an advisor types a few, a pasted paragraph would be slow.
const MAX_SEARCH_WORDS = 16;

/**
 * The words full-text search indexes and looks for: lowercased, accents dropped, split at anything but a letter or
 * a digit, English words stemmed.
 * @remarks The same rules as the SQLite log's FTS5 tokenizer (`porter unicode61 remove_diacritics 2`), applied to the
 * text and to the search alike, so an e-mail address, a URL or `3.5` is found by its parts as it is there.
 */
export function searchWords(text: string): string[] {
    const words = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.map((w) => (/^[a-z]+$/.test(w) ? porterStemmer(w) : w));
}

/**
 * A `to_tsquery('simple', …)` text matching every word of `text` as a word or a prefix, or undefined when `text`
 * holds no word.
 * @remarks Words hold only letters and digits, so no input can be read as tsquery syntax.
 */
export function tsQuery(text: string): string | undefined {
    const words = searchWords(text).slice(0, MAX_SEARCH_WORDS);
    return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/** The WHERE clauses of the conversation list for `filter` (`s` is the summary table), or `null` when nothing can match. */
export function pgFilterClause(filter: ConversationFilter, params: unknown[], where: string): string[] | null {
    const sql: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.from != null) sql.push(`s.last_activity_at >= ${param(isoOf(filter.from, 'filter.from', where))}`);
    if (filter.to != null) sql.push(`s.last_activity_at < ${param(isoOf(filter.to, 'filter.to', where))}`);
    if (filter.channelId != null) sql.push(`s.channel_id = ${param(filter.channelId)}`);
    // `@>` rather than `= ANY`, so the GIN index on topics serves it.
    if (filter.topic != null) sql.push(`s.topics @> ARRAY[${param(filter.topic)}]::text[]`);
    if (filter.unanswered != null) sql.push(filter.unanswered ? 's.unanswered > 0' : 's.unanswered = 0');
    if (filter.negativeRating != null) sql.push(filter.negativeRating ? 's.rating_down > 0' : 's.rating_down = 0');
    if (filter.followUpRequested != null) sql.push(`s.follow_up_requested = ${param(Boolean(filter.followUpRequested))}`);
    if (filter.reviewed != null) sql.push(`s.reviewed = ${param(Boolean(filter.reviewed))}`);
    if (filter.text != null && filter.text.trim() !== '') {
        const query = tsQuery(filter.text);
        if (query === undefined) return null;
        sql.push(`(s.channel_id, s.conversation_id) IN (SELECT a.channel_id, a.conversation_id FROM transcript_activities AS a
            WHERE a.search @@ to_tsquery('simple', ${param(query)}))`);
    }
    return sql;
}

/**
 * A time read from a continuation token, checked before PostgreSQL sees it.
 * @throws RangeError when it is not a date, so a forged token answers 400 like any other bad token
 */
export function tokenTime(value: string | number, where: string): string {
    const date = new Date(value);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new RangeError(`${where}: the continuation token is not one this store gave`);
    return date.toISOString();
}

/** A summary row as the advisors' console sees it; times back to ISO 8601. */
export function toSummary(row: PgSummaryRow): ConversationSummary {
    return {
        channelId: row.channel_id,
        conversationId: row.conversation_id,
        startedAt: row.started_at.toISOString(),
        lastActivityAt: row.last_activity_at.toISOString(),
        messageCount: row.message_count,
        topics: row.topics as Topic[],
        unanswered: row.unanswered,
        rating: { up: row.rating_up, down: row.rating_down },
        followUpRequested: row.follow_up_requested,
        reviewed: row.reviewed,
        tags: row.tags,
        notes: row.notes,
        ...(row.first_question === null ? {} : { firstQuestion: row.first_question }),
    };
}
