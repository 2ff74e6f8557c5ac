import { ActivityTypes, type Activity, type PagedResult, type TranscriptInfo } from 'botbuilder';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { Topic } from '../../knowledge/schema';
import { nulSafe } from './nulSafe';
import { inTransaction } from './pgDatabase';
import { activityFacts, mergeTopics } from '../../transcripts/activityFacts';
import { conversationFactsPage, type FactsActivityRow } from '../../transcripts/conversationFacts';
import { firstQuestionOf } from '../../transcripts/firstQuestion';
import { normaliseAnnotations } from '../../transcripts/conversationAnnotations';
import { assertLoggable, CONVERSATION_LOG_PAGES, INSIGHT_LIMITS, type ActivityIdChange, type ConversationAnnotations, type ConversationFactsPage, type ConversationFilter, type ConversationLog, type ConversationPage, type ConversationStats, type ConversationSummary } from '../../transcripts/conversationLog';
import { PG_FACTS_SQL, PG_STATEMENTS, PG_STATS_SQL, pgFilterClause, searchWords, SUMMARY_COLUMNS, tokenTime, toSummary, type PgSummaryRow } from './pgConversationQueries';
import { conversationPage, decodeListToken, decodeToken, encodeToken, isoOf } from '../../transcripts/pageTokens';

/** A logged activity by its id, locked until the transaction that renames it ends; and the rename. */
const SELECT_BY_ACTIVITY_ID = `SELECT seq, body::text AS body FROM transcript_activities
    WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3 FOR UPDATE`;
const UPDATE_ACTIVITY_ID = 'UPDATE transcript_activities SET activity_id = $2, body = $3 WHERE seq = $1';

/**
 * The conversation log in PostgreSQL, for several bot instances sharing one database: every activity as given, a
 * summary row per conversation kept up to date in the same transaction, and a `tsvector` index over message text.
 * @remarks Needs the tables of migrations/0008-conversation-log.ts. Logging locks the conversation's summary row
 * until commit, so two instances logging to one conversation at once take turns and no count is lost. Behaves as
 * `SqliteConversationLog` does, continuation tokens included: one contract test suite runs against both.
 */
export class PgConversationLog implements ConversationLog {
    private isClosed = false;

    /** @param pool shared with the other stores; its owner ends it, `close()` does not. */
    constructor(private readonly pool: Pool) {}

    async logActivity(activity: Activity): Promise<void> {
        return this.logActivities([activity]);
    }

    async logActivities(activities: Activity[]): Promise<void> {
        assertLoggable(activities, 'PgConversationLog.logActivities()');
        this.assertOpen('PgConversationLog.logActivity()');
        await inTransaction(this.pool, async (client) => {
            for (const activity of activities) await this.insert(client, activity);
        });
    }

    async updateActivityIds(channelId: string, conversationId: string, changes: readonly ActivityIdChange[]): Promise<void> {
        this.assertOpen('PgConversationLog.updateActivityIds()');
        if (changes.length === 0) return;
        await inTransaction(this.pool, async (client) => {
            for (const { from, to } of changes) {
                // The body is `json`, which PostgreSQL cannot edit in place (only `jsonb`, which refuses `\u0000`): rewritten here.
                const { rows } = await client.query<{ seq: string; body: string }>(SELECT_BY_ACTIVITY_ID, nulSafe([channelId, conversationId, from]));
                for (const row of rows) {
                    await client.query(UPDATE_ACTIVITY_ID, nulSafe([row.seq, to, JSON.stringify({ ...(JSON.parse(row.body) as Activity), id: to })]));
                }
            }
        });
    }

    private async insert(client: PoolClient, activity: Activity): Promise<void> {
        const now = new Date();
        const key = [activity.channelId, activity.conversation.id];
        // The summary first, created if missing and locked: the bot id it holds decides who sent an activity without a role.
        const { rows } = await client.query<{ bot_id: string | null; topics: Topic[] }>(
            PG_STATEMENTS.lockSummary,
            nulSafe([...key, activityFacts(activity, undefined, now).at]),
        );
        const summary = rows[0];
        const facts = activityFacts(activity, summary.bot_id ?? undefined, now);
        const isTracedBotMessage = facts.role === 'bot' && facts.type === ActivityTypes.Message && facts.source !== undefined;
        await client.query(PG_STATEMENTS.insertActivity, nulSafe([
            ...key,
            activity.id ?? null,
            facts.at,
            facts.role,
            facts.type,
            facts.source ?? null,
            facts.reason ?? null,
            facts.topics,
            facts.searchText ? searchWords(facts.searchText).join(' ') : null,
            JSON.stringify(activity.timestamp ? activity : { ...activity, timestamp: facts.at }),
            isTracedBotMessage,
            activity.replyToId ?? null,
        ]));
        await client.query(PG_STATEMENTS.updateSummary, nulSafe([
            ...key,
            facts.botId ?? null,
            facts.at,
            facts.type === ActivityTypes.Message ? 1 : 0,
            mergeTopics(summary.topics, facts.topics),
            facts.unanswered ? 1 : 0,
            facts.rating === 'up' ? 1 : 0,
            facts.rating === 'down' ? 1 : 0,
            firstQuestionOf(facts, activity.text) ?? null,
        ]));
    }

