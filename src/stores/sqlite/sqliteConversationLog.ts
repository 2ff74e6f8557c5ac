import type Database from 'better-sqlite3';
import { ActivityTypes, type Activity, type PagedResult, type TranscriptInfo } from 'botbuilder';
import type { Topic } from '../../knowledge/schema';
import { openSqlite } from './openSqlite';
import { activityFacts, mergeTopics, type ActivityFacts } from '../../transcripts/activityFacts';
import { conversationFactsPage, type FactsActivityRow, type FactsConversationRow } from '../../transcripts/conversationFacts';
import { firstQuestionOf } from '../../transcripts/firstQuestion';
import { normaliseAnnotations } from '../../transcripts/conversationAnnotations';
import { assertLoggable, CONVERSATION_LOG_PAGES, INSIGHT_LIMITS, type ActivityIdChange, type ConversationAnnotations, type ConversationFactsPage, type ConversationFilter, type ConversationLog, type ConversationPage, type ConversationStats, type ConversationSummary } from '../../transcripts/conversationLog';
import { FACTS_SQL, filterClause, STATS_SQL, SUMMARY_COLUMNS, type SummaryRow } from './sqliteConversationQueries';
import { conversationPage, decodeListToken, decodeToken, encodeToken, isoOf } from '../../transcripts/pageTokens';

type Params = Record<string, string | number | null>;

const STATEMENTS = Object.freeze({
    summary: `SELECT ${SUMMARY_COLUMNS} FROM conversation_summaries AS s WHERE s.channel_id = ? AND s.conversation_id = ?`,
    insertSummary: `INSERT INTO conversation_summaries (channel_id, conversation_id, bot_id, started_at, last_activity_at)
        VALUES (@channelId, @conversationId, @botId, @at, @at)`,
    updateSummary: `UPDATE conversation_summaries SET bot_id = @botId, started_at = @startedAt, last_activity_at = @lastActivityAt,
        message_count = message_count + @messages, topics = @topics, unanswered = unanswered + @unanswered,
        rating_up = rating_up + @up, rating_down = rating_down + @down, first_question = COALESCE(first_question, @firstQuestion)
        WHERE channel_id = @channelId AND conversation_id = @conversationId`,
    insertActivity: `INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, at, role, type, source, reason, topics, answers_message, body)
        VALUES (@channelId, @conversationId, @activityId, @at, @role, @type, @source, @reason, @topics, @answersMessage, @body)`,
    insertSearch: 'INSERT INTO transcript_search (rowid, body) VALUES (?, ?)',
    updateActivityId: `UPDATE transcript_activities SET activity_id = @to, body = json_set(body, '$.id', @to)
        WHERE channel_id = @channelId AND conversation_id = @conversationId AND activity_id = @from`,
    visitorActivityById: `SELECT type FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? AND role = 'user' AND activity_id = ?
        ORDER BY seq DESC LIMIT 1`,
    lastVisitorActivity: `SELECT type FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? AND role = 'user'
        ORDER BY seq DESC LIMIT 1`,
    transcriptPage: `SELECT seq, body FROM transcript_activities WHERE channel_id = @channelId AND conversation_id = @conversationId
        AND seq > @after AND (@since IS NULL OR at >= @since) ORDER BY seq LIMIT @limit`,
    allActivities: 'SELECT body FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? ORDER BY seq',
    transcriptList: `SELECT conversation_id, started_at FROM conversation_summaries WHERE channel_id = @channelId
        AND (@afterStarted IS NULL OR (started_at, conversation_id) > (@afterStarted, @afterId))
        ORDER BY started_at, conversation_id LIMIT @limit`,
    deleteSearchOf: `DELETE FROM transcript_search WHERE rowid IN
        (SELECT seq FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?)`,
    deleteActivitiesOf: 'DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?',
    deleteSummary: 'DELETE FROM conversation_summaries WHERE channel_id = ? AND conversation_id = ?',
    deleteOldSearch: `DELETE FROM transcript_search WHERE rowid IN (SELECT a.seq FROM transcript_activities AS a
        JOIN conversation_summaries AS s ON s.channel_id = a.channel_id AND s.conversation_id = a.conversation_id
        WHERE s.last_activity_at < ?)`,
    deleteOldActivities: `DELETE FROM transcript_activities WHERE (channel_id, conversation_id) IN
        (SELECT channel_id, conversation_id FROM conversation_summaries WHERE last_activity_at < ?)`,
    deleteOldSummaries: 'DELETE FROM conversation_summaries WHERE last_activity_at < ?',
    markFollowUp: `INSERT INTO conversation_summaries (channel_id, conversation_id, started_at, last_activity_at, follow_up_requested)
        VALUES (?, ?, ?, ?, 1) ON CONFLICT (channel_id, conversation_id) DO UPDATE SET follow_up_requested = 1`,
});
type Statements = Record<keyof typeof STATEMENTS, Database.Statement>;

