import { ConversationState } from 'botbuilder';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { DEFAULT_KNOWLEDGE_DIR } from '../config/paths';
import { loadKnowledge, KnowledgeBase } from '../knowledge/loader';
import { createSearchIndex, KnowledgeSearch } from '../knowledge/searchIndex';
import { createSmallTalk } from '../knowledge/smallTalk';
import { createStorage, BotStorage } from '../stores/createStorage';
import { UnansweredQuestionRecorder } from '../transcripts/unansweredQuestions';
import { createReplies } from '../replies/replies';
import { CareerBot } from './careerBot';
import { createMainDialog, ConversationMemory } from '../../dialogs';
import { KnowledgeSearchExtension } from '../channels/teams/knowledgeSearchExtension';
import { createFollowUpDesk } from '../advisor/followUpDesk';
import { instrumentStorage, Metrics } from '../ops/metrics';
import { VisitorErasure } from './visitorErasure';

/** The bot and what it is built on, without any HTTP. */
export interface BotRuntime {
    bot: CareerBot;
    kb: KnowledgeBase;
    search: KnowledgeSearch;
    storage: BotStorage;
    conversationState: ConversationState;
    /** A visitor's "delete my chat": the middleware that erases the conversation after the turn confirming it. */
    erasure: VisitorErasure;
    logger: Logger;
}

/** Options for tests and tools that build the bot differently from `npm start`. */
export interface BuildOptions {
    knowledgeDir?: string;
    logger?: Logger;
    /** When given, bot state reads and writes are timed and counted. */
    metrics?: Metrics;
}

/** Creates the logger; visitor text is never logged, and these paths are redacted should they ever be. */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): Logger {
    return pino({
        level: config.LOG_LEVEL,
        redact: ['req.headers.authorization', 'activity.text', 'text', '*.password', '*.MicrosoftAppPassword', '*.DIRECT_LINE_SECRET'],
    });
}

/** Loads knowledge, opens storage and builds the bot. A broken content file throws KnowledgeLoadError. */
export function buildBot(config: AppConfig, options: BuildOptions = {}): BotRuntime {
    const logger = options.logger ?? createLogger(config);
    const kb = loadKnowledge(options.knowledgeDir ?? config.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR);
    const search = createSearchIndex(kb);
    const storage = createStorage(config, logger);
    const conversationState = new ConversationState(options.metrics ? instrumentStorage(storage.storage, options.metrics) : storage.storage);
    const memory = conversationState.createProperty<ConversationMemory>('memory');
    const replies = createReplies(search, kb.sources, kb.gaps);
    const erasure = new VisitorErasure(storage.eraser, logger);
    const dialog = createMainDialog({
        search,
        smallTalk: createSmallTalk(kb.smallTalk),
        facts: kb.facts,
        replies,
        memory,
        unanswered: new UnansweredQuestionRecorder(storage.unanswered),
        followUps: createFollowUpDesk({ followUps: storage.followUps, log: storage.conversationLog, retentionDays: config.TRANSCRIPT_RETENTION_DAYS, logger }),
        erasure,
    });
    const bot = new CareerBot({ conversationState, dialog, memory, searchExtension: new KnowledgeSearchExtension(search, replies) });
    return { bot, kb, search, storage, conversationState, erasure, logger };
}
