import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openSqlite } from '../../../src/stores/sqlite/openSqlite';
import { startWalCheckpointer } from '../../../src/stores/sqlite/walCheckpointer';

const walBytes = (file: string) => statSync(`${file}-wal`).size;
const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
};

describe('startWalCheckpointer', () => {
    it('moves committed pages out of the WAL from another thread, so the writer never checkpoints', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'checkpointer-')), 'bot.sqlite');
        const db = openSqlite(file);
        db.exec('CREATE TABLE t (body TEXT)');
        const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
        // About 2 MB of commits: far below the writer's own 10,000-page threshold, so only the worker checkpoints.
        for (let i = 0; i < 500; i++) insert.run('x'.repeat(4_000));
        const walPages = () => (db.pragma('wal_checkpoint(NOOP)', { simple: false }) as { log: number; checkpointed: number }[])[0];
        expect(walPages().checkpointed).toBe(0);

        const checkpointer = startWalCheckpointer(file, { intervalMs: 50, logger: pino({ level: 'silent' }) });
        try {
            await until(() => {
                const { log, checkpointed } = walPages();
                return log > 0 && checkpointed === log;
            });
            // The next commit starts the WAL over from the beginning, so the file does not grow without end.
            const before = walBytes(file);
            for (let i = 0; i < 10; i++) insert.run('y');
            expect(walBytes(file)).toBeLessThanOrEqual(before);
        } finally {
            await checkpointer.stop();
            db.close();
        }
        expect((openSqlite(file).prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(510);
    });

    it('empties the WAL file when asked, so the pages as they were before a deletion leave it', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'checkpointer-')), 'bot.sqlite');
        const db = openSqlite(file);
        const checkpointer = startWalCheckpointer(file, { intervalMs: 10_000, logger: pino({ level: 'silent' }) });
        try {
            db.exec('CREATE TABLE t (body TEXT)');
            db.prepare('INSERT INTO t (body) VALUES (?)').run('zanzibarquux@example.org');
            db.prepare('DELETE FROM t').run();
            expect(walBytes(file)).toBeGreaterThan(0);
            await checkpointer.truncate();
            expect(walBytes(file)).toBe(0);
            expect(readFileSync(file).toString('latin1').includes('zanzibarquux')).toBe(false);
        } finally {
            await checkpointer.stop();
            db.close();
        }
        // Once stopped, it has nothing to do and says so at once.
        await expect(checkpointer.truncate()).resolves.toBeUndefined();
    });

    it('rebuilds the database first when asked to vacuum, so the file keeps no page a deletion freed', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'checkpointer-')), 'bot.sqlite');
        const db = openSqlite(file);
        const checkpointer = startWalCheckpointer(file, { intervalMs: 10_000, logger: pino({ level: 'silent' }) });
        try {
            db.exec('CREATE TABLE t (body TEXT)');
            const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
            for (let i = 0; i < 300; i++) insert.run(`row ${i} ${'x'.repeat(2_000)}`);
            await checkpointer.truncate();
            const full = statSync(file).size;
            db.prepare('DELETE FROM t WHERE rowid > 10').run();
            await checkpointer.truncate({ vacuum: true });
            // The freed pages are gone from the file, not only zeroed in it.
            expect(statSync(file).size).toBeLessThan(full / 3);
            expect(walBytes(file)).toBe(0);
            expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(10);
        } finally {
            await checkpointer.stop();
            db.close();
        }
    });

    it('says so when another connection keeps it from emptying the WAL, and empties it once that connection is done', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'checkpointer-')), 'bot.sqlite');
        const db = openSqlite(file);
        const warnings: string[] = [];
        const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
        const checkpointer = startWalCheckpointer(file, { intervalMs: 10_000, logger, busyTimeoutMs: 50 });
        const reader = openSqlite(file);
        try {
            db.exec('CREATE TABLE t (body TEXT)');
            db.prepare('INSERT INTO t (body) VALUES (?)').run('zanzibarquux@example.org');
            // A read transaction holding a snapshot that still needs the WAL (as a long read would).
            reader.exec('BEGIN');
            reader.prepare('SELECT count(*) FROM t').get();
            db.prepare('DELETE FROM t').run();
            await checkpointer.truncate();
            expect(walBytes(file)).toBeGreaterThan(0);
            expect(warnings).toContain('SQLite could not empty the WAL after a deletion; its pages are overwritten as it is reused');
            reader.exec('COMMIT');
            await checkpointer.truncate();
            expect(walBytes(file)).toBe(0);
        } finally {
            reader.close();
            await checkpointer.stop();
            db.close();
        }
    });

    it('stops promptly, and more than once', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'checkpointer-')), 'bot.sqlite');
        openSqlite(file).close();
        const checkpointer = startWalCheckpointer(file, { intervalMs: 10_000 });
        const started = Date.now();
        await checkpointer.stop();
        await checkpointer.stop();
        expect(Date.now() - started).toBeLessThan(5_000);
    });
});
