import type { Server } from 'restify';
import { z } from 'zod';
import { parseInput } from '../../http/parseInput';
import { toCsv } from '../csv';
import { figureTable, groupGaps, groupUnanswered, INSIGHT_FIGURES, periodFigures, type Insights } from '../insights';
import { DAY_MS, day, endOfDay, inOrder, type AdvisorApiDeps, type AdvisorRoute } from './shared';

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const range = { from: day.optional(), to: day.optional() };
const InsightsQuery = z.strictObject(range).refine(inOrder, { path: ['to'], message: 'must not be before from' });
const InsightsCsvQuery = z.strictObject({ ...range, figure: z.enum(INSIGHT_FIGURES) }).refine(inOrder, { path: ['to'], message: 'must not be before from' });

/**
 * `GET /api/advisor/insights`: the figures of a period (the last 31 days unless asked), its unanswered questions and its
 * known gaps, and the per-conversation figures of the period and of the one of equal length before it.
 * `GET /api/advisor/insights.csv?figure=<name>`: one of those figures as CSV, with a `period` column (`current`, and
 * `previous` for the figures both periods have).
 */
export function addInsightsRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'log' | 'audit' | 'unanswered' | 'search'>): void {
    const insights = async (query: { from?: Date; to?: Date }): Promise<Insights> => {
        const to = query.to ? endOfDay(query.to) : new Date(Date.now() + DAY_MS);
        const from = query.from ?? new Date(to.getTime() - 31 * DAY_MS);
        // The period before, of the same length, from no earlier than the first day `day` accepts (both databases hold it).
        const before = new Date(Math.max(FIRST_INSTANT, from.getTime() - (to.getTime() - from.getTime())));
        const title = (id: string) => deps.search.entry(id)?.title;
        const [stats, asked, current, previous] = await Promise.all([
            deps.log.stats(from, to),
            deps.unanswered.between(from, to),
            deps.log.conversationFacts(from, to),
            deps.log.conversationFacts(before, from),
        ]);
        // Questions on a known gap are listed by gap; only those nothing matched are "unanswered".
        const unanswered = groupUnanswered(asked.filter((q) => !q.gap), deps.search);
        const gaps = groupGaps(asked);
        return { ...stats, unanswered, gaps, ...periodFigures(current, from, to, title), previous: periodFigures(previous, before, from, title) };
    };

    server.get(
        '/api/advisor/insights',
        route('advisor', async (req, advisor) => {
            const body = await insights(parseInput(InsightsQuery, req.query));
            await deps.audit.record({ username: advisor.username, action: 'view', target: 'insights' });
            return [200, body];
        }),
    );

    server.get(
        '/api/advisor/insights.csv',
        route('advisor', async (req, advisor, res) => {
            const query = parseInput(InsightsCsvQuery, req.query);
            const table = figureTable(query.figure, await insights(query));
            await deps.audit.record({ username: advisor.username, action: 'export', target: `insights.csv`, detail: query.figure });
            res.writeHead(200, {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': `attachment; filename="insights-${query.figure}.csv"`,
                'cache-control': 'no-store',
            });
            res.end(toCsv(table.header, table.rows));
            return undefined;
        }),
    );
}
