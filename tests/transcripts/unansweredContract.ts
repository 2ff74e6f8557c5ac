import type { TurnContext } from 'botbuilder';
import { UnansweredQuestionRecorder, type UnansweredQuestionStore } from '../../src/transcripts/unansweredQuestions';

/** The little of a turn `record` reads: where the question was asked. */
const turnIn = (channelId: string, conversationId: string) => ({ activity: { channelId, conversation: { id: conversationId } } }) as unknown as TurnContext;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every `UnansweredQuestionStore` implementation must share; run against each one.
 * @param create returns a fresh, empty store (closed after each test)
 */
export function describeUnansweredQuestionsContract(name: string, create: () => Promise<UnansweredQuestionStore>): void {
    describe(`${name} (UnansweredQuestionStore contract)`, () => {
        let store: UnansweredQuestionStore;
        // What the bot records through; the store keeps what the recorder gives it.
        let recorder: UnansweredQuestionRecorder;
        beforeEach(async () => {
            store = await create();
            recorder = new UnansweredQuestionRecorder(store);
        });
        afterEach(() => store.close());

        it('records a question with where and when it was asked, personal data redacted before it is written', async () => {
            const before = Date.now();
            await recorder.record(turnIn('webchat', 'c1'), 'can jo@example.org call 555-123-4567 about night shifts?');
            const [question] = await store.list();
            expect(question).toEqual({ at: expect.any(String), channelId: 'webchat', conversationId: 'c1', question: expect.stringContaining('[email removed]') });
            expect(question.question).not.toMatch(/jo@example\.org|123-4567/);
            expect(new Date(question.at).toISOString()).toBe(question.at);
            expect(Date.parse(question.at)).toBeGreaterThanOrEqual(before - 1);
        });

        it('stores exactly what it is given: redaction is the recorder’s, not the store’s', async () => {
            const asked = { at: '2026-12-05T01:02:03.004Z', channelId: 'msteams', conversationId: 'c9', question: 'mail jo@example.org', gap: 'shifts' };
            await store.add(asked);
            expect(await store.list()).toEqual([asked]);
        });

        it('records a question on a known gap with the gap’s name, and one nothing matched without it', async () => {
            await recorder.record(turnIn('webchat', 'c1'), 'can I work in a lab with a felony?', 'criminal-record');
            await recorder.record(turnIn('webchat', 'c1'), 'do you wear scrubs?');
            const [plain, onGap] = await store.list();
            expect(onGap).toMatchObject({ question: 'can I work in a lab with a felony?', gap: 'criminal-record' });
            expect(plain).not.toHaveProperty('gap');
            expect((await store.between(new Date(0), new Date(Date.now() + 1000))).map((q) => q.gap)).toEqual(['criminal-record', undefined]);
        });

        it('records a turn without a channel or conversation under empty ones', async () => {
            await recorder.record({ activity: {} } as unknown as TurnContext, 'what is an mlt?');
            expect(await store.list()).toMatchObject([{ channelId: '', conversationId: '', question: 'what is an mlt?' }]);
        });

        it('lists the most recent first, 100 unless told', async () => {
            for (let i = 0; i < 105; i++) await recorder.record(turnIn('webchat', 'c1'), `question ${i}`);
            const recent = await store.list();
            expect(recent).toHaveLength(100);
            expect(recent[0].question).toBe('question 104');
            expect((await store.list(2)).map((q) => q.question)).toEqual(['question 104', 'question 103']);
        });

        it('gives the questions asked in [from, to), oldest first', async () => {
            await recorder.record(turnIn('webchat', 'c1'), 'too early');
            await pause(5);
            const from = new Date();
            await recorder.record(turnIn('webchat', 'c1'), 'first');
            await recorder.record(turnIn('msteams', 'c2'), 'second');
            await pause(5);
            const to = new Date();
            await pause(5);
            await recorder.record(turnIn('webchat', 'c1'), 'too late');
            expect((await store.between(from, to)).map((q) => q.question)).toEqual(['first', 'second']);
            expect(await store.between(to, to)).toEqual([]);
        });

        it('deletes one conversation’s questions', async () => {
            await recorder.record(turnIn('webchat', 'c1'), 'one');
            await recorder.record(turnIn('webchat', 'c1'), 'two');
            await recorder.record(turnIn('msteams', 'c1'), 'other channel');
            await recorder.record(turnIn('webchat', 'c2'), 'other conversation');
            expect(await store.deleteForConversation('webchat', 'c1')).toBe(2);
            expect((await store.list()).map((q) => q.question).sort()).toEqual(['other channel', 'other conversation']);
            expect(await store.deleteForConversation('webchat', 'nope')).toBe(0);
        });

        it('deletes questions asked before a cutoff', async () => {
            await recorder.record(turnIn('webchat', 'c1'), 'old');
            await pause(5);
            const cutoff = new Date();
            await pause(5);
            await recorder.record(turnIn('webchat', 'c1'), 'new');
            expect(await store.deleteOlderThan(cutoff)).toBe(1);
            expect((await store.list()).map((q) => q.question)).toEqual(['new']);
        });
    });
}
