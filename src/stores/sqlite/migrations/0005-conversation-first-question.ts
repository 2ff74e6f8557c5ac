import type { SqliteMigration } from '../sqliteMigrations';

/**
 * Each conversation's first question (`ConversationSummary.firstQuestion`, see `firstQuestionOf`), which the console's
 * list shows, backfilled from the activities already stored: the text of the visitor's first message that is not
 * blank, cut to 200 characters. Conversations without one stay NULL.
 * @remarks The stored activities are already redacted, so the backfill copies nothing that was not kept before.
 * `trim` with the four characters of BLANK_CHARS and `substr` (which counts characters, as the code counts code
 * points) give what the log sets for a new conversation. A file at version 0 may have the column already (a copy
 * written by this release and its version reset): it is looked for, and only summaries without a value are filled.
 */
export default {
    up(db) {
        const columns = db.prepare<[], { name: string }>('PRAGMA table_info(conversation_summaries)').all();
        if (!columns.some((c) => c.name === 'first_question')) db.exec('ALTER TABLE conversation_summaries ADD COLUMN first_question TEXT');
        db.exec(`
UPDATE conversation_summaries SET first_question = (
    SELECT substr(json_extract(a.body, '$.text'), 1, 200) FROM transcript_activities AS a
    WHERE a.channel_id = conversation_summaries.channel_id AND a.conversation_id = conversation_summaries.conversation_id
        AND a.role = 'user' AND a.type = 'message' AND json_valid(a.body) AND json_type(a.body, '$.text') = 'text'
        AND trim(json_extract(a.body, '$.text'), ' ' || char(9, 13, 10)) <> ''
    ORDER BY a.seq LIMIT 1
) WHERE first_question IS NULL`);
    },
} satisfies SqliteMigration;
