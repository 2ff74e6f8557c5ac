import type { Activity, TranscriptStore } from 'botbuilder';
import type { Topic } from '../knowledge/schema';

/** How visitors rated the answers of one conversation. */
export interface RatingCounts {
    up: number;
    down: number;
}

/** One conversation as advisors see it in the list (the shape `GET /api/advisor/conversations` returns). */
export interface ConversationSummary {
    channelId: string;
    conversationId: string;
    /** ISO 8601. */
    startedAt: string;
    lastActivityAt: string;
    /** Message activities in and out. */
    messageCount: number;
    /** Topics of the knowledge entries the bot answered from, first seen first. */
    topics: Topic[];
    /** Visitor questions the bot could not answer (fallback `no-match`). */
    unanswered: number;
    rating: RatingCounts;
    followUpRequested: boolean;
    reviewed: boolean;
    tags: string[];
    notes: string;
    /**
     * The (redacted) text of the visitor's first message that is not blank, at most 200 characters (see
     * `firstQuestionOf`); absent until the visitor writes one.
     */
    firstQuestion?: string;
}

/** What the conversation list can be narrowed to; every field is optional and they combine with AND. */
export interface ConversationFilter {
    /** Last activity at or after. */
    from?: Date;
    /** Last activity before. */
    to?: Date;
    channelId?: string;
    topic?: Topic;
    /** Only conversations with at least one unanswered question (true) or none (false). */
    unanswered?: boolean;
    /** Only conversations with at least one thumbs-down. */
    negativeRating?: boolean;
    followUpRequested?: boolean;
    reviewed?: boolean;
    /** Full-text search over the (redacted) messages of the conversation. */
    text?: string;
}

/** One page of conversations, newest activity first. */
export interface ConversationPage {
    conversations: ConversationSummary[];
    /** Pass back to get the next page; absent on the last page. */
    continuationToken?: string;
}

/** What an advisor can change on a conversation. */
export interface ConversationAnnotations {
    reviewed?: boolean;
    tags?: string[];
    notes?: string;
}

/** Counts for the insights page, over conversations whose last activity falls in [from, to). */
export interface ConversationStats {
    /** Conversations started per day (`YYYY-MM-DD`, UTC), oldest first. */
    perDay: { day: string; conversations: number }[];
    /** Bot answers per topic. */
    perTopic: { topic: Topic; answers: number }[];
    /** Bot replies to visitor messages by trace source. */
    replies: { knowledge: number; dialog: number; fallback: number };
    ratings: RatingCounts;
}

/**
 * Every activity in and out, redacted, with a summary per conversation: botbuilder's `TranscriptStore`
 * plus what the advisors' console needs. Implemented on SQLite (default) and, with issue 6, PostgreSQL;
 * one contract test suite runs against each.
 * @remarks `logActivity` stores what it is given; redaction is the caller's job (TranscriptMiddleware),
 * so that nothing unredacted reaches any implementation.
 */
export interface ConversationLog extends TranscriptStore {
    /**
     * Logs `activities` in order, in one transaction: all or none. A turn's message and the reply to it are written
     * together (one commit, not two), before the reply is sent.
     */
    logActivities(activities: Activity[]): Promise<void>;
    listConversations(filter: ConversationFilter, page?: { continuationToken?: string; limit?: number }): Promise<ConversationPage>;
    summary(channelId: string, conversationId: string): Promise<ConversationSummary | undefined>;
    /** Applies the changes; undefined when there is no such conversation. */
    annotate(channelId: string, conversationId: string, changes: ConversationAnnotations): Promise<ConversationSummary | undefined>;
    markFollowUpRequested(channelId: string, conversationId: string): Promise<void>;
    /** Every activity of one conversation, oldest first (no paging: one conversation is small). */
    activities(channelId: string, conversationId: string): Promise<Activity[]>;
    /** Deletes conversations whose last activity is before `cutoff`; returns how many. */
    deleteOlderThan(cutoff: Date): Promise<number>;
    stats(from: Date, to: Date): Promise<ConversationStats>;
    close(): Promise<void>;
}

/** Throws unless every activity can be logged: it exists and names its channel and conversation. */
export function assertLoggable(activities: readonly Activity[], where: string): void {
    for (const activity of activities) {
        if (!activity) throw new Error(`${where}: activity is required`);
        if (!activity.channelId || !activity.conversation?.id) throw new Error(`${where}: the activity has no channelId or conversation.id`);
    }
}

/** Page sizes: a transcript page matches what botbuilder's stores return; the list's limits keep one response small. */
export const CONVERSATION_LOG_PAGES = Object.freeze({
    transcript: 100,
    listDefault: 50,
    listMax: 200,
});
