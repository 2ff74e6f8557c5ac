import { ShowTypingMiddleware } from 'botbuilder';
import type { AppConfig } from './config/config';
import { ConversationQueue } from './bot/conversationQueue';
import { AnswerFeedbackMiddleware } from './bot/answerFeedback';
import { TeamsCardsMiddleware } from './channels/teams/teamsCards';
import { buildBot, BotRuntime, BuildOptions } from './bot/buildBot';
import { createAdapter } from './channels/adapter';
import { createServer, BotServer } from './server/createServer';
import { DirectLineChannel } from './channels/directLine/directLineChannel';

export { buildBot, createLogger } from './bot/buildBot';
export type { BotRuntime, BuildOptions } from './bot/buildBot';

/** The bot behind its HTTP server. */
export interface App extends BotRuntime, BotServer {
    /** The built-in Direct Line the widget talks to. */
    directLine: DirectLineChannel;
    /** Stops taking requests, waits for turns in flight (up to `timeoutMs`), then closes storage. */
    shutdown(timeoutMs?: number): Promise<void>;
}

/** Builds the whole application: bot, adapter and server (not yet listening). */
export function createApp(config: AppConfig, options: BuildOptions = {}): App {
    const runtime = buildBot(config, options);
    const adapter = createAdapter(config, {
        logger: runtime.logger,
        conversationState: runtime.conversationState,
        // Typing shows while a slow turn works; the queue keeps one conversation's turns in order.
        middleware: [new ShowTypingMiddleware(400, 2000), new ConversationQueue(), new AnswerFeedbackMiddleware(), new TeamsCardsMiddleware()],
    });
    const directLine = new DirectLineChannel({
        store: runtime.storage.directLine,
        adapter,
        bot: runtime.bot,
        logger: runtime.logger,
        appId: config.MicrosoftAppId,
    });
    const http = createServer({
        adapter,
        bot: runtime.bot,
        logger: runtime.logger,
        isReady: () => runtime.storage.isHealthy(),
        directLine: { channel: directLine, config },
    });
    let closing: Promise<void> | undefined;
    const shutdown = (timeoutMs = 10_000) =>
        (closing ??= (async () => {
            const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
            http.server.server.closeIdleConnections?.();
            const drained = await http.inFlight.drain(timeoutMs);
            if (!drained) runtime.logger.warn({ inFlight: http.inFlight.size }, 'shutdown: requests still in flight after the timeout');
            http.server.server.closeAllConnections?.();
            await closed;
            // Turns the built-in Direct Line stopped waiting for may still be sending replies.
            await directLine.close(timeoutMs);
            await runtime.storage.close();
        })());
    return { ...runtime, ...http, directLine, shutdown };
}
