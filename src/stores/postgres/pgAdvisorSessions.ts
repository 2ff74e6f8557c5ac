import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { SESSION_LIFETIME, type Advisor, type AdvisorSessions, type SessionAccounts, type SessionOptions } from '../../advisor/accounts';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface SessionRow {
    username: string;
    idleExpiresAt: Date;
    expiresAt: Date;
}

/**
 * Advisor sessions in PostgreSQL (table `advisor_sessions`), shared by every instance: only each token's SHA-256
 * is stored. The same rules as `SqliteAdvisorSessions`: 8 hours unused or 24 hours after sign-in, whichever comes first.
 * @remarks Reads the account on every `find`, so a disabled account or a changed role applies at once on every
 * instance; registers with `onAccessRevoked`, and the sessions it then deletes are gone for every instance.
 * The pool is the caller's: `close` only stops listening to the accounts.
 */
export class PgAdvisorSessions implements AdvisorSessions {
    private readonly now: () => number;
    private readonly stopListening: (() => void) | void;

    constructor(
        private readonly pool: Pool,
        private readonly accounts: SessionAccounts,
        options: SessionOptions = {},
    ) {
        this.now = options.now ?? Date.now;
        this.stopListening = accounts.onAccessRevoked((username) => this.revokeAll(username));
    }

    /** A new session; `expiresAt` is its absolute end (the cookie's lifetime), idle expiry comes sooner when unused. */
    async create(username: string): Promise<{ token: string; expiresAt: Date }> {
        const advisor = await this.accounts.find(username);
        if (!advisor || advisor.disabled) throw new Error(`PgAdvisorSessions.create(): no enabled account "${username}"`);
        const now = this.now();
        await this.pool.query('DELETE FROM advisor_sessions WHERE idle_expires_at <= $1 OR expires_at <= $1', [new Date(now)]);
        const token = randomBytes(32).toString('base64url');
        const expiresAt = now + SESSION_LIFETIME.absoluteMs;
        await this.pool.query(
            'INSERT INTO advisor_sessions (token_hash, username, created_at, idle_expires_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
            [hashToken(token), advisor.username, new Date(now), new Date(Math.min(now + SESSION_LIFETIME.idleMs, expiresAt)), new Date(expiresAt)],
        );
        return { token, expiresAt: new Date(expiresAt) };
    }

    async find(token: string): Promise<Advisor | undefined> {
        if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
        const key = hashToken(token);
        const { rows } = await this.pool.query<SessionRow>(
            'SELECT username, idle_expires_at AS "idleExpiresAt", expires_at AS "expiresAt" FROM advisor_sessions WHERE token_hash = $1',
            [key],
        );
        const row = rows[0];
        if (!row) return undefined;
        const now = this.now();
        if (now >= row.idleExpiresAt.getTime() || now >= row.expiresAt.getTime()) {
            await this.revokeHash(key);
            return undefined;
        }
        const advisor = await this.accounts.find(row.username);
        if (!advisor || advisor.disabled) {
            await this.revokeHash(key);
            return undefined;
        }
        const idleExpiresAt = new Date(Math.min(now + SESSION_LIFETIME.idleMs, row.expiresAt.getTime()));
        await this.pool.query('UPDATE advisor_sessions SET idle_expires_at = $1 WHERE token_hash = $2', [idleExpiresAt, key]);
        return advisor;
    }

    async revoke(token: string): Promise<void> {
        if (typeof token === 'string' && TOKEN.test(token)) await this.revokeHash(hashToken(token));
    }

    async revokeAll(username: string): Promise<void> {
        await this.pool.query('DELETE FROM advisor_sessions WHERE username = $1', [username.trim().toLowerCase()]);
    }

    /** Stops listening to the accounts; the pool belongs to whoever opened it. */
    close(): void {
        this.stopListening?.();
    }

    private async revokeHash(key: string): Promise<void> {
        await this.pool.query('DELETE FROM advisor_sessions WHERE token_hash = $1', [key]);
    }
}

function hashToken(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
}
