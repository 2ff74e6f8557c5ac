import { MAX_REVIEW_EXAMPLES, reviewGroups, type ReviewDismissal, type ReviewGroup } from '../../src/advisor/review';
import { LOW_CONFIDENCE_BELOW } from '../../src/knowledge/searchIndex';
import type { ActivityFact, ConversationFacts, ConversationFactsPage, TraceFact } from '../../src/transcripts/conversationLog';
import { realKnowledge } from '../helpers/botHarness';

/** Hand-made facts: each conversation a list of steps, one minute apart from `start`. */
let n = 0;
const START = Date.parse('2025-03-10T10:00:00Z');
const time = (minute: number) => new Date(START + minute * 60_000).toISOString();

type Step = (facts: ActivityFact[], minute: number) => ActivityFact;
const says = (text: string): Step => (_, minute) => ({ role: 'user', type: 'message', at: time(minute), id: `m${++n}`, text });
const lastAsked = (facts: ActivityFact[]) => [...facts].reverse().find((f) => f.role === 'user' && f.type === 'message')!.id!;
const replies = (trace: Partial<TraceFact>): Step => (facts, minute) => ({
    role: 'bot',
    type: 'message',
    at: time(minute),
    replyToId: lastAsked(facts),
    trace: { source: 'fallback', score: 0, ids: [], topics: [], isAnswer: false, ...trace },
});
const noMatch = replies({ reason: 'no-match' });
const didYouMean = (ids: string[]) => replies({ reason: 'suggestions', ids, score: 0.35 });
const answers = (ids: string[], score: number) => replies({ source: 'knowledge', ids, score, isAnswer: true, topics: ['salary'] });
const onGap = (gap: string) => replies({ reason: 'gap', gap, score: 0.3 });
const ratesDown = (ids: string[]): Step => (facts, minute) => ({ role: 'user', type: 'event', at: time(minute), rating: { rating: 'down', replyToId: lastAsked(facts), ids } });

function conversation(id: string, start: number, steps: Step[], channelId = 'webchat'): ConversationFacts {
    const activities: ActivityFact[] = [];
    steps.forEach((step, i) => activities.push(step(activities, start + i)));
    return { channelId, conversationId: id, startedAt: time(start), lastActivityAt: time(start + steps.length), followUpRequested: false, activities };
}
const page = (...conversations: ConversationFacts[]): ConversationFactsPage => ({ conversations, truncated: false });
const { search } = realKnowledge();
const title = (id: string) => search.entry(id)!.title;
const summary = (groups: ReviewGroup[]) => groups.map((g) => [g.kind, g.title, g.count]);

