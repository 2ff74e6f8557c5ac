import type { Activity } from 'botbuilder';
import type { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { activityId, type ActivityPage, type DirectLineConversation, type DirectLineStore, type RevokedToken, type TokenState } from '../../channels/directLine/directLineStore';
import { nulSafe } from './nulSafe';

/**
 * Takes the conversation's next sequence number and stores the activity under it, in one statement (so one
 * transaction). The UPDATE locks the conversation's row until the insert commits: appends from any number of
 * instances get consecutive numbers and commit in that order, so a reader past watermark n never misses n+1.
 */
const APPEND = `WITH next AS (
        UPDATE directline_conversations SET last_seq = last_seq + 1, last_activity_at = $3 WHERE id = $1 RETURNING id, last_seq
    )
    INSERT INTO directline_activities (conversation_id, seq, activity) SELECT id, last_seq, $2 FROM next RETURNING seq`;

const SIGNING_KEY = 'token-signing';

/**
 * The built-in Direct Line's conversations and activities in PostgreSQL, shared by every instance.
 * @remarks An activity that comes without an id is stored without one, and its id is made from its sequence number
 * when it is read; one that comes with an id keeps it. Deleting a conversation deletes its activities (a foreign key).
 * The pool is the caller's: `close` leaves it open.
 */
export class PgDirectLineStore implements DirectLineStore {
    constructor(private readonly pool: Pool) {}

    async signingKey(): Promise<Buffer> {
        // Insert if absent, then read: when two instances race, both end up with the key stored first.
        await this.pool.query('INSERT INTO directline_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [SIGNING_KEY, randomBytes(32)]);
        const { rows } = await this.pool.query<{ value: Buffer }>('SELECT value FROM directline_keys WHERE name = $1', [SIGNING_KEY]);
        return rows[0].value;
    }

    async startConversation(conversation: DirectLineConversation, at: Date): Promise<boolean> {
        const result = await this.pool.query(
            'INSERT INTO directline_conversations (id, user_id, created_at, last_activity_at) VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO NOTHING',
            nulSafe([conversation.conversationId, conversation.userId, at]),
        );
        return result.rowCount === 1;
    }

    async conversation(conversationId: string): Promise<DirectLineConversation | undefined> {
        const { rows } = await this.pool.query<{ userId: string }>('SELECT user_id AS "userId" FROM directline_conversations WHERE id = $1', nulSafe([conversationId]));
        return rows.length > 0 ? { conversationId, userId: rows[0].userId } : undefined;
    }

    async append(conversationId: string, activity: Partial<Activity>, at: Date): Promise<Activity> {
        const { id, ...rest } = activity;
        const body = id ? activity : rest;
        const { rows } = await this.pool.query<{ seq: number }>(APPEND, nulSafe([conversationId, JSON.stringify(body), at]));
        if (rows.length === 0) throw new Error(`PgDirectLineStore.append(): no conversation "${conversationId}"`);
        return withId(body, conversationId, rows[0].seq);
    }

    async activitiesAfter(conversationId: string, watermark: number, limit: number): Promise<ActivityPage> {
        const { rows } = await this.pool.query<{ seq: number; activity: string }>(
            'SELECT seq, activity FROM directline_activities WHERE conversation_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3',
            nulSafe([conversationId, watermark, limit]),
        );
        return {
            activities: rows.map((r) => withId(JSON.parse(r.activity) as Partial<Activity>, conversationId, r.seq)),
            watermark: rows.length > 0 ? rows[rows.length - 1].seq : watermark,
        };
    }

    async revokeToken(token: RevokedToken, at: Date): Promise<boolean> {
        const result = await this.pool.query(
            'INSERT INTO directline_revoked_tokens (token_id, conversation_id, revoked_at, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (token_id) DO NOTHING',
            nulSafe([token.tokenId, token.conversationId, at, token.expiresAt]),
        );
        return result.rowCount === 1;
    }

    async tokenState(conversationId: string, tokenId: string): Promise<TokenState> {
        const { rows } = await this.pool.query<{ userId: string | null; revokedAt: Date | null }>(
            `SELECT (SELECT user_id FROM directline_conversations WHERE id = $1) AS "userId",
                    (SELECT revoked_at FROM directline_revoked_tokens WHERE token_id = $2) AS "revokedAt"`,
            nulSafe([conversationId, tokenId]),
        );
        const [row] = rows;
        return {
            ...(row.userId !== null ? { conversation: { conversationId, userId: row.userId } } : {}),
            ...(row.revokedAt !== null ? { revokedAt: row.revokedAt } : {}),
        };
    }

    async deleteIdle(before: Date): Promise<number> {
        await this.pool.query('DELETE FROM directline_revoked_tokens WHERE expires_at < $1', [before]);
        return (await this.pool.query('DELETE FROM directline_conversations WHERE last_activity_at < $1', [before])).rowCount ?? 0;
    }

    async deleteConversation(conversationId: string): Promise<boolean> {
        // Its activities go with it (ON DELETE CASCADE).
        return (await this.pool.query('DELETE FROM directline_conversations WHERE id = $1', nulSafe([conversationId]))).rowCount === 1;
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}
}

/** The activity with the id it was stored with, or else the one made from its sequence number. */
function withId(activity: Partial<Activity>, conversationId: string, seq: number): Activity {
    return { ...activity, id: activity.id || activityId(conversationId, seq) } as Activity;
}
