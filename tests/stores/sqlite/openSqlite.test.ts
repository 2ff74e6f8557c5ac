import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../../src/stores/sqlite/openSqlite';

describe('openSqlite', () => {
    it('opens a file in WAL mode with synchronous = NORMAL, a busy timeout and checkpoints left to the worker, creating its folder', () => {
        const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'open-sqlite-')), 'nested', 'bot.db'));
        try {
            expect({
                journal: db.pragma('journal_mode', { simple: true }),
                // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
                synchronous: db.pragma('synchronous', { simple: true }),
                busyTimeout: db.pragma('busy_timeout', { simple: true }),
                autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }),
            }).toEqual({ journal: 'wal', synchronous: 1, busyTimeout: 5000, autocheckpoint: 10000 });
        } finally {
            db.close();
        }
    });

    it('overwrites a deleted row in the file, so its text cannot be read back from the free space', () => {
        const file = join(mkdtempSync(join(tmpdir(), 'open-sqlite-')), 'bot.db');
        const db = openSqlite(file);
        try {
            db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
            const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
            for (let i = 0; i < 20; i++) insert.run(`kept note number ${i}`);
            insert.run('write to zanzibarquux@example.org');
            db.prepare("DELETE FROM notes WHERE body LIKE '%zanzibarquux%'").run();
            db.pragma('wal_checkpoint(TRUNCATE)');
            const bytes = readFileSync(file).toString('latin1');
            // Searched, not compared: a failure would print the whole file.
            expect(bytes.includes('kept note number 7')).toBe(true);
            expect(bytes.includes('zanzibarquux')).toBe(false);
        } finally {
            db.close();
        }
    });
});
