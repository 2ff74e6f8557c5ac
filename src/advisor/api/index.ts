import type { Server } from 'restify';
import { route as edgeRoute, type RouteContext } from '../../http/route';
import { accountRefusal, addAccountRoutes } from './accounts';
import { addAuditRoutes } from './audit';
import { addConversationRoutes } from './conversations';
import { addFollowUpRoutes } from './followUps';
import { addInsightsRoutes } from './insights';
import { addKnowledgeRoutes, knowledgeRefusal } from './knowledge';
import { addReviewRoutes } from './review';
import type { AdvisorApiDeps, AdvisorRoute } from './shared';

export type { AdvisorApiDeps, AdvisorGate } from './shared';

/**
 * `/api/advisor/...`: conversations (list, read, annotate, delete, export), insights, the review inbox, the follow-up queue,
 * the knowledge editor, and for admins accounts and the audit log. Every route needs a signed-in advisor; every view, export
 * and deletion is audited.
 */
export function addAdvisorApi(server: Server, deps: AdvisorApiDeps): void {
    const context: RouteContext = { logger: deps.logger, surface: 'advisor api', knownErrors: [accountRefusal, knowledgeRefusal, ...deps.knownErrors] };
    const route: AdvisorRoute = (role, handler) =>
        edgeRoute(context, async (req, res) => {
            const advisor = await deps.gate.requireAdvisor(req, res, role);
            return advisor ? handler(req, advisor, res) : undefined;
        });
    addConversationRoutes(server, route, deps);
    addInsightsRoutes(server, route, deps);
    addReviewRoutes(server, route, deps);
    addFollowUpRoutes(server, route, deps);
    addAccountRoutes(server, route, deps);
    addAuditRoutes(server, route, deps);
    addKnowledgeRoutes(server, route, deps);
}
