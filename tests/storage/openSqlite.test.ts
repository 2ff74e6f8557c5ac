import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/storage/openSqlite';

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
});
