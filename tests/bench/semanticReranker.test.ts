import { EntryVectors, needsSemantic, promote, SEMANTIC_TUNING, SemanticHit, SentenceEncoder } from '../../src/bench/semanticReranker';
import type { FaqEntry } from '../../src/knowledge/schema';
import type { SearchResult } from '../../src/knowledge/searchIndex';
import { realKnowledge } from '../helpers/botHarness';

/** A stand-in for the model: one dimension per word of a small vocabulary, and a record of every text embedded. */
function fakeEncoder(): SentenceEncoder & { embedded: string[] } {
    const words = ['pay', 'salary', 'earn', 'work', 'hospital', 'license', 'state', 'edited'];
    const embedded: string[] = [];
    return {
        embedded,
        async embed(texts) {
            embedded.push(...texts);
            return texts.map((t) => [...words.map((w) => (t.toLowerCase().includes(w) ? 1 : 0)), 0.01]);
        },
    };
}

const { kb } = realKnowledge();
const entry = (id: string): FaqEntry => kb.entries.find((e) => e.id === id)!;
const salary = entry('salary-figures');
const settings = entry('workplaces-settings');
const licence = entry('licensure-by-state');

describe('EntryVectors', () => {
    it('embeds each entry once, then only an edited entry again, and forgets a removed one', async () => {
        const encoder = fakeEncoder();
        const vectors = new EntryVectors(encoder);
        expect(await vectors.update([salary, settings, licence])).toBe(3);
        expect(encoder.embedded).toEqual([salary.title, ...salary.questions, settings.title, ...settings.questions, licence.title, ...licence.questions]);

        encoder.embedded.length = 0;
        expect(await vectors.update([salary, settings, licence])).toBe(0);
        expect(encoder.embedded).toEqual([]);

        const edited = { ...settings, questions: [...settings.questions, 'an edited way to ask'] };
        expect(await vectors.update([salary, edited])).toBe(1);
        expect(encoder.embedded).toEqual([edited.title, ...edited.questions]);
        expect(vectors.rank(Float32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 0])).map((h) => h.entry.id)).toEqual([settings.id, salary.id]);
    });

    it('ranks entries by their closest text', async () => {
        const vectors = new EntryVectors(fakeEncoder());
        await vectors.update([settings, salary]);
        const [best] = vectors.rank(Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0]));
        expect(best.entry.id).toBe(salary.id);
        expect(best.similarity).toBeGreaterThan(0.9);
    });
});

describe('promote', () => {
    const hit = (e: FaqEntry, score: number) => ({ entry: e, score });
    const suggest: SearchResult = { confidence: 'suggest', hits: [hit(settings, 0.4), hit(salary, 0.35)] };
    const ranked = (similarity: number): SemanticHit[] => [
        { entry: salary, similarity },
        { entry: settings, similarity: 0.3 },
    ];

    it('answers with an entry both searches rank near the top when the model is sure enough', () => {
        const result = promote(suggest, ranked(SEMANTIC_TUNING.agreeAt + 0.05));
        expect(result.confidence).toBe('answer');
        expect(result.hits.map((h) => h.entry.id)).toEqual([salary.id, settings.id]);
    });

    it('keeps the lexical result when the model is not sure enough, or the lexical search did not rank its entry', () => {
        expect(promote(suggest, ranked(SEMANTIC_TUNING.agreeAt - 0.05))).toBe(suggest);
        const elsewhere: SearchResult = { confidence: 'suggest', hits: [hit(settings, 0.4), hit(licence, 0.35)] };
        expect(promote(elsewhere, ranked(0.95))).toBe(elsewhere);
    });

    it('leaves answers and held-back questions alone, and does not ask the model about them', () => {
        const answer: SearchResult = { confidence: 'answer', hits: [hit(settings, 0.8)] };
        const heldBack: SearchResult = { confidence: 'none', hits: [], outOfScope: 'medical-advice' };
        expect(promote(answer, ranked(0.99))).toBe(answer);
        expect(promote(heldBack, ranked(0.99))).toBe(heldBack);
        expect(needsSemantic(answer)).toBe(false);
        expect(needsSemantic(heldBack)).toBe(false);
        // Nothing found: with no answering alone, there is nothing for the model to agree with.
        expect(needsSemantic({ confidence: 'none', hits: [] })).toBe(false);
        expect(needsSemantic(suggest)).toBe(true);
    });
});
