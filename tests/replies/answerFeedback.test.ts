import { Activity, ActivityTypes, MessageFactory, TestAdapter, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { AnswerFeedbackMiddleware, FEEDBACK_EVENT, readAnswerRating } from '../../src/replies/answerFeedback';
import { traceOf, withTrace } from '../../src/replies/answerTrace';
import { SMALL_TALK_DIALOG } from '../../src/knowledge/dialogIds';
import { RenderRepliesMiddleware } from '../../src/channels/renderReplies';
import { createMainDialog } from '../../dialogs';
import { dialogDeps, turn } from '../helpers/botHarness';

/** Runs one turn on `channelId` in which the bot sends `reply`, and returns what was sent. */
async function sendThrough(channelId: string, reply: ReturnType<typeof MessageFactory.text>, incomingType: string = ActivityTypes.Message) {
    const adapter = new TestAdapter(
        async (context: TurnContext) => {
            await context.sendActivity(reply);
        },
        { channelId },
    );
    adapter.use(new AnswerFeedbackMiddleware());
    await adapter.processActivity({ type: incomingType, text: 'what do MLTs earn?', id: 'q-1', channelId } as never);
    return adapter.activeQueue.shift()!;
}

const CITATION = { source: 'mlt-online-classes', title: 'Medical Laboratory Technician Online Classes and Training', shortTitle: 'MLT classes & training', section: 'Salary', asOf: '2024-11' };
const answer = () => withTrace(MessageFactory.text('The median is $57,380.'), { source: 'knowledge', ids: ['salary-figures'], score: 0.9, citations: [CITATION] });

describe('AnswerFeedbackMiddleware', () => {
    it('adds thumbs up and down to an answer in Web Chat, naming the answer', async () => {
        const sent = await sendThrough('directline', answer());
        const entity = sent.entities?.find((e) => e.type === 'https://schema.org/Message') as unknown as { '@id': string; potentialAction: object[] };
        expect(entity['@id']).toBe('');
        expect(entity.potentialAction).toEqual([
            { '@type': 'LikeAction', '@id': expect.stringContaining('ids=salary-figures') },
            { '@type': 'DislikeAction', '@id': expect.stringContaining('reply=q-1') },
        ]);
    });

    it.each([
        ['a fallback', withTrace(MessageFactory.text('Sorry, I don’t know.'), { source: 'fallback', reason: 'no-match', ids: [], score: 0 }), 'directline'],
        ['a message without a trace', MessageFactory.text('Hello'), 'directline'],
        ['small talk', withTrace(MessageFactory.text('You’re welcome!'), { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 }), 'directline'],
        ['a dialog’s prompt (it cites nothing)', withTrace(MessageFactory.text('What name should the advisor use for you?'), { source: 'dialog', dialog: 'followUp', ids: [], score: 1 }), 'directline'],
        ['a gap reply (a fallback, though it cites what the sources do say)', withTrace(MessageFactory.text('Our sources don’t cover shifts.'), { source: 'fallback', reason: 'gap', gap: 'shifts', ids: [], score: 0.5, citations: [CITATION] }), 'directline'],
        ['an answer on Teams (it has its own feedback)', answer(), 'msteams'],
    ])('leaves %s alone', async (_name, reply, channelId) => {
        const sent = await sendThrough(channelId, reply);
        expect(sent.entities ?? []).toEqual([]);
    });

    it('does not offer a rating on a welcome (a reply to a join, not to a question)', async () => {
        const sent = await sendThrough('directline', answer(), ActivityTypes.ConversationUpdate);
        expect(sent.entities ?? []).toEqual([]);
    });
});

describe('readAnswerRating', () => {
    it('reads back the rating Web Chat posts when a button is pressed', async () => {
        const sent = await sendThrough('directline', answer());
        const [like, dislike] = (sent.entities![0] as unknown as { potentialAction: object[] }).potentialAction;
        expect(readAnswerRating({ type: 'event', name: FEEDBACK_EVENT, entities: [like as never] })).toEqual({ rating: 'up', replyToId: 'q-1', ids: ['salary-figures'] });
        expect(readAnswerRating({ type: 'event', name: FEEDBACK_EVENT, entities: [dislike as never] })?.rating).toBe('down');
    });

    it.each([
        ['another event', { type: 'event', name: 'something-else' }],
        ['no entity', { type: 'event', name: FEEDBACK_EVENT }],
        ['a forged action (a Like marked down)', { type: 'event', name: FEEDBACK_EVENT, entities: [{ '@type': 'LikeAction', '@id': 'urn:mlt-career-bot:rating:down?reply=x' }] }],
        ['an unrelated @id', { type: 'event', name: FEEDBACK_EVENT, entities: [{ '@type': 'LikeAction', '@id': 'https://example.org' }] }],
    ])('ignores %s', (_name, activity) => {
        expect(readAnswerRating(activity as never)).toBeUndefined();
    });
});

/** True when a reply carries the thumbs Web Chat draws. */
const hasThumbs = (reply: Partial<Activity>) => (reply.entities ?? []).some((e) => e.type === 'https://schema.org/Message');

/**
 * Conversations through the real dialogs, as Web Chat has them: each visitor message, then for each reply of that turn
 * whether it gets thumbs. Only answers do: an entry's answer, or a dialog's answer built from facts.
 */
const CONVERSATIONS: ReadonlyArray<[string, ReadonlyArray<[string, boolean[]]>]> = [
    ['pay figures, then an offer compared', [['how much do MLTs make?', [true]], ['is $52k a good offer?', [true]]]],
    ['the comparison: its answer and card, then which fits', [['compare MLT and MLS', [true, false]], ['not sure yet', [true]]]],
    ['the quiz: its questions and reprompt, then the result', [['take the quiz', [false]], ['yes', [false]], ['maybe', [false]], ['no', [false]], ['yes', [false]], ['yes', [true]]]],
    ['the planner: its questions and “Sorry, I didn’t catch that”, then the plan', [['make me a plan', [false]], ['blah', [false]], ['high school', [false]], ['MLT', [false]], ['Texas', [true]]]],
    ['licensure: the answer, the state question and its reprompt, then the state', [['do I need a license?', [true, false]], ['zzz', [false]], ['Texas', [true]]]],
    ['workplaces: the list, the offer of more, one setting', [['where do MLTs work?', [true, false]], ['hospitals', [true]]]],
    ['a follow-up request: every prompt and the thanks', [['talk to someone', [false]], ['yes', [false]], ['Mary', [false]], ['mary@example.com', [false]], ['skip', [false]]]],
    ['fallbacks, small talk and commands', [['asdfgh qwerty', [false]], ['thanks', [false]], ['help', [false]], ['menu', [false]], ['what about shifts?', [false]]]],
    ['an entry’s answer, and several questions in one', [['mlt', [true]], ['how much do MLTs make and do I need a license in Ohio and what are the shifts like?', [true]]]],
];

describe('thumbs on the real replies', () => {
    it.each(CONVERSATIONS)('%s', async (_name, steps) => {
        const deps = dialogDeps();
        const client = new DialogTestClient('directline', createMainDialog(deps), undefined, [new AnswerFeedbackMiddleware(), new RenderRepliesMiddleware()], deps.conversationState);
        for (const [text, expected] of steps) {
            const replies = await turn(client, text);
            const seen = replies.map((r) => ({ text: r.text?.slice(0, 60), thumbs: hasThumbs(r) }));
            expect(seen).toEqual(expected.map((thumbs, i) => ({ text: replies[i]?.text?.slice(0, 60), thumbs })));
            // The rule behind the table: thumbs exactly on replies that cite the sources and are not fallbacks.
            for (const reply of replies) {
                const trace = traceOf(reply);
                expect(hasThumbs(reply)).toBe(trace?.source !== 'fallback' && (trace?.citations?.length ?? 0) > 0);
            }
        }
    });
});
