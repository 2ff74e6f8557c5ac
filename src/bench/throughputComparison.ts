/**
 * Whether a change lowered throughput: this checkout's bot against another built checkout's bot, in alternating runs.
 *
 * `npm run bench:compare -- <other checkout> [pairs]` (builds this checkout's dist/ and dist-bench/ first; build the
 * other one with `npx tsc -p tsconfig.build.json` in it, e.g. a `git worktree add` of the commit before). Each pair
 * runs both bots, one after the other, in a fresh process on its own SQLite folder, under the same load as
 * `npm run bench` (`BENCH_CONNECTIONS` connections over `BENCH_CONVERSATIONS` conversations of the ten bench questions,
 * `BENCH_SECONDS` after a short warm-up); which goes first alternates from pair to pair, so a machine that speeds up or
 * slows down during the series weighs on both alike. Prints each run and the means: the figure to compare, since one
 * run each on this shared machine differs by more than most changes do (BENCHMARKS.md, "Real questions: sixth session").
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { startBenchProcess } from './benchProcess';
import { measureTurnLoad } from './turnLoad';
import { checkCareerBotReply } from './replyChecks';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PORT = setting('BENCH_PORT', 3990);
const SECONDS = setting('BENCH_SECONDS', 20);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 32);
const CONVERSATIONS = setting('BENCH_CONVERSATIONS', 500);
const WARMUP_SECONDS = 3;

/** The mean of `values`. */
export function mean(values: readonly number[]): number {
    return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Which checkout runs first in pair `index`: this one in even pairs, the other in odd ones. */
export function pairOrder<T>(index: number, self: T, other: T): [T, T] {
    return index % 2 === 0 ? [self, other] : [other, self];
}

async function main(): Promise<number> {
    const [otherArg, pairsArg] = process.argv.slice(2);
    const pairs = Number(pairsArg ?? 4);
    if (!otherArg || !Number.isInteger(pairs) || pairs < 1) {
        console.error('usage: npm run bench:compare -- <other checkout, built> [pairs]');
        return 2;
    }
    const checkouts = { this: PROJECT_ROOT, other: resolve(otherArg) };
    for (const root of Object.values(checkouts)) {
        if (!existsSync(join(root, 'dist', 'src', 'index.js'))) {
            console.error(`bench:compare: ${root} has no dist/src/index.js; build it first (npx tsc -p tsconfig.build.json)`);
            return 2;
        }
    }
    const turnsPerSecond: Record<keyof typeof checkouts, number[]> = { this: [], other: [] };
    console.log(`${pairs} pairs, ${CONNECTIONS} connections, ${SECONDS} s a run; other: ${checkouts.other}`);
    for (let pair = 0; pair < pairs; pair++) {
        for (const name of pairOrder(pair, 'this' as const, 'other' as const)) {
            const bot = await startBenchProcess({
                script: join(checkouts[name], 'dist', 'src', 'index.js'),
                port: PORT,
                env: { LOG_LEVEL: 'warn', STORAGE: 'sqlite', RATE_LIMITS: 'off' },
                nodeArgs: ['--no-deprecation'],
                withDataDir: true,
            });
            try {
                const load = (prefix: string, durationSeconds: number) => ({
                    conversations: CONVERSATIONS,
                    conversationPrefix: `${prefix}-${pair}`,
                    join: true,
                    connections: CONNECTIONS,
                    durationSeconds,
                    check: checkCareerBotReply,
                });
                await measureTurnLoad(bot, load('warm-up', WARMUP_SECONDS));
                const run = await measureTurnLoad(bot, load('run', SECONDS));
                turnsPerSecond[name].push(run.turnsPerSecond);
                const wrong = run.turns - run.verdicts.answer + run.non2xx + run.errors;
                console.log(`pair ${pair + 1} ${name.padEnd(5)} ${run.turnsPerSecond.toFixed(0)} turns/s, other processes ${run.otherCores.toFixed(2)} cores${wrong ? `, ${wrong} turns not answered` : ''}`);
            } finally {
                await bot.stop();
            }
        }
    }
    console.log(`mean: this ${mean(turnsPerSecond.this).toFixed(1)} turns/s, other ${mean(turnsPerSecond.other).toFixed(1)} turns/s`);
    return 0;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (err: unknown) => {
            console.error(`bench:compare: ${err instanceof Error ? err.message : String(err)}`);
            process.exitCode = 1;
        },
    );
}