/**
 * The conversation log in SQLite: every activity as given, a summary row per conversation kept up to date in the
 * same transaction, and an FTS5 index over message text.
 * @remarks Writes are synchronous and committed before the promise settles, so a logged reply survives the
 * process being killed right after (not a power cut: see openSqlite).
 */
export class SqliteConversationLog implements ConversationLog {
    private readonly db: Database.Database;
    private readonly statements: Statements;

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(file: string) {
        this.db = openSqlite(file);
        this.statements = Object.fromEntries(Object.entries(STATEMENTS).map(([name, sql]) => [name, this.db.prepare(sql)])) as Statements;
    }

    async logActivity(activity: Activity): Promise<void> {
        return this.logActivities([activity]);
    }

    async logActivities(activities: Activity[]): Promise<void> {
        assertLoggable(activities, 'SqliteConversationLog.logActivities()');
        this.db.transaction(() => activities.forEach((activity) => this.insert(activity)))();
    }

    async updateActivityIds(channelId: string, conversationId: string, changes: readonly ActivityIdChange[]): Promise<void> {
        this.db.transaction(() => changes.forEach(({ from, to }) => this.statements.updateActivityId.run({ channelId, conversationId, from, to })))();
    }

    private insert(activity: Activity): void {
        const key = [activity.channelId, activity.conversation.id] as const;
        const summary = this.statements.summary.get(...key) as SummaryRow | undefined;
        const facts = activityFacts(activity, summary?.bot_id ?? undefined);
        const body = JSON.stringify(activity.timestamp ? activity : { ...activity, timestamp: facts.at });
        const { lastInsertRowid } = this.statements.insertActivity.run({
            channelId: facts.channelId,
            conversationId: facts.conversationId,
            activityId: activity.id ?? null,
            at: facts.at,
            role: facts.role,
            type: facts.type,
            source: facts.source ?? null,
            reason: facts.reason ?? null,
            topics: JSON.stringify(facts.topics),
            answersMessage: this.answersVisitorMessage(activity, facts) ? 1 : 0,
            body,
        });
        if (facts.searchText) this.statements.insertSearch.run(lastInsertRowid, facts.searchText);
        if (!summary) this.statements.insertSummary.run({ channelId: facts.channelId, conversationId: facts.conversationId, botId: facts.botId ?? null, at: facts.at });
        const startedAt = summary && summary.started_at < facts.at ? summary.started_at : facts.at;
        const lastActivityAt = summary && summary.last_activity_at > facts.at ? summary.last_activity_at : facts.at;
        this.statements.updateSummary.run({
            channelId: facts.channelId,
            conversationId: facts.conversationId,
            botId: summary?.bot_id ?? facts.botId ?? null,
            startedAt,
            lastActivityAt,
            messages: facts.type === ActivityTypes.Message ? 1 : 0,
            topics: JSON.stringify(mergeTopics(summary ? (JSON.parse(summary.topics) as Topic[]) : [], facts.topics)),
            unanswered: facts.unanswered ? 1 : 0,
            up: facts.rating === 'up' ? 1 : 0,
            down: facts.rating === 'down' ? 1 : 0,
            firstQuestion: firstQuestionOf(facts, activity.text) ?? null,
        });
    }

    /** A traced bot message replying to a visitor's message (the one it names, else the visitor's latest activity). */
    private answersVisitorMessage(activity: Activity, facts: ActivityFacts): boolean {
        if (facts.role !== 'bot' || facts.type !== ActivityTypes.Message || !facts.source) return false;
        const key = [facts.channelId, facts.conversationId];
        const repliedTo = ((activity.replyToId && this.statements.visitorActivityById.get(...key, activity.replyToId)) ||
            this.statements.lastVisitorActivity.get(...key)) as { type: string } | undefined;
        return repliedTo?.type === ActivityTypes.Message;
    }

