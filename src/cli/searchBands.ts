/**
 * How the search's confidence bands were chosen: `npm run bands` (after `npm run build`).
 *
 * Reads the questions the bands may be tuned on (the tuning half of `tests/eval/real-questions.jsonl`, and
 * `../shared/eval/dev-questions.jsonl` when present; never the held-out half), splits each message into its
 * questions as the bot does, searches each, and labels the best entry: **right** when its answer holds one of the facts
 * a correct reply must contain (the item's `any` groups), **wrong** when it holds none of them, and **out** for a
 * question the sources cannot answer (any confident answer to it is wrong). It then prints, for each candidate pair
 * of thresholds, how many questions would be answered rightly, wrongly, and on out-of-scope questions (a known gap at
 * the top of one is not counted: its reply is the honest one): the numbers
 * behind `SEARCH_TUNING.answerAt` and `minMargin`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../config/paths';
import { loadKnowledge } from '../knowledge/loader';
import { findQuestions, MAX_FOUND_QUESTIONS } from '../knowledge/questionFinder';
import { bandOf, createSearchIndex, SearchReading, SEARCH_TUNING } from '../knowledge/searchIndex';
import type { FaqEntry } from '../knowledge/schema';
import type { EvalItem } from './evalJudge';
import { readQuestionSet } from '../knowledge/questionCase';
import { gapOf } from '../knowledge/gapSchema';

const REAL = join(PROJECT_ROOT, 'tests', 'eval', 'real-questions.jsonl');
const DEV = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev-questions.jsonl');

/** One searched question and what its best entry would give. */
export interface LabelledReading {
    item: string;
    question: string;
    reading: SearchReading;
    /** `held`: a question the sources cannot answer whose best entry is a known gap (its reply is the honest one). */
    label: 'right' | 'wrong' | 'out' | 'held';
    /** The band today's SEARCH_TUNING puts it in. */
    band: string;
}

/** The items the bands may be tuned on: real tuning half and the team's development set. */
export function tuningItems(): EvalItem[] {
    const real = readQuestionSet(REAL, 'tuning');
    return existsSync(DEV) ? [...real, ...readQuestionSet(DEV)] : real;
}

/** True when the entry's answer states one of the facts of `groups`. */
function holdsFact(entry: FaqEntry, groups: string[][]): boolean {
    const text = `${entry.title}\n${entry.answer}`.toLowerCase();
    const variants = [text, text.replace(/,/g, '')];
    return groups.some((g) => g.some((needle) => variants.some((v) => v.includes(needle.toLowerCase()))));
}

/** Searches the last turn of each one-turn item, question by question, as `answerQuestions` does. */
export function labelReadings(items: EvalItem[]): LabelledReading[] {
    const search = createSearchIndex(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
    const out: LabelledReading[] = [];
    for (const item of items) {
        // A follow-up's search leans on the conversation's topic; the bands are read on questions asked first.
        if (item.turns.length !== 1) continue;
        const text = item.turns[0];
        const { questions, context } = findQuestions(text);
        const asked = questions.length === 0 || (questions.length === 1 && context.length === 0) ? [text] : questions.slice(0, MAX_FOUND_QUESTIONS).map((q) => q.text);
        for (const question of asked) {
            const result = search.search(question);
            const top = result.hits[0];
            if (!top || !result.reading || result.outOfScope) continue;
            // A known gap at the top is the honest reply to a question the sources cannot answer, and a wrong one to
            // a question they can.
            const gap = gapOf(top.entry) !== undefined;
            const label = item.kind === 'out' ? (gap ? 'held' : 'out') : gap || !holdsFact(top.entry, item.any) ? 'wrong' : 'right';
            out.push({ item: item.id, question, reading: result.reading, label, band: result.confidence });
        }
    }
    return out;
}

/** For each candidate (answerAt, minMargin): how many readings would be answered right, wrong and out of scope. */
export function sweep(readings: LabelledReading[], answerAts: number[], margins: number[]) {
    const rows: { answerAt: number; minMargin: number; right: number; wrong: number; out: number }[] = [];
    for (const answerAt of answerAts) {
        for (const minMargin of margins) {
            const answered = readings.filter((r) => bandOf(r.reading, { answerAt, minMargin, suggestAt: SEARCH_TUNING.suggestAt }) === 'answer');
            rows.push({
                answerAt,
                minMargin,
                right: answered.filter((r) => r.label === 'right').length,
                wrong: answered.filter((r) => r.label === 'wrong').length,
                out: answered.filter((r) => r.label === 'out').length,
            });
        }
    }
    return rows;
}

if (require.main === module) {
    const readings = labelReadings(tuningItems());
    const count = (label: string) => readings.filter((r) => r.label === label).length;
    console.log(`${readings.length} questions searched: ${count('right')} right, ${count('wrong')} wrong, ${count('out')} out of scope at the top, ${count('held')} out of scope with their gap at the top`);
    const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);
    console.log('answerAt minMargin  right wrong out');
    for (const row of sweep(readings, range(0.3, 0.7, 0.05), [0, 0.02, 0.04, 0.08, 0.12, 0.16])) {
        console.log(`${row.answerAt.toFixed(2).padStart(8)} ${row.minMargin.toFixed(2).padStart(9)}  ${String(row.right).padStart(5)} ${String(row.wrong).padStart(5)} ${String(row.out).padStart(3)}`);
    }
    if (process.argv.includes('--list')) {
        for (const r of readings.sort((a, b) => b.reading.top - a.reading.top)) {
            console.log(`${r.label.padEnd(5)} ${r.band.padEnd(7)} top ${r.reading.top.toFixed(3)} margin ${r.reading.margin.toFixed(3)} ${r.reading.anchored ? 'A' : '-'} ${r.item} ${JSON.stringify(r.question.slice(0, 90))}`);
        }
    }
}
