import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteUnansweredQuestions } from '../../../src/stores/sqlite/sqliteUnansweredQuestions';
import { describeUnansweredQuestionsContract } from '../../transcripts/unansweredContract';

describeUnansweredQuestionsContract('SqliteUnansweredQuestions', async () => new SqliteUnansweredQuestions(':memory:'));

describe('SqliteUnansweredQuestions on a file written before known gaps', () => {
    it('adds the gap column, keeps the old questions (without a gap) and records new ones with theirs', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'unanswered-'));
        const file = join(dir, 'unanswered.db');
        const old = new Database(file);
        old.exec('CREATE TABLE unanswered_questions (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, question TEXT NOT NULL)');
        old.prepare('INSERT INTO unanswered_questions (at, channel_id, conversation_id, question) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), 'webchat', 'c1', 'asked before');
        old.close();
        const store = new SqliteUnansweredQuestions(file);
        try {
            await store.add({ at: new Date().toISOString(), channelId: 'webchat', conversationId: 'c2', question: 'is 45 too old?', gap: 'age' });
            expect(await store.list()).toEqual([
                expect.objectContaining({ question: 'is 45 too old?', gap: 'age' }),
                { at: expect.any(String), channelId: 'webchat', conversationId: 'c1', question: 'asked before' },
            ]);
        } finally {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
