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
import { LiveKnowledge } from '../authoring/liveKnowledge';
import type { Replies } from '../replies/replies';
import type { MainDialog } from '../../dialogs';
import type { DialogDeps } from '../../dialogs/dialogDeps';

/** What the bot builds from one version of its knowledge; a publication builds it again and swaps it in. */
export interface KnowledgeRuntime {
    kb: KnowledgeBase;
    search: KnowledgeSearch;
    replies: Replies;
    dialog: MainDialog;
    searchExtension: KnowledgeSearchExtension;
}

/** The services a knowledge runtime's dialogs use, which do not change with the knowledge. */
export type KnowledgeServices = Omit<DialogDeps, 'search' | 'smallTalk' | 'facts' | 'replies'>;

/** Builds search, replies and the main dialog over `kb`: what a published version (or a draft, in the preview) answers with. */
export function buildKnowledgeRuntime(kb: KnowledgeBase, services: KnowledgeServices): KnowledgeRuntime {
    const search = createSearchIndex(kb);
    const replies = createReplies(search, kb.sources, kb.gaps);
    const dialog = createMainDialog({ ...services, search, smallTalk: createSmallTalk(kb.smallTalk), facts: kb.facts, replies });
    return { kb, search, replies, dialog, searchExtension: new KnowledgeSearchExtension(search, replies) };
}

/** A KnowledgeSearch that always asks the one `current` returns, for code that holds a search across publications. */
export function followingSearch(current: () => KnowledgeSearch): KnowledgeSearch {
    return {
        search: (query, options) => current().search(query, options),
        entry: (id) => current().entry(id),
        subjectTerms: (text) => current().subjectTerms(text),
        opinionQuestion: (question) => current().opinionQuestion(question),
        asksAboutPrevious: (question) => current().asksAboutPrevious(question),
        weighsTakingUp: (message) => current().weighsTakingUp(message),
        namesField: (text) => current().namesField(text),
        startedWorkQuestion: (message) => current().startedWorkQuestion(message),
        linked: (a, b) => current().linked(a, b),
        unsourcedNameNote: (text) => current().unsourcedNameNote(text),
        get entries() {
            return current().entries;
        },
        get normalizer() {
            return current().normalizer;
        },
        get medicalAdviceReply() {
            return current().medicalAdviceReply;
        },
    };
}

/** The bot and what it is built on, without any HTTP. */
export interface BotRuntime {
    bot: CareerBot;
    /** The shipped `knowledge/` folder, without advisors' changes (see `knowledge`). */
    kb: KnowledgeBase;
    /** The live knowledge's search: it follows each publication. */
    search: KnowledgeSearch;
    /** The knowledge the bot answers from now: the shipped folder and the live version of advisors' changes. */
    knowledge: LiveKnowledge<KnowledgeRuntime>;
    /** What a knowledge runtime's dialogs are built with (the preview builds a draft's with its own). */
    services: KnowledgeServices;
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
    const storage = createStorage(config, logger);
    const conversationState = new ConversationState(options.metrics ? instrumentStorage(storage.storage, options.metrics) : storage.storage);
    const memory = conversationState.createProperty<ConversationMemory>('memory');
    const erasure = new VisitorErasure(storage.eraser, logger);
    const services: KnowledgeServices = {
        memory,
        unanswered: new UnansweredQuestionRecorder(storage.unanswered),
        followUps: createFollowUpDesk({ followUps: storage.followUps, log: storage.conversationLog, retentionDays: config.TRANSCRIPT_RETENTION_DAYS, logger }),
        erasure,
    };
    const knowledge = new LiveKnowledge({ base: kb, store: storage.knowledgeLayer, build: (version) => buildKnowledgeRuntime(version, services), logger });
    const search = followingSearch(() => knowledge.current.search);
    const bot = new CareerBot({
        conversationState,
        memory,
        dialog: { run: (context, state) => knowledge.current.dialog.run(context, state), welcome: (context) => knowledge.current.dialog.welcome(context) },
        searchExtension: {
            query: (query) => knowledge.current.searchExtension.query(query),
            selectItem: (item) => knowledge.current.searchExtension.selectItem(item),
        },
    });
    return { bot, kb, search, knowledge, services, storage, conversationState, erasure, logger };
}
