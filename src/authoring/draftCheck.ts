import { readQuestionSet, type QuestionCase } from '../knowledge/questionCase';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { PROJECT_ROOT } from '../config/paths';
import type { KnowledgeBase } from '../knowledge/loader';
import { AnswerTrace, traceOf } from '../replies/answerTrace';
import type { PreviewChat } from './previewChat';

/** How a question was met: answered from an entry, the honest reply of a known gap, suggestions, nothing, or a dialog. */
export interface Outcome {
    kind: 'answer' | 'gap' | 'suggest' | 'none' | 'dialog';
    /** The entry that answered (for `dialog`, the entry a topic dialog answered from, if any). */
    entryId?: string;
    /** The entry's title, the gap's title, or the dialog's id. */
    title?: string;
    /** Every entry of the reply, when there are several (a message of several questions, suggestions). */
    entryIds?: string[];
    /** The known gap, for `gap`. */
    gap?: string;
}

/** One question whose outcome, or whose rightness, the draft changes. */
export interface DraftChange {
    question: string;
    set: 'phrasing' | 'real-questions';
    before: Outcome;
    after: Outcome;
    rightBefore?: boolean;
    rightAfter?: boolean;
}

/** What publishing the draft would change, asked of every question the check knows. */
export interface DraftCheckReport {
    summary: string;
    counts: {
        questions: number;
        changed: number;
        nowAnswered: number;
        noLongerAnswered: number;
        rightBefore: number;
        rightAfter: number;
        wasRightNowWrong: number;
        wasWrongNowRight: number;
    };
    /** Up to MAX_LISTED_CHANGES of them; the counts are whole. */
    changes: DraftChange[];
    /** The question sets asked, and how many questions of each. */
    sets: { phrasing: number; realQuestions: number };
    /** Set when the real questions are not shipped with this deployment: the phrasings were asked alone. */
    note?: string;
}

/** A case of `tests/eval/real-questions.jsonl`, as the judge reads it. */
export type RealQuestion = QuestionCase;

/**
 * The eval's strict judge (`judge` of src/cli/evalJudge.ts), passed in: src/cli builds on src/bot, which builds on
 * src/authoring, and folders may not import each other in a cycle.
 */
export type CaseJudge = (item: RealQuestion, replies: Partial<Activity>[]) => { passed: boolean };

/** Options of the check. */
export interface DraftCheckOptions {
    /** Runs each question through the real main dialog over a knowledge base. */
    preview: Pick<PreviewChat, 'ask'>;
    judge: CaseJudge;
    /** Where `real-questions.jsonl` and `split.json` are; the project's `tests/eval` by default. */
    questionsDir?: string;
}

export const DRAFT_CHECK_TUNING = Object.freeze({
    /** Changes listed in a report; a draft that changes more needs its counts more than its list. */
    maxListedChanges: 200,
    /**
     * Longest the check holds the event loop before it lets other work run: it runs on the bot's thread, and a whole
     * run takes seconds (a question costs 1 to 3 ms a knowledge base once its index is warm, more before), so a
     * visitor's turn or a console request waits at most about this long behind it.
     */
    sliceMs: 20,
});

/** How one knowledge base met one question: kept per knowledge base object, so the live side is asked once per version. */
interface SideResult {
    outcome: Outcome;
    right: boolean;
}

/** A question to ask, and how to tell whether its reply is right. */
interface Question {
    text: string;
    set: DraftChange['set'];
    /** A phrasing's entry, in the live and in the draft knowledge (absent where the entry is not). */
    owners?: { live?: string; draft?: string };
    realQuestion?: RealQuestion;
}

/**
 * Before a draft goes live: asks every entry's phrasings (the live knowledge's and the draft's) and the tuning half of
 * the real questions, of the live knowledge and of the draft, through the real main dialog, and lists the questions
 * whose answer would change, with whether it was right and is right.
 * @remarks A phrasing is answered right by its own entry; a real question is right when its reply passes the eval's
 * strict judge. The real questions are read from the project's tests/eval: a deployment without them checks the
 * phrasings alone and says so.
 */
export class DraftCheck {
    private realQuestions?: RealQuestion[] | null;
    /** Results by knowledge base object, then by set and question: a result depends on nothing else. */
    private readonly results = new WeakMap<KnowledgeBase, Map<string, SideResult>>();

    constructor(private readonly options: DraftCheckOptions) {}

