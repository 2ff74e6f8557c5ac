import type { Storage } from 'botbuilder';
import type { ConversationLog } from '../../transcripts/conversationLog';
import type { ConversationEraser, EraseOptions } from '../../transcripts/conversationEraser';
import type { UnansweredQuestionStore } from '../../transcripts/unansweredQuestions';
import type { FollowUps } from '../../advisor/followUps';
import type { DirectLineStore } from '../../channels/directLine/directLineStore';
import { isDirectLine } from '../../channels/directLine/directLineChannel';
import { conversationStateKeyPrefix } from '../shared/erasure';

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

    async eraseConversation(channelId: string, conversationId: string, options: EraseOptions = {}): Promise<void> {
        const { storage, conversationLog, unanswered, followUps, directLine } = this.stores;
        await conversationLog.deleteTranscript(channelId, conversationId);
        await unanswered.deleteForConversation(channelId, conversationId);
        await followUps.deleteForConversation(channelId, conversationId);
        await storage.delete([conversationStateKeyPrefix(channelId, conversationId)]);
        if (isDirectLine(channelId) && !options.keepDirectLineCopy) await directLine.deleteConversation(conversationId);
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
