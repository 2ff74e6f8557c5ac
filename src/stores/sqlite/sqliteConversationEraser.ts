import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import type { ConversationEraser, EraseOptions } from '../../transcripts/conversationEraser';
import { isDirectLine } from '../../channels/directLine/directLineChannel';
import { checkTables, conversationStateKeyPrefix, SHARED_TABLES_WITHOUT_VISITOR_DATA, type TableRule } from '../shared/erasure';

/** The parameters every statement below may use (better-sqlite3 binds the ones a statement names). */
interface Parameters {
    channelId: string;
    conversationId: string;
    /** 1 when the conversation is the built-in Direct Line's, whose store is keyed by conversation id alone. */
    directLine: 0 | 1;
    /** The conversation's bot-state keys are those from `stateFrom` (included) up to `stateTo` (excluded). */
    stateFrom: string;
    stateTo: string;
    /** The cutoff as the tables hold times: ISO 8601 text, or milliseconds since 1970. */
    cutoffIso: string;
    cutoffMs: number;
}

const OF_CONVERSATION = 'channel_id = @channelId AND conversation_id = @conversationId';
const OLD_CONVERSATIONS = 'SELECT channel_id, conversation_id FROM conversation_summaries WHERE last_activity_at < @cutoffIso';

/**
 * Every table of the SQLite file, and how a conversation is erased from it; run in this order. A table found in the
 * file and missing here stops the bot at start-up (`checkTables`). Names starting `sqlite_` are SQLite's own.
 */
export const SQLITE_TABLES: Record<string, TableRule<string>> = {
    // Before transcript_activities: its rows are found through theirs (rowid = seq).
    transcript_search: {
        erase: `DELETE FROM transcript_search WHERE rowid IN (SELECT seq FROM transcript_activities WHERE ${OF_CONVERSATION})`,
        expire: `DELETE FROM transcript_search WHERE rowid IN
            (SELECT seq FROM transcript_activities WHERE (channel_id, conversation_id) IN (${OLD_CONVERSATIONS}))`,
    },
    transcript_search_config: { noVisitorData: "FTS5's settings for transcript_search" },
    transcript_search_content: { noVisitorData: 'FTS5 keeps it with transcript_search: its rows go with theirs' },
    transcript_search_data: { noVisitorData: "FTS5's index of transcript_search, secure-delete: a deleted row's words go with it" },
    transcript_search_docsize: { noVisitorData: 'FTS5 keeps it with transcript_search: its rows go with theirs' },
    transcript_search_idx: { noVisitorData: "FTS5's index of transcript_search: segment boundaries, kept with it" },
    transcript_activities: {
        erase: `DELETE FROM transcript_activities WHERE ${OF_CONVERSATION}`,
        expire: `DELETE FROM transcript_activities WHERE (channel_id, conversation_id) IN (${OLD_CONVERSATIONS})`,
    },
    conversation_summaries: {
        erase: `DELETE FROM conversation_summaries WHERE ${OF_CONVERSATION}`,
        expire: 'DELETE FROM conversation_summaries WHERE last_activity_at < @cutoffIso',
    },
    unanswered_questions: {
        erase: `DELETE FROM unanswered_questions WHERE ${OF_CONVERSATION}`,
        expire: 'DELETE FROM unanswered_questions WHERE at < @cutoffIso',
    },
    advisor_follow_ups: {
        erase: `DELETE FROM advisor_follow_ups WHERE ${OF_CONVERSATION}`,
        expire: 'DELETE FROM advisor_follow_ups WHERE created_at < @cutoffIso',
    },
    bot_state: {
        erase: 'DELETE FROM bot_state WHERE key >= @stateFrom AND key < @stateTo',
        expire: 'DELETE FROM bot_state WHERE updated_at < @cutoffMs',
    },
    directline_activities: {
        erase: 'DELETE FROM directline_activities WHERE @directLine = 1 AND conversation_id = @conversationId',
        expire: 'DELETE FROM directline_activities WHERE conversation_id IN (SELECT id FROM directline_conversations WHERE last_activity_at < @cutoffMs)',
    },
    directline_conversations: {
        erase: 'DELETE FROM directline_conversations WHERE @directLine = 1 AND id = @conversationId',
        expire: 'DELETE FROM directline_conversations WHERE last_activity_at < @cutoffMs',
    },
    // Tokens revoked on refresh (branch sec-tokens): they name the conversation. No rule runs for a table not there.
    directline_revoked_tokens: {
        erase: 'DELETE FROM directline_revoked_tokens WHERE @directLine = 1 AND conversation_id = @conversationId',
        expire: 'DELETE FROM directline_revoked_tokens WHERE revoked_at < @cutoffMs',
    },
    ...SHARED_TABLES_WITHOUT_VISITOR_DATA,
};

