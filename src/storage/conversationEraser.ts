import type { Storage } from 'botbuilder';
import type { ConversationLog } from '../transcripts/conversationLog';
import type { UnansweredQuestionStore } from '../transcripts/sqliteUnansweredQuestions';
import type { FollowUps } from '../advisor/followUps';
import type { DirectLineStore } from '../channels/directLine/directLineStore';
import { DIRECT_LINE_CHANNEL_ID } from '../channels/directLine/directLineChannel';

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
    /** Deletes every row of one conversation, in every table; rows of other conversations stay. */
    eraseConversation(channelId: string, conversationId: string): Promise<void>;
    /**
     * Deletes what is older than `cutoff` in every table that can hold visitor data: conversations whose last
     * activity was before it (with their transcript and search entries), questions, requests and bot state written
     * before it, Direct Line conversations idle since before it. Returns the number of rows deleted.
     */
    eraseOlderThan(cutoff: Date): Promise<number>;
    close(): Promise<void>;
}

/** A table the eraser leaves alone, and why nothing a visitor wrote is in it. */
export type NoVisitorData = { noVisitorData: string };

/** What a table holds, for the eraser: how to erase one conversation and expire old rows, or why it holds no visitor data. */
export type TableRule<Statement> = { erase: Statement; expire: Statement } | NoVisitorData;

/**
 * Throws unless every table found in the database has a rule; `where` names the eraser, `rulesAt` where its rules are.
 * @remarks This is what makes a new table impossible to forget: the bot does not start until it is given a rule.
 */
export function checkTables(found: readonly string[], rules: Record<string, unknown>, where: string, rulesAt: string): void {
    const unknown = found.filter((table) => !Object.hasOwn(rules, table));
    if (unknown.length > 0) {
        throw new Error(
            `${where}: no rule for table(s) ${unknown.map((t) => `"${t}"`).join(', ')}: say in ${rulesAt} how a conversation is erased ` +
                'from it and how its old rows expire, or why it holds no visitor data. Deleting a conversation must leave nothing behind.',
        );
    }
}

/**
 * The first part of every bot-state key of a conversation. botbuilder's `ConversationState` keys are
 * `{channelId}/conversations/{conversationId}/{namespace}` and `PrivateConversationState`'s add `users/{userId}/…`;
 * the bot uses no `UserState` (whose keys name only a user).
 */
export function conversationStateKeyPrefix(channelId: string, conversationId: string): string {
    return `${channelId}/conversations/${conversationId}/`;
}

/** True when the conversation is one of the built-in Direct Line's (the only ones its store holds). */
export function isDirectLine(channelId: string): boolean {
    return channelId === DIRECT_LINE_CHANNEL_ID;
}

/** The stores `STORAGE=memory` keeps, each its own in-memory database. */
export interface MemoryStores {
    storage: Storage;
    conversationLog: ConversationLog;
    unanswered: UnansweredQuestionStore;
    followUps: FollowUps;
    directLine: DirectLineStore;
}

/**
 * The eraser of `STORAGE=memory` (tests and trials): each store is its own private database there, so no table list
 * can be taken; it asks each store in turn. Bot state in memory has no dates: retention leaves it (it ends with
 * the process).
 */
export class MemoryConversationEraser implements ConversationEraser {
    constructor(private readonly stores: MemoryStores) {}

    async eraseConversation(channelId: string, conversationId: string): Promise<void> {
        const { storage, conversationLog, unanswered, followUps, directLine } = this.stores;
        await conversationLog.deleteTranscript(channelId, conversationId);
        await unanswered.deleteForConversation(channelId, conversationId);
        await followUps.deleteForConversation(channelId, conversationId);
        await storage.delete([conversationStateKeyPrefix(channelId, conversationId)]);
        if (isDirectLine(channelId)) await directLine.deleteConversation(conversationId);
    }

    async eraseOlderThan(cutoff: Date): Promise<number> {
        const { conversationLog, unanswered, followUps, directLine } = this.stores;
        const counts = [
            await conversationLog.deleteOlderThan(cutoff),
            await unanswered.deleteOlderThan(cutoff),
            await followUps.deleteOlderThan(cutoff),
            await directLine.deleteIdle(cutoff),
        ];
        return counts.reduce((a, b) => a + b, 0);
    }

    async close(): Promise<void> {}
}
