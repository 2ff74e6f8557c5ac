import type { Server } from 'restify';
import { z } from 'zod';
import { parseInput } from '../../http/parseInput';
import { groupGaps, groupUnanswered } from '../insights';
import { DAY_MS, day, endOfDay, inOrder, type AdvisorApiDeps, type AdvisorRoute } from './shared';

const InsightsQuery = z
    .strictObject({ from: day.optional(), to: day.optional() })
    .refine(inOrder, { path: ['to'], message: 'must not be before from' });

/** `GET /api/advisor/insights`: the figures of a period (the last 31 days unless asked), its unanswered questions and its known gaps. */
export function addInsightsRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'log' | 'audit' | 'unanswered' | 'search'>): void {
    server.get(
        '/api/advisor/insights',
        route('advisor', async (req, advisor) => {
            const query = parseInput(InsightsQuery, req.query);
            const to = query.to ? endOfDay(query.to) : new Date(Date.now() + DAY_MS);
            const from = query.from ?? new Date(to.getTime() - 31 * DAY_MS);
            const stats = await deps.log.stats(from, to);
            const asked = await deps.unanswered.between(from, to);
            // Questions on a known gap are listed by gap; only those nothing matched are "unanswered".
            const unanswered = groupUnanswered(asked.filter((q) => !q.gap), deps.search);
            const gaps = groupGaps(asked);
            await deps.audit.record({ username: advisor.username, action: 'view', target: 'insights' });
            return [200, { ...stats, unanswered, gaps }];
        }),
    );
}
