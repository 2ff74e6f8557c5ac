import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { KnowledgeSearch } from '../../knowledge/searchIndex';
import type { KnowledgeBase } from '../../knowledge/loader';
import type { SourceDoc } from '../../knowledge/schema';
import type { KnowledgeAuthoring } from '../../authoring/knowledgeAuthoring';
import type { LiveStatus } from '../../authoring/liveKnowledge';
import type { ConversationLog } from '../../transcripts/conversationLog';
import type { UnansweredQuestionStore } from '../../transcripts/unansweredQuestions';
import type { ConversationEraser } from '../../transcripts/conversationEraser';
import { HttpError } from '../../http/httpError';
import type { ErrorMapper, RouteAnswer } from '../../http/route';
import type { Advisor, AdvisorAccounts, AdvisorRole, AuditLog } from '../accounts';
import type { FollowUps } from '../followUps';
import type { ReviewDismissals } from '../review';

/** Checks the session of an API request; answers 401/403 itself and returns undefined when it fails. */
export interface AdvisorGate {
    requireAdvisor(req: Request, res: Response, role?: AdvisorRole): Promise<Advisor | undefined>;
}

/** Chats with the bot built from a draft of the knowledge, through the real main dialog, as a visitor would. */
export interface KnowledgePreview {
    /** Sends `text` in the test conversation `conversationId` (a new one when absent) and returns the bot's replies. */
    send(kb: KnowledgeBase, text: string, conversationId?: string): Promise<{ conversationId: string; replies: unknown[] }>;
}

/** Runs the project's question sets and every entry's phrasings against live and draft knowledge, and says what changes. */
export interface DraftCheck {
    run(live: KnowledgeBase, draft: KnowledgeBase): Promise<unknown>;
}

/** What the knowledge authoring routes use (see `addKnowledgeRoutes`). */
export interface KnowledgeApiDeps {
    authoring: KnowledgeAuthoring;
    /** The knowledge this instance answers from: its status, and a refresh so a publication is answered here at once. */
    live: { status(): LiveStatus; refresh(): Promise<void> };
    /** The articles an entry's source may name (advisors do not change them). */
    sources: readonly SourceDoc[];
    /** Absent until it is built: the preview route answers 501. */
    preview?: KnowledgePreview;
    /** Absent until it is built: the check route answers 501. */
    check?: DraftCheck;
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
    /** The review inbox's dismissed groups. */
    reviewDismissals: ReviewDismissals;
    /** Advisors' changes to the knowledge: drafts, publications, restores. */
    knowledge: KnowledgeApiDeps;
    logger: Logger;
    /** The domain errors every surface answers alike (the server's KNOWN_ERRORS). */
    knownErrors: readonly ErrorMapper[];
}

/** A route's work, given the signed-in advisor. */
export type AdvisorHandler = (req: Request, advisor: Advisor, res: Response) => Promise<RouteAnswer>;

/** Makes a restify handler of `handler` that only an advisor with `role` reaches (see `addAdvisorApi`). */
export type AdvisorRoute = (role: AdvisorRole, handler: AdvisorHandler) => (req: Request, res: Response) => Promise<void>;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The last instant both databases and ISO 8601's four-digit years can hold: a `to` of 9999-12-31 ends here. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A calendar day as `YYYY-MM-DD`, as midnight UTC. Only real days from year 1 pass: `2024-13-45` and `2024-02-30`
 * would become an invalid or another date, and year 0 is one PostgreSQL refuses.
 */
export const day = z
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

/** Text compared with stored ids: PostgreSQL's text cannot hold NUL, and no id holds a control character. */
export const idText = (max: number) =>
    z.string().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

/**
 * False when both dates are given and `to` is before `from`. zod runs this even when a field failed (its issue is
 * reported first), so it checks that both are dates.
 */
export function inOrder(q: { from?: unknown; to?: unknown }): boolean {
    return !(q.from instanceof Date && q.to instanceof Date) || q.from.getTime() <= q.to.getTime();
}

/** The end (exclusive) of the day `to` starts: the next midnight, or the last instant the databases hold. */
export function endOfDay(to: Date): Date {
    return new Date(Math.min(to.getTime() + DAY_MS, LAST_INSTANT));
}

/** State-changing calls must send JSON. The origin check (consoleOrigin.ts) refuses them before this; this stays for the body's type. */
export function jsonBody(req: Request): unknown {
    if (!req.is('json')) throw new HttpError(415, 'BadArgument', 'expected a JSON body (Content-Type: application/json)');
    return req.body ?? {};
}
