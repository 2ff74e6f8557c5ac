import type Database from 'better-sqlite3';
import { toQuestion, type UnansweredQuestion, type UnansweredQuestionStore, type UnansweredRow } from '../../transcripts/unansweredQuestions';
import { openSqlite } from './openSqlite';

/** Keeps the questions the bot could not answer in SQLite (table `unanswered_questions`), as given. */
export class SqliteUnansweredQuestions implements UnansweredQuestionStore {
    private readonly db: Database.Database;

    constructor(file: string) {
        this.db = openSqlite(file);
    }

    async add({ at, channelId, conversationId, question, gap }: UnansweredQuestion): Promise<void> {
        this.db
            .prepare('INSERT INTO unanswered_questions (at, channel_id, conversation_id, question, gap) VALUES (?, ?, ?, ?, ?)')
            .run(at, channelId, conversationId, question, gap ?? null);
    }

    async list(limit = 100): Promise<UnansweredQuestion[]> {
        return (this.db.prepare(`SELECT ${COLUMNS} FROM unanswered_questions ORDER BY id DESC LIMIT ?`).all(limit) as UnansweredRow[]).map(toQuestion);
    }

    async between(from: Date, to: Date): Promise<UnansweredQuestion[]> {
        return (this.db.prepare(`SELECT ${COLUMNS} FROM unanswered_questions WHERE at >= ? AND at < ? ORDER BY id`).all(from.toISOString(), to.toISOString()) as UnansweredRow[]).map(
            toQuestion,
        );
    }

    async deleteForConversation(channelId: string, conversationId: string): Promise<number> {
        return this.db.prepare('DELETE FROM unanswered_questions WHERE channel_id = ? AND conversation_id = ?').run(channelId, conversationId).changes;
    }

    async deleteOlderThan(cutoff: Date): Promise<number> {
        return this.db.prepare('DELETE FROM unanswered_questions WHERE at < ?').run(cutoff.toISOString()).changes;
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

const COLUMNS = 'at, channel_id AS channelId, conversation_id AS conversationId, question, gap';
