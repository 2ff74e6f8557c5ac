import type { AppConfig } from './config/config';
import { ConversationQueue } from './bot/conversationQueue';
import { TypingIndicator } from './bot/typingIndicator';
import { TurnScopeMiddleware } from './ops/turnScope';
import { AnswerFeedbackMiddleware } from './replies/answerFeedback';
import { RenderRepliesMiddleware } from './channels/renderReplies';
import { TranscriptMiddleware } from './transcripts/transcriptMiddleware';
import { scheduleRetention } from './transcripts/retention';
import { createAdvisorAuth } from './advisor/advisorAuth';
import { createMetrics } from './ops/metrics';
import { TurnMetricsMiddleware } from './ops/turnMetricsMiddleware';
import { buildBot, BotRuntime, BuildOptions } from './bot/buildBot';
import { createAdapter } from './channels/adapter';
import { createServer, BotServer } from './server/createServer';
import { privacyStatement } from './server/privacyNotice';
import { countChannelTurns, createRateLimiters, RateLimitOverrides } from './http/rateLimits';
import { DirectLineChannel } from './channels/directLine/directLineChannel';
import { KnowledgeAuthoring } from './authoring/knowledgeAuthoring';

export { buildBot, createLogger } from './bot/buildBot';
export type { BotRuntime, BuildOptions } from './bot/buildBot';

/** The bot behind its HTTP server. */
export interface App extends BotRuntime, BotServer {
    /** The built-in Direct Line the widget talks to. */
    directLine: DirectLineChannel;
    /** Settles once start-up work is done (the first advisor account from the bootstrap settings). */
    ready(): Promise<void>;
    /** Stops taking requests, waits for turns in flight (up to `timeoutMs`), then closes storage. */
    shutdown(timeoutMs?: number): Promise<void>;
}

/** Options for tests and tools that build the application differently from `npm start`. */
export interface AppOptions extends BuildOptions {
    /** Smaller rate limits, so a test reaches them in a few requests; production uses RATE_LIMITS. */
    rateLimits?: RateLimitOverrides;
}

/** Builds the whole application: bot, adapter and server (not yet listening). */
export function createApp(config: AppConfig, options: AppOptions = {}): App {
    const { rateLimits: rateLimitOverrides, ...buildOptions } = options;
    const metrics = createMetrics();
    const runtime = buildBot(config, { metrics, ...buildOptions });
    const rateLimits = createRateLimiters({ enabled: config.RATE_LIMITS, trustProxy: config.TRUST_PROXY, logger: runtime.logger, overrides: rateLimitOverrides });
    const adapter = createAdapter(config, {
        logger: runtime.logger,
        conversationState: runtime.conversationState,
        // Typing shows while a slow turn works; the queue keeps one conversation's turns in order.
        // The transcript comes last, so it logs each reply exactly as it is sent (cards, rating actions and all).
        middleware: [
            // Outermost, so an error escaping any of the turn's work is logged with its conversation (src/index.ts).
            new TurnScopeMiddleware(),
            // First, so a turn's time includes waiting behind earlier turns of its conversation.
            new TurnMetricsMiddleware(metrics, runtime.logger),
            // Before the queue, so a flood of one conversation is counted as it arrives, not as its turns get their go.
            countChannelTurns(rateLimits),
            new TypingIndicator({ logger: runtime.logger }),
            new ConversationQueue(),
            ...(runtime.storage.conversationLock ? [runtime.storage.conversationLock] : []),
            // Inside the queue and the lock, so the conversation's next turn waits for it; outside everything that
            // writes during the turn (bot state, the transcript), so a "delete my chat" erases its own turn too.
            runtime.erasure,
            new AnswerFeedbackMiddleware(),
            // Each reply becomes what its channel shows (text with source lines, Teams cards) before it is logged.
            new RenderRepliesMiddleware(),
            new TranscriptMiddleware(runtime.storage.conversationLog, { topicOf: (id) => runtime.search.entry(id)?.topic, logger: runtime.logger }),
        ],
    });
    const directLine = new DirectLineChannel({
        store: runtime.storage.directLine,
        adapter,
        bot: runtime.bot,
        logger: runtime.logger,
        appId: config.MicrosoftAppId,
    });
    // Web Chat reads the reply that says the conversation is deleted from the built-in Direct Line's copy, after the turn.
    runtime.erasure.keepDirectLineCopy((conversationId, eraseCopy) => directLine.keepUntilDelivered(conversationId, eraseCopy));
    const { storage, logger } = runtime;
    const auth = createAdvisorAuth({
        accounts: storage.accounts,
        sessions: storage.sessions,
        audit: storage.audit,
        logger,
        trustProxy: config.TRUST_PROXY,
        rateLimits,
    });
    // The live version of advisors' changes is loaded before the bot is ready, then checked every second.
    const started = storage.ready().then(() => runtime.knowledge.start()).then(() => auth.bootstrap(config));
    const stopRetention = scheduleRetention(
        config.TRANSCRIPT_RETENTION_DAYS,
        // Every table with visitor data, bot state and the built-in Direct Line's included.
        [{ name: 'conversations', deleteOlderThan: (cutoff) => storage.eraser.eraseOlderThan(cutoff) }],
        logger,
    );
    const http = createServer({
        adapter,
        bot: runtime.bot,
        logger: runtime.logger,
        isReady: () => runtime.storage.isHealthy(),
        directLine: { channel: directLine, config },
        metrics,
        rateLimits,
        privacy: privacyStatement(config),
        advisor: {
            auth,
            api: {
                log: storage.conversationLog,
                followUps: storage.followUps,
                unanswered: storage.unanswered,
                accounts: storage.accounts,
                audit: storage.audit,
                eraser: storage.eraser,
                search: runtime.search,
                reviewDismissals: storage.reviewDismissals,
                knowledge: { authoring: new KnowledgeAuthoring(runtime.kb, storage.knowledgeLayer), live: runtime.knowledge, sources: runtime.kb.sources },
            },
        },
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
            stopRetention();
            runtime.knowledge.stop();
            await started.catch(() => undefined);
            await runtime.storage.close();
        })());
    return { ...runtime, ...http, directLine, ready: () => started, shutdown };
}
