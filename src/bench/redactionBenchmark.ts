/**
 * How the time of one redaction grows with the size of its input: linear, or not.
 *
 * `npm run bench:redaction` alone (builds dist-bench/ first), or as part of `npm run bench`. Times
 * `redactPersonalData` with its limit lifted, so the scanners themselves are measured, on inputs of 1,000 to
 * 255,000 characters (255,000 is what a Direct Line body of 256 KB can carry): the inputs that were quadratic in
 * recognizers-text ("a1a1…", a run of digits, "1.1.1…"), the worst ones for the patterns here (many "@", digits
 * spaced out and glued to a letter at the end, hex and colons), and ordinary text with personal data in it. Then,
 * as the bot runs it, `redactActivity` of a Direct Line activity whose `value` is 255,000 characters of "a1a1…".
 *
 * A linear redactor takes about ten times longer for ten times the input: the "× per 10×" column stays near 10
 * (lower at small sizes, where the fixed cost of a call counts). Quadratic shows as 100.
 *
 * `BENCH_REDACT_MODULE=/path/to/redact.js` times another build of `src/transcripts/redact.ts` (BENCHMARKS.md
 * compares 799221d's this way); `BENCH_REDACT_MAX_SIZE` caps the sizes, `BENCH_REDACT_BUDGET_MS` the time spent
 * on one size (default 300 ms; at least one call is always made).
 */
import type { Activity } from 'botbuilder';
import * as thisBuild from '../transcripts/redact';
import { markdownTable } from './benchReport';

/** The redactor's entry points, as `src/transcripts/redact.ts` exports them. */
interface Redactor {
    redactPersonalData(text: string, limit?: number): string;
    redactActivity<T extends Partial<Activity>>(activity: T, direction: 'in' | 'out'): T;
}

/** The input sizes of the sweep, in characters. */
export const REDACTION_SIZES = [1_000, 10_000, 100_000, 255_000];

const ORDINARY = 'Hi, I am Mary (Mary@Example.com, 555-123-4567) at 12 elm st; does an MLT earn $57,380 in 2024 or 15% more after 2 years on the road? ';

/** The inputs of the sweep: each makes a text of exactly `size` characters. */
export const REDACTION_INPUTS: { name: string; make: (size: number) => string }[] = [
    { name: '"a1a1…" (the freeze of issue 12)', make: (n) => 'a1'.repeat(n / 2 + 1).slice(0, n) },
    { name: 'one run of digits', make: (n) => '1'.repeat(n) },
    { name: '"a@a@…" (an "@" every other character)', make: (n) => 'a@'.repeat(n / 2 + 1).slice(0, n) },
    { name: '"x.y@" repeated (an address that never ends)', make: (n) => 'x.y@'.repeat(n / 4 + 1).slice(0, n) },
    { name: '"1.1.1…" (dotted digits)', make: (n) => '1.'.repeat(n / 2 + 1).slice(0, n) },
    { name: '"1 1 1 … 1a" (spaced digits glued to a letter)', make: (n) => `${'1 '.repeat(n / 2 + 1).slice(0, n - 1)}a` },
    { name: '"a1:a1:…" (hex and colons)', make: (n) => 'a1:'.repeat(n / 3 + 1).slice(0, n) },
    { name: 'ordinary text with personal data', make: (n) => ORDINARY.repeat(Math.ceil(n / ORDINARY.length)).slice(0, n) },
];

/** One input at every size: milliseconds per call. */
export interface RedactionSweepRow {
    input: string;
    msPerCall: (number | undefined)[];
}

/** What the redaction benchmark measured. */
export interface RedactionBenchmarkResult {
    module: string;
    sizes: number[];
    rows: RedactionSweepRow[];
    /** `redactActivity` of a Direct Line activity whose value is 255,000 characters of "a1a1…", as the bot runs it. */
    activityMs: number;
}

function timePerCall(call: () => unknown, budgetMs: number): number {
    call(); // warm-up (JIT)
    const started = performance.now();
    let calls = 0;
    do {
        call();
        calls++;
    } while (performance.now() - started < budgetMs && calls < 1_000);
    return (performance.now() - started) / calls;
}

/** Times the sweep on `redactor` (this build's by default). */
export function runRedactionBenchmark(options: { modulePath?: string; maxSize?: number; budgetMs?: number } = {}): RedactionBenchmarkResult {
    // Imported, not required by a default path, so the benchmarks' build (tsconfig.bench.json) compiles this build's.
    const redactor: Redactor = options.modulePath ? (require(options.modulePath) as Redactor) : thisBuild;
    const sizes = REDACTION_SIZES.filter((size) => size <= (options.maxSize ?? Infinity));
    const budgetMs = options.budgetMs ?? 300;
    const rows = REDACTION_INPUTS.map(({ name, make }) => ({
        input: name,
        msPerCall: sizes.map((size) => {
            const text = make(size);
            return timePerCall(() => redactor.redactPersonalData(text, Infinity), budgetMs);
        }),
    }));
    const activity = { type: 'message', channelId: 'directline', conversation: { id: 'c' }, value: REDACTION_INPUTS[0].make(255_000) } as Partial<Activity>;
    const activityMs = timePerCall(() => redactor.redactActivity(activity, 'in'), budgetMs);
    return { module: options.modulePath ?? 'this build', sizes, rows, activityMs };
}

/** The sweep as a Markdown table: ms per call at each size, and the growth for each 10× (or 2.55×) of size. */
export function redactionTable(result: RedactionBenchmarkResult): string {
    const header = ['Input', ...result.sizes.map((s) => `${s.toLocaleString('en-US')} chars`), ...result.sizes.slice(1).map((s, i) => `× from ${short(result.sizes[i])} to ${short(s)}`)];
    const rows = result.rows.map((row) => [
        row.input,
        ...row.msPerCall.map((ms) => (ms === undefined ? '' : `${ms < 1 ? ms.toFixed(3) : ms.toFixed(1)} ms`)),
        ...row.msPerCall.slice(1).map((ms, i) => {
            const before = row.msPerCall[i];
            return ms === undefined || before === undefined ? '' : `${(ms / before).toFixed(1)}×`;
        }),
    ]);
    return markdownTable(header, rows);
}

function short(size: number): string {
    return size >= 1_000 ? `${size / 1_000}k` : String(size);
}

/** The summary line under the table. */
export function redactionSummary(result: RedactionBenchmarkResult): string {
    return (
        `A linear redactor grows 10× for 10× the input (2.55× from 100k to 255k). ` +
        `redactActivity of a Direct Line activity whose value is 255,000 characters of "a1a1…", limits on as the bot runs it: ${result.activityMs.toFixed(2)} ms.`
    );
}

if (require.main === module) {
    const result = runRedactionBenchmark({
        modulePath: process.env.BENCH_REDACT_MODULE,
        maxSize: process.env.BENCH_REDACT_MAX_SIZE ? Number(process.env.BENCH_REDACT_MAX_SIZE) : undefined,
        budgetMs: process.env.BENCH_REDACT_BUDGET_MS ? Number(process.env.BENCH_REDACT_BUDGET_MS) : undefined,
    });
    console.log(`redactPersonalData(), limit lifted, ms per call (${result.module}):\n\n${redactionTable(result)}\n\n${redactionSummary(result)}`);
}
