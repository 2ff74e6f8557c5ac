import { createMainDialog } from '../../dialogs';
import { closeAlternatives } from '../../dialogs/mainDialog';
import { traceOf } from '../../src/replies/answerTrace';
import type { FaqEntry } from '../../src/knowledge/schema';
import { dialogDeps, realKnowledge, testClient, turn } from '../helpers/botHarness';

const hit = (id: string, score: number) => ({ entry: { id } as FaqEntry, score });

describe('an answer offers the entries that nearly won', () => {
    it('takes up to two runners-up within 0.1 of the best score, best first', () => {
        expect(closeAlternatives([hit('a', 0.9), hit('b', 0.85), hit('c', 0.8), hit('d', 0.79)])).toEqual(['b', 'c']);
        expect(closeAlternatives([hit('a', 0.9), hit('b', 0.79)])).toEqual([]);
        expect(closeAlternatives([])).toEqual([]);
    });

    it('puts them first among the answer’s buttons, before its own follow-ups', async () => {
        const { search } = realKnowledge();
        // A question whose answer has a close runner-up, found rather than assumed: the test fails if none is close.
        const question = 'is the mlt field dying?';
        const result = search.search(question);
        const alternatives = closeAlternatives(result.hits);
        expect(result.confidence).toBe('answer');
        expect(alternatives.length).toBeGreaterThan(0);
        const deps = dialogDeps();
        const [reply] = await turn(testClient(createMainDialog(deps), deps), question);
        expect(traceOf(reply)).toMatchObject({ source: 'knowledge', ids: [result.hits[0].entry.id] });
        const titles = reply.suggestedActions?.actions.map((a) => a.title) ?? [];
        expect(titles.slice(0, alternatives.length)).toEqual(alternatives.map((id) => search.entry(id)!.title));
    });
});
