import type Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { openSqlite } from './openSqlite';
import { activityId, ActivityPage, DirectLineConversation, DirectLineStore, RevokedToken, TokenState } from '../../channels/directLine/directLineStore';

/** The built-in Direct Line's conversations and activities in a SQLite file (the bot's own, by default). */
export class SqliteDirectLineStore implements DirectLineStore {
    private readonly db: Database.Database;
    private readonly statements;

    constructor(file: string) {
        this.db = openSqlite(file);
        this.statements = {
            insertKey: this.db.prepare<[string, Buffer]>('INSERT OR IGNORE INTO directline_keys (name, value) VALUES (?, ?)'),
            selectKey: this.db.prepare<[string], { value: Buffer }>('SELECT value FROM directline_keys WHERE name = ?'),
            insertConversation: this.db.prepare<[string, string, number, number]>(
                'INSERT OR IGNORE INTO directline_conversations (id, user_id, created_at, last_activity_at) VALUES (?, ?, ?, ?)',
            ),
            selectConversation: this.db.prepare<[string], { userId: string }>('SELECT user_id AS userId FROM directline_conversations WHERE id = ?'),
            nextSeq: this.db.prepare<[number, string], { seq: number }>(
                'UPDATE directline_conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq AS seq',
            ),
            insertActivity: this.db.prepare<[string, number, string]>('INSERT INTO directline_activities (conversation_id, seq, activity) VALUES (?, ?, ?)'),
            selectAfter: this.db.prepare<[string, number, number], { seq: number; activity: string }>(
                'SELECT seq, activity FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
            ),
            deleteIdleActivities: this.db.prepare<[number]>(
                'DELETE FROM directline_activities WHERE conversation_id IN (SELECT id FROM directline_conversations WHERE last_activity_at < ?)',
            ),
            deleteIdleConversations: this.db.prepare<[number]>('DELETE FROM directline_conversations WHERE last_activity_at < ?'),
            insertRevoked: this.db.prepare<[string, string, number, number]>(
                'INSERT OR IGNORE INTO directline_revoked_tokens (token_id, conversation_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)',
            ),
            selectTokenState: this.db.prepare<[string, string], { userId: string | null; revokedAt: number | null }>(
                `SELECT (SELECT user_id FROM directline_conversations WHERE id = ?) AS userId,
                        (SELECT revoked_at FROM directline_revoked_tokens WHERE token_id = ?) AS revokedAt`,
            ),
            deleteExpiredRevoked: this.db.prepare<[number]>('DELETE FROM directline_revoked_tokens WHERE expires_at < ?'),
            deleteActivitiesOf: this.db.prepare<[string]>('DELETE FROM directline_activities WHERE conversation_id = ?'),
            deleteConversation: this.db.prepare<[string]>('DELETE FROM directline_conversations WHERE id = ?'),
        };
    }

    async signingKey(): Promise<Buffer> {
        // INSERT OR IGNORE then read: when two instances race, both end up with the key that was stored first.
        this.statements.insertKey.run('token-signing', randomBytes(32));
        return this.statements.selectKey.get('token-signing')!.value;
    }

    async startConversation(conversation: DirectLineConversation, at: Date): Promise<boolean> {
        const result = this.statements.insertConversation.run(conversation.conversationId, conversation.userId, at.getTime(), at.getTime());
        return result.changes === 1;
    }

    async conversation(conversationId: string): Promise<DirectLineConversation | undefined> {
        const row = this.statements.selectConversation.get(conversationId);
        return row ? { conversationId, userId: row.userId } : undefined;
    }

    async append(conversationId: string, activity: Partial<Activity>, at: Date): Promise<Activity> {
        return this.db.transaction(() => {
            const row = this.statements.nextSeq.get(at.getTime(), conversationId);
            if (!row) throw new Error(`SqliteDirectLineStore.append(): no conversation "${conversationId}"`);
            const stored = { ...activity, id: activity.id || activityId(conversationId, row.seq) } as Activity;
            this.statements.insertActivity.run(conversationId, row.seq, JSON.stringify(stored));
            return stored;
        })();
    }

    async activitiesAfter(conversationId: string, watermark: number, limit: number): Promise<ActivityPage> {
        const rows = this.statements.selectAfter.all(conversationId, watermark, limit);
        return {
            activities: rows.map((r) => JSON.parse(r.activity) as Activity),
            watermark: rows.length > 0 ? rows[rows.length - 1].seq : watermark,
        };
    }

    async revokeToken(token: RevokedToken, at: Date): Promise<boolean> {
        return this.statements.insertRevoked.run(token.tokenId, token.conversationId, at.getTime(), token.expiresAt.getTime()).changes === 1;
    }

    async tokenState(conversationId: string, tokenId: string): Promise<TokenState> {
        const row = this.statements.selectTokenState.get(conversationId, tokenId)!;
        return {
            ...(row.userId !== null ? { conversation: { conversationId, userId: row.userId } } : {}),
            ...(row.revokedAt !== null ? { revokedAt: new Date(row.revokedAt) } : {}),
        };
    }

    async deleteIdle(before: Date): Promise<number> {
        return this.db.transaction(() => {
            this.statements.deleteExpiredRevoked.run(before.getTime());
            this.statements.deleteIdleActivities.run(before.getTime());
            return this.statements.deleteIdleConversations.run(before.getTime()).changes;
        })();
    }

    async deleteConversation(conversationId: string): Promise<boolean> {
        return this.db.transaction(() => {
            this.statements.deleteActivitiesOf.run(conversationId);
            return this.statements.deleteConversation.run(conversationId).changes === 1;
        })();
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}
