/** Where a follow-up request is in the advisors' queue. */
export type FollowUpStatus = 'open' | 'claimed' | 'done';

/** A visitor's request to be contacted: the one place contact details are kept, readable only by advisors. */
export interface FollowUpRequest {
    id: number;
    channelId: string;
    conversationId: string;
    createdAt: string;
    name: string;
    /** The email address or phone number the visitor gave. */
    contact: string;
    contactKind: 'email' | 'phone';
    /** What the visitor wants to talk about, in their words (redacted of other personal data). */
    topic: string;
    status: FollowUpStatus;
    claimedBy?: string;
    updatedAt: string;
}

/** The follow-up queue. */
export interface FollowUps {
    create(request: Pick<FollowUpRequest, 'channelId' | 'conversationId' | 'name' | 'contact' | 'contactKind' | 'topic'>): Promise<FollowUpRequest>;
    list(status?: FollowUpStatus): Promise<FollowUpRequest[]>;
    get(id: number): Promise<FollowUpRequest | undefined>;
    /** Open → claimed by `username`; undefined when there is no such request. */
    claim(id: number, username: string): Promise<FollowUpRequest | undefined>;
    complete(id: number, username: string): Promise<FollowUpRequest | undefined>;
    /** Deletes a conversation's requests (with the conversation, on request or by retention). */
    deleteForConversation(channelId: string, conversationId: string): Promise<number>;
    /** Deletes requests created before `cutoff` (retention); returns how many. */
    deleteOlderThan(cutoff: Date): Promise<number>;
    close(): Promise<void>;
}
