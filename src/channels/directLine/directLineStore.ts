import type { Activity } from 'botbuilder';

/** One page of a conversation's activities and the watermark to ask from next. */
export interface ActivityPage {
    activities: Activity[];
    /** The sequence number of the last activity read; pass it back to get only newer ones. */
    watermark: number;
}

/** A conversation of the built-in Direct Line. */
export interface DirectLineConversation {
    conversationId: string;
    userId: string;
}

/** A token a refresh replaced: refused from then on (see DirectLineChannel), and forgotten once it has expired anyway. */
export interface RevokedToken {
    tokenId: string;
    conversationId: string;
    /** When the token would have expired; the record is of no use after that. */
    expiresAt: Date;
}

/** What a request's token finds: its conversation (when started), and when the token was revoked (when it was). */
export interface TokenState {
    conversation?: DirectLineConversation;
    revokedAt?: Date;
}

/**
 * What the built-in Direct Line keeps: its conversations, their activities in order, and its signing key.
 * @remarks Owned by the channel so that SQLite (one instance) and a shared database (several instances)
 * can both serve it. Activities are the channel's delivery queue, not the advisors' transcript: they are
 * kept as the visitor typed them (the visitor reads them back) and deleted after a day without activity.
 */
export interface DirectLineStore {
    /** The key tokens are signed with, created on first use and the same for every instance sharing the store. */
    signingKey(): Promise<Buffer>;
    /** Records a new conversation; false when it already exists (the start is then not repeated). */
    startConversation(conversation: DirectLineConversation, at: Date): Promise<boolean>;
    /** The conversation, or undefined when it was never started or has been deleted. */
    conversation(conversationId: string): Promise<DirectLineConversation | undefined>;
    /**
     * Appends an activity, giving it the next sequence number; returns the stored activity. It keeps an id it comes
     * with (a bot reply's, given by the transcript before it was logged, see DirectLineChannel) and otherwise gets one
     * made from its sequence number (`activityId`). Throws when the conversation does not exist.
     * @remarks The caller decides which ids are kept: a client's activity never brings its own (inboundActivity).
     */
    append(conversationId: string, activity: Partial<Activity>, at: Date): Promise<Activity>;
    /** Activities after the watermark, oldest first, at most `limit` of them. */
    activitiesAfter(conversationId: string, watermark: number, limit: number): Promise<ActivityPage>;
    /**
     * Records that a refresh replaced the token; false when it already was (each token is refreshed once), so two
     * refreshes of one token, on any instances, get one new token between them.
     */
    revokeToken(token: RevokedToken, at: Date): Promise<boolean>;
    /** The token's conversation and whether it was revoked, in one read: every request with a token makes it. */
    tokenState(conversationId: string, tokenId: string): Promise<TokenState>;
    /** Deletes conversations with no activity since `before`, and revoked tokens that expired before it; returns how many conversations. */
    deleteIdle(before: Date): Promise<number>;
    /** Deletes one conversation and its activities (an advisor deleted it); false when there was none. */
    deleteConversation(conversationId: string): Promise<boolean>;
    close(): Promise<void>;
}

/**
 * The id Direct Line gives the n-th activity of a conversation (`abc|0000042`); `n` 0 is the visitor's join, which
 * reaches the bot but is not stored. No id minted elsewhere has a `|`, so these never collide with a kept one.
 */
export function activityId(conversationId: string, seq: number): string {
    return `${conversationId}|${String(seq).padStart(7, '0')}`;
}
