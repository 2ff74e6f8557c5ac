import { answerOfferingDialog, requestedDialogEntry, startsOnRequest } from '../../dialogs/dialogChoice';
import { FaqEntrySchema } from '../../src/knowledge/schema';
import { dialogDeps, realKnowledge } from '../helpers/botHarness';

const entries = () => realKnowledge().search.entries;
const entry = (id: string) => {
    const found = realKnowledge().search.entry(id);
    if (!found) throw new Error(`no entry ${id}`);
    return found;
};

describe('when a topic dialog starts', () => {
    it('waits to be asked for the quiz and the planner, and starts the other dialogs on a match', () => {
        const onRequest = entries().filter(startsOnRequest).map((e) => e.id).sort();
        expect(onRequest).toEqual(['education-pathway-plan', 'suitability-quiz']);
        for (const id of ['mlt-vs-mls-compare', 'licensure-by-state', 'salary-figures', 'workplaces-settings']) expect(startsOnRequest(entry(id))).toBe(false);
    });

    it.each([
        ['Is an MLT career right for me? Take the quiz', 'suitability-quiz'],
        ['is an mlt career right for me?  take the quiz!', 'suitability-quiz'],
        ['can I take the quiz please', 'suitability-quiz'],
        ['Quiz me!', 'suitability-quiz'],
        ['How do I become an MLT? Make me a plan', 'education-pathway-plan'],
        ['could you make me a step-by-step plan? I have a biology degree', 'education-pathway-plan'],
    ])('takes “%s” as asking for %s', (text, id) => {
        expect(requestedDialogEntry(entries(), text)?.id).toBe(id);
    });

    it.each(['Should I become an MLT?', 'is this career right for me?', 'how do I become an MLT?', 'is MLT a good career?', 'what does the plan cost', 'quizzes in MLT school'])(
        'does not take “%s” as asking for a dialog',
        (text) => expect(requestedDialogEntry(entries(), text)).toBeUndefined(),
    );

    it('offers the dialog as the first button of its entry’s answer, without repeating it', () => {
        const reply = answerOfferingDialog(dialogDeps(), entry('suitability-quiz'), 1);
        const titles = reply.suggestedActions?.actions.map((a) => a.title) ?? [];
        expect(titles[0]).toBe(entry('suitability-quiz').title);
        expect(titles.filter((t) => t === titles[0])).toHaveLength(1);
        expect(reply.text).toContain(entry('suitability-quiz').answer.trim());
        expect(reply.channelData.answer).toMatchObject({ source: 'knowledge', ids: ['suitability-quiz'] });
        // The trace's follow-ups are the buttons, in the same order.
        expect(reply.channelData.answer.followUps.map((f: { title: string }) => f.title)).toEqual(titles);
    });

    describe('the content schema', () => {
        const base = { id: 'x-entry', topic: 'suitability', title: 'X', questions: ['a?', 'b?', 'c?'], answer: 'A.', source: [{ doc: 'd', section: 's' }] };

        it('wants words to ask for a dialog that starts on request', () => {
            const parsed = FaqEntrySchema.safeParse({ ...base, dialog: 'careerFit', dialogStarts: 'request' });
            expect(parsed.success).toBe(false);
            expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['dialogRequests']);
        });

        it('wants a dialog for requests to start', () => {
            const parsed = FaqEntrySchema.safeParse({ ...base, dialogRequests: ['take the quiz'] });
            expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['dialog']);
        });

        it('starts a dialog on a match by default', () => {
            expect(FaqEntrySchema.parse({ ...base, dialog: 'careerFit' })).toMatchObject({ dialogStarts: 'match', dialogRequests: [] });
        });
    });
});
