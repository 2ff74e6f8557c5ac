import { figureTable, periodFigures, type Insights } from '../../src/advisor/insights';
import { LOW_CONFIDENCE_BELOW, SEARCH_TUNING } from '../../src/knowledge/searchIndex';
import type { Topic } from '../../src/knowledge/schema';
import type { ActivityFact, ConversationFacts, ConversationFactsPage } from '../../src/transcripts/conversationLog';

/** Hand-made facts: a conversation is a list of steps, in order. */
const FROM = new Date('2025-03-10T00:00:00Z');
const TO = new Date('2025-03-12T00:00:00Z');
let n = 0;

const asks = (day = '2025-03-10'): ActivityFact => ({ role: 'user', type: 'message', at: `${day}T10:00:00.000Z`, id: `m${++n}` });
const lastAsked = (facts: ActivityFact[]) => [...facts].reverse().find((f) => f.role === 'user' && f.type === 'message')!.id!;
const answers = (ids: string[], topics: Topic[], score = 0.9) => (facts: ActivityFact[]): ActivityFact => ({
    role: 'bot',
    type: 'message',
    at: '2025-03-10T10:00:01.000Z',
    replyToId: lastAsked(facts),
    trace: { source: 'knowledge', score, ids, topics, isAnswer: true },
});
const dialogPrompt = (facts: ActivityFact[]): ActivityFact => ({
    role: 'bot',
    type: 'message',
    at: '2025-03-10T10:00:01.000Z',
    replyToId: lastAsked(facts),
    trace: { source: 'dialog', dialog: 'followUp', score: 1, ids: [], topics: [], isAnswer: false },
});
const fallsBack = (reason: string) => (facts: ActivityFact[]): ActivityFact => ({
    role: 'bot',
    type: 'message',
    at: '2025-03-10T10:00:01.000Z',
    replyToId: lastAsked(facts),
    trace: { source: 'fallback', reason, score: 0.35, ids: reason === 'suggestions' ? ['salary-median'] : [], topics: [], isAnswer: false },
});
/** A thumbs on the answer to the visitor's message `back` messages ago (1: the latest). */
const rates = (rating: 'up' | 'down', ids: string[], back = 1, day = '2025-03-10') => (facts: ActivityFact[]): ActivityFact => {
    const asked = facts.filter((f) => f.role === 'user' && f.type === 'message');
    return { role: 'user', type: 'event', at: `${day}T11:00:00.000Z`, rating: { rating, replyToId: asked[asked.length - back].id!, ids } };
};

type Step = ActivityFact | ((facts: ActivityFact[]) => ActivityFact);
function conversation(id: string, steps: Step[], options: { channelId?: string; followUpRequested?: boolean } = {}): ConversationFacts {
    const activities: ActivityFact[] = [];
    for (const step of steps) activities.push(typeof step === 'function' ? step(activities) : step);
    return { channelId: options.channelId ?? 'webchat', conversationId: id, startedAt: FROM.toISOString(), lastActivityAt: FROM.toISOString(), followUpRequested: options.followUpRequested ?? false, activities };
}

const TITLES: Record<string, string> = { 'salary-median': 'What MLTs earn', 'licensure-by-state': 'Licences by state', 'shift-work': 'Shifts' };
const figures = (conversations: ConversationFacts[], truncated = false) =>
    periodFigures({ conversations, truncated } satisfies ConversationFactsPage, FROM, TO, (id) => TITLES[id]);

