/**
 * Turns per second, latency, memory, start-up and search time of one bot instance, against its targets.
 *
 * `npm run bench` (builds dist/ and dist-bench/ first). In one run, one process at a time: the search alone (in
 * process); the redaction's input-size sweep (in process, `redactionBenchmark.ts`);
 * three cold starts of the built bot (spawn → first `/readyz` 200); the bot on its default SQLite storage
 * under autocannon (`BENCH_CONVERSATIONS` conversations, each a join then the ten questions in turn, over
 * `BENCH_CONNECTIONS` connections for `BENCH_SECONDS`), one connection alone (a turn without queueing), then
 * `BENCH_MEMORY_CONVERSATIONS` more one-question conversations and its resident memory; the echo bot
 * (`echoBot.ts`) under the same load; and a shorter profiled run of the bot (`node --cpu-prof`). Prints the
 * figures next to their targets and writes them into BENCHMARKS.md, unless other processes took CPU during a run
 * (`BENCH_WRITE=1` writes anyway, `BENCH_WRITE=0` never). Exits 0 when a target is missed: it measures, it does not judge.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { percentile, residentMb, startBenchProcess, waitForQuietMachine } from './benchProcess';
import { measureTurnLoad, MeasuredRun, ReplyCheck, TurnLoadOptions } from './turnLoad';
import { checkCareerBotReply, checkEchoReply } from './replyChecks';
import { runSearchBenchmark, SearchBenchmarkResult } from './searchBenchmark';
import { redactionSummary, redactionTable, runRedactionBenchmark } from './redactionBenchmark';
import { summarizeCpuProfile, ProfileSummary } from './cpuProfileSummary';
import { BUSY_MACHINE_CORES, describeMachine, profileTables, runsTable, targetTable, writeResults } from './benchReport';
import { BENCHMARKS_SKELETON } from './benchmarksSkeleton';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PORT = setting('BENCH_PORT', 3990);
const ECHO_PORT = setting('BENCH_ECHO_PORT', 3991);
const SECONDS = setting('BENCH_SECONDS', 20);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 32);
const CONVERSATIONS = setting('BENCH_CONVERSATIONS', 500);
const MEMORY_CONVERSATIONS = setting('BENCH_MEMORY_CONVERSATIONS', 10_000);
const PROFILE_SECONDS = setting('BENCH_PROFILE_SECONDS', 10);
const QUIET_WAIT_SECONDS = setting('BENCH_QUIET_WAIT', 120);
const WARMUP_SECONDS = 3;
const SINGLE_CONNECTION_SECONDS = 5;
const BOT_SCRIPT = join(PROJECT_ROOT, 'dist', 'src', 'index.js');
// The bot is the production build (dist/); the echo bot is built with the benchmarks, beside this file.
const ECHO_SCRIPT = join(__dirname, 'echoBot.js');
// Rate limits off, as for every load benchmark: 500 conversations stay under their per-conversation budget only
// while the bot is slow, and a 429 measures the limiter, not the bot.
const BOT_ENV = { LOG_LEVEL: 'warn', STORAGE: 'sqlite', RATE_LIMITS: 'off' };
// restify's spdy → http-deceiver warns about process.binding on every start; the warning is all it does.
const NODE_ARGS = ['--no-deprecation'];

const load = (prefix: string, check: ReplyCheck, seconds: number): Omit<TurnLoadOptions, 'url'> => ({
    conversations: CONVERSATIONS,
    conversationPrefix: prefix,
    join: true,
    connections: CONNECTIONS,
    durationSeconds: seconds,
    check,
});

const startBot = (nodeArgs: string[] = []) =>
    startBenchProcess({ script: BOT_SCRIPT, port: PORT, env: BOT_ENV, nodeArgs: [...NODE_ARGS, ...nodeArgs], withDataDir: true });

async function measureStarts(): Promise<number[]> {
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
        const bot = await startBot();
        starts.push(bot.readyMs);
        await bot.stop();
    }
    return starts;
}

async function measureBot() {
    const bot = await startBot();
    try {
        const rssReady = residentMb(bot.pid);
        await measureTurnLoad(bot, load('warmup', checkCareerBotReply, WARMUP_SECONDS));
        const loaded = await measureTurnLoad(bot, load('bench', checkCareerBotReply, SECONDS));
        const single = await measureTurnLoad(bot, { ...load('single', checkCareerBotReply, SINGLE_CONNECTION_SECONDS), connections: 1 });
        const rssLoaded = residentMb(bot.pid);
        console.log(`bot: ${MEMORY_CONVERSATIONS} more conversations, one question each, for its memory…`);
        const memory = await measureTurnLoad(bot, {
            ...load('memory', checkCareerBotReply, 0),
            conversations: MEMORY_CONVERSATIONS,
            join: false,
            amount: MEMORY_CONVERSATIONS,
        });
        return { loaded, single, memory, rssReady, rssLoaded, rssAfter: residentMb(bot.pid) };
    } finally {
        await bot.stop();
    }
}

async function measureEcho(): Promise<MeasuredRun> {
    const echo = await startBenchProcess({ script: ECHO_SCRIPT, port: ECHO_PORT, nodeArgs: NODE_ARGS });
    try {
        await measureTurnLoad(echo, load('warmup', checkEchoReply, WARMUP_SECONDS));
        return await measureTurnLoad(echo, load('bench', checkEchoReply, SECONDS));
    } finally {
        await echo.stop();
    }
}

/** The bot under `--cpu-prof`; the summary keeps only the samples taken while the timed load ran. */
async function profileBot(): Promise<{ run: MeasuredRun; profile?: ProfileSummary }> {
    const profileDir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
    try {
        const spawned = performance.now();
        const bot = await startBot(['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
        let run: MeasuredRun;
        let window: [number, number];
        try {
            await measureTurnLoad(bot, load('warmup', checkCareerBotReply, WARMUP_SECONDS));
            const from = performance.now() - spawned;
            run = await measureTurnLoad(bot, load('bench', checkCareerBotReply, PROFILE_SECONDS));
            window = [from, performance.now() - spawned];
        } finally {
            await bot.stop();
        }
        const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
        return { run, profile: file ? summarizeCpuProfile(join(profileDir, file), PROJECT_ROOT, ...window) : undefined };
    } finally {
        rmSync(profileDir, { recursive: true, force: true });
    }
}

function report(search: SearchBenchmarkResult, starts: number[], bot: Awaited<ReturnType<typeof measureBot>>, echo: MeasuredRun): string {
    const ratio = bot.loaded.turnsPerSecond / echo.turnsPerSecond;
    const ready = percentile(starts, 50);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const targets = targetTable([
        { figure: 'Turns per second (bot)', measured: bot.loaded.turnsPerSecond.toFixed(0), target: '' },
        { figure: 'Turns per second (echo bot)', measured: echo.turnsPerSecond.toFixed(0), target: '' },
        { figure: 'Throughput, bot ÷ echo', measured: `${ratio.toFixed(3)}×`, target: '≥ 0.8×', met: ratio >= 0.8 },
        { figure: `Turn latency p50 (bot, ${CONNECTIONS} connections)`, measured: ms(bot.loaded.p50Ms), target: '' },
        { figure: `Turn latency p99 (bot, ${CONNECTIONS} connections)`, measured: ms(bot.loaded.p99Ms), target: '≤ 50 ms', met: bot.loaded.p99Ms <= 50 },
        { figure: 'Turn latency p50 / p99 (bot, one connection)', measured: `${ms(bot.single.p50Ms)} / ${ms(bot.single.p99Ms)}`, target: '' },
        { figure: `Resident memory after ${MEMORY_CONVERSATIONS} more conversations`, measured: `${bot.rssAfter.toFixed(0)} MB`, target: '≤ 250 MB', met: bot.rssAfter <= 250 },
        { figure: 'Start to ready (median of 3)', measured: `${(ready / 1000).toFixed(2)} s`, target: '≤ 2 s', met: ready <= 2000 },
        { figure: 'Search, mean per query', measured: `${(search.meanMicros / 1000).toFixed(3)} ms`, target: '≤ 0.2 ms', met: search.meanMicros <= 200 },
        { figure: 'Search, p99 per query', measured: `${(search.p99Micros / 1000).toFixed(3)} ms`, target: '' },
    ]);
    const details = [
        `Start to ready, each start: ${starts.map((v) => `${v.toFixed(0)} ms`).join(', ')} (a fresh DATA_DIR each time).`,
        `Resident memory: ${bot.rssReady.toFixed(0)} MB once ready, ${bot.rssLoaded.toFixed(0)} MB after the timed runs, ` +
            `${bot.rssAfter.toFixed(0)} MB after ${MEMORY_CONVERSATIONS} more conversations.`,
        `Search: ${search.calls} calls over ${search.distinctQuestions} questions from ${search.questionSource}; ` +
            `mean ${search.meanMicros.toFixed(0)} µs, p50 ${search.p50Micros.toFixed(0)} µs, p99 ${search.p99Micros.toFixed(0)} µs; index built in ${search.buildMs.toFixed(0)} ms.`,
    ].join('\n');
    return `${targets}\n\n${details}`;
}

async function main(): Promise<void> {
    const othersAtStart = await waitForQuietMachine(0.15, QUIET_WAIT_SECONDS);
    const machine = `${describeMachine()}; other processes used ${(othersAtStart * 100).toFixed(0)}% of a core at the start`;
    console.log(`npm run bench on ${machine}`);
    console.log('search: timing search() in process…');
    const search = runSearchBenchmark();
    console.log('redaction: timing redactPersonalData() by input size, in process…');
    const redaction = runRedactionBenchmark();
    console.log('start-up: three cold starts of the bot…');
    const starts = await measureStarts();
    console.log(`bot: warm-up ${WARMUP_SECONDS} s, ${SECONDS} s of ${CONVERSATIONS} conversations over ${CONNECTIONS} connections, ${SINGLE_CONNECTION_SECONDS} s over one…`);
    const bot = await measureBot();
    console.log(`echo bot: warm-up ${WARMUP_SECONDS} s, then the same ${SECONDS} s load…`);
    const echo = await measureEcho();
    console.log(`profile: the bot under node --cpu-prof, ${PROFILE_SECONDS} s of the same load…`);
    const profiled = await profileBot();

    const figures = report(search, starts, bot, echo);
    const measured: [string, MeasuredRun][] = [
        [`bot, ${CONNECTIONS} connections`, bot.loaded],
        ['bot, one connection', bot.single],
        [`bot, ${MEMORY_CONVERSATIONS} new conversations`, bot.memory],
        [`echo bot, ${CONNECTIONS} connections`, echo],
        ['bot under --cpu-prof', profiled.run],
    ];
    const runs = runsTable(measured);
    const redactionFigures = `### Redaction, ms per call by input size (generated)\n\n${redactionTable(redaction)}\n\n${redactionSummary(redaction)}`;
    console.log(`\n${figures}\n\n${runs}\n\n${redactionFigures}\n`);
    if (profiled.profile) console.log(`${profileTables(profiled.profile, 10)}\n`);
    // A run other processes slowed would replace good figures with worse ones: kept out unless BENCH_WRITE=1.
    const contended = measured.some(([, r]) => r.otherCores > BUSY_MACHINE_CORES);
    if (contended && process.env.BENCH_WRITE !== '1') {
        console.log('BENCHMARKS.md left as it was: other processes took CPU during the run (BENCH_WRITE=1 writes anyway).');
    } else if (process.env.BENCH_WRITE !== '0') {
        const profile = profiled.profile ? profileTables(profiled.profile) : 'No profile was written.';
        const generated = [`Measured on ${machine}.`, figures, runs, redactionFigures, '### Profile of the bot under load (generated)', profile].join('\n\n');
        writeResults(join(PROJECT_ROOT, 'BENCHMARKS.md'), generated, BENCHMARKS_SKELETON);
        console.log('Wrote the figures into BENCHMARKS.md.');
    }
}

main().catch((err: unknown) => {
    console.error('bench failed:', err);
    process.exit(1);
});
