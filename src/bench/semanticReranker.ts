import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FaqEntry } from '../knowledge/schema';
import type { SearchHit, SearchResult } from '../knowledge/searchIndex';

/**
 * A semantic re-ranker for the lexical search's uncertain results, measured and rejected (BENCHMARKS.md, "Semantic
 * re-ranking: measured"): it lives with the benchmarks so the measurement can be repeated, and nothing in the product
 * imports it. Should a faster or better model change the answer, this is the part to move to `src/knowledge/`.
 */

/**
 * A sentence-embedding model: texts in, one vector per text out. Kept behind this interface so the re-ranker can be
 * tested with a fake and the model (Universal Sentence Encoder lite, 11–40 ms a question here) stays swappable.
 */
export interface SentenceEncoder {
    embed(texts: string[]): Promise<number[][]>;
}

/**
 * When a semantic match may turn a lexical "Did you mean" or "no match" into an answer. Chosen on the tuning half of
 * tests/eval/real-questions.jsonl and ../shared/eval/dev-questions.jsonl with `src/bench/semanticMeasure.ts`
 * (BENCHMARKS.md, "Semantic re-ranking: measured"), never on the held-out half.
 */
export const SemanticTuningSchema = z.object({
    /** Cosine similarity at or above which an entry the lexical search also ranked in its top three is answered (> 1: never). */
    agreeAt: z.number().min(0).max(2),
    /** Cosine similarity at or above which an entry is answered though the lexical search did not rank it (> 1: never). */
    aloneAt: z.number().min(0).max(2),
    /** Lead the best entry needs over the best entry of another topic, as for the lexical bands. */
    minMargin: z.number().min(0).max(1),
    /** Only this much of a question is embedded: the model's cost grows with the text, and the visitor's text is capped. */
    maxQueryChars: z.number().int().positive(),
});
export type SemanticTuning = z.infer<typeof SemanticTuningSchema>;

/**
 * Frozen before the held-out half was run. Of the 60 settings `semanticMeasure --grid` tried (agreeAt 0.45–0.7 or
 * never, aloneAt 0.6–0.8 or never, minMargin 0–0.1), none raised the tuning half (82.1% in scope lexically); any
 * `aloneAt` below "never" lowered it (to 78.6–80.4%: the model alone picks a wrong entry for chatty questions), as did
 * `agreeAt` at or below 0.6 with no margin. This one, answering an entry both searches put in their top three at a
 * similarity of 0.7 or more, is the only one that raised anything without lowering anything: the dev set's in scope
 * from 94.5% to 96.4% (one question).
 */
export const SEMANTIC_TUNING: SemanticTuning = Object.freeze(
    SemanticTuningSchema.parse({ agreeAt: 0.7, aloneAt: 2, minMargin: 0, maxQueryChars: 300 }),
);

/** One entry's similarity to a question. */
export interface SemanticHit {
    entry: FaqEntry;
    similarity: number;
}

/** The texts of an entry that are embedded: the ways it is asked, not its long answer. */
export function embeddedTexts(entry: FaqEntry): string[] {
    return [entry.title, ...entry.questions];
}

interface CachedEntry {
    hash: string;
    entry: FaqEntry;
    /** Unit vectors, one per embedded text: a question's similarity to the entry is the best of them. */
    vectors: Float32Array[];
}

/**
 * Every entry's vectors, computed once and kept by entry id with a hash of the embedded text, so that when advisors
 * publish an edited entry only that entry is embedded again (`update` with the new entries).
 */
export class EntryVectors {
    private readonly cache = new Map<string, CachedEntry>();

    constructor(private readonly encoder: SentenceEncoder) {}

    /** Brings the cache in line with `entries`; returns how many entries were (re-)embedded. */
    async update(entries: readonly FaqEntry[]): Promise<number> {
        const stale = entries.filter((e) => this.cache.get(e.id)?.hash !== hashOf(e));
        // One entry at a time: the model's memory grows with the batch (all entries at once took ~580 MB more).
        for (const entry of stale) {
            const vectors = await this.encoder.embed(embeddedTexts(entry));
            this.cache.set(entry.id, { hash: hashOf(entry), entry, vectors: vectors.map(unit) });
        }
        const ids = new Set(entries.map((e) => e.id));
        for (const id of [...this.cache.keys()]) if (!ids.has(id)) this.cache.delete(id);
        // Entries whose text did not change may still have a new answer or source: keep the newest object.
        for (const entry of entries) this.cache.get(entry.id)!.entry = entry;
        return stale.length;
    }

