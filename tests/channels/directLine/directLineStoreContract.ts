import type { DirectLineStore } from '../../../src/channels/directLine/directLineStore';

/**
 * The behaviour every `DirectLineStore` implementation must share; run against each one.
 * @param create returns a fresh, empty store (closed after each test)
 */
export function describeDirectLineStoreContract(name: string, create: () => Promise<DirectLineStore>): void {
    describe(`${name} (DirectLineStore contract)`, () => {
        let store: DirectLineStore;
        const at = new Date('2026-11-22T10:00:00Z');
        beforeEach(async () => {
            store = await create();
            await store.startConversation({ conversationId: 'c1', userId: 'dl_u1' }, at);
        });
        afterEach(() => store.close());

        it('starts a conversation once', async () => {
            expect(await store.startConversation({ conversationId: 'c1', userId: 'dl_other' }, at)).toBe(false);
            expect(await store.conversation('c1')).toEqual({ conversationId: 'c1', userId: 'dl_u1' });
            expect(await store.conversation('nope')).toBeUndefined();
        });

        it('numbers activities in order, with Direct Line style ids', async () => {
            const first = await store.append('c1', { type: 'message', text: 'one' }, at);
            const second = await store.append('c1', { type: 'message', text: 'two' }, at);
            expect([first.id, second.id]).toEqual(['c1|0000001', 'c1|0000002']);
            expect(await store.activitiesAfter('c1', 1, 10)).toEqual({ activities: [second], watermark: 2 });
        });

        it('numbers each conversation from 1', async () => {
            await store.startConversation({ conversationId: 'c2', userId: 'dl_u2' }, at);
            await store.append('c1', { type: 'message', text: 'c1 one' }, at);
            await store.append('c1', { type: 'message', text: 'c1 two' }, at);
            expect((await store.append('c2', { type: 'message', text: 'c2 one' }, at)).id).toBe('c2|0000001');
            expect((await store.activitiesAfter('c2', 0, 10)).activities.map((a) => a.text)).toEqual(['c2 one']);
        });

        it('gives back an activity as it was appended, with an id made from its number', async () => {
            const activity = {
                type: 'message',
                text: 'ünïcödé, "quotes", emoji 🧪 and \\ backslashes',
                from: { id: 'dl_u1', name: 'Zoë', role: 'user' },
                channelData: { clientActivityID: 'abc', nested: { list: [1, 2.5, null, true] } },
                attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Hi' } }],
            };
            const stored = await store.append('c1', activity, at);
            expect(stored).toEqual({ ...activity, id: 'c1|0000001' });
            expect((await store.activitiesAfter('c1', 0, 10)).activities).toEqual([stored]);
        });

        it('keeps an id an activity comes with (a reply logged under it), and numbers the rest around it', async () => {
            const first = await store.append('c1', { type: 'message', text: 'question' }, at);
            const reply = await store.append('c1', { type: 'message', id: 'Kf3reply', text: 'answer', from: { id: 'bot', name: 'Bot', role: 'bot' } }, at);
            const next = await store.append('c1', { type: 'message', id: '', text: 'follow-up' }, at);
            expect([first.id, reply.id, next.id]).toEqual(['c1|0000001', 'Kf3reply', 'c1|0000003']);
            const page = await store.activitiesAfter('c1', 0, 10);
            expect(page).toEqual({ activities: [first, reply, next], watermark: 3 });
            expect((await store.activitiesAfter('c1', 1, 10)).activities.map((a) => a.id)).toEqual(['Kf3reply', 'c1|0000003']);
        });

        it('pages a long history and keeps the watermark when nothing is new', async () => {
            for (let i = 1; i <= 5; i++) await store.append('c1', { type: 'message', text: `m${i}` }, at);
            const page = await store.activitiesAfter('c1', 0, 2);
            expect(page.activities.map((a) => a.text)).toEqual(['m1', 'm2']);
            expect(page.watermark).toBe(2);
            expect((await store.activitiesAfter('c1', 5, 2)).watermark).toBe(5);
        });

        it('answers a watermark far past the end (15 digits) with nothing new', async () => {
            await store.append('c1', { type: 'message', text: 'one' }, at);
            expect(await store.activitiesAfter('c1', 999_999_999_999_999, 10)).toEqual({ activities: [], watermark: 999_999_999_999_999 });
            expect(await store.activitiesAfter('nope', 0, 10)).toEqual({ activities: [], watermark: 0 });
        });

        it('refuses an activity for a conversation that does not exist', async () => {
            await expect(store.append('nope', { type: 'message' }, at)).rejects.toThrow(/no conversation "nope"/);
        });

        it('deletes only conversations idle since the given time, with their activities', async () => {
            await store.startConversation({ conversationId: 'c2', userId: 'dl_u2' }, at);
            await store.append('c1', { type: 'message', text: 'early' }, at);
            await store.append('c2', { type: 'message', text: 'later' }, new Date(at.getTime() + 60_000));
            expect(await store.deleteIdle(new Date(at.getTime() + 1000))).toBe(1);
            expect(await store.conversation('c1')).toBeUndefined();
            expect((await store.activitiesAfter('c1', 0, 10)).activities).toEqual([]);
            expect((await store.activitiesAfter('c2', 0, 10)).activities).toHaveLength(1);
            await expect(store.append('c1', { type: 'message' }, at)).rejects.toThrow(/no conversation "c1"/);
        });

        it('counts an append as activity, so an active conversation is not idle', async () => {
            await store.append('c1', { type: 'message', text: 'still here' }, new Date(at.getTime() + 60_000));
            expect(await store.deleteIdle(new Date(at.getTime() + 1000))).toBe(0);
            expect(await store.conversation('c1')).toBeDefined();
        });

        it('revokes a token once: a second revocation of it says it already was', async () => {
            const token = { tokenId: 't1', conversationId: 'c1', expiresAt: new Date(at.getTime() + 1_800_000) };
            expect(await store.tokenState('c1', 't1')).toEqual({ conversation: { conversationId: 'c1', userId: 'dl_u1' } });
            expect(await store.revokeToken(token, at)).toBe(true);
            expect(await store.revokeToken(token, new Date(at.getTime() + 1000))).toBe(false);
            expect(await store.tokenState('c1', 't1')).toEqual({ conversation: { conversationId: 'c1', userId: 'dl_u1' }, revokedAt: at });
            expect(await store.tokenState('c1', 't2')).toEqual({ conversation: { conversationId: 'c1', userId: 'dl_u1' } });
        });

        it('revokes a token of a conversation not started yet, and says the conversation does not exist', async () => {
            expect(await store.revokeToken({ tokenId: 't-early', conversationId: 'not-started', expiresAt: new Date(at.getTime() + 1_800_000) }, at)).toBe(true);
            expect(await store.tokenState('not-started', 't-early')).toEqual({ revokedAt: at });
            expect(await store.tokenState('nope', 'nothing')).toEqual({});
        });

        it('forgets revoked tokens that expired before the idle cut-off, and keeps the others', async () => {
            await store.revokeToken({ tokenId: 'old', conversationId: 'c1', expiresAt: new Date(at.getTime() + 1000) }, at);
            await store.revokeToken({ tokenId: 'new', conversationId: 'c1', expiresAt: new Date(at.getTime() + 1_800_000) }, at);
            await store.append('c1', { type: 'message', text: 'active' }, new Date(at.getTime() + 3_600_000));
            await store.deleteIdle(new Date(at.getTime() + 2000));
            expect((await store.tokenState('c1', 'old')).revokedAt).toBeUndefined();
            expect((await store.tokenState('c1', 'new')).revokedAt).toEqual(at);
        });

        it('deletes one conversation with its activities, and no other', async () => {
            await store.startConversation({ conversationId: 'c3', userId: 'dl_u3' }, at);
            await store.append('c3', { type: 'message', text: 'mine' }, at);
            expect(await store.deleteConversation('c3')).toBe(true);
            expect(await store.conversation('c3')).toBeUndefined();
            expect((await store.activitiesAfter('c3', 0, 10)).activities).toEqual([]);
            expect(await store.conversation('c1')).toBeDefined();
            expect(await store.deleteConversation('c3')).toBe(false);
        });

        it('keeps one signing key of 32 bytes', async () => {
            const key = await store.signingKey();
            expect(key).toBeInstanceOf(Buffer);
            expect(key).toHaveLength(32);
            expect(await store.signingKey()).toEqual(key);
        });
    });
}
