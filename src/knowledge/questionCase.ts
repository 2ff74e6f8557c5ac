import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * One question of a question set with what a right answer must hold: the team's set (`../shared/eval`) and the real
 * questions (`tests/eval/real-questions.jsonl`; their README says how they were collected and judged). The eval
 * (`npm run eval`) and the console's check of a draft judge replies against it.
 */
export interface QuestionCase {
    id: string;
    topic: string;
    /** `in`: the sources answer it; `out`: they do not, and `none` lists confident wrong answers. */
    kind: 'in' | 'out';
    /** The visitor's messages; the reply to the last is judged. */
    turns: string[];
    /** One group per fact a right answer states; a group holds its alternative wordings. */
    any: string[][];
    none: string[];
    /** How it is written (real questions): long, several, informal, follow-up, gap, short. */
    phrasing?: string[];
    /** Where it was posted (real questions). */
    url?: string;
}

/** The halves a question set with a `split.json` beside it is dealt into: tune on `tuning`, only report `heldout`. */
export const SPLITS = ['tuning', 'heldout'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * The cases of a question set (one JSON object a line), or of one half of it when `split` is given: the ids `split.json`
 * beside the file lists under that half. Throws naming the file when the split file is missing.
 */
export function readQuestionSet(file: string, split?: Split): QuestionCase[] {
    const cases = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as QuestionCase);
    if (!split) return cases;
    const splitFile = join(dirname(file), 'split.json');
    if (!existsSync(splitFile)) throw new Error(`readQuestionSet(): the ${split} half needs ${splitFile}`);
    const keep = new Set((JSON.parse(readFileSync(splitFile, 'utf8')) as Record<Split, string[]>)[split]);
    return cases.filter((c) => keep.has(c.id));
}
