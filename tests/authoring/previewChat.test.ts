import pino from 'pino';
import { PreviewChat, PREVIEW_NO_FOLLOW_UP, PreviewReply } from '../../src/authoring/previewChat';
import { buildBot, buildKnowledgeRuntime, BotRuntime } from '../../src/bot/buildBot';
import { loadConfig } from '../../src/config/config';
import { realKnowledge, SOURCE_LINE } from '../helpers/botHarness';
import { beforeReal257, withPhrasing } from '../helpers/knowledgeDraft';

const ids = (replies: PreviewReply[]) => replies.flatMap((r) => r.trace?.ids ?? []);

describe('PreviewChat', () => {
    // The live knowledge of these tests only offers suggestions for a real question (real-257); the draft adds it.
    const { kb: live, entryId: ENTRY, question: NEW_PHRASING } = beforeReal257(realKnowledge().kb);
    const draft = withPhrasing(live, ENTRY, NEW_PHRASING);
    const preview = new PreviewChat(buildKnowledgeRuntime);

    describe('when the draft adds a phrasing', () => {
        it('answers it from the draft with that entry, where the live knowledge does not', async () => {
            const before = await preview.send(live, NEW_PHRASING);
            expect(ids(before.replies)).not.toContain(ENTRY);
            const after = await preview.send(draft, NEW_PHRASING);
            expect(after.replies[0].trace).toMatchObject({ source: 'knowledge', ids: [ENTRY] });
        });

        it('renders the answer as the widget shows it: text with its source line, buttons by title, and the trace', async () => {
            const { replies } = await preview.send(draft, NEW_PHRASING);
            const answer = replies[0];
            const entry = draft.entries.find((e) => e.id === ENTRY)!;
            expect(answer.text).toContain(entry.answer.trim().slice(0, 40));
            expect(answer.text).toMatch(SOURCE_LINE);
            expect(answer.trace?.citations?.length).toBeGreaterThan(0);
            expect(answer.suggestedActions?.every((title) => typeof title === 'string' && title.length > 0)).toBe(true);
        });
    });

    describe('when a conversation goes on', () => {
        it('continues the dialog with the conversation id it returned', async () => {
            const first = await preview.send(draft, 'Do I need a license?');
            expect(first.replies.map((r) => r.trace?.dialog)).toContain('licensure');
            const second = await preview.send(draft, 'Texas', first.conversationId);
            expect(second.conversationId).toBe(first.conversationId);
            expect(second.replies[0].text).toContain('Texas');
            expect(second.replies[0].trace).toMatchObject({ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] });
        });

        // "No" means something only to the follow-up dialog's question "Shall I go ahead?".
        const followUpAnswered = (replies: PreviewReply[]) => replies.some((r) => r.trace?.dialog === 'followUp' && /nothing was saved/.test(r.text ?? ''));

        it('starts afresh without it', async () => {
            const first = await preview.send(draft, 'Can I talk to someone?');
            expect(followUpAnswered((await preview.send(draft, 'no', first.conversationId)).replies)).toBe(true);
            await preview.send(draft, 'Can I talk to someone?', first.conversationId);
            const other = await preview.send(draft, 'no');
            expect(other.conversationId).not.toBe(first.conversationId);
            expect(followUpAnswered(other.replies)).toBe(false);
        });

        it('forgets the least recently used conversation beyond its cap', async () => {
            const small = new PreviewChat(buildKnowledgeRuntime, { maxConversations: 2 });
            const oldest = await small.send(draft, 'Can I talk to someone?');
            const kept = await small.send(draft, 'Can I talk to someone?');
            await small.send(draft, 'hello');
            expect(followUpAnswered((await small.send(draft, 'no', kept.conversationId)).replies)).toBe(true);
            expect(followUpAnswered((await small.send(draft, 'no', oldest.conversationId)).replies)).toBe(false);
        });
    });

    describe('with the bot running beside it', () => {
        let runtime: BotRuntime;
        beforeAll(() => {
            runtime = buildBot(loadConfig({ STORAGE: 'memory' }), { logger: pino({ level: 'silent' }) });
        });
        afterAll(() => runtime.storage.close());

        it('records no unanswered question', async () => {
            const { replies } = await preview.send(draft, 'what is the zorblax rota at the spaceport?');
            expect(replies[0].trace).toMatchObject({ source: 'fallback', reason: 'no-match' });
            expect(await runtime.storage.unanswered.list()).toEqual([]);
        });

        it('sends no follow-up request, and says so', async () => {
            let turn = await preview.send(draft, 'Can I talk to someone?');
            for (const said of ['yes', 'Jo Preview', 'jo@example.org', 'skip']) turn = await preview.send(draft, said, turn.conversationId);
            expect(turn.replies.map((r) => r.text)).toContain(PREVIEW_NO_FOLLOW_UP);
            expect(await runtime.storage.followUps.list()).toEqual([]);
        });

        it('erases nothing on "delete my chat", and the conversation goes on', async () => {
            const asked = await preview.send(draft, 'delete my chat');
            const deleted = await preview.send(draft, 'yes', asked.conversationId);
            expect(deleted.replies[0].trace?.source).toBe('dialog');
            expect(deleted.replies[0].trace?.reason).toBeUndefined();
            const next = await preview.send(draft, NEW_PHRASING, asked.conversationId);
            expect(next.replies[0].trace).toMatchObject({ source: 'knowledge', ids: [ENTRY] });
        });
    });
});
