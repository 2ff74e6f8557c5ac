/** How `ConversationEraser.eraseConversation` erases one conversation. */
export interface EraseOptions {
    /** Leave the built-in Direct Line's copy, to be erased by a later call (see `eraseConversation`). */
    keepDirectLineCopy?: boolean;
}

/**
 * Removes conversations from everything the bot keeps: transcript, search index, summaries, unanswered
 * questions, follow-up requests, bot state and the built-in Direct Line's copy. The advisors' delete and the
 * retention job both go through it, so neither can forget a table.
 * @remarks The SQLite and PostgreSQL erasers list the database's tables at run time and refuse to start when one
 * is not in their table of rules (see `checkTables`): a table added later must be given a rule, or declared free
 * of visitor data, before the bot runs. The advisors' audit log is not erased: it records what advisors did,
 * by ids, never what a visitor wrote.
 */
export interface ConversationEraser {
    /**
     * Deletes every row of one conversation, in every table; rows of other conversations stay.
     * @param options.keepDirectLineCopy leaves the built-in Direct Line's copy (its conversation, activities and
     * revoked tokens) for a second call: a visitor's own erasure keeps it until its last reply has reached them.
     */
    eraseConversation(channelId: string, conversationId: string, options?: EraseOptions): Promise<void>;
    /**
     * Deletes what is older than `cutoff` in every table that can hold visitor data: conversations whose last
     * activity was before it (with their transcript and search entries), questions, requests and bot state written
     * before it, Direct Line conversations idle since before it. Returns the number of rows deleted.
     */
    eraseOlderThan(cutoff: Date): Promise<number>;
    close(): Promise<void>;
}
