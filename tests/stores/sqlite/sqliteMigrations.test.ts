import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '../../../src/stores/createStorage';
import type { Numbered } from '../../../src/stores/shared/migrations';
import { openSqlite } from '../../../src/stores/sqlite/openSqlite';
import { migrateSqlite, sqliteMigrations, type SqliteMigration } from '../../../src/stores/sqlite/sqliteMigrations';

const LATEST = sqliteMigrations().length;

describe('SQLite migrations', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'sqlite-migrations-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** The file's schema version and its tables and indexes, read on a connection of its own. */
    const inspect = (file: string) => {
        const db = new Database(file, { readonly: true });
        try {
            const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
            return { version: db.pragma('user_version', { simple: true }) as number, names: names.map((r) => r.name) };
        } finally {
            db.close();
        }
    };
    const numbered = (version: number, migration: SqliteMigration): Numbered<SqliteMigration> => ({ ...migration, version, name: `000${version}-test` });

    it('numbers the files from 1 with no gap, the first being the schema of release 799221d', () => {
        expect(sqliteMigrations().map((m) => m.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
        expect(sqliteMigrations()[0].name).toBe('0001-release-799221d-schema');
    });

    it('gives a new file the latest version and every table, and opening it again applies nothing', () => {
        const file = join(dir, 'bot.sqlite');
        openSqlite(file).close();
        const first = inspect(file);
        expect(first.version).toBe(LATEST);
        expect(first.names).toEqual(
            expect.arrayContaining(['bot_state', 'advisor_accounts', 'unanswered_questions', 'directline_revoked_tokens', 'conversation_summaries', 'transcript_search', 'advisor_audit']),
        );
        const db = openSqlite(file);
        try {
            expect(migrateSqlite(db)).toEqual([]);
        } finally {
            db.close();
        }
        expect(inspect(file)).toEqual(first);
    });

    it('gives each :memory: connection the whole schema', () => {
        const db = openSqlite(':memory:');
        try {
            expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
            expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'advisor_follow_ups'").get()).toEqual({ n: 1 });
        } finally {
            db.close();
        }
    });

    it('brings a file of the code before migrations (its tables and the gap column there, at version 0) to the latest, unchanged', () => {
        const file = join(dir, 'bot.sqlite');
        const db = openSqlite(file);
        db.prepare("INSERT INTO unanswered_questions (at, channel_id, conversation_id, question, gap) VALUES ('2026-12-01T00:00:00.000Z', 'webchat', 'c1', 'is 45 too old?', 'age')").run();
        const schema = db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
        db.pragma('user_version = 0');
        db.close();

        const reopened = openSqlite(file);
        try {
            expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST);
            expect(reopened.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
            expect(reopened.prepare('SELECT question, gap FROM unanswered_questions').all()).toEqual([{ question: 'is 45 too old?', gap: 'age' }]);
        } finally {
            reopened.close();
        }
    });

    it('rolls back a run whose migration fails midway: the version and the schema stay as they were', () => {
        const file = join(dir, 'bot.sqlite');
        const db = openSqlite(file);
        const before = inspect(file);
        const broken = [
            ...sqliteMigrations(),
            numbered(LATEST + 1, { sql: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY)' }),
            numbered(LATEST + 2, {
                up: (d) => {
                    d.exec('ALTER TABLE bot_state ADD COLUMN also_half_done TEXT');
                    d.exec('SELECT * FROM no_such_table');
                },
            }),
        ];
        try {
            expect(() => migrateSqlite(db, broken, 'bot.sqlite')).toThrow(`migrateSqlite(): migration 000${LATEST + 2}-test failed on bot.sqlite: no such table: no_such_table`);
            expect(inspect(file)).toEqual(before);
            const columns = db.prepare<[], { name: string }>('PRAGMA table_info(bot_state)').all().map((c) => c.name);
            expect(columns).not.toContain('also_half_done');
            // The connection is usable, and the run can be retried once the migration is mended.
            expect(migrateSqlite(db, [...broken.slice(0, -1), numbered(LATEST + 2, { sql: 'SELECT 1' })])).toEqual([LATEST + 1, LATEST + 2]);
            expect(inspect(file).version).toBe(LATEST + 2);
        } finally {
            db.close();
        }
    });

    it('refuses a file at a newer version than it knows, naming both, and leaves it as it is', async () => {
        const file = join(dir, 'bot.sqlite');
        const db = openSqlite(file);
        db.pragma(`user_version = ${LATEST + 3}`);
        db.close();
        const before = inspect(file);
        const message = `${file} is at schema version ${LATEST + 3}; this release knows up to ${LATEST}: upgrade the bot or restore a backup`;
        expect(() => openSqlite(file)).toThrow(message);
        expect(() => createStorage({ STORAGE: 'sqlite', DATA_DIR: dir, DATABASE_URL: undefined })).toThrow(message);
        expect(inspect(file)).toEqual(before);
    });

    it('makes a process that opens the file while another migrates it wait, then find it current', async () => {
        const file = join(dir, 'bot.sqlite');
        openSqlite(file).close();
        const reset = new Database(file);
        reset.pragma('user_version = 0');
        reset.close();
        // Another process takes the write lock, as a migrating process does, and brings the file to the latest version
        // after a while.
        const other = spawn(
            process.execPath,
            [
                '-e',
                `const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(file)});
                db.exec('BEGIN IMMEDIATE');
                db.pragma('user_version = ${LATEST}');
                console.log('locked');
                Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
                db.exec('COMMIT');
                db.close();`,
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const exited = new Promise((resolve) => other.on('exit', resolve));
        await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
        const db = new Database(file);
        try {
            // It found version 0 before taking the lock; under the lock it reads the version again.
            expect(migrateSqlite(db)).toEqual([]);
            expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
        } finally {
            db.close();
        }
        expect(await exited).toBe(0);
    });
});
