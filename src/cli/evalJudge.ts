import type { Activity } from 'botbuilder';
import { answerText } from '../bot/activityText';
import { traceOf } from '../replies/answerTrace';
import type { QuestionCase } from '../knowledge/questionCase';
import { SUGGESTION_SENTENCE } from '../../dialogs/severalQuestions';

/** One question of an eval set (see ../shared/eval/README.md and tests/eval/README.md). */
export type EvalItem = QuestionCase;

/** How one item went. */
export interface EvalOutcome {
    item: EvalItem;
    passed: boolean;
    problems: string[];
    /** What the judge read: the answer text of every reply to the last turn (no buttons). */
    reply: string;
}

/**
 * Judges the replies to the last turn as a visitor reads them: message text and card text, never a button (a button
 * titled with the right words is an offer, not an answer), nor the titles a "Did you mean" part of a reply to several
 * questions names in its text (the same offer, written out). Every `any` group needs one alternative and no `none` may
 * appear. A question the sources answer (`kind: "in"`) fails when every reply is a fallback or a "Did you mean"
 * (trace `source: "fallback"`), whatever the text says.
 */
export function judge(item: EvalItem, replies: Partial<Activity>[]): EvalOutcome {
    const messages = replies.filter((r) => (r.type ?? 'message') === 'message');
    const replyText = messages.map(answerText).join('\n');
    // What must not be said counts wherever it is said; what must be said counts only in an answer.
    const lower = replyText.toLowerCase();
    const answered = replyText.replace(SUGGESTION_SENTENCE, '').toLowerCase();
    const foundIn = (text: string) => (needle: string) => [text, text.replace(/,/g, '')].some((v) => v.includes(needle.toLowerCase()));
    const found = foundIn(answered);
    const said = foundIn(lower);
    const problems: string[] = [];
    if (item.kind === 'in' && messages.length > 0 && messages.every((m) => traceOf(m)?.source === 'fallback')) {
        const reasons = [...new Set(messages.map((m) => traceOf(m)?.reason ?? 'fallback'))].join(', ');
        problems.push(`no answer: every reply is a fallback (${reasons})`);
    }
    if (item.kind === 'in' && messages.length === 0) problems.push('no reply');
    item.any.forEach((group) => {
        if (!group.some(found)) problems.push(`missing one of ${JSON.stringify(group)}`);
    });
    item.none.filter(said).forEach((needle) => problems.push(`must not say ${JSON.stringify(needle)}`));
    return { item, passed: problems.length === 0, problems, reply: replyText };
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const rate = (list: EvalOutcome[]) => (list.length ? list.filter((o) => o.passed).length / list.length : 1);
const row = (label: string, list: EvalOutcome[]) =>
    `${label.padEnd(24)} ${`${list.filter((o) => o.passed).length}/${list.length}`.padStart(7)}  ${pct(rate(list)).padStart(8)}`;

/** Accuracy overall, by kind, by topic and by phrasing, and a printable report listing every failure. */
export function summarise(outcomes: EvalOutcome[]): { accuracy: number; report: string } {
    const lines: string[] = [];
    lines.push(`${'topic'.padEnd(24)}  passed  accuracy`);
    for (const topic of [...new Set(outcomes.map((o) => o.item.topic))]) lines.push(row(topic, outcomes.filter((o) => o.item.topic === topic)));
    const phrasings = [...new Set(outcomes.flatMap((o) => o.item.phrasing ?? []))];
    if (phrasings.length) {
        lines.push('', `${'phrasing'.padEnd(24)}  passed  accuracy`);
        for (const phrasing of phrasings) lines.push(row(phrasing, outcomes.filter((o) => o.item.phrasing?.includes(phrasing))));
    }
    const inScope = outcomes.filter((o) => o.item.kind === 'in');
    const outScope = outcomes.filter((o) => o.item.kind === 'out');
    lines.push('');
    lines.push(`in scope answered correctly: ${pct(rate(inScope))} (${inScope.length})`);
    lines.push(`  one turn:                  ${pct(rate(inScope.filter((o) => o.item.turns.length === 1)))} (${inScope.filter((o) => o.item.turns.length === 1).length})`);
    lines.push(`out of scope held back:      ${pct(rate(outScope))} (${outScope.length})`);
    lines.push(`multi-turn:                  ${pct(rate(outcomes.filter((o) => o.item.turns.length > 1)))} (${outcomes.filter((o) => o.item.turns.length > 1).length})`);
    lines.push(`overall:                     ${pct(rate(outcomes))} (${outcomes.length})`);
    const failures = outcomes.filter((o) => !o.passed);
    if (failures.length) {
        lines.push('', 'failures:');
        for (const f of failures) {
            lines.push(`- ${f.item.id}: ${f.item.turns.map((t) => JSON.stringify(t.length > 80 ? `${t.slice(0, 80)}…` : t)).join(' → ')}`);
            f.problems.forEach((p) => lines.push(`    ${p}`));
            lines.push(`    bot: ${f.reply.replace(/\s+/g, ' ').slice(0, 240)}`);
        }
    }
    return { accuracy: rate(outcomes), report: lines.join('\n') };
}
