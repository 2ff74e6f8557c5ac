/**
 * How many open chat widgets one bot instance serves before a visitor's turn takes twice as long.
 *
 * `npm run bench:widgets` (builds dist/ and dist-bench/ first). Starts the built bot on its default SQLite storage,
 * opens N widgets' conversations on the built-in Direct Line, and keeps each polling
 * `GET /activities?watermark=` once a second, as Web Chat does (DirectLineJS, `pollingInterval: 1000`).
 * Meanwhile one visitor asks real questions one after another; its turn latency (the POST, which returns
 * once the bot's turn has run and the reply is stored) is measured at each N.
 * A benchmark, not a test: figures depend on the machine and on what else it is doing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

const PORT = Number(process.env.BENCH_PORT ?? 3979);
const BASE = `http://127.0.0.1:${PORT}`;
const DL = `${BASE}/v3/directline`;
const LEVELS = (process.env.BENCH_LEVELS ?? '0,250,500,1000,2000,3000,4000,6000').split(',').map(Number);
const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 10);
const QUESTIONS = [
    'how much does an MLT earn?',
    'do I need a license in California?',
    'what is the difference between an MLT and an MLS?',
    'how long is MLT school?',
    'what does the ASCP exam cover?',
    'where do medical lab technicians work?',
    'what is the job outlook for MLTs?',
    'what skills does a lab tech need?',
    'can I become an MLS later?',
    'what do MLTs do all day?',
];

interface Widget {
    token: string;
    conversationId: string;
    watermark: string;
    stop: boolean;
}

const polls = { count: 0, errors: 0, latencies: [] as number[] };

async function json<T>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(url, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status}`);
    return (await response.json()) as T;
}

async function openWidget(): Promise<Widget> {
    const { token } = await json<{ token: string }>('POST', `${BASE}/api/directline/token`);
    const started = await json<{ token: string; conversationId: string }>('POST', `${DL}/conversations`, token);
    return { token: started.token, conversationId: started.conversationId, watermark: '', stop: false };
}

/** Polls like DirectLineJS: the next GET one interval after the previous one started (or at once if it took longer). */
async function keepPolling(widget: Widget): Promise<void> {
    await sleep(Math.random() * 1000);
    while (!widget.stop) {
        const started = performance.now();
        try {
            const page = await json<{ watermark: string }>('GET', `${DL}/conversations/${widget.conversationId}/activities?watermark=${widget.watermark}`, widget.token);
            widget.watermark = page.watermark;
            polls.count++;
            polls.latencies.push(performance.now() - started);
        } catch {
            polls.errors++;
        }
        await sleep(Math.max(0, 1000 - (performance.now() - started)));
    }
}

/** One visitor asking questions back to back for `seconds`; returns each turn's latency in ms. */
async function probe(seconds: number): Promise<number[]> {
    const visitor = await openWidget();
    const latencies: number[] = [];
    for (let i = 0, until = Date.now() + seconds * 1000; Date.now() < until; i++) {
        const started = performance.now();
        await json('POST', `${DL}/conversations/${visitor.conversationId}/activities`, visitor.token, { type: 'message', text: QUESTIONS[i % QUESTIONS.length] });
        latencies.push(performance.now() - started);
        await sleep(100);
    }
    return latencies;
}

function cpuSeconds(pid: number): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

const percentile = (values: number[], p: number) => {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-widgets-'));
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the bot while it serves.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const bot = spawn(process.execPath, [...nodeArgs, join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
        env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn', STORAGE: 'sqlite', RATE_LIMITS: 'off' },
        stdio: ['ignore', 'inherit', 'inherit'],
    });
    try {
        for (let i = 0; ; i++) {
            if ((await fetch(`${BASE}/readyz`).catch(() => undefined))?.ok) break;
            if (i > 100) throw new Error('the bot did not become ready');
            await sleep(100);
        }
        await probe(3); // warm-up: JIT, SQLite pages, first searches
        console.log(`polling widgets vs one visitor's turn latency (${SECONDS_PER_LEVEL} s per level, bot pid ${bot.pid})`);
        console.log('widgets  polls/s  poll p50  poll p99  turn p50  turn p99  bot CPU  bot RSS');
        const widgets: Widget[] = [];
        let baseline: number | undefined;
        for (const level of LEVELS) {
            while (widgets.length < level) {
                const batch = await Promise.all(Array.from({ length: Math.min(100, level - widgets.length) }, openWidget));
                batch.forEach((w) => void keepPolling(w));
                widgets.push(...batch);
            }
            await sleep(1500);
            Object.assign(polls, { count: 0, errors: 0, latencies: [] });
            const cpuBefore = cpuSeconds(bot.pid!);
            const turns = await probe(SECONDS_PER_LEVEL);
            const cpu = (cpuSeconds(bot.pid!) - cpuBefore) / SECONDS_PER_LEVEL;
            const p50 = percentile(turns, 50);
            baseline ??= p50;
            console.log(
                [
                    String(level).padStart(7),
                    (polls.count / SECONDS_PER_LEVEL).toFixed(0).padStart(8),
                    `${percentile(polls.latencies, 50).toFixed(1)} ms`.padStart(9),
                    `${percentile(polls.latencies, 99).toFixed(1)} ms`.padStart(9),
                    `${p50.toFixed(1)} ms`.padStart(9),
                    `${percentile(turns, 99).toFixed(1)} ms`.padStart(9),
                    `${(cpu * 100).toFixed(0)}%`.padStart(8),
                    `${rssMb(bot.pid!)} MB`.padStart(8),
                    polls.errors ? `  ${polls.errors} poll errors` : '',
                    p50 > 2 * baseline ? '  ← turn latency more than doubled' : '',
                ].join(' '),
            );
            if (p50 > 2 * baseline) break;
        }
        widgets.forEach((w) => (w.stop = true));
    } finally {
        bot.kill('SIGTERM');
        await new Promise((resolve) => bot.once('exit', resolve));
        rmSync(dataDir, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error('bench:widgets failed:', err);
    process.exit(1);
});
