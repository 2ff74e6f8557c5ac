import { createHash } from 'node:crypto';
import type { Server } from 'restify';
import { z } from 'zod';
import { parseInput } from '../../http/parseInput';
import { LOW_CONFIDENCE_BELOW } from '../../knowledge/searchIndex';
import { MAX_REVIEW_KEY, REVIEW_KINDS, reviewGroups, type ReviewInbox, type ReviewKind } from '../review';
import { DAY_MS, day, endOfDay, idText, inOrder, jsonBody, type AdvisorApiDeps, type AdvisorRoute } from './shared';

const ReviewQuery = z.strictObject({ from: day.optional(), to: day.optional() }).refine(inOrder, { path: ['to'], message: 'must not be before from' });
/** A group's kind and key as `GET /api/advisor/review` gave them. */
const Dismissal = z.strictObject({ kind: z.enum(REVIEW_KINDS), key: idText(MAX_REVIEW_KEY) });

/** Kinds whose key is made of the visitors' words (search terms of their redacted wording). */
const WORDED: ReadonlySet<ReviewKind> = new Set(['unanswered', 'did-you-mean']);

/**
 * `GET /api/advisor/review?from=&to=`: the review inbox of a period (the last 31 days unless asked, as Insights), its
 * groups without those dismissed. `POST /api/advisor/review/dismissals` `{kind, key}`: dismisses a group until a newer
 * example arrives (204). The console's origin check guards the POST, as every change to the API.
 */
export function addReviewRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'log' | 'audit' | 'search' | 'reviewDismissals'>): void {
    server.get(
        '/api/advisor/review',
        route('advisor', async (req, advisor) => {
            const query = parseInput(ReviewQuery, req.query);
            const to = query.to ? endOfDay(query.to) : new Date(Date.now() + DAY_MS);
            const from = query.from ?? new Date(to.getTime() - 31 * DAY_MS);
            const [facts, dismissals] = await Promise.all([deps.log.conversationFacts(from, to), deps.reviewDismissals.list()]);
            const body: ReviewInbox = { from: from.toISOString(), to: to.toISOString(), truncated: facts.truncated, lowConfidenceBelow: LOW_CONFIDENCE_BELOW, groups: reviewGroups(facts, deps.search, dismissals) };
            await deps.audit.record({ username: advisor.username, action: 'view', target: 'review' });
            return [200, body];
        }),
    );

    server.post(
        '/api/advisor/review/dismissals',
        route('advisor', async (req, advisor) => {
            const { kind, key } = parseInput(Dismissal, jsonBody(req));
            await deps.reviewDismissals.dismiss({ kind, key, dismissedAt: new Date().toISOString(), dismissedBy: advisor.username });
            // The audit log keeps nothing a visitor wrote: a key made of their words is recorded by its hash.
            const detail = WORDED.has(kind) ? `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}` : key;
            await deps.audit.record({ username: advisor.username, action: 'review-dismiss', target: `review/${kind}`, detail });
            return [204, undefined];
        }),
    );
}
