import Fuse from 'fuse.js';

/** A record's index in the scored list and its Fuse score: 0 is a perfect match, 1 none. */
export type ScoredRecord = readonly [index: number, score: number];

/** What term scoring needs of a record: its text, the marked terms joined by spaces. */
export interface ScorableRecord {
    text: string;
}

/**
 * Scores records against a query's terms exactly as Fuse's token search (`useTokenSearch`) does, but computes each
 * term's fuzzy (Bitap) score against every record once, the first time the term is asked for, and keeps it.
 *
 * @remarks Where the time went: Fuse's token search runs every query term's Bitap matcher over every record on
 * every search (5 ms a question here, most of a turn). A term's Bitap score against a record never changes, and
 * query terms are always index terms (unknown words are dropped before searching), so the cache is bounded by the
 * vocabulary. Per record, the score is Fuse's: `1 - Σ idf(t)·(1 - bitap(t)) / Σ idf(t)` over the matched terms
 * (the denominator over all query terms), floored at 0.001, sorted by score and then by record order.
 * tests/knowledge/termScorer.test.ts holds it to Fuse's own results.
 */
export function createTermScorer<R extends ScorableRecord>(
    records: readonly R[],
    options: { threshold: number; idf: (term: string) => number; mark: (term: string) => string },
): (terms: readonly string[]) => ScoredRecord[] {
    // A plain (non-token) Fuse over the same texts runs one term's Bitap matcher, as the token search runs it per term.
    const single = new Fuse(records, { keys: ['text'], threshold: options.threshold, ignoreLocation: true, ignoreFieldNorm: true, includeScore: true, shouldSort: false });
    const byTerm = new Map<string, ScoredRecord[]>();
    const matchesOf = (term: string): ScoredRecord[] => {
        let matches = byTerm.get(term);
        if (!matches) {
            // Fuse reports a perfect single-key match as Number.EPSILON instead of 0; the token search sees 0.
            matches = single.search(options.mark(term)).map((r) => [r.refIndex, (r.score ?? 1) <= Number.EPSILON ? 0 : (r.score ?? 1)] as const);
            byTerm.set(term, matches);
        }
        return matches;
    };

    // Scratch space reused by every search (a search runs to completion on the one thread): the weighted sum per
    // record, and which records the current search touched.
    const weighted = new Float64Array(records.length);
    const touched = new Int32Array(records.length);
    const isTouched = new Uint8Array(records.length);
    return (terms) => {
        let possible = 0;
        let count = 0;
        for (const term of terms) {
            const idf = options.idf(term);
            possible += idf;
            for (const [index, score] of matchesOf(term)) {
                if (isTouched[index] === 0) {
                    isTouched[index] = 1;
                    touched[count++] = index;
                }
                weighted[index] += idf * (1 - score);
            }
        }
        const scored: ScoredRecord[] = new Array(count);
        for (let i = 0; i < count; i++) {
            const index = touched[i];
            scored[i] = [index, Math.max(0.001, possible > 0 ? 1 - weighted[index] / possible : 0)];
            weighted[index] = 0;
            isTouched[index] = 0;
        }
        return scored.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    };
}
