import type { Pool } from 'pg';
import type { ConversationEraser, EraseOptions } from '../../transcripts/conversationEraser';
import { isDirectLine } from '../../channels/directLine/directLineChannel';
import { checkTables, conversationStateKeyPrefix, SHARED_TABLES_WITHOUT_VISITOR_DATA, type NoVisitorData } from '../shared/erasure';
import { inTransaction, longStatements } from './pgDatabase';
import { nulSafe } from './nulSafe';

/** How long retention's deletes may run: on a large table they take longer than a turn's 3 s statements. */
const RETENTION_TIMEOUT_MS = 5 * 60_000;

/** A statement and its parameters. */
interface Query {
    text: string;
    values: unknown[];
}

/** One conversation, as the erase statements take it. */
interface Conversation {
    channelId: string;
    conversationId: string;
    /** True when the built-in Direct Line's copy goes too: its conversation, unless the erasure keeps it for later. */
    directLine: boolean;
}

/** How a table is erased: the statement deleting one conversation (none when it cannot be there), and old rows. */
interface Eraser {
    erase(c: Conversation): Query | undefined;
    expire(cutoff: Date): Query;
}

const ofConversation = (table: string) => (c: Conversation) => ({
    text: `DELETE FROM ${table} WHERE channel_id = $1 AND conversation_id = $2`,
    values: [c.channelId, c.conversationId],
});
const olderThan = (table: string, column: string) => (cutoff: Date) => ({ text: `DELETE FROM ${table} WHERE ${column} < $1`, values: [cutoff] });

/**
 * Every table of the schema, and how a conversation is erased from it; run in this order, in one transaction. A
 * table found in the schema (`information_schema.tables`) and missing here stops `ready()`, so the bot does not start.
 */
export const PG_TABLES: Record<string, Eraser | NoVisitorData> = {
    // Before its summary, though the summary's foreign key would take it along (ON DELETE CASCADE).
    transcript_activities: {
        erase: ofConversation('transcript_activities'),
        expire: (cutoff) => ({
            text: `DELETE FROM transcript_activities WHERE (channel_id, conversation_id) IN
                (SELECT channel_id, conversation_id FROM conversation_summaries WHERE last_activity_at < $1)`,
            values: [cutoff],
        }),
    },
    conversation_summaries: { erase: ofConversation('conversation_summaries'), expire: olderThan('conversation_summaries', 'last_activity_at') },
    unanswered_questions: { erase: ofConversation('unanswered_questions'), expire: olderThan('unanswered_questions', 'at') },
    advisor_follow_ups: { erase: ofConversation('advisor_follow_ups'), expire: olderThan('advisor_follow_ups', 'created_at') },
    bot_state: {
        erase: (c) => ({ text: 'DELETE FROM bot_state WHERE starts_with(key, $1)', values: [conversationStateKeyPrefix(c.channelId, c.conversationId)] }),
        expire: olderThan('bot_state', 'updated_at'),
    },
    directline_activities: {
        erase: (c) => (c.directLine ? { text: 'DELETE FROM directline_activities WHERE conversation_id = $1', values: [c.conversationId] } : undefined),
        expire: (cutoff) => ({
            text: 'DELETE FROM directline_activities WHERE conversation_id IN (SELECT id FROM directline_conversations WHERE last_activity_at < $1)',
            values: [cutoff],
        }),
    },
    directline_conversations: {
        erase: (c) => (c.directLine ? { text: 'DELETE FROM directline_conversations WHERE id = $1', values: [c.conversationId] } : undefined),
        expire: olderThan('directline_conversations', 'last_activity_at'),
    },
    // Tokens revoked on refresh (branch sec-tokens): they name the conversation. No rule runs for a table not there.
    directline_revoked_tokens: {
        erase: (c) => (c.directLine ? { text: 'DELETE FROM directline_revoked_tokens WHERE conversation_id = $1', values: [c.conversationId] } : undefined),
        expire: olderThan('directline_revoked_tokens', 'revoked_at'),
    },
    ...SHARED_TABLES_WITHOUT_VISITOR_DATA,
    schema_migrations: { noVisitorData: 'the ids of the migrations applied' },
};

/**
 * The conversation eraser of the PostgreSQL schema every instance shares.
 * @remarks `check()` lists the tables of the current schema (the one `search_path` names) and throws on one
 * `PG_TABLES` does not know; the storage's `ready()` calls it after the migrations, so the bot does not start.
 */
export class PgConversationEraser implements ConversationEraser {
    private tables?: Set<string>;

    constructor(private readonly pool: Pool) {}

    /** Lists the schema's tables and throws unless every one has a rule. */
    async check(): Promise<void> {
        const { rows } = await this.pool.query<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        );
        const found = rows.map((r) => r.name);
        checkTables(found, PG_TABLES, 'PgConversationEraser', 'PG_TABLES (src/stores/postgres/pgConversationEraser.ts)');
        this.tables = new Set(found);
    }

    async eraseConversation(channelId: string, conversationId: string, options: EraseOptions = {}): Promise<void> {
        const directLine = isDirectLine(channelId) && !options.keepDirectLineCopy;
        const queries = (await this.rules()).map((rule) => rule.erase({ channelId, conversationId, directLine }));
        await inTransaction(this.pool, async (client) => {
            for (const query of queries) if (query) await client.query(query.text, nulSafe(query.values));
        });
    }

    async eraseOlderThan(cutoff: Date): Promise<number> {
        const queries = (await this.rules()).map((rule) => rule.expire(cutoff));
        return inTransaction(this.pool, async (client) => {
            const long = await longStatements(client, RETENTION_TIMEOUT_MS);
            let deleted = 0;
            for (const query of queries) deleted += (await long(query.text, query.values)).rowCount ?? 0;
            return deleted;
        });
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}

    /** The rules of the tables the schema has, in order; checks the schema first if `check()` has not run. */
    private async rules(): Promise<Eraser[]> {
        if (!this.tables) await this.check();
        const tables = this.tables!;
        return Object.entries(PG_TABLES).flatMap(([table, rule]) => (tables.has(table) && 'erase' in rule ? [rule] : []));
    }
}