    async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
        const where = 'SqliteConversationLog.getTranscriptActivities()';
        if (!channelId || !conversationId) throw new Error(`${where}: channelId and conversationId are required`);
        const after = continuationToken ? (decodeToken(continuationToken, ['number'], where)[0] as number) : 0;
        const limit = CONVERSATION_LOG_PAGES.transcript;
        const rows = this.statements.transcriptPage.all({
            channelId,
            conversationId,
            after,
            since: startDate ? isoOf(startDate, 'startDate', where) : null,
            limit: limit + 1,
        } satisfies Params) as { seq: number; body: string }[];
        const page = rows.slice(0, limit);
        return {
            items: page.map((r) => parseActivity(r.body)),
            // '' on the last page: the interface wants a string, and every caller loops while it is truthy.
            continuationToken: rows.length > limit ? encodeToken([page[page.length - 1].seq]) : '',
        };
    }

    async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
        const where = 'SqliteConversationLog.listTranscripts()';
        if (!channelId) throw new Error(`${where}: channelId is required`);
        const [afterStarted, afterId] = continuationToken ? decodeToken(continuationToken, ['string', 'string'], where) : [null, null];
        const limit = CONVERSATION_LOG_PAGES.transcript;
        const rows = this.statements.transcriptList.all({ channelId, afterStarted, afterId, limit: limit + 1 } satisfies Params) as {
            conversation_id: string;
            started_at: string;
        }[];
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map((r) => ({ channelId, id: r.conversation_id, created: new Date(r.started_at) })),
            continuationToken: rows.length > limit ? encodeToken([last.started_at, last.conversation_id]) : '',
        };
    }

    async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
        if (!channelId || !conversationId) throw new Error('SqliteConversationLog.deleteTranscript(): channelId and conversationId are required');
        this.db.transaction(() => {
            this.statements.deleteSearchOf.run(channelId, conversationId);
            this.statements.deleteActivitiesOf.run(channelId, conversationId);
            this.statements.deleteSummary.run(channelId, conversationId);
        })();
    }

    async listConversations(filter: ConversationFilter, page: { continuationToken?: string; limit?: number } = {}): Promise<ConversationPage> {
        const where = 'SqliteConversationLog.listConversations()';
        const limit = clampLimit(page.limit);
        const clause = filterClause(filter ?? {}, where);
        if (clause === null) return { conversations: [] };
        if (page.continuationToken) {
            clause.sql.push('(s.last_activity_at, s.channel_id, s.conversation_id) < (?, ?, ?)');
            clause.params.push(...decodeListToken(page.continuationToken, where));
        }
        const rows = this.db
            .prepare(
                `SELECT ${SUMMARY_COLUMNS} FROM conversation_summaries AS s ${clause.sql.length ? `WHERE ${clause.sql.join(' AND ')}` : ''}
                ORDER BY s.last_activity_at DESC, s.channel_id DESC, s.conversation_id DESC LIMIT ?`,
            )
            .all(...clause.params, limit + 1) as SummaryRow[];
        return conversationPage(rows.map(toSummary), limit);
    }

    async summary(channelId: string, conversationId: string): Promise<ConversationSummary | undefined> {
        const row = this.statements.summary.get(channelId, conversationId) as SummaryRow | undefined;
        return row && toSummary(row);
    }

    async annotate(channelId: string, conversationId: string, changes: ConversationAnnotations): Promise<ConversationSummary | undefined> {
        const tidy = normaliseAnnotations(changes ?? {}, 'SqliteConversationLog.annotate()');
        const sets: string[] = [];
        const params: (string | number)[] = [];
        const set = (column: string, value: string | number) => {
            sets.push(`${column} = ?`);
            params.push(value);
        };
        if (tidy.reviewed !== undefined) set('reviewed', tidy.reviewed ? 1 : 0);
        if (tidy.tags !== undefined) set('tags', JSON.stringify(tidy.tags));
        if (tidy.notes !== undefined) set('notes', tidy.notes);
        if (sets.length) {
            this.db.prepare(`UPDATE conversation_summaries SET ${sets.join(', ')} WHERE channel_id = ? AND conversation_id = ?`).run(...params, channelId, conversationId);
        }
        return this.summary(channelId, conversationId);
    }

    /**
     * Marks the conversation as waiting for an advisor.
     * @remarks Creates the summary when the conversation has none yet (the mark may come before the turn is logged).
     */
    async markFollowUpRequested(channelId: string, conversationId: string): Promise<void> {
        const now = new Date().toISOString();
        this.statements.markFollowUp.run(channelId, conversationId, now, now);
    }

    async activities(channelId: string, conversationId: string): Promise<Activity[]> {
        const rows = this.statements.allActivities.all(channelId, conversationId) as { body: string }[];
        return rows.map((r) => parseActivity(r.body));
    }

    async deleteOlderThan(cutoff: Date): Promise<number> {
        const before = isoOf(cutoff, 'cutoff', 'SqliteConversationLog.deleteOlderThan()');
        return this.db.transaction(() => {
            this.statements.deleteOldSearch.run(before);
            this.statements.deleteOldActivities.run(before);
            return this.statements.deleteOldSummaries.run(before).changes;
        })();
    }

    async stats(from: Date, to: Date): Promise<ConversationStats> {
        const where = 'SqliteConversationLog.stats()';
        const range = { from: isoOf(from, 'from', where), to: isoOf(to, 'to', where) };
        const replies = { knowledge: 0, dialog: 0, fallback: 0 };
        for (const row of this.db.prepare(STATS_SQL.replies).all(range) as { source: keyof typeof replies; replies: number }[]) {
            if (row.source in replies) replies[row.source] = row.replies;
        }
        return {
            perDay: this.db.prepare(STATS_SQL.perDay).all(range) as ConversationStats['perDay'],
            perTopic: this.db.prepare(STATS_SQL.perTopic).all(range) as ConversationStats['perTopic'],
            replies,
            ratings: this.db.prepare(STATS_SQL.ratings).get(range) as ConversationStats['ratings'],
        };
    }

    async conversationFacts(from: Date, to: Date): Promise<ConversationFactsPage> {
        const where = 'SqliteConversationLog.conversationFacts()';
        const range = { from: isoOf(from, 'from', where), to: isoOf(to, 'to', where), limit: INSIGHT_LIMITS.conversations + 1 };
        // One read transaction, so a turn logged between the two statements cannot make them disagree.
        return this.db.transaction(() => {
            const conversations = (this.db.prepare(FACTS_SQL.conversations).all(range) as (Omit<FactsConversationRow, 'followUpRequested'> & { followUpRequested: number })[])
                .map((c) => ({ ...c, followUpRequested: c.followUpRequested === 1 }));
            const activities = this.db.prepare(FACTS_SQL.activities).all(range) as FactsActivityRow[];
            return conversationFactsPage(conversations, activities);
        })();
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

function clampLimit(limit: number | undefined): number {
    if (limit === undefined || !Number.isFinite(limit)) return CONVERSATION_LOG_PAGES.listDefault;
    return Math.min(CONVERSATION_LOG_PAGES.listMax, Math.max(1, Math.floor(limit)));
}

function parseActivity(body: string): Activity {
    const activity = JSON.parse(body) as Activity;
    // Stored as JSON text; give it back as the Date the Activity type promises.
    if (typeof activity.timestamp === 'string') activity.timestamp = new Date(activity.timestamp);
    return activity;
}

function toSummary(row: SummaryRow): ConversationSummary {
    return {
        channelId: row.channel_id,
        conversationId: row.conversation_id,
        startedAt: row.started_at,
        lastActivityAt: row.last_activity_at,
        messageCount: row.message_count,
        topics: JSON.parse(row.topics) as Topic[],
        unanswered: row.unanswered,
        rating: { up: row.rating_up, down: row.rating_down },
        followUpRequested: row.follow_up_requested === 1,
        reviewed: row.reviewed === 1,
        tags: JSON.parse(row.tags) as string[],
        notes: row.notes,
        ...(row.first_question === null ? {} : { firstQuestion: row.first_question }),
    };
}
