import type { Activity } from 'botbuilder';
import type { ConversationLog } from '../../src/transcripts/conversationLog';
import { exchange, visitorSays } from './conversationFixtures';

async function logAll(log: ConversationLog, activities: Activity[]): Promise<void> {
    for (const activity of activities) await log.logActivity(activity);
}

/**
 * The keyset pagination of `listConversations`, part of the `ConversationLog` contract.
 * @param log the fresh log of the current test
 */
export function describeConversationPaging(log: () => ConversationLog): void {
    describe('paging the conversation list', () => {
        it('walks every conversation once, ties on lastActivityAt included', async () => {
            // 37 conversations over 13 distinct moments: pages must break inside a run of equal timestamps.
            for (let i = 0; i < 37; i++) await logAll(log(), exchange(`p-${i}`, { minutes: i % 13, channelId: i % 2 ? 'webchat' : 'msteams' }));
            const seen: string[] = [];
            let token: string | undefined;
            let pages = 0;
            do {
                const page = await log().listConversations({}, { limit: 5, continuationToken: token });
                expect(page.conversations.length).toBeLessThanOrEqual(5);
                seen.push(...page.conversations.map((c) => `${c.channelId}/${c.conversationId}`));
                token = page.continuationToken;
                pages++;
            } while (token);
            expect(pages).toBe(8);
            expect(new Set(seen).size).toBe(37);
            const all = (await log().listConversations({}, { limit: 200 })).conversations;
            expect(seen).toEqual(all.map((c) => `${c.channelId}/${c.conversationId}`));
            const times = all.map((c) => c.lastActivityAt);
            expect([...times].sort().reverse()).toEqual(times);
        });

        it('pages a filtered list with the filter kept', async () => {
            for (let i = 0; i < 12; i++) await logAll(log(), exchange(`f-${i}`, { minutes: i, unanswered: i % 3 === 0 }));
            const first = await log().listConversations({ unanswered: true }, { limit: 3 });
            const second = await log().listConversations({ unanswered: true }, { limit: 3, continuationToken: first.continuationToken });
            expect([...first.conversations, ...second.conversations].map((c) => c.conversationId)).toEqual(['f-9', 'f-6', 'f-3', 'f-0']);
            expect(second.continuationToken).toBeUndefined();
        });

        it('gives 50 by default and never more than 200', async () => {
            for (let i = 0; i < 205; i++) await log().logActivity(visitorSays(`n-${i}`, 'hi', i));
            expect((await log().listConversations({})).conversations).toHaveLength(50);
            expect((await log().listConversations({}, { limit: 1000 })).conversations).toHaveLength(200);
        });

        it('refuses a continuation token it did not give', async () => {
            await expect(log().listConversations({}, { continuationToken: 'not-a-token' })).rejects.toThrow(/continuation token/);
        });
    });
}
