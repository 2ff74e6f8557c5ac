import type { Pool } from 'pg';
import type { FollowUpRequest, FollowUps, FollowUpStatus } from '../../advisor/followUps';
import { nulSafe } from './nulSafe';

type Row = Omit<FollowUpRequest, 'id' | 'createdAt' | 'updatedAt' | 'claimedBy'> & {
    id: string;
    createdAt: Date;
    updatedAt: Date;
    claimedBy: string | null;
};

const COLUMNS = `id, channel_id AS "channelId", conversation_id AS "conversationId", created_at AS "createdAt", name, contact,
    contact_kind AS "contactKind", topic, status, claimed_by AS "claimedBy", updated_at AS "updatedAt"`;

/**
 * The follow-up queue in PostgreSQL (table `advisor_follow_ups`): the only table that holds a visitor's contact details.
 * @remarks A claim or completion is one conditional UPDATE, so of two advisors claiming at once exactly one is recorded.
 * The pool is the caller's: `close` leaves it open.
 */
export class PgFollowUps implements FollowUps {
    constructor(private readonly pool: Pool) {}

    async create(request: Pick<FollowUpRequest, 'channelId' | 'conversationId' | 'name' | 'contact' | 'contactKind' | 'topic'>): Promise<FollowUpRequest> {
        const { rows } = await this.pool.query<Row>(
            `INSERT INTO advisor_follow_ups (channel_id, conversation_id, created_at, name, contact, contact_kind, topic, status, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $3) RETURNING ${COLUMNS}`,
            nulSafe([request.channelId, request.conversationId, new Date(), request.name, request.contact, request.contactKind, request.topic]),
        );
        return fromRow(rows[0]);
    }

    async list(status?: FollowUpStatus): Promise<FollowUpRequest[]> {
        const { rows } = status
            ? await this.pool.query<Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups WHERE status = $1 ORDER BY created_at DESC, id DESC`, nulSafe([status]))
            : await this.pool.query<Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups ORDER BY created_at DESC, id DESC`);
        return rows.map(fromRow);
    }

    async get(id: number): Promise<FollowUpRequest | undefined> {
        if (!Number.isSafeInteger(id)) return undefined;
        const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups WHERE id = $1`, [id]);
        return rows.length > 0 ? fromRow(rows[0]) : undefined;
    }

    async claim(id: number, username: string): Promise<FollowUpRequest | undefined> {
        if (!Number.isSafeInteger(id)) return undefined;
        await this.pool.query(
            `UPDATE advisor_follow_ups SET status = 'claimed', claimed_by = $1, updated_at = $2 WHERE id = $3 AND status = 'open'`,
            nulSafe([username, new Date(), id]),
        );
        return this.get(id);
    }

    async complete(id: number, username: string): Promise<FollowUpRequest | undefined> {
        if (!Number.isSafeInteger(id)) return undefined;
        await this.pool.query(
            `UPDATE advisor_follow_ups SET status = 'done', claimed_by = COALESCE(claimed_by, $1), updated_at = $2 WHERE id = $3 AND status <> 'done'`,
            nulSafe([username, new Date(), id]),
        );
        return this.get(id);
    }

    async deleteForConversation(channelId: string, conversationId: string): Promise<number> {
        const result = await this.pool.query('DELETE FROM advisor_follow_ups WHERE channel_id = $1 AND conversation_id = $2', nulSafe([channelId, conversationId]));
        return result.rowCount ?? 0;
    }

    /** Deletes requests created before `cutoff` (retention); returns how many. */
    async deleteOlderThan(cutoff: Date): Promise<number> {
        return (await this.pool.query('DELETE FROM advisor_follow_ups WHERE created_at < $1', [cutoff])).rowCount ?? 0;
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}
}

function fromRow(row: Row): FollowUpRequest {
    // Keys in the order SqliteFollowUps gives them, so API responses read the same on either store.
    const { claimedBy, ...rest } = row;
    const request = { ...rest, id: Number(rest.id), createdAt: rest.createdAt.toISOString(), updatedAt: rest.updatedAt.toISOString() };
    return claimedBy ? { ...request, claimedBy } : request;
}