describe('Insights figures from per-conversation facts', () => {
    const resolved = conversation('resolved', [asks(), answers(['salary-median'], ['salary']), rates('up', ['salary-median']), asks(), answers(['licensure-by-state'], ['licensure'], 0.5)]);
    const resolvedThenDown = conversation('down-twice', [
        asks(),
        answers(['salary-median'], ['salary']),
        asks(),
        answers(['shift-work'], ['duties']),
        rates('down', ['salary-median'], 2, '2025-03-11'),
        rates('down', ['shift-work'], 1, '2025-03-11'),
    ]);
    const leftAfterDidYouMean = conversation('left', [asks(), answers(['salary-median'], ['salary'], 0.47), asks(), fallsBack('suggestions')]);
    const fellBackThenAnswered = conversation('recovered', [asks(), fallsBack('no-match'), asks(), answers(['salary-median'], ['salary'])], { channelId: 'msteams' });
    const escalated = conversation('escalated', [asks(), fallsBack('gap'), asks(), dialogPrompt, asks(), dialogPrompt], { followUpRequested: true });
    const welcomeOnly = conversation('welcome-only', [{ role: 'bot', type: 'message', at: '2025-03-10T09:00:00.000Z', trace: { source: 'dialog', dialog: 'welcome', score: 1, ids: [], topics: [], isAnswer: false } }]);
    const all = [resolved, resolvedThenDown, leftAfterDidYouMean, fellBackThenAnswered, escalated, welcomeOnly];

    it('counts rates over conversations in which the visitor wrote, with their counts', () => {
        const f = figures(all);
        expect(f.conversations).toBe(5);
        // resolved and down-twice: answered, no fallback, no follow-up; a thumbs down does not unresolve.
        expect(f.resolutionRate).toEqual({ rate: 0.4, count: 2, outOf: 5 });
        expect(f.escalationRate).toEqual({ rate: 0.2, count: 1, outOf: 5 });
        // left: the last message got a "Did you mean" and nothing followed; recovered: the fallback was answered after.
        expect(f.abandonmentRate).toEqual({ rate: 0.2, count: 1, outOf: 5 });
        expect(f.conversationLength).toEqual({ conversations: 5, visitorMessages: 11, mean: 2.2, median: 2 });
        expect(f.ratings).toEqual({ up: 1, down: 2 });
    });

    it('leaves a conversation whose last message got a fallback but that the visitor went on with out of abandonment', () => {
        const wentOn = conversation('went-on', [asks(), fallsBack('no-match'), asks()]);
        expect(figures([wentOn]).abandonmentRate).toEqual({ rate: 0, count: 0, outOf: 1 });
        expect(figures([conversation('left-on-no-match', [asks(), fallsBack('no-match')])]).abandonmentRate.count).toBe(1);
    });

    it('gives null rates and lengths, not zero, when nobody wrote', () => {
        const f = figures([welcomeOnly]);
        expect(f.resolutionRate).toEqual({ rate: null, count: 0, outOf: 0 });
        expect(f.conversationLength).toEqual({ conversations: 0, visitorMessages: 0, mean: null, median: null });
    });

    it('ties each thumbs to the answer it rates, not the last answer, and ranks answers and topics by thumbs down', () => {
        const f = figures(all);
        expect(f.answersByThumbsDown).toEqual([
            { ids: ['shift-work'], title: 'Shifts', topics: ['duties'], up: 0, down: 1 },
            { ids: ['salary-median'], title: 'What MLTs earn', topics: ['salary'], up: 1, down: 1 },
        ]);
        expect(f.topicsByThumbsDown).toEqual([
            { topic: 'duties', up: 0, down: 1 },
            { topic: 'salary', up: 1, down: 1 },
        ]);
        expect(f.ratingsPerDay).toEqual([
            { day: '2025-03-10', up: 1, down: 0 },
            { day: '2025-03-11', up: 0, down: 2 },
        ]);
    });

    it('picks, of two answers to one message, the one with the rated ids', () => {
        const c = conversation('two', [asks(), answers(['salary-median'], ['salary']), answers(['licensure-by-state'], ['licensure']), rates('down', ['licensure-by-state'])]);
        expect(figures([c]).answersByThumbsDown).toEqual([{ ids: ['licensure-by-state'], title: 'Licences by state', topics: ['licensure'], up: 0, down: 1 }]);
    });

    it('counts a rating whose answer is not in the conversation under the ids it names', () => {
        const c = conversation('orphan', [asks(), { role: 'user', type: 'event', at: '2025-03-10T11:00:00.000Z', rating: { rating: 'down', replyToId: 'gone', ids: ['nowhere'] } }]);
        expect(figures([c]).answersByThumbsDown).toEqual([{ ids: ['nowhere'], title: 'nowhere', topics: [], up: 0, down: 1 }]);
    });

    it('counts answers from knowledge scored below LOW_CONFIDENCE_BELOW as low confidence, by entry', () => {
        expect(LOW_CONFIDENCE_BELOW).toBeGreaterThan(SEARCH_TUNING.answerAt);
        const f = figures(all);
        // 0.5 (licensure) and 0.47 (salary) are low; 0.9 is not; fallbacks are no answers whatever their score.
        expect(f.lowConfidenceAnswers).toEqual({
            count: 2,
            outOf: 6,
            below: LOW_CONFIDENCE_BELOW,
            entries: [
                { id: 'licensure-by-state', title: 'Licences by state', answers: 1 },
                { id: 'salary-median', title: 'What MLTs earn', answers: 1 },
            ],
        });
        const edge = conversation('edge', [asks(), answers(['salary-median'], ['salary'], LOW_CONFIDENCE_BELOW)]);
        expect(figures([edge]).lowConfidenceAnswers.count).toBe(0);
    });

    it('gives every per-conversation figure per channel', () => {
        const f = figures(all);
        expect(f.byChannel.map((c) => c.channelId)).toEqual(['msteams', 'webchat']);
        expect(f.byChannel[0]).toMatchObject({
            conversations: 1,
            resolutionRate: { rate: 0, count: 0, outOf: 1 },
            escalationRate: { count: 0, outOf: 1 },
            abandonmentRate: { count: 0, outOf: 1 },
            conversationLength: { mean: 2, median: 2 },
            ratings: { up: 0, down: 0 },
        });
        expect(f.byChannel[1]).toMatchObject({ conversations: 4, resolutionRate: { rate: 0.5, count: 2, outOf: 4 }, abandonmentRate: { count: 1 }, ratings: { up: 1, down: 2 }, lowConfidenceAnswers: { count: 2, outOf: 5 } });
    });

    it('writes each figure as CSV rows for both periods, rates with their counts', () => {
        const current = figures(all);
        const previous = { ...figures([resolved]), from: '2025-03-08T00:00:00.000Z', to: FROM.toISOString() };
        const insights: Insights = { ...current, perDay: [], perTopic: [], replies: { knowledge: 0, dialog: 0, fallback: 0 }, unanswered: [], gaps: [], previous };
        expect(figureTable('resolutionRate', insights)).toEqual({
            header: ['period', 'from', 'to', 'rate', 'count', 'outOf'],
            rows: [
                ['current', FROM.toISOString(), TO.toISOString(), 0.4, 2, 5],
                ['previous', '2025-03-08T00:00:00.000Z', FROM.toISOString(), 1, 1, 1],
            ],
        });
        expect(figureTable('answersByThumbsDown', insights).rows[0]).toEqual(['current', FROM.toISOString(), TO.toISOString(), 'shift-work', 'Shifts', 'duties', 0, 1]);
        expect(figureTable('lowConfidenceAnswers', insights).rows[0]).toEqual(['current', FROM.toISOString(), TO.toISOString(), '', 'all answers from knowledge', 2, 6, LOW_CONFIDENCE_BELOW]);
    });
});
