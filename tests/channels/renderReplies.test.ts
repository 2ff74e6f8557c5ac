import { ActionTypes, ActivityTypes, MessageFactory, TestAdapter } from 'botbuilder';
import { answerText } from '../../src/bot/activityText';
import { answerReply, noteForTurn } from '../../src/replies/answerContent';
import { ArticleCitation, traceOf, withTrace } from '../../src/replies/answerTrace';
import { citationLine } from '../../src/replies/citations';
import { renderReply, RenderRepliesMiddleware } from '../../src/channels/renderReplies';

const SALARY: ArticleCitation = { source: 'med-tech-career-2026', title: 'A Career Guide', shortTitle: 'Career guide', section: 'Earning Potential', asOf: '2024-11' };
const LICENCE: ArticleCitation = { source: 'med-tech-career-2026', title: 'A Career Guide', shortTitle: 'Career guide', section: 'The Licensure Process' };
const BUTTON = { type: ActionTypes.ImBack, title: 'What raises MLT pay?', value: 'What raises MLT pay?' };

/** A reply to two questions, each part cited, built as the dialogs build it. */
const twoParts = () =>
    answerReply(
        [
            { text: '**Pay**\n\nThe median is $57,380.', citations: [SALARY] },
            { text: '**Licence**\n\nSome states require one.', citations: [LICENCE] },
            { text: 'Ask me the others one at a time.', citations: [] },
        ],
        [BUTTON],
        { source: 'knowledge', ids: ['salary-figures', 'licensure-by-state'], score: 0.8 },
    );

type CardBlock = { type: string; text?: string; isSubtle?: boolean };
const cardBlocks = (activity: ReturnType<typeof twoParts>): CardBlock[] => (activity.attachments?.[0].content as { body: CardBlock[] }).body;

describe('citationLine', () => {
    const OTHER: ArticleCitation = { source: 'mlt-online-classes', title: 'Online Classes', shortTitle: 'MLT classes & training', section: 'Salary Range', asOf: '2023-05' };
    it.each<[string, ArticleCitation[], string]>([
        ['one section', [SALARY], 'Source: Career guide, Nov 2024'],
        ['an undated one', [LICENCE], 'Source: Career guide'],
        ['two sections of one article: named once', [SALARY, LICENCE, { ...SALARY, section: 'Outlook' }], 'Source: Career guide, Nov 2024'],
        ['two articles', [SALARY, OTHER], 'Sources: Career guide, Nov 2024; MLT classes & training, May 2023'],
        ['two articles of one date: said once', [SALARY, { ...OTHER, asOf: '2024-11' }], 'Sources: Career guide; MLT classes & training, Nov 2024'],
        ['a dated and an undated article', [SALARY, { ...OTHER, asOf: undefined }], 'Sources: Career guide, Nov 2024; MLT classes & training'],
        ['two dates of one article', [SALARY, { ...LICENCE, asOf: '2023-05' }], 'Source: Career guide, Nov 2024, May 2023'],
    ])('names %s by short title and date, never its sections', (_name, citations, line) => {
        expect(citationLine(citations)).toBe(line);
        for (const c of citations) expect(citationLine(citations)).not.toContain(c.section);
    });
});

