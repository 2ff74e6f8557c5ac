import type { Migration } from '../pgDatabase';

/**
 * Each conversation's first question (`ConversationSummary.firstQuestion`, see `firstQuestionOf`), which the console's
 * list shows, backfilled from the activities already stored: the text of the visitor's first message that is not
 * blank, cut to 200 characters. Conversations without one stay NULL.
 * @remarks The stored activities are already redacted, so the backfill copies nothing that was not kept before.
 * The body is `json`, whose operators refuse a document with a `\u0000` escape: such escapes are made U+FFFD
 * first, as `nulSafe` makes a NUL when the log writes. `btrim` with the four characters of
 * BLANK_CHARS and `left` (which counts characters, as the code counts code points) give what the log sets.
 */
export default {
    id: '0011-conversation-first-question',
    sql: `
ALTER TABLE conversation_summaries ADD COLUMN first_question text;
UPDATE conversation_summaries AS s SET first_question = f.question
FROM (
    SELECT DISTINCT ON (channel_id, conversation_id) channel_id, conversation_id, left(doc ->> 'text', 200) AS question
    FROM (
        SELECT seq, channel_id, conversation_id, replace(body::text, '\\u0000', '\\ufffd')::json AS doc
        FROM transcript_activities
        WHERE role = 'user' AND type = 'message'
    ) AS m
    WHERE json_typeof(doc -> 'text') = 'string'
        AND btrim(doc ->> 'text', E' \\t\\r\\n') <> ''
    ORDER BY channel_id, conversation_id, seq
) AS f
WHERE s.channel_id = f.channel_id AND s.conversation_id = f.conversation_id;
`,
} satisfies Migration;
