import restify, { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Activity, ActivityHandler, InvokeResponse } from 'botbuilder';
import { InFlight } from './inFlight';
import { checkActivity } from './validateActivity';
import { ChannelAdapter, NotAuthenticatedError } from '../channels/adapter';
import { handleCors } from './cors';
import { addWebRoutes } from './webRoutes';
import type { PrivacyStatement } from './privacyNotice';
import { addDirectLineRoutes, DirectLineRouteDeps } from '../channels/directLine/directLineRoutes';
import type { AdvisorAuth } from '../advisor/advisorAuth';
import { addAdvisorApi, AdvisorApiDeps } from '../advisor/api';
import { addConsoleRoutes } from '../advisor/consoleRoutes';
import { addMetricsRoute, Metrics } from '../ops/metrics';
import { channelConversationKey, RateLimiters } from '../http/rateLimits';
import { HttpError, sendError } from '../http/httpError';
import { route, type RouteAnswer, type RouteContext } from '../http/route';
import { formatRestifyErrors } from '../http/restifyErrors';
import { KNOWN_ERRORS } from './knownErrors';

/** Largest request body accepted; larger ones get 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What the HTTP server serves. */
export interface ServerDeps {
    adapter: ChannelAdapter;
    bot: ActivityHandler;
    logger: Logger;
    /** True once knowledge is loaded and storage answers. */
    isReady(): Promise<boolean>;
    /** The built-in Direct Line and the widget's token. */
    directLine: Omit<DirectLineRouteDeps, 'logger' | 'rateLimits' | 'knownErrors'>;
    /** Served at `GET /metrics` (Prometheus). */
    metrics: Metrics;
    /** Rate limits of the public endpoints (see RATE_LIMITS). */
    rateLimits: RateLimiters;
    /** What is kept and for how long, from the running configuration: the page's privacy section and `GET /api/privacy`. */
    privacy: PrivacyStatement;
    /** The advisors' console: sign-in, pages and API. */
    advisor: { auth: AdvisorAuth; api: Omit<AdvisorApiDeps, 'gate' | 'logger' | 'knownErrors'> };
}

/**
 * The answer to a turn: the replies (`expectReplies`), an invoke's result, or an empty 200.
 * An invoke no handler took comes back from botbuilder as 501 with no body: it is the sender's request that this
 * bot does not support, so it is a 400 with the error body every route uses; a refusal without a body gets one.
 */
function turnAnswer(activity: Activity, response: InvokeResponse | undefined): RouteAnswer {
    if (!response) return [200];
    if (response.status === 501 && response.body === undefined) {
        const name = typeof activity.name === 'string' ? ` "${activity.name.slice(0, 100)}"` : '';
        throw new HttpError(400, 'BadArgument', `this bot does not handle the invoke${name}`);
    }
    if (response.status >= 400 && response.body === undefined) {
        throw new HttpError(response.status, response.status >= 500 ? 'ServiceError' : 'BadArgument', `the invoke was refused (${response.status})`);
    }
    return [response.status, response.body];
}

/** The server and the requests it has in progress (for a graceful shutdown). */
export interface BotServer {
    server: Server;
    inFlight: InFlight;
}

/** Builds the restify server with every route; it does not listen, so tests can build it and call it. */
export function createServer(deps: ServerDeps): BotServer {
    const server = restify.createServer({ name: 'mlt-career-bot', handleUncaughtExceptions: false });
    const inFlight = new InFlight();

    server.pre((req: Request, res: Response, next) => {
        inFlight.start();
        let finished = false;
        const finish = () => {
            if (!finished) {
                finished = true;
                inFlight.end();
            }
        };
        // The response's close, not the request's: since Node 16 a request emits 'close' once its body has been read,
        // so a turn still running counted as finished and a shutdown did not wait for it. The response closes when it
        // has been sent or its connection is gone.
        res.once('close', finish);
        res.once('finish', finish);
        if (handleCors(req, res)) return next(false);
        // No client of this bot compresses what it posts. restify would inflate gzip and deflate itself, past the
        // 256 KB limit (a 5 KB gzip body inflates to megabytes) and, for a body that is not gzip, with an
        // exception that ends the process; so a body in any encoding but identity is refused before it is read.
        const encoding = req.headers['content-encoding'];
        if (encoding !== undefined) {
            if (encoding.trim().toLowerCase() !== 'identity') {
                sendError(res, new HttpError(415, 'BadArgument', 'compressed request bodies are not accepted; send the body without a Content-Encoding'));
                return next(false);
            }
            // "identity" means not encoded; restify's body reader only knows gzip and would refuse it.
            delete req.headers['content-encoding'];
        }
        next();
    });
    // Before any body is read: the console takes changes only from its own origin (CSRF), its API only as JSON.
    deps.advisor.auth.addOriginCheck(server);
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

    const messages: RouteContext = { logger: deps.logger, surface: '/api/messages', knownErrors: KNOWN_ERRORS };
    server.post(
        '/api/messages',
        route(messages, async (req, res) => {
            const checked = checkActivity(req);
            if (!checked.ok) throw new HttpError(400, 'BadArgument', checked.message);
            const { activity } = checked;
            // Only checked here; a turn is counted once the adapter has authenticated it (countChannelTurns): with app
            // credentials set, a stranger who knows a chat's conversation id must not be able to spend its budget.
            if (!(await deps.rateLimits.check('channelActivities', channelConversationKey(activity.channelId, activity.conversation.id), res))) return undefined;
            const authorization = req.header('authorization') ?? '';
            let response: InvokeResponse | undefined;
            try {
                response = await deps.adapter.processChannelActivity(authorization, activity, (context) => deps.bot.run(context));
            } catch (err) {
                if (!(err instanceof NotAuthenticatedError)) throw err;
                deps.logger.warn({ reason: err.message, channelId: activity.channelId }, 'refused a request to /api/messages that is not authenticated');
                throw new HttpError(401, 'Unauthorized', 'this endpoint takes activities from the Bot Framework Service, with its token');
            }
            return turnAnswer(activity, response);
        }),
    );

    server.get('/healthz', async (_req: Request, res: Response) => {
        res.send(200, { status: 'ok' });
    });

    server.get('/readyz', async (_req: Request, res: Response) => {
        const ready = await deps.isReady().catch(() => false);
        res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    });

    addDirectLineRoutes(server, { ...deps.directLine, logger: deps.logger, rateLimits: deps.rateLimits, knownErrors: KNOWN_ERRORS });
    addWebRoutes(server, { privacy: deps.privacy });
    addMetricsRoute(server, deps.metrics);
    deps.advisor.auth.addSignInRoutes(server, KNOWN_ERRORS);
    addConsoleRoutes(server, { authenticate: (req) => deps.advisor.auth.authenticate(req) });
    addAdvisorApi(server, { ...deps.advisor.api, gate: deps.advisor.auth, logger: deps.logger, knownErrors: KNOWN_ERRORS });

    formatRestifyErrors(server, deps.logger);
    return { server, inFlight };
}
