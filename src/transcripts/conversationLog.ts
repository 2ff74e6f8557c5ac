import type { Activity, TranscriptStore } from 'botbuilder';
import type { Topic } from '../knowledge/schema';
import type { AnswerRating } from '../replies/answerFeedback';
import type { AnswerTrace } from '../replies/answerTrace';

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

/** What Insights reads of one bot reply's trace (`channelData.answer`). */
export interface TraceFact {
    source: AnswerTrace['source'];
    reason?: string;
    dialog?: string;
    /** Search confidence between 0 and 1 (1 for a dialog's answer from structured facts). */
    score: number;
    ids: string[];
    /** Topics of the entries, as the transcript middleware adds them. */
    topics: Topic[];
    /** An answer a visitor can rate: it is no fallback and cites its sources (`isRateableAnswer`). */
    isAnswer: boolean;
    /** The known gap the question is on, for `reason: "gap"`. */
    gap?: string;
    /** One part per question when the message held several (`AnswerTrace.parts`). */
    parts?: PartFact[];
}

/** One question of a message that held several, as the review inbox reads it (`AnswerPart`). */
export interface PartFact {
    /** The visitor's own words this part answers (redacted, as logged). */
    question: string;
    source: 'knowledge' | 'fallback';
    reason?: string;
    gap?: string;
    score: number;
    ids: string[];
}

/** One message or event of a conversation, as Insights reads it. */
export interface ActivityFact {
    role: 'bot' | 'user';
    /** `message` or `event`: the only types Insights reads. */
    type: string;
    /** ISO 8601, UTC. */
    at: string;
    /** The activity's id (a visitor's message's id is what a rating names). */
    id?: string;
    replyToId?: string;
    /** The trace of a bot's reply, when it has one. */
    trace?: TraceFact;
    /** A visitor's thumbs, naming the answer rated. */
    rating?: AnswerRating;
    /** A visitor's message's text, as logged (redacted); the bot's text is not read. */
    text?: string;
}

/** One conversation of a period with its messages and events in order: what Insights counts from. */
export interface ConversationFacts {
    channelId: string;
    conversationId: string;
    startedAt: string;
    lastActivityAt: string;
    followUpRequested: boolean;
    activities: ActivityFact[];
}

/** The conversations of a period, newest last activity first, at most `INSIGHT_LIMITS.conversations` of them. */
export interface ConversationFactsPage {
    conversations: ConversationFacts[];
    /** True when the period holds more conversations than were read. */
    truncated: boolean;
}

/**
 * Insights read at most this many conversations of one period (and as many of the period before it).
 * @remarks Facts are a few hundred bytes an activity, so 5,000 conversations of a few dozen messages stay within tens
 * of megabytes for one request; a busier period is shown as the newest 5,000, and says so (`truncated`).
 */
export const INSIGHT_LIMITS = Object.freeze({ conversations: 5000 });

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
    /**
     * Gives logged activities of one conversation new ids (each `from` id becomes its `to`), in one transaction: a
     * reply is logged under the id the bot gave it, and a channel that gives its own on sending (Teams, Azure's Direct
     * Line) names it otherwise. An id the log does not hold is passed over.
     */
    updateActivityIds(channelId: string, conversationId: string, changes: readonly ActivityIdChange[]): Promise<void>;
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
    /**
     * The conversations whose last activity falls in [from, to) (as `stats`), each with its messages and events in the
     * order logged: what Insights computes every figure from, in app code, so that no store can count differently.
     */
    conversationFacts(from: Date, to: Date): Promise<ConversationFactsPage>;
    close(): Promise<void>;
}

/** A logged activity's id and the one it takes instead (see ConversationLog.updateActivityIds). */
export interface ActivityIdChange {
    from: string;
    to: string;
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
