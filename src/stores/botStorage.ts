import type { Middleware, Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import type { UnansweredQuestionStore } from '../transcripts/unansweredQuestions';
import type { DirectLineStore } from '../channels/directLine/directLineStore';
import type { ConversationLog } from '../transcripts/conversationLog';
import type { ConversationEraser } from '../transcripts/conversationEraser';
import type { AdvisorAccounts, AdvisorSessions, AuditLog } from '../advisor/accounts';
import type { FollowUps } from '../advisor/followUps';
import type { ReviewDismissals } from '../advisor/review';
import type { KnowledgeLayerStore } from '../authoring/knowledgeStore';

/** Everything the bot keeps, and what the server needs to know about it. */
export interface BotStorage {
    /** Bot state (dialog stacks, conversation memory). */
    readonly storage: Storage;
    readonly kind: AppConfig['STORAGE'];
    /** Questions the bot could not answer, redacted, for the advisors' report. */
    readonly unanswered: UnansweredQuestionStore;
    /** The built-in Direct Line's conversations and activities. */
    readonly directLine: DirectLineStore;
    /** Every activity in and out, redacted, with a summary per conversation. */
    readonly conversationLog: ConversationLog;
    /** Visitors' requests to be contacted by an advisor. */
    readonly followUps: FollowUps;
    readonly accounts: AdvisorAccounts;
    readonly sessions: AdvisorSessions;
    readonly audit: AuditLog;
    /** The review inbox's groups advisors dismissed. */
    readonly reviewDismissals: ReviewDismissals;
    /** Advisors' changes to the knowledge: the working draft and every published version. */
    readonly knowledgeLayer: KnowledgeLayerStore;
    /** Deletes a conversation from every table and store (an advisor's delete), or everything older than a cutoff (retention). */
    readonly eraser: ConversationEraser;
    /** Settles once the stores can be used (schema migrations on a shared database). */
    ready(): Promise<void>;
    /** True when the store answers; `/readyz` reports it. */
    isHealthy(): Promise<boolean>;
    /**
     * Keeps one conversation's turns in order across instances sharing the store (PostgreSQL); absent when
     * one process owns the store and its in-process turn queue is enough.
     */
    readonly conversationLock?: Middleware;
    close(): Promise<void>;
}
