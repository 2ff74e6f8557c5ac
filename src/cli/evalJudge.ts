/** One question of an eval set (see ../shared/eval/README.md). */
export interface EvalItem {
    id: string;
    topic: string;
    kind: 'in' | 'out';
    turns: string[];
    any: string[][];
    none: string[];
}

/** How one item went. */
export interface EvalOutcome {
    item: EvalItem;
    passed: boolean;
    problems: string[];
    reply: string;
}

/** Judges the visible reply text to the last turn: every `any` group needs one alternative, no `none` may appear. */
export function judge(item: EvalItem, replyText: string): EvalOutcome {
    const lower = replyText.toLowerCase();
    const variants = [lower, lower.replace(/,/g, '')];
    const found = (needle: string) => variants.some((v) => v.includes(needle.toLowerCase()));
    const problems: string[] = [];
    item.any.forEach((group) => {
        if (!group.some(found)) problems.push(`missing one of ${JSON.stringify(group)}`);
    });
    item.none.filter(found).forEach((needle) => problems.push(`must not say ${JSON.stringify(needle)}`));
    return { item, passed: problems.length === 0, problems, reply: replyText };
}

/** Accuracy overall, by kind and by topic, and a printable report listing every failure. */
export function summarise(outcomes: EvalOutcome[]): { accuracy: number; report: string } {
    const rate = (list: EvalOutcome[]) => (list.length ? list.filter((o) => o.passed).length / list.length : 1);
    const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
    const lines: string[] = [];
    const topics = [...new Set(outcomes.map((o) => o.item.topic))];
    lines.push('topic                 passed  accuracy');
    for (const topic of topics) {
        const list = outcomes.filter((o) => o.item.topic === topic);
        lines.push(`${topic.padEnd(20)} ${`${list.filter((o) => o.passed).length}/${list.length}`.padStart(7)}  ${pct(rate(list)).padStart(8)}`);
    }
    const inScope = outcomes.filter((o) => o.item.kind === 'in');
    const outScope = outcomes.filter((o) => o.item.kind === 'out');
    const multi = outcomes.filter((o) => o.item.turns.length > 1);
    lines.push('');
    lines.push(`in scope answered correctly: ${pct(rate(inScope))} (${inScope.length})`);
    lines.push(`out of scope held back:      ${pct(rate(outScope))} (${outScope.length})`);
    lines.push(`multi-turn:                  ${pct(rate(multi))} (${multi.length})`);
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
