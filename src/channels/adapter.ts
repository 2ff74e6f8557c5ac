import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MessageFactory, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { withTrace } from '../bot/answerTrace';

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
export function createAdapter(config: AppConfig, deps: AdapterDeps): CloudAdapter {
    const auth = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    });
    const adapter = new CloudAdapter(auth);
    deps.middleware.forEach((m) => adapter.use(m));
    adapter.onTurnError = (context, error) => handleTurnError(context, error, deps);
    return adapter;
}

/** Logs the failure, apologises without internals, and clears the dialog stack so the next message starts clean. */
export async function handleTurnError(context: TurnContext, error: Error, deps: Pick<AdapterDeps, 'logger' | 'conversationState'>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    deps.logger.error({ err: error, conversationId, channelId: context.activity.channelId }, 'turn failed');
    try {
        await context.sendActivity(withTrace(MessageFactory.text(APOLOGY), { source: 'fallback', reason: 'error', ids: [], score: 0 }));
    } catch (sendError) {
        deps.logger.error({ err: sendError, conversationId }, 'could not send the apology');
    }
    try {
        await deps.conversationState.delete(context);
    } catch (stateError) {
        deps.logger.error({ err: stateError, conversationId }, 'could not clear the conversation state after an error');
    }
}
