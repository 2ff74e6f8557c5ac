import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** How often the checkpointer moves the WAL into the database file and flushes it to the disk. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * The worker's code, run with `eval` so that it works the same from the built files and from the TypeScript
 * sources under jest. It opens its own connection to the file and checkpoints it every `intervalMs`.
 * `PASSIVE` never waits for a reader or a writer: it copies what it can and leaves the rest for the next time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
let failing = false;
const checkpoint = () => {
    try {
        db.pragma('wal_checkpoint(PASSIVE)');
        if (failing) parentPort.postMessage({ recovered: true });
        failing = false;
    } catch (err) {
        if (!failing) parentPort.postMessage({ failed: String(err && err.message) });
        failing = true;
    }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
    if (message && message.truncate !== undefined) {
        let error;
        try {
            // After a deletion: a row SQLite moved between pages (a page split or merge) can leave a copy in the unused
            // part of its old page, which secure_delete does not zero; VACUUM rebuilds every page from the live rows.
            if (message.vacuum) db.exec('VACUUM');
            // SQLite does not throw when a reader or writer keeps it from emptying the WAL: it answers busy = 1 and leaves
            // the old pages in the file. Try again a few times (each try already waits busy_timeout for the others).
            let busy = 1;
            for (let attempt = 0; busy && attempt < 3; attempt++) {
                if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
                busy = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy;
            }
            if (busy) error = 'the WAL is still in use by another connection';
        } catch (err) {
            error = String(err && err.message);
        }
        parentPort.postMessage({ truncated: message.truncate, error });
        return;
    }
    if (message !== 'stop') return;
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.postMessage({ stopped: true });
});
`;

/** A running checkpointer; `stop()` checkpoints once more and ends the worker. */
export interface WalCheckpointer {
    /**
     * Checkpoints everything and empties the WAL file (`TRUNCATE`), so that pages as they were before a deletion are
     * gone from it too; with `vacuum`, first rebuilds the database (`VACUUM`), so that no copy of a deleted row is left in
     * a page's unused space either. Runs on the worker's thread, not the bot's; writers wait for it (busy_timeout).
     * Settles when done; never rejects (a failure is logged, and the WAL is reused as usual).
     */
    truncate(options?: { vacuum?: boolean }): Promise<void>;
    stop(): Promise<void>;
}

/**
 * Checkpoints a SQLite file in WAL mode from a worker thread, so that the bot's one JavaScript thread never waits
 * for the disk.
 *
 * @remarks Where the time went: with `synchronous = NORMAL` a commit does not flush to the disk, but a checkpoint
 * does (the WAL, then the database file), and SQLite runs one inside whichever commit takes the WAL past
 * `wal_autocheckpoint` pages. Under load, that was a turn's commit about once every few turns, and it blocked
 * everything else on the thread. The connections openSqlite opens checkpoint on their own only as a safety net
 * (a WAL of 10,000 pages, should this worker stop); this worker keeps the WAL well short of it, and bounds what a
 * power cut can lose to about `intervalMs` of writes.
 */
export function startWalCheckpointer(file: string, options: { intervalMs?: number; logger?: Logger; busyTimeoutMs?: number } = {}): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS, busyTimeoutMs: options.busyTimeoutMs ?? 5_000 },
    });
    // The checkpointer must not keep a process alive that has nothing else to do.
    worker.unref();
    let stopping = false;
    const truncations = new Map<number, () => void>();
    let nextTruncation = 0;
    // The worker reports the first failure of a streak and the recovery, not every failing second.
    worker.on('message', (message: { failed?: string; recovered?: boolean; truncated?: number; error?: string }) => {
        if (message.failed) options.logger?.warn({ error: message.failed }, 'SQLite checkpoint failed; retrying every second');
        if (message.recovered) options.logger?.info('SQLite checkpoints work again');
        if (message.truncated !== undefined) {
            if (message.error) options.logger?.warn({ error: message.error }, 'SQLite could not empty the WAL after a deletion; its pages are overwritten as it is reused');
            truncations.get(message.truncated)?.();
            truncations.delete(message.truncated);
        }
    });
    worker.on('error', (err) => options.logger?.error({ err }, 'the SQLite checkpointer stopped; SQLite checkpoints in the commits again'));
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    return {
        truncate({ vacuum = false } = {}) {
            if (stopping) return Promise.resolve();
            const id = nextTruncation++;
            // Settles on the worker's answer, or when it exits (stopped, or failed) without one.
            const done = new Promise<void>((resolve) => truncations.set(id, resolve));
            worker.postMessage({ truncate: id, vacuum });
            return Promise.race([done, exited]);
        },
        async stop() {
            if (stopping) return exited;
            stopping = true;
            const stopped = new Promise<void>((resolve) => worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve()));
            worker.postMessage('stop');
            // A worker stuck on a busy database is ended after a while rather than holding up the shutdown.
            await Promise.race([stopped, exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
            await worker.terminate();
        },
    };
}
