import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { TopicSchema } from '../../knowledge/schema';
import type { KnowledgeSearch } from '../../knowledge/searchIndex';
import type { ConversationFilter, ConversationLog, ConversationSummary } from '../../transcripts/conversationLog';
import { decodeListToken } from '../../transcripts/sqliteConversationQueries';
import type { UnansweredQuestionStore } from '../../transcripts/sqliteUnansweredQuestions';
import { AccountError, Advisor, AdvisorAccounts, AdvisorRole, AuditLog } from '../accounts';
import type { FollowUps } from '../followUps';
import { groupGaps, groupUnanswered } from '../insights';
import { normalizeUsername } from '../accountRules';
import { toCsv } from '../csv';
import { serverErrorBody } from '../../http/errorBody';
import type { ConversationEraser } from '../../storage/conversationEraser';

/** Checks the session of an API request; answers 401/403 itself and returns undefined when it fails. */
export interface AdvisorGate {
    requireAdvisor(req: Request, res: Response, role?: AdvisorRole): Promise<Advisor | undefined>;
}

/** What the advisors' API reads and changes. */
export interface AdvisorApiDeps {
    gate: AdvisorGate;
    log: ConversationLog;
    followUps: FollowUps;
    unanswered: UnansweredQuestionStore;
    accounts: AdvisorAccounts;
    audit: AuditLog;
    /** Deletes a conversation from every table and store. */
    eraser: ConversationEraser;
    search: KnowledgeSearch;
    logger: Logger;
}