describe('reviewGroups', () => {
    it('lists each kind from the traces: no match, Did you mean, low confidence, thumbs down and gaps', () => {
        const groups = reviewGroups(
            page(
                conversation('a', 0, [says('what is the MLT exam pass rate in Ohio'), noMatch, says('how many hours a week do MLTs work'), onGap('shifts')]),
                conversation('b', 10, [says('pay?'), didYouMean(['salary-figures', 'salary-by-state']), says(title('salary-by-state')), answers(['salary-by-state'], 0.9)]),
                conversation('c', 20, [says('how much overtime do mlts get'), answers(['salary-figures'], 0.47), ratesDown(['salary-figures'])], 'msteams'),
                conversation('d', 30, [says('a question answered well'), answers(['salary-figures'], 0.9), says('hi'), replies({ source: 'dialog', dialog: 'small-talk', score: 1 })]),
            ),
            search,
        );
        expect(summary(groups)).toEqual([
            ['unanswered', 'what is the MLT exam pass rate in Ohio', 1],
            ['did-you-mean', 'pay?', 1],
            ['low-confidence', title('salary-figures'), 1],
            ['thumbs-down', title('salary-figures'), 1],
            ['gap', 'shifts', 1],
        ]);
        const [unanswered, dym, low, down, gap] = groups;
        expect(unanswered.examples).toEqual([{ text: 'what is the MLT exam pass rate in Ohio', at: time(0), channelId: 'webchat', conversationId: 'a' }]);
        expect(unanswered.yamlStub).toContain('what is the MLT exam pass rate in Ohio');
        expect(dym.examples[0]).toMatchObject({ conversationId: 'b', offered: [title('salary-figures'), title('salary-by-state')], pressed: title('salary-by-state') });
        expect(low).toMatchObject({ key: 'salary-figures', entries: [{ id: 'salary-figures', title: title('salary-figures') }] });
        expect(low.examples).toEqual([{ text: 'how much overtime do mlts get', at: time(20), channelId: 'msteams', conversationId: 'c' }]);
        // A thumbs-down example is the question whose answer was rated, at the time of the rating.
        expect(down.examples).toEqual([{ text: 'how much overtime do mlts get', at: time(22), channelId: 'msteams', conversationId: 'c' }]);
        expect(gap).toMatchObject({ key: 'shifts', examples: [{ text: 'how many hours a week do MLTs work', conversationId: 'a' }] });
    });

    it('says no suggestion was pressed when the visitor wrote something else, or nothing', () => {
        const groups = reviewGroups(
            page(
                conversation('typed', 0, [says('pay?'), didYouMean(['salary-figures']), says('no, the pay in Ohio'), noMatch]),
                conversation('left', 10, [says('pay??'), didYouMean(['salary-figures'])]),
            ),
            search,
        );
        const dym = groups.find((g) => g.kind === 'did-you-mean')!;
        expect(dym.examples.map((e) => [e.conversationId, e.pressed])).toEqual([
            ['left', null],
            ['typed', null],
        ]);
    });

    it('counts only answers below LOW_CONFIDENCE_BELOW as low confidence, and groups them by the entries answered', () => {
        const groups = reviewGroups(
            page(
                conversation('a', 0, [says('q one'), answers(['salary-figures'], LOW_CONFIDENCE_BELOW - 0.01), says('q two'), answers(['salary-figures'], LOW_CONFIDENCE_BELOW)]),
                conversation('b', 10, [says('q three'), answers(['salary-figures'], 0.46), says('q four'), answers(['salary-by-state'], 0.5)]),
            ),
            search,
        );
        expect(summary(groups)).toEqual([
            ['low-confidence', title('salary-figures'), 2],
            ['low-confidence', title('salary-by-state'), 1],
        ]);
        expect(groups[0].examples.map((e) => e.text)).toEqual(['q three', 'q one']);
    });

    it('groups similar wordings, most frequent first then newest, with at most five examples, newest first', () => {
        const asks = (i: number, text: string) => conversation(`c${i}`, i * 10, [says(text), noMatch]);
        const often = Array.from({ length: 7 }, (_, i) => asks(i, i % 2 ? 'what is the MLT exam pass rate in Ohio' : 'MLT exam pass rate in Ohio?'));
        const groups = reviewGroups(page(...often, asks(8, 'can I bring my dog to the lab'), asks(9, 'is parking free at the hospital')), search);
        expect(summary(groups)).toEqual([
            ['unanswered', 'MLT exam pass rate in Ohio?', 7],
            ['unanswered', 'is parking free at the hospital', 1],
            ['unanswered', 'can I bring my dog to the lab', 1],
        ]);
        expect(groups[0].examples).toHaveLength(MAX_REVIEW_EXAMPLES);
        expect(groups[0].examples.map((e) => e.conversationId)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2']);
        expect(groups[0].lastAt).toBe(time(60));
    });

    it('reviews each question of a message that held several on its own', () => {
        const parts = replies({
            source: 'knowledge',
            ids: ['salary-figures'],
            score: 0.8,
            isAnswer: true,
            parts: [
                { question: 'how much do MLTs make', source: 'knowledge', ids: ['salary-figures'], score: 0.8 },
                { question: 'and what are the shifts like', source: 'fallback', reason: 'gap', gap: 'shifts', ids: [], score: 0.2 },
                { question: 'and can I bring my dog', source: 'fallback', reason: 'no-match', ids: [], score: 0 },
            ],
        });
        const groups = reviewGroups(page(conversation('a', 0, [says('how much do MLTs make and what are the shifts like and can I bring my dog'), parts])), search);
        expect(groups.map((g) => [g.kind, g.examples[0].text])).toEqual([
            ['unanswered', 'and can I bring my dog'],
            ['gap', 'and what are the shifts like'],
        ]);
    });

    it('leaves a dismissed group out until an example newer than the dismissal arrives', () => {
        const facts = page(conversation('a', 0, [says('can I bring my dog to the lab'), noMatch, says('hours?'), onGap('shifts')]));
        const [unanswered, gap] = reviewGroups(facts, search);
        const dismissal = (g: ReviewGroup, at: string): ReviewDismissal => ({ kind: g.kind, key: g.key, dismissedAt: at, dismissedBy: 'ada' });
        expect(reviewGroups(facts, search, [dismissal(unanswered, time(5)), dismissal(gap, time(5))])).toEqual([]);
        // Another kind's dismissal of the same key hides nothing.
        expect(reviewGroups(facts, search, [{ ...dismissal(gap, time(5)), kind: 'unanswered' }])).toHaveLength(2);
        const may = (id: string, start: number) => conversation(id, start, [says('may I bring my dog to the lab on weekends?'), noMatch]);
        const later = page(facts.conversations[0], may('b', 10), may('c', 20));
        const dismissed = [dismissal(unanswered, time(5)), dismissal(gap, time(5))];
        // The group's most common wording (its key) changed, but a dismissal of the same question still matches it:
        // after both new examples it hides the group, before them it does not.
        expect(reviewGroups(later, search, [{ ...dismissed[0], dismissedAt: time(30) }])).toEqual([expect.objectContaining({ kind: 'gap' })]);
        const back = reviewGroups(later, search, dismissed);
        expect(summary(back)).toEqual([['unanswered', 'may I bring my dog to the lab on weekends?', 3]]);
        expect(back[0].key).not.toBe(unanswered.key);
        expect(back[0].examples.map((e) => e.conversationId)).toEqual(['c', 'b', 'a']);
    });
});