    async run(live: KnowledgeBase, draft: KnowledgeBase): Promise<DraftCheckReport> {
        const phrasings = phrasingQuestions(live, draft);
        const real = this.loadRealQuestions();
        const questions: Question[] = [...phrasings, ...(real ?? []).map((c) => ({ text: c.turns[0], set: 'real-questions' as const, realQuestion: c }))];
        const changes: DraftChange[] = [];
        const counts = { questions: questions.length, changed: 0, nowAnswered: 0, noLongerAnswered: 0, rightBefore: 0, rightAfter: 0, wasRightNowWrong: 0, wasWrongNowRight: 0 };
        let sliceStarted = performance.now();
        for (const question of questions) {
            if (performance.now() - sliceStarted > DRAFT_CHECK_TUNING.sliceMs) {
                // Lets the bot answer visitors between slices: the check shares their thread.
                await new Promise((resolve) => setImmediate(resolve));
                sliceStarted = performance.now();
            }
            const { outcome: before, right: rightBefore } = await this.ask(live, question, 'live');
            const { outcome: after, right: rightAfter } = await this.ask(draft, question, 'draft');
            counts.rightBefore += Number(rightBefore);
            counts.rightAfter += Number(rightAfter);
            if (outcomeKey(before) === outcomeKey(after) && rightBefore === rightAfter) continue;
            counts.changed++;
            if (!isAnswered(before) && isAnswered(after)) counts.nowAnswered++;
            if (isAnswered(before) && !isAnswered(after)) counts.noLongerAnswered++;
            if (rightBefore && !rightAfter) counts.wasRightNowWrong++;
            if (!rightBefore && rightAfter) counts.wasWrongNowRight++;
            if (changes.length < DRAFT_CHECK_TUNING.maxListedChanges) changes.push({ question: question.text, set: question.set, before, after, rightBefore, rightAfter });
        }
        const note = real === null ? 'The real questions (tests/eval) are not part of this deployment: only the entries’ phrasings were asked.' : undefined;
        const summary = summarise(counts, changes, note);
        return { summary, counts, changes, sets: { phrasing: phrasings.length, realQuestions: real?.length ?? 0 }, ...(note ? { note } : {}) };
    }

    /** `question` asked of `kb` in a conversation of its own, through the real main dialog; remembered for `kb`. */
    private async ask(kb: KnowledgeBase, question: Question, side: 'live' | 'draft'): Promise<SideResult> {
        let known = this.results.get(kb);
        if (!known) this.results.set(kb, (known = new Map()));
        const key = `${question.set}\u0000${question.text}`;
        const remembered = known.get(key);
        if (remembered) return remembered;
        const replies = await this.options.preview.ask(kb, question.text);
        const outcome = outcomeOf(replies, kb);
        const result = { outcome, right: this.isRight(question, outcome, replies, side) };
        known.set(key, result);
        return result;
    }

    private isRight(question: Question, outcome: Outcome, replies: Partial<Activity>[], side: 'live' | 'draft'): boolean {
        if (question.realQuestion) return this.options.judge(question.realQuestion, replies).passed;
        const owner = question.owners?.[side];
        return owner !== undefined && isAnswered(outcome) && outcome.entryId === owner;
    }

    /**
     * The single-turn questions the sources answer (`kind: "in"`) of the real questions' tuning half, or null when the
     * files are absent. Never the held-out half: it measures the bot on questions no one tuned it on, and a check that
     * editors act on is tuning.
     */
    private loadRealQuestions(): RealQuestion[] | null {
        if (this.realQuestions !== undefined) return this.realQuestions;
        const dir = this.options.questionsDir ?? join(PROJECT_ROOT, 'tests', 'eval');
        const file = join(dir, 'real-questions.jsonl');
        if (!existsSync(file) || !existsSync(join(dir, 'split.json'))) return (this.realQuestions = null);
        this.realQuestions = readQuestionSet(file, 'tuning').filter((c) => c.kind === 'in' && c.turns.length === 1);
        return this.realQuestions;
    }
}

/** Every phrasing of every entry, live and draft, once each, with its entry on each side. */
function phrasingQuestions(live: KnowledgeBase, draft: KnowledgeBase): Question[] {
    const byText = new Map<string, Question>();
    const add = (kb: KnowledgeBase, side: 'live' | 'draft') => {
        for (const entry of kb.entries) {
            for (const text of entry.questions) {
                const question = byText.get(text) ?? { text, set: 'phrasing' as const, owners: {} };
                question.owners![side] ??= entry.id;
                byText.set(text, question);
            }
        }
    };
    add(live, 'live');
    add(draft, 'draft');
    return [...byText.values()];
}

