import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import type { ProfileLine, ProfileSummary } from './cpuProfileSummary';
import type { MeasuredRun } from './turnLoad';

/** One figure next to its target. */
export interface TargetRow {
    figure: string;
    measured: string;
    target: string;
    /** Undefined for a figure shown for context, without a target. */
    met?: boolean;
}

/** The machine the figures were taken on. */
export function describeMachine(): string {
    const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
    const ramGb = (totalmem() / 1024 ** 3).toFixed(1);
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    return `${model}, ${availableParallelism()} cores, ${ramGb} GB RAM, Node ${process.version}, ${date} UTC`;
}

/** A Markdown table, padded so it reads as well in a terminal as rendered. */
export function markdownTable(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The figures against their targets. */
export function targetTable(rows: TargetRow[]): string {
    return markdownTable(
        ['Figure', 'Measured', 'Target', 'Met'],
        rows.map((r) => [r.figure, r.measured, r.target, r.met === undefined ? '' : r.met ? 'yes' : '**no**']),
    );
}

/** The profile as Markdown tables. */
export function profileTables(summary: ProfileSummary, rows = 12): string {
    const table = (title: string, lines: ProfileLine[]) =>
        `${title}\n\n${markdownTable(
            ['Where', 'ms', 'Share of busy time'],
            lines.slice(0, rows).map((l) => [`\`${l.name}\``, l.ms.toFixed(0), `${(l.share * 100).toFixed(1)}%`]),
        )}`;
    return [
        `Sampled ${(summary.windowMs / 1000).toFixed(1)} s of load; the bot's main thread was busy ${(summary.busyMs / 1000).toFixed(1)} s ` +
            `(${((summary.busyMs / summary.windowMs) * 100).toFixed(0)}%).`,
        table('**Self time by package** (time spent in the package\'s own code):', summary.selfByPackage),
        table('**Total time by package** (time with one of its frames anywhere on the stack, so shares overlap; Node\'s internals, under every stack, left out):', summary.totalByPackage),
        table('**Self time by function**:', summary.selfByFrame),
        table('**Total time of the bot\'s own functions** (including what they call):', summary.totalByOwnFrame),
    ].join('\n\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Puts `generated` between the results markers of `file`, keeping the hand-written text around them.
 * @remarks A file without the markers is created from scratch, with the markers.
 */
export function writeResults(file: string, generated: string, skeleton: string): void {
    const block = `${START}\n${generated.trim()}\n${END}`;
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const from = current.indexOf(START);
    const to = current.indexOf(END);
    const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + END.length) : skeleton.replace('{{results}}', block);
    writeFileSync(file, next);
}

/** Above this, other processes took enough CPU from a 2-core run to lower its figures. */
export const BUSY_MACHINE_CORES = 0.2;

/** Each autocannon run: throughput, latency, CPU on both sides, and how the replies were judged. */
export function runsTable(runs: [string, MeasuredRun][]): string {
    const warnings = runs
        .filter(([, r]) => r.otherCores > BUSY_MACHINE_CORES)
        .map(([name, r]) => `\n\n⚠ Other processes used ${(r.otherCores * 100).toFixed(0)}% of a core during "${name}": its figures are lower than this machine gives.`);
    return markdownTable(
        ['Run', 'Turns', 'Seconds', 'Turns/s', 'p50', 'p99', 'Server CPU', 'Load gen. CPU', 'Other CPU', 'Non-2xx', 'Errors', 'Answers', 'Fallbacks', 'Off-topic', 'Empty'],
        runs.map(([name, r]) => [
            name,
            String(r.turns),
            r.seconds.toFixed(1),
            r.turnsPerSecond.toFixed(0),
            `${r.p50Ms.toFixed(1)} ms`,
            `${r.p99Ms.toFixed(1)} ms`,
            `${(r.serverCores * 100).toFixed(0)}%`,
            `${(r.loadGeneratorCores * 100).toFixed(0)}%`,
            `${(r.otherCores * 100).toFixed(0)}%`,
            String(r.non2xx),
            String(r.errors),
            String(r.verdicts.answer),
            String(r.verdicts.fallback),
            String(r.verdicts['off-topic']),
            String(r.verdicts.empty + r.verdicts.unreadable),
        ]),
    ) + warnings.join('');
}
