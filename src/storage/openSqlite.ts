import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens (and creates, with its folder) a SQLite database file the way every store here wants it:
 * WAL, so readers never wait for the writer, and a busy timeout, so two connections to one file take turns.
 * `:memory:` gives a private in-memory database (tests, `STORAGE=memory`).
 */
export function openSqlite(file: string): Database.Database {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    return db;
}
