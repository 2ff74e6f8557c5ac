/**
 * How long one knowledge search takes, in process, without HTTP, storage or dialogs around it.
 *
 * `npm run build:bench && node dist-bench/src/bench/searchBenchmark.js` alone, or as part of `npm run bench`. Loads
 * `knowledge/` with `loadKnowledge` and `createSearchIndex` as the bot does, then times every `search()` call over
 * every turn of the tuning half of the questions people really posted (`tests/eval/real-questions.jsonl`: long
 * posts, several questions at once, as visitors write), never the held-out half.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../config/paths';
import { loadKnowledge } from '../knowledge/loader';
import { createSearchIndex } from '../knowledge/searchIndex';
import { percentile } from './benchProcess';
import { BENCH_QUESTIONS } from './benchQuestions';

/** The real questions, and their split: the search is timed on the tuning half. */
export const REAL_QUESTIONS_FILE = join(PROJECT_ROOT, 'tests', 'eval', 'real-questions.jsonl');
const REAL_QUESTIONS_SPLIT = join(PROJECT_ROOT, 'tests', 'eval', 'split.json');

/** What the search benchmark measured. */
export interface SearchBenchmarkResult {
    /** Where the questions came from. */
    questionSource: string;
    distinctQuestions: number;
    calls: number;
    meanMicros: number;
    p50Micros: number;
    p99Micros: number;
    /** Building the index (normaliser, vocabulary, Fuse), once, as at start-up. */
    buildMs: number;
}

/** Times `rounds` passes over the questions, after `warmupRounds` untimed ones (JIT). */
export function runSearchBenchmark(rounds = 200, warmupRounds = 20): SearchBenchmarkResult {
    const { questions, source } = benchQuestions();
    const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const buildStarted = performance.now();
    const search = createSearchIndex(kb);
    const buildMs = performance.now() - buildStarted;

    let sink = 0;
    for (let r = 0; r < warmupRounds; r++) for (const q of questions) sink += search.search(q).hits.length;
    const micros: number[] = [];
    for (let r = 0; r < rounds; r++) {
        for (const q of questions) {
            const started = process.hrtime.bigint();
            sink += search.search(q).hits.length;
            micros.push(Number(process.hrtime.bigint() - started) / 1000);
        }
    }
    if (sink < 0) console.log(sink); // keeps the results alive, so the calls cannot be optimised away
    return {
        questionSource: source,
        distinctQuestions: questions.length,
        calls: micros.length,
        meanMicros: micros.reduce((a, b) => a + b, 0) / micros.length,
        p50Micros: percentile(micros, 50),
        p99Micros: percentile(micros, 99),
        buildMs,
    };
}

/** Every turn of the real questions' tuning half, in file order (never the held-out half). */
export function realTuningTurns(): string[] {
    const tuning = new Set((JSON.parse(readFileSync(REAL_QUESTIONS_SPLIT, 'utf8')) as { tuning: string[] }).tuning);
    return readFileSync(REAL_QUESTIONS_FILE, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { id: string; turns: string[] })
        .filter((item) => tuning.has(item.id))
        .flatMap((item) => item.turns);
}

function benchQuestions(): { questions: string[]; source: string } {
    if (!existsSync(REAL_QUESTIONS_FILE)) return { questions: BENCH_QUESTIONS.map((q) => q.text), source: 'the ten benchmark questions' };
    return { questions: realTuningTurns(), source: 'tests/eval/real-questions.jsonl, tuning half (every turn)' };
}

if (require.main === module) {
    const result = runSearchBenchmark();
    console.log(
        `search(): ${result.calls} calls over ${result.distinctQuestions} questions from ${result.questionSource}\n` +
            `mean ${result.meanMicros.toFixed(1)} µs, p50 ${result.p50Micros.toFixed(1)} µs, p99 ${result.p99Micros.toFixed(1)} µs; index built in ${result.buildMs.toFixed(0)} ms`,
    );
}