    async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
        const where = 'PgConversationLog.getTranscriptActivities()';
        if (!channelId || !conversationId) throw new Error(`${where}: channelId and conversationId are required`);
        const after = continuationToken ? (decodeToken(continuationToken, ['number'], where)[0] as number) : 0;
        if (!Number.isSafeInteger(after)) throw new RangeError(`${where}: the continuation token is not one this store gave`);
        const since = startDate ? isoOf(startDate, 'startDate', where) : null;
        const limit = CONVERSATION_LOG_PAGES.transcript;
        const rows = await this.query<{ seq: string; body: Activity }>(where, PG_STATEMENTS.transcriptPage, [channelId, conversationId, after, since, limit + 1]);
        const page = rows.slice(0, limit);
        return {
            items: page.map((r) => toActivity(r.body)),
            // '' on the last page: the interface wants a string, and every caller loops while it is truthy.
            continuationToken: rows.length > limit ? encodeToken([Number(page[page.length - 1].seq)]) : '',
        };
    }

    async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
        const where = 'PgConversationLog.listTranscripts()';
        if (!channelId) throw new Error(`${where}: channelId is required`);
        const [afterStarted, afterId] = continuationToken ? decodeToken(continuationToken, ['string', 'string'], where) : [null, null];
        const after = afterStarted === null ? null : tokenTime(afterStarted, where);
        const limit = CONVERSATION_LOG_PAGES.transcript;
        const rows = await this.query<{ conversation_id: string; started_at: Date }>(where, PG_STATEMENTS.transcriptList, [channelId, after, afterId, limit + 1]);
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map((r) => ({ channelId, id: r.conversation_id, created: r.started_at })),
            continuationToken: rows.length > limit ? encodeToken([last.started_at.toISOString(), last.conversation_id]) : '',
        };
    }

    async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
        const where = 'PgConversationLog.deleteTranscript()';
        if (!channelId || !conversationId) throw new Error(`${where}: channelId and conversationId are required`);
        await this.query(where, PG_STATEMENTS.deleteSummary, [channelId, conversationId]);
    }

    async listConversations(filter: ConversationFilter, page: { continuationToken?: string; limit?: number } = {}): Promise<ConversationPage> {
        const where = 'PgConversationLog.listConversations()';
        const limit = clampLimit(page.limit);
        const params: unknown[] = [];
        const clauses = pgFilterClause(filter ?? {}, params, where);
        if (clauses === null) return { conversations: [] };
        if (page.continuationToken) {
            const [lastActivityAt, channelId, conversationId] = decodeListToken(page.continuationToken, where);
            params.push(tokenTime(lastActivityAt, where), channelId, conversationId);
            const n = params.length;
            clauses.push(`(s.last_activity_at, s.channel_id, s.conversation_id) < ($${n - 2}::timestamptz, $${n - 1}, $${n})`);
        }
        params.push(limit + 1);
        const rows = await this.query<PgSummaryRow>(
            where,
            `SELECT ${SUMMARY_COLUMNS} FROM conversation_summaries AS s ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
            ORDER BY s.last_activity_at DESC, s.channel_id DESC, s.conversation_id DESC LIMIT $${params.length}`,
            params,
        );
        return conversationPage(rows.map(toSummary), limit);
    }

    async summary(channelId: string, conversationId: string): Promise<ConversationSummary | undefined> {
        const rows = await this.query<PgSummaryRow>('PgConversationLog.summary()', PG_STATEMENTS.summary, [channelId, conversationId]);
        return rows[0] && toSummary(rows[0]);
    }

    async annotate(channelId: string, conversationId: string, changes: ConversationAnnotations): Promise<ConversationSummary | undefined> {
        const where = 'PgConversationLog.annotate()';
        const tidy = normaliseAnnotations(changes ?? {}, where);
        const params: unknown[] = [channelId, conversationId];
        const sets: string[] = [];
        if (tidy.reviewed !== undefined) sets.push(`reviewed = $${params.push(tidy.reviewed)}`);
        if (tidy.tags !== undefined) sets.push(`tags = $${params.push(nulSafe(tidy.tags))}`);
        if (tidy.notes !== undefined) sets.push(`notes = $${params.push(tidy.notes)}`);
        if (!sets.length) return this.summary(channelId, conversationId);
        const rows = await this.query<PgSummaryRow>(
            where,
            `UPDATE conversation_summaries AS s SET ${sets.join(', ')} WHERE s.channel_id = $1 AND s.conversation_id = $2 RETURNING ${SUMMARY_COLUMNS}`,
            params,
        );
        return rows[0] && toSummary(rows[0]);
    }

    /**
     * Marks the conversation as waiting for an advisor.
     * @remarks Creates the summary when the conversation has none yet (the mark may come before the turn is logged).
     */
    async markFollowUpRequested(channelId: string, conversationId: string): Promise<void> {
        await this.query('PgConversationLog.markFollowUpRequested()', PG_STATEMENTS.markFollowUp, [channelId, conversationId, new Date().toISOString()]);
    }

    async activities(channelId: string, conversationId: string): Promise<Activity[]> {
        const rows = await this.query<{ body: Activity }>('PgConversationLog.activities()', PG_STATEMENTS.allActivities, [channelId, conversationId]);
        return rows.map((r) => toActivity(r.body));
    }

    async deleteOlderThan(cutoff: Date): Promise<number> {
        const where = 'PgConversationLog.deleteOlderThan()';
        const { rowCount } = await this.run(where, PG_STATEMENTS.deleteOld, [isoOf(cutoff, 'cutoff', where)]);
        return rowCount ?? 0;
    }

    async stats(from: Date, to: Date): Promise<ConversationStats> {
        const where = 'PgConversationLog.stats()';
        const range = [isoOf(from, 'from', where), isoOf(to, 'to', where)];
        const [perDay, perTopic, bySource, ratings] = await Promise.all([
            this.query<ConversationStats['perDay'][number]>(where, PG_STATS_SQL.perDay, range),
            this.query<ConversationStats['perTopic'][number]>(where, PG_STATS_SQL.perTopic, range),
            this.query<{ source: string; replies: number }>(where, PG_STATS_SQL.replies, range),
            this.query<ConversationStats['ratings']>(where, PG_STATS_SQL.ratings, range),
        ]);
        const replies = { knowledge: 0, dialog: 0, fallback: 0 };
        for (const row of bySource) if (row.source in replies) replies[row.source as keyof typeof replies] = row.replies;
        return { perDay, perTopic, replies, ratings: ratings[0] };
    }

    async conversationFacts(from: Date, to: Date): Promise<ConversationFactsPage> {
        const where = 'PgConversationLog.conversationFacts()';
        const params = nulSafe([isoOf(from, 'from', where), isoOf(to, 'to', where), INSIGHT_LIMITS.conversations + 1]);
        this.assertOpen(where);
        // One snapshot for both statements, so a turn logged between them cannot make them disagree.
        return inTransaction(this.pool, async (client) => {
            await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
            const conversations = await client.query<{ channelId: string; conversationId: string; startedAt: Date; lastActivityAt: Date; followUpRequested: boolean }>(
                PG_FACTS_SQL.conversations,
                params,
            );
            const activities = await client.query<Omit<FactsActivityRow, 'at'> & { at: Date }>(PG_FACTS_SQL.activities, params);
            return conversationFactsPage(
                conversations.rows.map((c) => ({ ...c, startedAt: c.startedAt.toISOString(), lastActivityAt: c.lastActivityAt.toISOString() })),
                activities.rows.map((a) => ({ ...a, at: a.at.toISOString() })),
            );
        });
    }

    /**
     * Stops this log answering; the pool stays open.
     * @remarks The pool is shared with the other stores, so whoever created it ends it (`pool.end()`), once, at shutdown.
     */
    async close(): Promise<void> {
        this.isClosed = true;
    }

    private async query<R extends QueryResultRow>(where: string, sql: string, params: unknown[]): Promise<R[]> {
        return (await this.run<R>(where, sql, params)).rows;
    }

    private async run<R extends QueryResultRow>(where: string, sql: string, params: unknown[]): Promise<QueryResult<R>> {
        this.assertOpen(where);
        return this.pool.query<R>(sql, nulSafe(params));
    }

    private assertOpen(where: string): void {
        if (this.isClosed) throw new Error(`${where}: the log is closed`);
    }
}

function clampLimit(limit: number | undefined): number {
    if (limit === undefined || !Number.isFinite(limit)) return CONVERSATION_LOG_PAGES.listDefault;
    return Math.min(CONVERSATION_LOG_PAGES.listMax, Math.max(1, Math.floor(limit)));
}

/** `pg` parses the `json` body; the Activity type promises a Date where JSON holds a string. */
function toActivity(body: Activity): Activity {
    if (typeof body.timestamp === 'string') body.timestamp = new Date(body.timestamp);
    return body;
}
