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