/** A refusal the API answers with its status and Direct Line-style error body. */
class ApiError extends Error {
    constructor(readonly status: number, readonly code: string, message: string) {
        super(message);
    }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPORT_LIMIT = 10_000;
/** The last instant both databases and ISO 8601's four-digit years can hold: a `to` of 9999-12-31 ends here. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A calendar day as `YYYY-MM-DD`, as midnight UTC. Only real days from year 1 pass: `2024-13-45` and `2024-02-30`
 * would become an invalid or another date, and year 0 is one PostgreSQL refuses.
 */
const day = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .transform((d, ctx) => {
        const date = new Date(`${d}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== d || date.getUTCFullYear() < 1) {
            ctx.addIssue({ code: 'custom', message: `expected a real date as YYYY-MM-DD, such as 2024-05-31, not ${d}` });
            return z.NEVER;
        }
        return date;
    });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
/** Text compared with stored ids: PostgreSQL's text cannot hold NUL, and no id holds a control character. */
const idText = (max: number) =>
    z.string().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

/**
 * False when both dates are given and `to` is before `from`. zod runs this even when a field failed (its issue is
 * reported first), so it checks that both are dates.
 */
function inOrder(q: { from?: unknown; to?: unknown }): boolean {
    return !(q.from instanceof Date && q.to instanceof Date) || q.from.getTime() <= q.to.getTime();
}

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
const InsightsQuery = z
    .strictObject({ from: day.optional(), to: day.optional() })
    .refine(inOrder, { path: ['to'], message: 'must not be before from' });
const FollowUpQuery = z.strictObject({ status: z.enum(['open', 'claimed', 'done']).optional() });
const AuditQuery = z.strictObject({
    before: z.iso
        .datetime('expected an ISO 8601 time in UTC, such as 2025-01-31T12:00:00Z')
        .refine((t) => new Date(t).getUTCFullYear() >= 1, 'expected a time from year 1 on')
        .optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** A conversation's address in the path: any id a channel gave (no length is refused on the way in), but no control character. */
const ConversationParams = z.object({ channelId: idText(8192), conversationId: idText(8192) });
/** A follow-up request's id in the path: a positive whole number the databases' bigint and JavaScript both hold. */
const FollowUpId = z.string().regex(/^[1-9]\d{0,14}$/, 'expected the number of a follow-up request').transform(Number);
const Annotations = z.strictObject({
    reviewed: z.boolean().optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    notes: z.string().max(5000).optional(),
});
const NewAccount = z.strictObject({ username: z.string(), password: z.string(), role: z.enum(['advisor', 'admin']).default('advisor') });
const AccountChange = z.strictObject({ role: z.enum(['advisor', 'admin']).optional(), disabled: z.boolean().optional() });

/**
 * `/api/advisor/...`: conversations (list, read, annotate, delete, export), insights, the follow-up queue,
 * and for admins accounts and the audit log. Every route needs a signed-in advisor; every view, export
 * and deletion is audited.
 */
export function addAdvisorApi(server: Server, deps: AdvisorApiDeps): void {
    const { log, audit } = deps;
    type Handler = (req: Request, advisor: Advisor, res: Response) => Promise<[number, unknown] | undefined>;
    const route = (role: AdvisorRole, handler: Handler) => async (req: Request, res: Response) => {
        const advisor = await deps.gate.requireAdvisor(req, res, role);
        if (!advisor) return;
        res.header('cache-control', 'no-store');
        try {
            const answer = await handler(req, advisor, res);
            if (answer) res.send(answer[0], answer[1]);
        } catch (err) {
            if (err instanceof ApiError) res.send(err.status, { error: { code: err.code, message: err.message } });
            // The store's messages start with where they come from ("SqliteAdvisorAccounts.create(): "); the admin needs only the reason.
            else if (err instanceof AccountError) res.send(400, { error: { code: 'BadArgument', message: err.message.replace(/^[\w.]+\(\):\s*/, '') } });
            else {
                deps.logger.error({ err, path: req.path() }, 'advisor api: request failed');
                res.send(500, serverErrorBody());
            }
        }
    };
    const conversationKey = (req: Request) => parse(ConversationParams, req.params);
    const target = (k: { channelId: string; conversationId: string }) => `${k.channelId}/${k.conversationId}`;
    const existing = async (req: Request): Promise<ConversationSummary> => {
        const k = conversationKey(req);
        const summary = await log.summary(k.channelId, k.conversationId);
        if (!summary) throw new ApiError(404, 'NotFound', 'no such conversation');
        return summary;
    };

    server.get(
        '/api/advisor/conversations',
        route('advisor', async (req) => {
            const query = parse(ListQuery, req.query);
            return [200, await log.listConversations(toFilter(query), { continuationToken: query.continuationToken, limit: query.limit })];
        }),
    );

    server.get(
        '/api/advisor/conversations.csv',
        route('advisor', async (req, advisor, res) => {
            const filter = toFilter(parse(ListQuery, req.query));
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
            const changes = parse(Annotations, jsonBody(req));
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

    server.get(
        '/api/advisor/insights',
        route('advisor', async (req, advisor) => {
            const query = parse(InsightsQuery, req.query);
            const to = query.to ? endOfDay(query.to) : new Date(Date.now() + DAY_MS);
            const from = query.from ?? new Date(to.getTime() - 31 * DAY_MS);
            const stats = await log.stats(from, to);
            const asked = await deps.unanswered.between(from, to);
            // Questions on a known gap are listed by gap; only those nothing matched are "unanswered".
            const unanswered = groupUnanswered(asked.filter((q) => !q.gap), deps.search);
            const gaps = groupGaps(asked);
            await audit.record({ username: advisor.username, action: 'view', target: 'insights' });
            return [200, { ...stats, unanswered, gaps }];
        }),
    );

    server.get(
        '/api/advisor/follow-ups',
        route('advisor', async (req, advisor) => {
            const { status } = parse(FollowUpQuery, req.query);
            await audit.record({ username: advisor.username, action: 'view', target: 'follow-ups', detail: status });
            return [200, { followUps: await deps.followUps.list(status) }];
        }),
    );
    for (const action of ['claim', 'complete'] as const) {
        server.post(
            `/api/advisor/follow-ups/:id/${action}`,
            route('advisor', async (req, advisor) => {
                const id = parse(FollowUpId, req.params.id, 'id');
                const updated = await deps.followUps[action](id, advisor.username);
                if (!updated) throw new ApiError(404, 'NotFound', 'no such follow-up request');
                await audit.record({ username: advisor.username, action: `follow-up-${action}`, target: String(id) });
                return [200, updated];
            }),
        );
    }

    server.get('/api/advisor/accounts', route('admin', async () => [200, { accounts: await deps.accounts.list() }]));
    server.post(
        '/api/advisor/accounts',
        route('admin', async (req, advisor) => {
            const { username, password, role } = parse(NewAccount, jsonBody(req));
            const created = await deps.accounts.create(username, password, role);
            await audit.record({ username: advisor.username, action: 'account', target: created.username, detail: `created (${role})` });
            return [201, created];
        }),
    );
    server.patch(
        '/api/advisor/accounts/:username',
        route('admin', async (req, advisor) => {
            const changes = parse(AccountChange, jsonBody(req));
            // Usernames are stored lower-case: "Admin" in the path is the account "admin", so compare the stored form.
            const username = normalizeUsername(String(req.params.username));
            if (username === undefined || !(await deps.accounts.find(username))) throw new ApiError(404, 'NotFound', 'no such account');
            if (username === advisor.username && (changes.disabled || changes.role === 'advisor')) {
                throw new ApiError(400, 'BadArgument', 'you cannot disable your own account or remove your own admin role');
            }
            if (changes.role) await deps.accounts.setRole(username, changes.role);
            if (changes.disabled !== undefined) await deps.accounts.setDisabled(username, changes.disabled);
            await audit.record({ username: advisor.username, action: 'account', target: username, detail: JSON.stringify(changes) });
            return [200, await deps.accounts.find(username)];
        }),
    );
    server.get(
        '/api/advisor/audit',
        route('admin', async (req) => {
            const query = parse(AuditQuery, req.query);
            return [200, { entries: await audit.list(query) }];
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

/** State-changing calls must send JSON. The origin check (consoleOrigin.ts) refuses them before this; this stays for the body's type. */
function jsonBody(req: Request): unknown {
    if (!req.is('json')) throw new ApiError(415, 'BadArgument', 'expected a JSON body (Content-Type: application/json)');
    return req.body ?? {};
}

/** The end (exclusive) of the day `to` starts: the next midnight, or the last instant the databases hold. */
function endOfDay(to: Date): Date {
    return new Date(Math.min(to.getTime() + DAY_MS, LAST_INSTANT));
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

/**
 * The value as `schema` reads it, or a 400 naming the parameter: its path in the value, or `name` for a bare value,
 * or the unknown parameter's name.
 */
function parse<T extends z.ZodType>(schema: T, value: unknown, name?: string): z.infer<T> {
    const parsed = schema.safeParse(value ?? (name ? undefined : {}));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
        throw new ApiError(400, 'BadArgument', `${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}: not a parameter of this request`);
    }
    throw new ApiError(400, 'BadArgument', `${issue.path.join('.') || name || 'request'}: ${issue.message}`);
}
