import { ActivityTypes, MessageFactory, TestAdapter, TurnContext } from 'botbuilder';
import { AnswerFeedbackMiddleware, FEEDBACK_EVENT, readAnswerRating } from '../../src/replies/answerFeedback';
import { withTrace } from '../../src/replies/answerTrace';
import { SMALL_TALK_DIALOG } from '../../src/knowledge/dialogIds';

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

const answer = () => withTrace(MessageFactory.text('The median is $57,380.'), { source: 'knowledge', ids: ['salary-figures'], score: 0.9 });

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