describe('renderReply', () => {
    describe.each(['webchat', 'directline', 'emulator', 'a-channel-added-later'])('on %s', (channelId) => {
        it('shows each section, then its short italic source line: the short title and date, no section', () => {
            const reply = twoParts();
            renderReply(channelId, reply);
            expect(reply.text).toBe(
                [
                    '**Pay**\n\nThe median is $57,380.',
                    '_Source: Career guide, Nov 2024_',
                    '**Licence**\n\nSome states require one.',
                    '_Source: Career guide_',
                    'Ask me the others one at a time.',
                ].join('\n\n'),
            );
            expect(reply.suggestedActions?.actions).toEqual([BUTTON]);
        });
    });

    it('keeps the trace, with its citations, and drops the sections it rendered', () => {
        const reply = twoParts();
        renderReply('webchat', reply);
        expect(reply.channelData).toEqual({ answer: { source: 'knowledge', ids: ['salary-figures', 'licensure-by-state'], score: 0.8, citations: [SALARY, LICENCE] } });
    });

    it('leaves a reply that is only text (a menu, small talk) as it is', () => {
        const reply = withTrace(MessageFactory.text('Hi! Ask me anything.'), { source: 'dialog', dialog: 'small-talk', ids: [], score: 1 });
        renderReply('webchat', reply);
        expect(reply.text).toBe('Hi! Ask me anything.');
    });

    describe('on Teams', () => {
        it('puts each section’s citation in the card under it, from the data', () => {
            const reply = twoParts();
            renderReply('msteams', reply);
            expect(reply.text).toBeUndefined();
            expect(reply.suggestedActions).toBeUndefined();
            expect(cardBlocks(reply).map((b) => [b.text, Boolean(b.isSubtle)])).toEqual([
                ['**Pay**\n\nThe median is $57,380.', false],
                [citationLine([SALARY]), true],
                ['**Licence**\n\nSome states require one.', false],
                [citationLine([LICENCE]), true],
                ['Ask me the others one at a time.', false],
            ]);
            expect(traceOf(reply)?.citations).toEqual([SALARY, LICENCE]);
        });

        it('never reads a citation out of the text: a source-like line in an answer stays part of it', () => {
            const reply = answerReply([{ text: 'An answer.\n\n_Source: typed by hand_', citations: [] }], [BUTTON], { source: 'knowledge', ids: ['x'], score: 1 });
            renderReply('msteams', reply);
            expect(cardBlocks(reply).map((b) => b.text)).toEqual(['An answer.\n\n_Source: typed by hand_']);
        });

        it('makes a card of a cited reply without buttons, and leaves plain text without either', () => {
            const cited = answerReply([{ text: 'Settings.', citations: [LICENCE] }], [], { source: 'dialog', dialog: 'workSettings', ids: [], score: 1 });
            renderReply('msteams', cited);
            expect(cardBlocks(cited).map((b) => b.text)).toEqual(['Settings.', citationLine([LICENCE])]);
            const plain = answerReply([{ text: 'No problem.', citations: [] }], [], { source: 'dialog', dialog: 'workSettings', ids: [], score: 1 });
            renderReply('msteams', plain);
            expect(plain.text).toBe('No problem.');
            expect(plain.attachments).toBeUndefined();
        });
    });

    it.each(['webchat', 'msteams'])('lets the strict judge read the body and every source line on %s', (channelId) => {
        const reply = twoParts();
        renderReply(channelId, reply);
        const read = answerText(reply);
        for (const needle of ['The median is $57,380.', 'Some states require one.', citationLine([SALARY]), citationLine([LICENCE])]) expect(read).toContain(needle);
        expect(read).not.toContain(BUTTON.title);
    });
});

describe('RenderRepliesMiddleware', () => {
    it.each<[string, (sent: ReturnType<typeof twoParts>) => void]>([
        ['webchat', (sent) => expect(sent.text).toContain('_Source: Career guide, Nov 2024_')],
        ['msteams', (sent) => expect(sent.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive')],
    ])('renders every reply of a %s turn for that channel', async (channelId, check) => {
        const adapter = new TestAdapter(async (context) => void (await context.sendActivity(twoParts())), { channelId });
        adapter.use(new RenderRepliesMiddleware());
        await adapter.send('hi').assertReply((sent) => {
            expect(sent.type).toBe(ActivityTypes.Message);
            check(sent);
            expect(sent.channelData).not.toHaveProperty('answerSections');
        });
    });

    it('opens the turn’s first answer with the note the turn attached, and only that one', async () => {
        const fallback = withTrace(MessageFactory.text('Did you mean…?'), { source: 'fallback', reason: 'suggestions', ids: [], score: 0 });
        const adapter = new TestAdapter(async (context) => {
            noteForTurn(context, { text: 'A note on the name.', citations: [] });
            noteForTurn(context, { text: 'A second note.', citations: [] });
            await context.sendActivity(fallback);
            await context.sendActivity(twoParts());
            await context.sendActivity(twoParts());
        });
        adapter.use(new RenderRepliesMiddleware());
        await adapter
            .send('how much do CLS make?')
            .assertReply((sent) => expect(sent.text).toBe('Did you mean…?'))
            .assertReply((sent) => {
                expect(sent.text?.startsWith('A note on the name.\n\n**Pay**')).toBe(true);
                expect(sent.text).not.toContain('A second note.');
            })
            .assertReply((sent) => expect(sent.text).not.toContain('A note on the name.'));
    });
});

