import type { ConversationFilter } from '../../transcripts/conversationLog';
import { isoOf } from '../../transcripts/pageTokens';

/** One row of `conversation_summaries`, as selected by `SUMMARY_COLUMNS`. */
export interface SummaryRow {
    channel_id: string;
    conversation_id: string;
    bot_id: string | null;
    started_at: string;
    last_activity_at: string;
    message_count: number;
    topics: string;
    unanswered: number;
    rating_up: number;
    rating_down: number;
    follow_up_requested: number;
    reviewed: number;
    tags: string;
    notes: string;
    first_question: string | null;
}

export const SUMMARY_COLUMNS = `s.channel_id, s.conversation_id, s.bot_id, s.started_at, s.last_activity_at, s.message_count, s.topics,
    s.unanswered, s.rating_up, s.rating_down, s.follow_up_requested, s.reviewed, s.tags, s.notes, s.first_question`;

// At most this many words of a search reach FTS5; an advisor types a few, a pasted paragraph would be slow.
const MAX_SEARCH_WORDS = 16;

/**
 * An FTS5 query matching every word of `text` as a word or a prefix, or undefined when `text` holds no word.
 * @remarks Each word is quoted and holds only letters and digits, so no input can be read as FTS5 syntax.
 */
export function ftsQuery(text: string): string | undefined {
    const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
    return words.length ? words.map((w) => `"${w}"*`).join(' ') : undefined;
}

/** The WHERE clause of the conversation list for `filter` (`s` is the summary table), or `null` when nothing can match. */
export function filterClause(filter: ConversationFilter, where: string): { sql: string[]; params: (string | number)[] } | null {
    const sql: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
        sql.push(clause);
        params.push(...values);
    };
    if (filter.from != null) add('s.last_activity_at >= ?', isoOf(filter.from, 'filter.from', where));
    if (filter.to != null) add('s.last_activity_at < ?', isoOf(filter.to, 'filter.to', where));
    if (filter.channelId != null) add('s.channel_id = ?', filter.channelId);
    if (filter.topic != null) add('EXISTS (SELECT 1 FROM json_each(s.topics) AS t WHERE t.value = ?)', filter.topic);
    if (filter.unanswered != null) add(filter.unanswered ? 's.unanswered > 0' : 's.unanswered = 0');
    if (filter.negativeRating != null) add(filter.negativeRating ? 's.rating_down > 0' : 's.rating_down = 0');
    if (filter.followUpRequested != null) add('s.follow_up_requested = ?', filter.followUpRequested ? 1 : 0);
    if (filter.reviewed != null) add('s.reviewed = ?', filter.reviewed ? 1 : 0);
    if (filter.text != null && filter.text.trim() !== '') {
        const query = ftsQuery(filter.text);
        if (query === undefined) return null;
        add(
            `(s.channel_id, s.conversation_id) IN (SELECT a.channel_id, a.conversation_id FROM transcript_search
                JOIN transcript_activities AS a ON a.seq = transcript_search.rowid WHERE transcript_search MATCH ?)`,
            query,
        );
    }
    return { sql, params };
}

/** Conversations whose last activity falls in [from, to), joined to their activities as `a`. */
const IN_RANGE = `FROM transcript_activities AS a JOIN conversation_summaries AS s
    ON s.channel_id = a.channel_id AND s.conversation_id = a.conversation_id
    WHERE s.last_activity_at >= @from AND s.last_activity_at < @to`;

/** The statements of `stats(from, to)`, each taking `{ from, to }`. */
export const STATS_SQL = Object.freeze({
    perDay: `SELECT substr(started_at, 1, 10) AS day, COUNT(*) AS conversations FROM conversation_summaries
        WHERE last_activity_at >= @from AND last_activity_at < @to GROUP BY day ORDER BY day`,
    // Only answers from knowledge or a dialog carry topics in `a.topics` (see activityFacts).
    perTopic: `SELECT t.value AS topic, COUNT(*) AS answers FROM transcript_activities AS a
        JOIN conversation_summaries AS s ON s.channel_id = a.channel_id AND s.conversation_id = a.conversation_id
        JOIN json_each(a.topics) AS t
        WHERE s.last_activity_at >= @from AND s.last_activity_at < @to AND a.role = 'bot'
        GROUP BY t.value ORDER BY answers DESC, topic`,
    replies: `SELECT a.source AS source, COUNT(*) AS replies ${IN_RANGE} AND a.answers_message = 1 GROUP BY a.source`,
    ratings: `SELECT COALESCE(SUM(rating_up), 0) AS up, COALESCE(SUM(rating_down), 0) AS down FROM conversation_summaries
        WHERE last_activity_at >= @from AND last_activity_at < @to`,
});

/**
 * The statements of `conversationFacts(from, to)`: the period's conversations, newest first (`@limit` of them), and
 * their messages and events in the order logged, with the parts of the body Insights and the review inbox read.
 */
export const FACTS_SQL = Object.freeze({
    conversations: `SELECT channel_id AS channelId, conversation_id AS conversationId, started_at AS startedAt,
        last_activity_at AS lastActivityAt, follow_up_requested AS followUpRequested FROM conversation_summaries
        WHERE last_activity_at >= @from AND last_activity_at < @to
        ORDER BY last_activity_at DESC, channel_id DESC, conversation_id DESC LIMIT @limit`,
    activities: `WITH picked AS (SELECT channel_id, conversation_id FROM conversation_summaries
            WHERE last_activity_at >= @from AND last_activity_at < @to
            ORDER BY last_activity_at DESC, channel_id DESC, conversation_id DESC LIMIT @limit)
        SELECT a.channel_id AS channelId, a.conversation_id AS conversationId, a.role, a.type, a.at, a.activity_id AS activityId,
            json_extract(a.body, '$.replyToId') AS replyToId, json_extract(a.body, '$.name') AS name,
            json_extract(a.body, '$.channelData.answer') AS answer, json_extract(a.body, '$.entities') AS entities,
            CASE WHEN json_type(a.body, '$.text') = 'text' THEN json_extract(a.body, '$.text') END AS text
        FROM transcript_activities AS a JOIN picked AS p ON p.channel_id = a.channel_id AND p.conversation_id = a.conversation_id
        WHERE a.type IN ('message', 'event') ORDER BY a.seq`,
});