    /** Every entry by similarity to the (unit) question vector, best first. */
    rank(question: Float32Array): SemanticHit[] {
        const hits: SemanticHit[] = [];
        for (const { entry, vectors } of this.cache.values()) {
            let best = -1;
            for (const v of vectors) best = Math.max(best, dot(v, question));
            hits.push({ entry, similarity: best });
        }
        return hits.sort((a, b) => b.similarity - a.similarity);
    }
}

/**
 * Turns a lexical result that is not an answer into one when the semantic ranking is sure enough (see
 * SemanticTuningSchema); otherwise returns the lexical result unchanged. Pure, so it is measured and tested alone.
 */
export function promote(result: SearchResult, ranked: readonly SemanticHit[], tuning: SemanticTuning = SEMANTIC_TUNING): SearchResult {
    if (result.confidence === 'answer' || result.outOfScope || ranked.length === 0) return result;
    const [best] = ranked;
    const rival = ranked.find((h) => h.entry.topic !== best.entry.topic);
    if (best.similarity - (rival?.similarity ?? 0) < tuning.minMargin) return result;
    const agrees = result.hits.slice(0, 3).some((h) => h.entry.id === best.entry.id);
    if (best.similarity < (agrees ? tuning.agreeAt : tuning.aloneAt)) return result;
    const rest: SearchHit[] = result.hits.filter((h) => h.entry.id !== best.entry.id);
    return { confidence: 'answer', hits: [{ entry: best.entry, score: Math.round(best.similarity * 1000) / 1000 }, ...rest] };
}

/**
 * Whether a lexical result is worth embedding the question for: not when it is an answer or was held back, and not
 * when it found nothing and the model may not answer alone (there is nothing for it to agree with).
 */
export function needsSemantic(result: SearchResult, tuning: SemanticTuning = SEMANTIC_TUNING): boolean {
    if (result.confidence === 'answer' || result.outOfScope) return false;
    return result.hits.length > 0 || tuning.aloneAt <= 1;
}

/** Re-ranks the lexical search's uncertain results with sentence embeddings. */
export interface SemanticReranker {
    /** The lexical `result` of `question`, promoted to an answer when the semantic match is sure enough. */
    rerank(question: string, result: SearchResult): Promise<SearchResult>;
    /** The question's vector (unit length), for callers that keep it. */
    embedQuestion(question: string): Promise<Float32Array>;
    /** Several questions' vectors in one call to the model (a message's uncertain parts together). */
    embedQuestions(questions: string[]): Promise<Float32Array[]>;
    readonly vectors: EntryVectors;
}

/** A re-ranker over `entries`, whose vectors are computed before it is returned. */
export async function createSemanticReranker(
    encoder: SentenceEncoder,
    entries: readonly FaqEntry[],
    tuning: SemanticTuning = SEMANTIC_TUNING,
): Promise<SemanticReranker> {
    const vectors = new EntryVectors(encoder);
    await vectors.update(entries);
    const embedQuestions = async (questions: string[]) => (await encoder.embed(questions.map((q) => q.slice(0, tuning.maxQueryChars)))).map(unit);
    const embedQuestion = async (question: string) => (await embedQuestions([question]))[0];
    return {
        vectors,
        embedQuestion,
        embedQuestions,
        async rerank(question, result) {
            // Only uncertain results are worth the model's time (~25 ms or more a question); held-back questions stay held back.
            if (!needsSemantic(result, tuning)) return result;
            return promote(result, vectors.rank(await embedQuestion(question)), tuning);
        },
    };
}

function hashOf(entry: FaqEntry): string {
    return createHash('sha256').update(embeddedTexts(entry).join('\n')).digest('hex');
}

function unit(vector: number[] | Float32Array): Float32Array {
    const out = Float32Array.from(vector);
    const norm = Math.sqrt(dot(out, out)) || 1;
    for (let i = 0; i < out.length; i++) out[i] /= norm;
    return out;
}

function dot(a: Float32Array, b: Float32Array): number {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
}
