import type { Request, Server } from 'restify';
import { z } from 'zod';
import { TopicSchema } from '../../knowledge/schema';
import type { ConversationFilter, ConversationSummary } from '../../transcripts/conversationLog';
import { decodeListToken } from '../../transcripts/pageTokens';
import { HttpError } from '../../http/httpError';
import { parseInput } from '../../http/parseInput';
import { toCsv } from '../csv';
import { day, endOfDay, idText, inOrder, jsonBody, type AdvisorApiDeps, type AdvisorRoute } from './shared';

const EXPORT_LIMIT = 10_000;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The list's query string: dates are whole UTC days, `to` included. Unknown parameters are refused, so a typo is not silently ignored. */
const ListQuery = z
    .strictObject({
        from: day.optional(),
        to: day.optional(),
        channel: idText(64).optional(),
        topic: TopicSchema.optional(),
        unanswered: flag.optional(),
        negative: flag.optional(),
        followUp: flag.optional(),
        reviewed: flag.optional(),
        q: z.string().trim().max(200).optional(),
        continuationToken: z
            .string()
            .max(2000)
            .refine(isListToken, 'not a continuation token this list gave: pass back the one from the previous page, unchanged')
            .optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
    })
    .refine(inOrder, { path: ['to'], message: 'must not be before from' });
/** A conversation's address in the path: any id a channel gave (no length is refused on the way in), but no control character. */
const ConversationParams = z.object({ channelId: idText(8192), conversationId: idText(8192) });
const Annotations = z.strictObject({
    reviewed: z.boolean().optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    notes: z.string().max(5000).optional(),
});

/** `/api/advisor/conversations...`: list, export as CSV, read, export a transcript, annotate and delete; every view, export and deletion is audited. */
export function addConversationRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'log' | 'audit' | 'eraser'>): void {
    const { log, audit } = deps;
    const target = (k: { channelId: string; conversationId: string }) => `${k.channelId}/${k.conversationId}`;
    const existing = async (req: Request): Promise<ConversationSummary> => {
        const k = parseInput(ConversationParams, req.params);
        const summary = await log.summary(k.channelId, k.conversationId);
        if (!summary) throw new HttpError(404, 'NotFound', 'no such conversation');
        return summary;
    };

    server.get(
        '/api/advisor/conversations',
        route('advisor', async (req) => {
            const query = parseInput(ListQuery, req.query);
            return [200, await log.listConversations(toFilter(query), { continuationToken: query.continuationToken, limit: query.limit })];
        }),
    );

    server.get(
        '/api/advisor/conversations.csv',
        route('advisor', async (req, advisor, res) => {
            const filter = toFilter(parseInput(ListQuery, req.query));
            const rows: ConversationSummary[] = [];
            for (let token: string | undefined, first = true; (first || token) && rows.length < EXPORT_LIMIT; first = false) {
                const page = await log.listConversations(filter, { continuationToken: token, limit: 200 });
                rows.push(...page.conversations);
                token = page.continuationToken;
            }
            await audit.record({ username: advisor.username, action: 'export', target: 'conversations.csv', detail: `${rows.length} conversations` });
            const body = toCsv(CSV_COLUMNS.map(([name]) => name), rows.map((r) => CSV_COLUMNS.map(([, value]) => value(r))));
            res.writeHead(200, {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': 'attachment; filename="conversations.csv"',
                'cache-control': 'no-store',
            });
            res.end(body);
            return undefined;
        }),
    );

    server.get(
        '/api/advisor/conversations/:channelId/:conversationId',
        route('advisor', async (req, advisor) => {
            const summary = await existing(req);
            const activities = await log.activities(summary.channelId, summary.conversationId);
            await audit.record({ username: advisor.username, action: 'view', target: target(summary) });
            const { channelId, conversationId, notes, tags, reviewed } = summary;
            return [200, { channelId, conversationId, activities, notes, tags, reviewed, summary }];
        }),
    );

    server.get(
        '/api/advisor/conversations/:channelId/:conversationId/transcript',
        route('advisor', async (req, advisor, res) => {
            const summary = await existing(req);
            const activities = await log.activities(summary.channelId, summary.conversationId);
            await audit.record({ username: advisor.username, action: 'export', target: target(summary), detail: 'transcript' });
            const file = `${summary.channelId}-${summary.conversationId}`.replace(/[^\w.-]+/g, '_').slice(0, 120);
            res.writeHead(200, {
                'content-type': 'application/json; charset=utf-8',
                'content-disposition': `attachment; filename="${file}.transcript"`,
                'cache-control': 'no-store',
            });
            res.end(JSON.stringify(activities, null, 2));
            return undefined;
        }),
    );

    server.patch(
        '/api/advisor/conversations/:channelId/:conversationId',
        route('advisor', async (req, advisor) => {
            const changes = parseInput(Annotations, jsonBody(req));
            const summary = await existing(req);
            const updated = await log.annotate(summary.channelId, summary.conversationId, changes);
            await audit.record({ username: advisor.username, action: 'annotate', target: target(summary), detail: Object.keys(changes).join(', ') });
            return [200, updated];
        }),
    );

    server.del(
        '/api/advisor/conversations/:channelId/:conversationId',
        route('advisor', async (req, advisor) => {
            const summary = await existing(req);
            await deps.eraser.eraseConversation(summary.channelId, summary.conversationId);
            await audit.record({ username: advisor.username, action: 'delete', target: target(summary) });
            return [204, undefined];
        }),
    );
}

const CSV_COLUMNS: [string, (r: ConversationSummary) => string | number | boolean][] = [
    ['channelId', (r) => r.channelId],
    ['conversationId', (r) => r.conversationId],
    ['startedAt', (r) => r.startedAt],
    ['lastActivityAt', (r) => r.lastActivityAt],
    ['messageCount', (r) => r.messageCount],
    ['topics', (r) => r.topics.join('; ')],
    ['unanswered', (r) => r.unanswered],
    ['ratingUp', (r) => r.rating.up],
    ['ratingDown', (r) => r.rating.down],
    ['followUpRequested', (r) => r.followUpRequested],
    ['reviewed', (r) => r.reviewed],
    ['tags', (r) => r.tags.join('; ')],
    ['notes', (r) => r.notes],
];

function toFilter(query: z.infer<typeof ListQuery>): ConversationFilter {
    return {
        from: query.from,
        to: query.to ? endOfDay(query.to) : undefined,
        channelId: query.channel || undefined,
        topic: query.topic,
        unanswered: query.unanswered,
        negativeRating: query.negative || undefined,
        followUpRequested: query.followUp,
        reviewed: query.reviewed,
        text: query.q || undefined,
    };
}

/** True for a token `listConversations` could have given (both logs make them alike). */
function isListToken(token: string): boolean {
    try {
        decodeListToken(token, 'continuationToken');
        return true;
    } catch {
        return false;
    }
}
