import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { openSqlite } from './openSqlite';
import { SESSION_LIFETIME, type Advisor, type AdvisorSessions, type SessionAccounts, type SessionOptions } from '../../advisor/accounts';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface SessionRow {
    username: string;
    idleExpiresAt: number;
    expiresAt: number;
}

/**
 * Advisor sessions in a SQLite file (table `advisor_sessions`): only each token's SHA-256 is stored.
 * @remarks Takes the accounts rather than joining their table, so it works with `:memory:` databases too;
 * it reads the account on every `find` (a disabled account or a changed role applies at once) and
 * registers with `onAccessRevoked`, so a password change or a disabling ends the account's sessions.
 * A session ends after 8 hours unused or 24 hours after sign-in, whichever comes first.
 */
export class SqliteAdvisorSessions implements AdvisorSessions {
    private readonly db: Database.Database;
    private readonly statements;
    private readonly now: () => number;
    private readonly stopListening: (() => void) | void;

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(
        file: string,
        private readonly accounts: SessionAccounts,
        options: SessionOptions = {},
    ) {
        this.now = options.now ?? Date.now;
        this.db = openSqlite(file);
        this.statements = {
            insert: this.db.prepare<[string, string, number, number, number]>(
                'INSERT INTO advisor_sessions (token_hash, username, created_at, idle_expires_at, expires_at) VALUES (?, ?, ?, ?, ?)',
            ),
            selectOne: this.db.prepare<[string], SessionRow>(
                'SELECT username, idle_expires_at AS idleExpiresAt, expires_at AS expiresAt FROM advisor_sessions WHERE token_hash = ?',
            ),
            touch: this.db.prepare<[number, string]>('UPDATE advisor_sessions SET idle_expires_at = ? WHERE token_hash = ?'),
            deleteOne: this.db.prepare<[string]>('DELETE FROM advisor_sessions WHERE token_hash = ?'),
            deleteForUser: this.db.prepare<[string]>('DELETE FROM advisor_sessions WHERE username = ?'),
            deleteExpired: this.db.prepare<[number, number]>('DELETE FROM advisor_sessions WHERE idle_expires_at <= ? OR expires_at <= ?'),
        };
        this.stopListening = accounts.onAccessRevoked((username) => this.revokeAll(username));
    }

    /** A new session; `expiresAt` is its absolute end (the cookie's lifetime), idle expiry comes sooner when unused. */
    async create(username: string): Promise<{ token: string; expiresAt: Date }> {
        const advisor = await this.accounts.find(username);
        if (!advisor || advisor.disabled) throw new Error(`SqliteAdvisorSessions.create(): no enabled account "${username}"`);
        const now = this.now();
        this.statements.deleteExpired.run(now, now);
        const token = randomBytes(32).toString('base64url');
        const expiresAt = now + SESSION_LIFETIME.absoluteMs;
        this.statements.insert.run(hashToken(token), advisor.username, now, Math.min(now + SESSION_LIFETIME.idleMs, expiresAt), expiresAt);
        return { token, expiresAt: new Date(expiresAt) };
    }

    async find(token: string): Promise<Advisor | undefined> {
        if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
        const key = hashToken(token);
        const row = this.statements.selectOne.get(key);
        if (!row) return undefined;
        const now = this.now();
        if (now >= row.idleExpiresAt || now >= row.expiresAt) {
            this.statements.deleteOne.run(key);
            return undefined;
        }
        const advisor = await this.accounts.find(row.username);
        if (!advisor || advisor.disabled) {
            this.statements.deleteOne.run(key);
            return undefined;
        }
        this.statements.touch.run(Math.min(now + SESSION_LIFETIME.idleMs, row.expiresAt), key);
        return advisor;
    }

    async revoke(token: string): Promise<void> {
        if (typeof token === 'string' && TOKEN.test(token)) this.statements.deleteOne.run(hashToken(token));
    }

    async revokeAll(username: string): Promise<void> {
        this.statements.deleteForUser.run(username.trim().toLowerCase());
    }

    close(): void {
        this.stopListening?.();
        if (this.db.open) this.db.close();
    }
}

function hashToken(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
}
