import type { Pool } from 'pg';
import { toQuestion as withoutNulls, type UnansweredQuestion, type UnansweredQuestionStore } from '../../transcripts/unansweredQuestions';
import { nulSafe } from './nulSafe';

const COLUMNS = 'at, channel_id AS "channelId", conversation_id AS "conversationId", question, gap';

type Row = Omit<UnansweredQuestion, 'at' | 'gap'> & { at: Date; gap: string | null };

/**
 * Keeps the questions the bot could not answer in PostgreSQL (table `unanswered_questions`), as given.
 * The pool is the caller's: `close` leaves it open.
 */
export class PgUnansweredQuestions implements UnansweredQuestionStore {
    constructor(private readonly pool: Pool) {}

    async add({ at, channelId, conversationId, question, gap }: UnansweredQuestion): Promise<void> {
        await this.pool.query(
            'INSERT INTO unanswered_questions (at, channel_id, conversation_id, question, gap) VALUES ($1, $2, $3, $4, $5)',
            nulSafe([new Date(at), channelId, conversationId, question, gap ?? null]),
        );
    }

    async list(limit = 100): Promise<UnansweredQuestion[]> {
        const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM unanswered_questions ORDER BY id DESC LIMIT $1`, [limit]);
        return rows.map(toQuestion);
    }

    async between(from: Date, to: Date): Promise<UnansweredQuestion[]> {
        const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM unanswered_questions WHERE at >= $1 AND at < $2 ORDER BY id`, [from, to]);
        return rows.map(toQuestion);
    }

    async deleteForConversation(channelId: string, conversationId: string): Promise<number> {
        const result = await this.pool.query('DELETE FROM unanswered_questions WHERE channel_id = $1 AND conversation_id = $2', nulSafe([channelId, conversationId]));
        return result.rowCount ?? 0;
    }

    async deleteOlderThan(cutoff: Date): Promise<number> {
        return (await this.pool.query('DELETE FROM unanswered_questions WHERE at < $1', [cutoff])).rowCount ?? 0;
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}
}

function toQuestion(row: Row): UnansweredQuestion {
    return withoutNulls({ ...row, at: row.at.toISOString() });
}
