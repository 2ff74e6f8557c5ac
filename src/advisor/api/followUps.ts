import type { Server } from 'restify';
import { z } from 'zod';
import { HttpError } from '../../http/httpError';
import { parseInput } from '../../http/parseInput';
import type { AdvisorApiDeps, AdvisorRoute } from './shared';

const FollowUpQuery = z.strictObject({ status: z.enum(['open', 'claimed', 'done']).optional() });
/** A follow-up request's id in the path: a positive whole number the databases' bigint and JavaScript both hold. */
const FollowUpId = z.string().regex(/^[1-9]\d{0,14}$/, 'expected the number of a follow-up request').transform(Number);

/** `/api/advisor/follow-ups...`: the queue of visitors who asked to be contacted, and claiming and completing a request. */
export function addFollowUpRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'followUps' | 'audit'>): void {
    const { audit } = deps;
    server.get(
        '/api/advisor/follow-ups',
        route('advisor', async (req, advisor) => {
            const { status } = parseInput(FollowUpQuery, req.query);
            await audit.record({ username: advisor.username, action: 'view', target: 'follow-ups', detail: status });
            return [200, { followUps: await deps.followUps.list(status) }];
        }),
    );
    for (const action of ['claim', 'complete'] as const) {
        server.post(
            `/api/advisor/follow-ups/:id/${action}`,
            route('advisor', async (req, advisor) => {
                const id = parseInput(FollowUpId, req.params.id, 'id');
                const updated = await deps.followUps[action](id, advisor.username);
                if (!updated) throw new HttpError(404, 'NotFound', 'no such follow-up request');
                await audit.record({ username: advisor.username, action: `follow-up-${action}`, target: String(id) });
                return [200, updated];
            }),
        );
    }
}
