import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { loadMigrations, schemaTooNewError, type Numbered } from '../shared/migrations';

/**
 * One change to the SQLite schema: the default export of a file `migrations/NNNN-words.ts`. Statements (`sql`), or a
 * function of the database (`up`) for a change that must look first, such as a column older files may already have.
 */
export type SqliteMigration = { readonly sql: string } | { readonly up: (db: Database.Database) => void };

let loaded: readonly Numbered<SqliteMigration>[] | undefined;

/** The SQLite schema, in the order `migrateSqlite` applies it: the files of `migrations/`. */
export function sqliteMigrations(): readonly Numbered<SqliteMigration>[] {
    return (loaded ??= Object.freeze(loadMigrations<SqliteMigration>(join(__dirname, 'migrations'))));
}

/**
 * How long opening waits for another process's migrations (a file's first opening after an upgrade): a migration
 * rewriting a large table takes longer than the 5 s a store's statements wait for a lock.
 */
const MIGRATION_BUSY_TIMEOUT_MS = 5 * 60_000;

/**
 * Brings `db` to the latest schema version: applies the migrations after its `PRAGMA user_version`, in order, in one
 * immediate transaction, and records each version as it goes. Returns the versions applied.
 * @remarks The transaction takes the write lock first (`BEGIN IMMEDIATE`), so two processes opening one file take
 * turns: the second reads the version again under the lock and finds nothing left to do. A failing migration rolls
 * back the lot, version included. A file at a version this code does not know (written by a later release) is refused.
 * `user_version` is 0 in a file written before migrations: the first migration is the schema of then, written to
 * change nothing in such a file.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly Numbered<SqliteMigration>[] = sqliteMigrations(), database: string = db.name): number[] {
    const known = migrations.length;
    const version = () => db.pragma('user_version', { simple: true }) as number;
    const at = version();
    if (at > known) throw schemaTooNewError(database, at, known);
    // Most openings find the file current, and take no write lock.
    if (at === known) return [];
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
    try {
        return db
            .transaction(() => {
                const from = version();
                if (from > known) throw schemaTooNewError(database, from, known);
                const pending = migrations.slice(from);
                for (const migration of pending) {
                    try {
                        if ('sql' in migration) db.exec(migration.sql);
                        else migration.up(db);
                    } catch (err) {
                        throw new Error(`migrateSqlite(): migration ${migration.name} failed on ${database}: ${(err as Error).message}`, { cause: err });
                    }
                    db.pragma(`user_version = ${migration.version}`);
                }
                return pending.map((m) => m.version);
            })
            .immediate();
    } finally {
        db.pragma(`busy_timeout = ${busyTimeout}`);
    }
}
