import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import type { FollowUpRequest, FollowUps, FollowUpStatus } from '../../advisor/followUps';

type Row = Omit<FollowUpRequest, 'claimedBy'> & { claimedBy: string | null };

const COLUMNS = `id, channel_id AS channelId, conversation_id AS conversationId, created_at AS createdAt, name, contact,
    contact_kind AS contactKind, topic, status, claimed_by AS claimedBy, updated_at AS updatedAt`;

/** The follow-up queue in SQLite: the only table that holds a visitor's contact details. */
export class SqliteFollowUps implements FollowUps {
    private readonly db: Database.Database;

    constructor(file: string) {
        this.db = openSqlite(file);
    }

    async create(request: Pick<FollowUpRequest, 'channelId' | 'conversationId' | 'name' | 'contact' | 'contactKind' | 'topic'>): Promise<FollowUpRequest> {
        const now = new Date().toISOString();
        const { lastInsertRowid } = this.db
            .prepare(`INSERT INTO advisor_follow_ups (channel_id, conversation_id, created_at, name, contact, contact_kind, topic, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`)
            .run(request.channelId, request.conversationId, now, request.name, request.contact, request.contactKind, request.topic, now);
        return (await this.get(Number(lastInsertRowid)))!;
    }

    async list(status?: FollowUpStatus): Promise<FollowUpRequest[]> {
        const rows = status
            ? this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups WHERE status = ? ORDER BY created_at DESC, id DESC`).all(status)
            : this.db.prepare<[], Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups ORDER BY created_at DESC, id DESC`).all();
        return rows.map(fromRow);
    }

    async get(id: number): Promise<FollowUpRequest | undefined> {
        const row = this.db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM advisor_follow_ups WHERE id = ?`).get(id);
        return row ? fromRow(row) : undefined;
    }

    async claim(id: number, username: string): Promise<FollowUpRequest | undefined> {
        this.db
            .prepare(`UPDATE advisor_follow_ups SET status = 'claimed', claimed_by = ?, updated_at = ? WHERE id = ? AND status = 'open'`)
            .run(username, new Date().toISOString(), id);
        return this.get(id);
    }

    async complete(id: number, username: string): Promise<FollowUpRequest | undefined> {
        this.db
            .prepare(`UPDATE advisor_follow_ups SET status = 'done', claimed_by = COALESCE(claimed_by, ?), updated_at = ? WHERE id = ? AND status != 'done'`)
            .run(username, new Date().toISOString(), id);
        return this.get(id);
    }

    async deleteForConversation(channelId: string, conversationId: string): Promise<number> {
        return this.db.prepare('DELETE FROM advisor_follow_ups WHERE channel_id = ? AND conversation_id = ?').run(channelId, conversationId).changes;
    }

    /** Deletes requests created before `cutoff` (retention); returns how many. */
    async deleteOlderThan(cutoff: Date): Promise<number> {
        return this.db.prepare('DELETE FROM advisor_follow_ups WHERE created_at < ?').run(cutoff.toISOString()).changes;
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

function fromRow(row: Row): FollowUpRequest {
    const { claimedBy, ...rest } = row;
    return claimedBy ? { ...rest, claimedBy } : rest;
}
