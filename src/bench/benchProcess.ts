import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A server the benchmark started as its own process. */
export interface BenchProcess {
    readonly child: ChildProcess;
    readonly pid: number;
    readonly baseUrl: string;
    /** Milliseconds from spawn to the first `GET /readyz` answering 200. */
    readonly readyMs: number;
    /** SIGTERM, then waits for the exit (a `--cpu-prof` profile is written on exit); removes its data folder. */
    stop(): Promise<void>;
}

/** What to start and how. */
export interface BenchProcessOptions {
    script: string;
    port: number;
    env?: Record<string, string>;
    /** Node options before the script, e.g. `--cpu-prof`. */
    nodeArgs?: string[];
    /** Gives the process a fresh temporary `DATA_DIR`, removed on stop. */
    withDataDir?: boolean;
    readyTimeoutMs?: number;
}

/**
 * Spawns a server and resolves once `/readyz` answers 200.
 * @remarks Polls every 5 ms so the start-up time it reports is not rounded up to a coarse polling interval.
 */
export async function startBenchProcess(options: BenchProcessOptions): Promise<BenchProcess> {
    const baseUrl = `http://127.0.0.1:${options.port}`;
    // Another server on the port would answer /readyz for this one and be measured in its place.
    if (await fetch(`${baseUrl}/readyz`).then(() => true, () => false)) {
        throw new Error(`startBenchProcess(): port ${options.port} is already in use; set another (BENCH_PORT, BENCH_ECHO_PORT)`);
    }
    const dataDir = options.withDataDir ? mkdtempSync(join(tmpdir(), 'bench-turns-')) : undefined;
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
        env: { ...process.env, ...options.env, PORT: String(options.port), ...(dataDir ? { DATA_DIR: dataDir } : {}) },
        stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let hasExited = false;
    void exited.then(() => (hasExited = true));
    const stop = async () => {
        if (!hasExited) child.kill('SIGTERM');
        await exited;
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    };
    const deadline = started + (options.readyTimeoutMs ?? 15_000);
    for (;;) {
        const status = await fetch(`${baseUrl}/readyz`).then(
            async (response) => (await response.arrayBuffer(), response.status),
            () => undefined,
        );
        if (status === 200) break;
        if (hasExited || performance.now() > deadline) {
            await stop();
            throw new Error(`startBenchProcess(): ${options.script} did not become ready on port ${options.port}`);
        }
        await sleep(5);
    }
    return { child, pid: child.pid!, baseUrl, readyMs: performance.now() - started, stop };
}

/** Resident memory of a process in MB, from `/proc/<pid>/status` (VmRSS). */
export function residentMb(pid: number): number {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
}

/** CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat`. */
export function cpuSeconds(pid: number): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has spent busy (every core, every process), from `/proc/stat`. */
export function machineBusySeconds(): number {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * Waits until the rest of the machine uses less than `maxCores` (sampled over 2 s), for at most `timeoutSeconds`.
 * @remarks On a 2-core machine another process's test run halves the figures; better to start a little later.
 */
export async function waitForQuietMachine(maxCores: number, timeoutSeconds: number): Promise<number> {
    const deadline = performance.now() + timeoutSeconds * 1000;
    for (;;) {
        const before = machineBusySeconds();
        await sleep(2000);
        const cores = (machineBusySeconds() - before) / 2;
        if (cores < maxCores || performance.now() > deadline) return cores;
        console.log(`waiting: other processes are using ${(cores * 100).toFixed(0)}% of a core…`);
        await sleep(3000);
    }
}

/** The value below which `p` percent of `values` lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
