import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateSqlite } from './sqliteMigrations';

/**
 * Opens (and creates, with its folder) a SQLite database file the way every store here wants it:
 * WAL, so readers never wait for the writer, and a busy timeout, so two connections to one file take turns;
 * and brings it to the latest schema (`migrateSqlite`), so the first store to open a file migrates it and the
 * others find it current. `:memory:` gives a private in-memory database, with the whole schema (tests, `STORAGE=memory`).
 * Throws, closing it, when the file's schema is newer than this code or a migration fails.
 * @remarks `synchronous = NORMAL`: a commit is written to the WAL but not flushed to the disk (fsync) until the
 * next checkpoint. A committed write survives the process being killed (tests/e2e/crash.test.ts); after a power
 * cut or an operating-system crash the last moments of writes may be missing, and the file is never corrupted.
 * With FULL, SQLite's default, every commit waits for the disk on the bot's one thread: about 0.3 ms a commit
 * here, several commits a turn (BENCHMARKS.md). Deployments that must not lose a transcript to a power cut use
 * PostgreSQL.
 */
export function openSqlite(file: string): Database.Database {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoints belong to the worker (walCheckpointer): a commit checkpoints only when the WAL reaches 10,000
    // pages (about 40 MB), should that worker not run.
    if (file !== ':memory:') db.pragma('wal_autocheckpoint = 10000');
    db.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not just unlinked: a deleted conversation's words would otherwise stay
    // in the file's free space, readable with `strings`, until the space was reused. No cost measurable here.
    db.pragma('secure_delete = ON');
    try {
        migrateSqlite(db, undefined, file);
    } catch (err) {
        db.close();
        throw err;
    }
    return db;
}
