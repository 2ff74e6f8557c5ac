import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../../src/config/paths';

/** A bot started as `npm start` starts it: the built code in its own process. */
export interface StartedServer {
    url: string;
    process: ChildProcess;
    output: () => string;
    /** Resolves with the exit code. */
    exited: Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as { port: number };
            probe.close(() => resolve(port));
        });
    });
}

/** Starts `dist/src/index.js` with `env`; does not wait for it to be ready. */
export function startServer(env: Record<string, string>, port: number): StartedServer {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'info', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { url: `http://127.0.0.1:${port}`, process: child, output: () => output, exited };
}

/** Polls `/readyz` until it answers 200; throws with the server's output if it does not within `timeoutMs`. */
export async function waitUntilReady(server: StartedServer, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (server.process.exitCode !== null) throw new Error(`server exited (${server.process.exitCode}):\n${server.output()}`);
        const ok = await fetch(`${server.url}/readyz`).then((r) => r.status === 200, () => false);
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${server.output()}`);
}
