import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/config';
import type { RateLimitName, RateLimiters } from '../../http/rateLimits';
import { exchangeDirectLineSecret } from './azureDirectLine';
import type { DirectLineChannel } from './directLineChannel';
import { DirectLineError } from './directLineError';
import { respond, type ErrorMapper, type RouteHandler } from '../../http/route';
import { StorageUnavailableError } from '../../stores/shared/storageUnavailableError';

/** Where the built-in Direct Line 3.0 is served. */
export const DIRECT_LINE_BASE = '/v3/directline';

/** What the Direct Line routes need. */
export interface DirectLineRouteDeps {
    channel: DirectLineChannel;
    config: Pick<AppConfig, 'DIRECT_LINE_SECRET' | 'DIRECT_LINE_ENDPOINT'>;
    logger: Logger;
    /** Reaches Azure's Direct Line; tests pass a stand-in. */
    fetchImpl?: typeof fetch;
    /** Rate limits per client address and per conversation (see RATE_LIMITS). */
    rateLimits: RateLimiters;
    /**
     * The domain errors every surface answers alike (the server's KNOWN_ERRORS): the conversations' store that does
     * not answer is a 503 with `Retry-After`, which DirectLineJS retries and Web Chat shows as "send failed, retry".
     */
    knownErrors: readonly ErrorMapper[];
}

/** The widget's token: where to connect, and how (`domain: null` is this bot's own Direct Line). */
export interface WidgetToken {
    token: string;
    conversationId: string;
    expires_in: number;
    domain: string | null;
    webSocket: boolean;
}

/** The limits a route applies: per client address, and per the conversation in its path. */
interface RouteLimits {
    perAddress?: RateLimitName;
    perConversation?: RateLimitName;
}

/** Statuses saying that the request was not the conversation's own: no token, another's, or no such conversation. */
const NOT_THE_CONVERSATIONS = new Set([401, 403, 404]);

/** Adds `/v3/directline/...` (Direct Line 3.0, polling) and `POST /api/directline/token` (the widget's token). */
export function addDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
    const { channel, rateLimits } = deps;
    const auth = (req: Request) => req.header('authorization') || undefined;
    const id = (req: Request) => String(req.params.conversationId);
    const context = { logger: deps.logger, surface: 'directline', knownErrors: deps.knownErrors };
    const route = (handler: RouteHandler, limits: RouteLimits = {}) => async (req: Request, res: Response) => {
        const { perAddress, perConversation } = limits;
        if (perAddress && !(await rateLimits.take(perAddress, rateLimits.addressOf(req), res))) return;
        if (perConversation && !(await rateLimits.take(perConversation, id(req), res))) return;
        const status = await respond(context, handler, req, res);
        // Conversation ids are secret to their token, so counting before the token is checked is safe; giving the
        // count back when the token did not grant the conversation keeps made-up ids out of memory.
        if (perConversation && NOT_THE_CONVERSATIONS.has(status)) await rateLimits.refund(perConversation, id(req));
    };

    server.post(`${DIRECT_LINE_BASE}/tokens/generate`, route(async () => [200, await channel.generateToken()], { perAddress: 'tokens' }));
    server.post(
        `${DIRECT_LINE_BASE}/tokens/refresh`,
        route(async (req, res) => {
            // Counted per conversation once the token checks out (its conversation is known only then); a refresh
            // writes a row (the replaced token), so a token holder must not refresh without end.
            const token = await channel.verifyToken(auth(req));
            if (!(await rateLimits.take('tokenRefreshes', token.conversationId, res))) return undefined;
            return [200, await channel.refreshToken(token)];
        }),
    );
    server.post(
        `${DIRECT_LINE_BASE}/conversations`,
        route(async (req) => {
            const { created, conversation } = await channel.startConversation(auth(req), serviceUrlOf(req));
            return [created ? 201 : 200, conversation];
        }, { perAddress: 'conversationStarts' }),
    );
    server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, route(async (req) => [200, await channel.resumeConversation(auth(req), id(req))]));
    server.post(
        `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
        route(async (req) => [200, await channel.postActivity(auth(req), id(req), req.body, serviceUrlOf(req))], { perAddress: 'messagesPerAddress', perConversation: 'messages' }),
    );
    server.get(
        `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
        route(async (req) => {
            const watermark = queryText(req, 'watermark');
            try {
                return [200, await channel.listActivities(auth(req), id(req), watermark)];
            } catch (err) {
                if (!(err instanceof StorageUnavailableError)) throw err;
                // DirectLineJS (Web Chat) stops polling for good on any poll error but 403 and 404, so a 503 here
                // would leave the widget deaf after the store is back. Nothing new can be read: an empty page at the
                // same watermark keeps it polling; the visitor's own posts meanwhile get the 503 Web Chat shows as
                // "send failed, retry".
                deps.logger.warn({ err, path: req.path() }, "directline: the conversations' store does not answer; a poll got an empty page");
                return [200, { activities: [], watermark }];
            }
        }, { perConversation: 'polls' }),
    );
    server.post(
        `${DIRECT_LINE_BASE}/conversations/:conversationId/upload`,
        route(async () => {
            throw new DirectLineError(400, 'BadArgument', 'this bot does not accept file uploads; please type your question');
        }),
    );

    server.post(
        '/api/directline/token',
        route(async () => {
            const { DIRECT_LINE_SECRET: secret, DIRECT_LINE_ENDPOINT: endpoint } = deps.config;
            if (!secret) return [200, { ...(await channel.generateToken()), domain: null, webSocket: false } satisfies WidgetToken];
            try {
                const token = await exchangeDirectLineSecret(endpoint, secret, deps.fetchImpl);
                return [200, { ...token, domain: endpoint, webSocket: true } satisfies WidgetToken];
            } catch (err) {
                throw new DirectLineError(502, 'BotError', 'the chat service is not available right now; try again in a minute', { cause: err });
            }
        }, { perAddress: 'tokens' }),
    );
}

/** Where this server was reached, as the bot's conversation reference records it. */
function serviceUrlOf(req: Request): string {
    const host = /^[\w.:[\]-]+$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
    return `${req.isSecure() ? 'https' : 'http'}://${host}${DIRECT_LINE_BASE}`;
}

function queryText(req: Request, name: string): string | undefined {
    const value = (req.query as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : undefined;
}