/**
 * How the replies to one question met it, read from their traces: an answer from knowledge first, then a dialog's
 * answer from an entry, a known gap, suggestions, another dialog reply (small talk, a prompt), else nothing.
 */
export function outcomeOf(replies: Partial<Activity>[], kb: KnowledgeBase): Outcome {
    const traces = replies.map(traceOf).filter((t): t is AnswerTrace => t !== undefined);
    const titleOf = (id: string) => kb.entries.find((e) => e.id === id)?.title;
    const withEntries = (kind: Outcome['kind'], ids: string[]): Outcome => ({
        kind,
        entryId: ids[0],
        ...(titleOf(ids[0]) ? { title: titleOf(ids[0]) } : {}),
        ...(ids.length > 1 ? { entryIds: ids } : {}),
    });
    const knowledge = traces.find((t) => t.source === 'knowledge' && t.ids.length);
    if (knowledge) return withEntries('answer', knowledge.ids);
    const dialogAnswer = traces.find((t) => t.source === 'dialog' && t.ids.length);
    if (dialogAnswer) return withEntries('dialog', dialogAnswer.ids);
    const gap = traces.find((t) => t.reason === 'gap');
    if (gap?.gap) return { kind: 'gap', gap: gap.gap, title: kb.gaps.gaps.find((g) => g.name === gap.gap)?.title ?? gap.gap };
    const suggestions = traces.find((t) => t.reason === 'suggestions');
    if (suggestions) return { kind: 'suggest', ...(suggestions.ids.length ? { entryIds: suggestions.ids } : {}) };
    const dialog = traces.find((t) => t.source === 'dialog');
    if (dialog) return { kind: 'dialog', ...(dialog.dialog ? { title: dialog.dialog } : {}) };
    return { kind: 'none' };
}

/** Answered from an entry, by the main dialog or a topic dialog. */
const isAnswered = (o: Outcome) => (o.kind === 'answer' || o.kind === 'dialog') && o.entryId !== undefined;

/** What identifies an outcome: titles are left out, so a renamed entry that still answers is no change. */
const outcomeKey = (o: Outcome) => [o.kind, o.entryIds?.join(',') ?? o.entryId ?? '', o.gap ?? '', o.kind === 'dialog' && !o.entryId ? o.title : ''].join('|');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "4 questions now answered by “Night shifts”; 1 answer that was right changes". */
function summarise(counts: DraftCheckReport['counts'], changes: DraftChange[], note: string | undefined): string {
    const parts: string[] = [];
    if (counts.nowAnswered) {
        const byTitle = new Map<string, number>();
        for (const c of changes) if (!isAnswered(c.before) && isAnswered(c.after)) byTitle.set(c.after.title ?? c.after.entryId!, (byTitle.get(c.after.title ?? c.after.entryId!) ?? 0) + 1);
        const named = [...byTitle].sort((a, b) => b[1] - a[1]).slice(0, 3);
        const listed = named.reduce((sum, [, n]) => sum + n, 0);
        const others = counts.nowAnswered - listed;
        parts.push(
            `${plural(named[0]?.[1] ?? counts.nowAnswered, 'question', 'questions')} now answered by ${named.length ? `“${named[0][0]}”` : 'an entry'}` +
                named.slice(1).map(([title, n]) => `, ${n} by “${title}”`).join('') +
                (others > 0 ? `, ${others} by other entries` : ''),
        );
    }
    const otherEntry = counts.changed - counts.nowAnswered - counts.noLongerAnswered;
    if (counts.noLongerAnswered) parts.push(`${plural(counts.noLongerAnswered, 'question', 'questions')} no longer answered`);
    if (counts.wasRightNowWrong) parts.push(plural(counts.wasRightNowWrong, 'answer that was right changes', 'answers that were right change'));
    if (counts.wasWrongNowRight) parts.push(plural(counts.wasWrongNowRight, 'answer that was wrong is now right', 'answers that were wrong are now right'));
    if (!parts.length && otherEntry > 0) parts.push(`${plural(otherEntry, 'question gets', 'questions get')} a different reply`);
    const said = parts.length ? parts.join('; ') : `No answer changes (${plural(counts.questions, 'question', 'questions')} asked)`;
    return note ? `${said}. ${note}` : said;
}