/**
 * The conversation eraser of a SQLite file: one transaction over every table, on its own connection.
 * @remarks Opening the file migrates it (openSqlite), so every table is there; throws at once (so at start-up) when
 * the file has a table `SQLITE_TABLES` does not know.
 */
export class SqliteConversationEraser implements ConversationEraser {
    private readonly db: Database.Database;
    private readonly eraseAll: (p: Parameters) => void;
    private readonly expireAll: (p: Parameters) => number;

    /**
     * @param options.emptyWal cleans up after an erasure (`WalCheckpointer.truncate({ vacuum: true })`): `secure_delete`
     * zeroes a deleted row where it lies, but the WAL still holds the pages as they were before, and a row SQLite once
     * moved to another page can have left a copy in its old page's unused space; the database is rebuilt, then the WAL
     * emptied.
     */
    constructor(file: string, private readonly options: { emptyWal?: () => Promise<void> } = {}) {
        this.db = openSqlite(file);
        const tables = this.db
            .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            .all()
            .map((t) => t.name);
        checkTables(tables, SQLITE_TABLES, 'SqliteConversationEraser', 'SQLITE_TABLES (src/stores/sqlite/sqliteConversationEraser.ts)');
        const rules = Object.entries(SQLITE_TABLES).flatMap(([table, rule]) => (tables.includes(table) && 'erase' in rule ? [rule] : []));
        const erase = rules.map((rule) => this.db.prepare(rule.erase));
        const expire = rules.map((rule) => this.db.prepare(rule.expire));
        this.eraseAll = this.db.transaction((p: Parameters) => erase.forEach((statement) => statement.run(p)));
        this.expireAll = this.db.transaction((p: Parameters) => expire.reduce((n, statement) => n + statement.run(p).changes, 0));
    }

    async eraseConversation(channelId: string, conversationId: string, options: EraseOptions = {}): Promise<void> {
        const p = parameters(channelId, conversationId, new Date(0));
        // The Direct Line tables' rules run only for @directLine = 1.
        if (options.keepDirectLineCopy) p.directLine = 0;
        this.eraseAll(p);
        await this.options.emptyWal?.();
    }

    async eraseOlderThan(cutoff: Date): Promise<number> {
        const deleted = this.expireAll(parameters('', '', cutoff));
        if (deleted > 0) await this.options.emptyWal?.();
        return deleted;
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

function parameters(channelId: string, conversationId: string, cutoff: Date): Parameters {
    const stateFrom = conversationStateKeyPrefix(channelId, conversationId);
    return {
        channelId,
        conversationId,
        directLine: isDirectLine(channelId) ? 1 : 0,
        stateFrom,
        // The prefix ends in '/'; every key that starts with it sorts before the prefix with '0' (the next
        // character) in its place, and after the prefix itself: a range the primary key's index answers.
        stateTo: `${stateFrom.slice(0, -1)}0`,
        cutoffIso: cutoff.toISOString(),
        cutoffMs: cutoff.getTime(),
    };
}
