import Fuse from 'fuse.js';
import fc from 'fast-check';
import { createTermScorer, ScoredRecord } from '../../src/knowledge/termScorer';
import { createTextNormalizer } from '../../src/knowledge/textNormalizer';
import { isEnglishWord } from '../../src/knowledge/englishWords';
import { SEARCH_TUNING } from '../../src/knowledge/searchIndex';
import { realKnowledge } from '../helpers/botHarness';

/**
 * The term scorer must rank exactly as Fuse's token search, which it replaces for speed: same records, same scores,
 * same order. The records are built from the real knowledge base, as the search index builds them.
 */
const { kb } = realKnowledge();
const normalizer = createTextNormalizer(
    kb.language,
    kb.entries.flatMap((e) => [e.title, ...e.questions, ...e.keywords, e.answer]),
    isEnglishWord,
);
const mark = (term: string) => `_${term}_`;
const records = kb.entries.flatMap((e) =>
    [...e.questions, [e.title, ...e.keywords].join(' '), e.answer]
        .map((text) => [...new Set(normalizer.terms(text))])
        .filter((terms) => terms.length > 0)
        .map((terms) => ({ terms, text: terms.map(mark).join(' ') })),
);
const df = new Map<string, number>();
for (const r of records) for (const t of r.terms) df.set(t, (df.get(t) ?? 0) + 1);
const idf = (term: string) => Math.log(1 + (records.length - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5));
const vocabulary = [...df.keys()];

const tokenSearch = new Fuse(records, {
    keys: ['text'],
    useTokenSearch: true,
    tokenize: (text: string) => text.split(' ').filter(Boolean),
    threshold: SEARCH_TUNING.fuseThreshold,
    ignoreFieldNorm: true,
    includeScore: true,
});
const fuseRanking = (terms: string[]): ScoredRecord[] => tokenSearch.search(terms.map(mark).join(' ')).map((r) => [r.refIndex, r.score ?? 1] as const);
const score = createTermScorer(records, { threshold: SEARCH_TUNING.fuseThreshold, idf, mark });

describe('createTermScorer', () => {
    it('builds on a vocabulary of real size (a check on the test itself)', () => {
        expect(records.length).toBeGreaterThan(200);
        expect(vocabulary.length).toBeGreaterThan(500);
    });

    it('ranks every question of the knowledge base exactly as Fuse’s token search', () => {
        const questions = kb.entries.flatMap((e) => e.questions);
        for (const question of questions) {
            const terms = [...new Set(normalizer.terms(question))].filter((t) => df.has(t));
            expect({ question, ranking: score(terms) }).toEqual({ question, ranking: fuseRanking(terms) });
        }
    });

    it('ranks any set of index terms exactly as Fuse’s token search, asked again and again (the cache)', () => {
        fc.assert(
            fc.property(fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 10 }), (terms) => {
                const expected = fuseRanking(terms);
                expect(score(terms)).toEqual(expected);
                expect(score(terms)).toEqual(expected);
            }),
            { numRuns: 300 },
        );
    });

    it('finds nothing for no terms', () => {
        expect(score([])).toEqual([]);
    });
});
