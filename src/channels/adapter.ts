import {
    Activity,
    ActivityTypes,
    CallerIdConstants,
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConversationState,
    InvokeResponse,
    MessageFactory,
    Middleware,
    TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import jwt from 'jsonwebtoken';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { withTrace } from '../replies/answerTrace';
import { serverErrorBody } from '../http/errorBody';
import { shareSigningKeys } from './signingKeys';

const APOLOGY = 'Sorry, something went wrong on my side. Please ask your question again; if it keeps happening, try again in a few minutes.';

/** What the adapter needs besides the configuration. */
export interface AdapterDeps {
    logger: Logger;
    conversationState: ConversationState;
    /** Middleware run on every turn, in order. */
    middleware: Middleware[];
}

/**
 * Builds the CloudAdapter every channel shares, authenticating with the app credentials when they are set.
 * @remarks Without `MicrosoftAppId` the adapter accepts unauthenticated requests (local use and the Emulator),
 * which is why the server then listens on 127.0.0.1 only.
 */
export function createAdapter(config: AppConfig, deps: AdapterDeps): ChannelAdapter {
    // Before any token is checked: every check then shares one key lookup per metadata URL (see shareSigningKeys).
    shareSigningKeys({ logger: deps.logger });
    const auth = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        ...(config.BotOpenIdMetadata ? publicCloudWithKeysFrom(config.BotOpenIdMetadata) : {}),
    });
    const adapter = new ChannelAdapter(auth, Boolean(config.MicrosoftAppId));
    deps.middleware.forEach((m) => adapter.use(m));
    adapter.onTurnError = (context, error) => handleTurnError(context, error, deps);
    return adapter;
}

/**
 * Microsoft's public cloud, with the channels' signing keys published at `metadataUrl`. botbuilder takes every
 * endpoint as given once any one is set, so all of them are named here.
 */
function publicCloudWithKeysFrom(metadataUrl: string): Record<string, string> {
    return {
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
    };
}

/** Why a request to `/api/messages` was not authenticated (for the log; the caller only hears 401). */
export class NotAuthenticatedError extends Error {
    constructor(reason: string, options?: { cause?: unknown }) {
        super(reason, options);
        this.name = 'NotAuthenticatedError';
    }
}

/** The algorithm the Bot Framework signs its tokens with (Microsoft's OpenID keys are RSA keys). */
const BOT_FRAMEWORK_ALGORITHM = 'RS256';

/**
 * The CloudAdapter, with authentication kept apart from the turn: `processChannelActivity` throws
 * `NotAuthenticatedError` for any request it cannot authenticate, so the route answers 401 with its own error body,
 * instead of CloudAdapter.process's bare-text 401 (or 500, when Microsoft's signing keys cannot be fetched).
 */
export class ChannelAdapter extends CloudAdapter {
    constructor(
        auth: ConfigurationBotFrameworkAuthentication,
        /** True when app credentials are set, so every request must carry a Bot Framework token. */
        readonly requiresToken: boolean,
    ) {
        super(auth);
    }

    /**
     * Authenticates `authorization` for `activity`, then runs the turn.
     * @returns the invoke response: the replies for `expectReplies`, an invoke's result, or undefined.
     */
    async processChannelActivity(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
        if (this.requiresToken) {
            const problem = bearerTokenProblem(authorization);
            if (problem) throw new NotAuthenticatedError(problem);
        }
        let authenticated: AuthenticateRequestResult;
        try {
            authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
        } catch (err) {
            // An unknown signing key, a wrong audience or issuer, an expired token, or Microsoft's keys out of reach:
            // the request is not authenticated either way; the cause goes to the log.
            throw new NotAuthenticatedError(err instanceof Error ? err.message : String(err), { cause: err });
        }
        return this.processActivity(authenticated, activity, logic);
    }
}

/**
 * What makes `authorization` plainly not a Bot Framework token, checked before any signing key is looked up:
 * not `Bearer <JWT>`, or a JWT that is unsigned, signed with a shared secret, or names no key.
 */
export function bearerTokenProblem(authorization: string): string | undefined {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) return authorization ? 'the Authorization header is not "Bearer" and a JWT' : 'no Authorization header';
    const decoded = jwt.decode(match[1], { complete: true });
    if (!decoded) return 'the bearer token is not a JWT';
    if (decoded.header.alg !== BOT_FRAMEWORK_ALGORITHM) return `the token is signed with ${JSON.stringify(decoded.header.alg)}, not ${BOT_FRAMEWORK_ALGORITHM}`;
    if (typeof decoded.header.kid !== 'string' || decoded.header.kid === '') return 'the token names no signing key (kid)';
    return undefined;
}

/** Logs the failure, apologises without internals, and clears the dialog stack so the next message starts clean. */
export async function handleTurnError(context: TurnContext, error: Error, deps: Pick<AdapterDeps, 'logger' | 'conversationState'>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    deps.logger.error({ err: error, conversationId, channelId: context.activity.channelId }, 'turn failed');
    try {
        if (context.activity.type === ActivityTypes.Invoke) {
            // An invoke (a Teams search, a card action) is answered in the HTTP response, not in the chat: without an
            // invoke response the adapter would answer 501 (not implemented) with no body, though the invoke failed.
            await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body: serverErrorBody() } });
        } else {
            await context.sendActivity(withTrace(MessageFactory.text(APOLOGY), { source: 'fallback', reason: 'error', ids: [], score: 0 }));
        }
    } catch (sendError) {
        deps.logger.error({ err: sendError, conversationId }, 'could not send the apology');
    }
    try {
        await deps.conversationState.delete(context);
    } catch (stateError) {
        deps.logger.error({ err: stateError, conversationId }, 'could not clear the conversation state after an error');
    }
}
