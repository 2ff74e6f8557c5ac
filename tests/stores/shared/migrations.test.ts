import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../src/stores/postgres/migrations';
import { loadMigrations, schemaTooNewError } from '../../../src/stores/shared/migrations';
import { sqliteMigrations } from '../../../src/stores/sqlite/sqliteMigrations';

describe('loadMigrations', () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (file: string, sql: string) => writeFileSync(join(dir, file), `exports.default = { sql: ${JSON.stringify(sql)} };\n`);

    it('loads every numbered file of the folder in order, and nothing else', () => {
        write('0002-second.js', 'SELECT 2');
        write('0001-first.js', 'SELECT 1');
        write('README.js', 'not a migration');
        writeFileSync(join(dir, '0001-first.js.map'), '{}');
        expect(loadMigrations<{ sql: string }>(dir)).toEqual([
            { sql: 'SELECT 1', version: 1, name: '0001-first' },
            { sql: 'SELECT 2', version: 2, name: '0002-second' },
        ]);
    });

    it('refuses a gap in the numbers, naming the file out of place', () => {
        write('0001-first.js', 'SELECT 1');
        write('0003-third.js', 'SELECT 3');
        expect(() => loadMigrations(dir)).toThrow(`loadMigrations(): ${join(dir, '0003-third.js')} should be numbered 0002: migrations are numbered from 0001 with no gap or repeat`);
    });

    it('refuses two files with one number, and a first file that is not 0001', () => {
        write('0001-first.js', 'SELECT 1');
        write('0001-again.js', 'SELECT 1');
        expect(() => loadMigrations(dir)).toThrow(/0001-first\.js should be numbered 0002/);
        rmSync(join(dir, '0001-first.js'));
        rmSync(join(dir, '0001-again.js'));
        write('0002-second.js', 'SELECT 2');
        expect(() => loadMigrations(dir)).toThrow(/0002-second\.js should be numbered 0001/);
    });

    it('refuses a file with no default export', () => {
        writeFileSync(join(dir, '0001-first.js'), 'exports.migration = { sql: "SELECT 1" };\n');
        expect(() => loadMigrations(dir)).toThrow(`loadMigrations(): ${join(dir, '0001-first.js')} has no default export (its migration)`);
    });
});

describe('the migrations of both backends', () => {
    it('are numbered from 1 with no gap', () => {
        for (const migrations of [sqliteMigrations(), MIGRATIONS]) {
            expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
        }
    });

    it('keep, in PostgreSQL, the ids and order databases recorded before migrations were files; later ones are the file’s name', () => {
        const RECORDED_BEFORE_FILES = [
            'bot-state-001',
            'unanswered-questions-001',
            'direct-line-001',
            'advisor-accounts-001',
            'advisor-sessions-001',
            'advisor-audit-001',
            'advisor-follow-ups-001',
            'conversation-log-001',
            'direct-line-002-revoked-tokens',
            'unanswered-questions-002-gap',
        ];
        expect(MIGRATIONS.slice(0, RECORDED_BEFORE_FILES.length).map((m) => m.id)).toEqual(RECORDED_BEFORE_FILES);
        // So that a new migration is one new file, and nothing else to edit.
        for (const m of MIGRATIONS.slice(RECORDED_BEFORE_FILES.length)) expect(m.id).toBe(m.name);
    });
});

describe('schemaTooNewError', () => {
    it('names the database, both versions and what to do', () => {
        expect(schemaTooNewError('bot.sqlite', 7, 5).message).toBe('bot.sqlite is at schema version 7; this release knows up to 5: upgrade the bot or restore a backup');
    });
});
