import type { Middleware, TurnContext } from 'botbuilder';
import type { Pool } from 'pg';

/** How long a turn waits for another instance to finish a turn of the same conversation. */
const LOCK_WAIT = '10s';

/**
 * Serialises the turns of one conversation across every instance on one database: each turn runs inside
 * a transaction holding a PostgreSQL advisory lock on its conversation, so two messages of one conversation
 * that reach two instances at once run one after the other and neither's state update is lost.
 * @remarks The in-process ConversationQueue still orders turns within an instance, so an instance holds at
 * most one connection per busy conversation. A transaction-level lock is released by PostgreSQL itself if
 * the instance dies mid-turn. When the database is down the lock cannot be taken and the turn fails
 * before it starts: the adapter's error handler apologises to the visitor.
 */
export class PgConversationLock implements Middleware {
    constructor(private readonly pool: Pool) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const conversationId = context.activity.conversation?.id;
        if (!conversationId) return next();
        const client = await this.pool.connect();
        let failed = false;
        try {
            await client.query('BEGIN');
            await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
            await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${context.activity.channelId}/${conversationId}`]);
            await next();
            await client.query('COMMIT');
        } catch (err) {
            failed = true;
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
        } finally {
            // A connection that failed mid-transaction is discarded rather than reused.
            client.release(failed ? true : undefined);
        }
    }
}
