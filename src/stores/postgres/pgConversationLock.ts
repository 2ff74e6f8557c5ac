import type { Middleware, TurnContext } from 'botbuilder';
import type { Pool } from 'pg';
import { rollBack, storageError } from './pgDatabase';

/** How long a turn waits for another instance to finish a turn of the same conversation. */
const LOCK_WAIT_MS = 10_000;
/** Pauses between attempts at a lock another instance holds: short at first, as turns are short. */
const RETRY_MS = [10, 20, 50, 100, 200] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Serialises the turns of one conversation across every instance on one database: each turn runs inside
 * a transaction holding a PostgreSQL advisory lock on its conversation, so two messages of one conversation
 * that reach two instances at once run one after the other and neither's state update is lost.
 * @remarks The in-process ConversationQueue still orders turns within an instance, so an instance holds at
 * most one connection per busy conversation. A transaction-level lock is released by PostgreSQL itself if
 * the instance dies mid-turn (or, when its packets are lost, after the lock pool's idle-in-transaction timeout).
 * The lock is tried, not waited for in one statement: each attempt answers at once, so a database that stops
 * answering is told apart from a lock held by another instance's turn within the pool's `query_timeout`, while a
 * turn may still wait up to 10 s for the other's. When the database does not answer, the lock cannot be taken and
 * the turn fails before it starts: the adapter's error handler apologises to the visitor.
 */
export class PgConversationLock implements Middleware {
    constructor(private readonly pool: Pool) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const conversationId = context.activity.conversation?.id;
        if (!conversationId) return next();
        const client = await this.pool.connect();
        let broken: Error | undefined;
        try {
            await client.query('BEGIN');
            const key = `${context.activity.channelId}/${conversationId}`;
            for (let attempt = 0, waitUntil = Date.now() + LOCK_WAIT_MS; ; attempt++) {
                const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [key]);
                if (rows[0]?.locked) break;
                if (Date.now() >= waitUntil) throw new Error(`PgConversationLock: another instance held the conversation's lock for ${LOCK_WAIT_MS / 1000} s`);
                await sleep(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
            }
            await next();
            await client.query('COMMIT');
        } catch (err) {
            // A connection that failed mid-transaction, or whose database did not answer, is destroyed, not reused.
            broken = await rollBack(client, err);
            throw storageError(err);
        } finally {
            client.release(broken);
        }
    }
}
