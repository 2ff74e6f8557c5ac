import type { AccessRevokedListener, AccountChange } from './accountRules';

/**
 * What an account may do: an `advisor` reads conversations and the knowledge; an `editor` also drafts changes to the
 * knowledge and tries them; an `admin` also publishes and restores versions, and manages accounts.
 */
export type AdvisorRole = 'advisor' | 'editor' | 'admin';
/** The roles in order of what they may do: each may do everything the ones before it may. */
export const ROLE_RANK: Readonly<Record<AdvisorRole, number>> = Object.freeze({ advisor: 0, editor: 1, admin: 2 });

/** A local advisor account (never with its password hash). */
export interface Advisor {
    username: string;
    role: AdvisorRole;
    /** ISO 8601. */
    createdAt: string;
    disabled: boolean;
}

/** Raised for a refused account change: a taken username, a weak password, an unknown account. */
export class AccountError extends Error {
    override readonly name = 'AccountError';

    /**
     * @param reason why the change was refused, written for whoever asked for it (an admin in the console, the person
     * at the terminal), who is told it as it is.
     * @param where the method that refused (`SqliteAdvisorAccounts.create()`), which begins the message, for the log.
     */
    constructor(
        readonly reason: string,
        where?: string,
    ) {
        super(where ? `${where}: ${reason}` : reason);
    }
}

/** Local advisor accounts; passwords are hashed with scrypt and never leave this interface. */
export interface AdvisorAccounts {
    /** Throws AccountError when the username is taken or invalid, or the password is too weak (under 12 characters). */
    create(username: string, password: string, role: AdvisorRole): Promise<Advisor>;
    /** The account when the password is right and the account is enabled; undefined otherwise (same time either way). */
    verify(username: string, password: string): Promise<Advisor | undefined>;
    find(username: string): Promise<Advisor | undefined>;
    list(): Promise<Advisor[]>;
    count(): Promise<number>;
    setPassword(username: string, password: string): Promise<void>;
    /** Throws AccountError for an unknown account, and when it would demote the last enabled admin. */
    setRole(username: string, role: AdvisorRole): Promise<void>;
    /** Throws AccountError for an unknown account, and when it would disable the last enabled admin. */
    setDisabled(username: string, disabled: boolean): Promise<void>;
    close(): Promise<void>;
}

/** Signed-in sessions, kept server-side; the browser holds only a random token (stored hashed). */
export interface AdvisorSessions {
    create(username: string): Promise<{ token: string; expiresAt: Date }>;
    /** The session's advisor while the session is valid and the account enabled; sliding expiry. */
    find(token: string): Promise<Advisor | undefined>;
    revoke(token: string): Promise<void>;
    /** Ends every session of an account (password change, disabling). */
    revokeAll(username: string): Promise<void>;
}

/** One audited action. */
export interface AuditEntry {
    at: string;
    username: string;
    /** `view`, `export`, `delete`, `annotate`, `sign-in`, `sign-in-failed`, `account` … */
    action: string;
    /** What was acted on, such as `msteams/19:abc…` or an account name. */
    target?: string;
    detail?: string;
}

/** Every view, export and deletion, for admins to read. */
export interface AuditLog {
    record(entry: Omit<AuditEntry, 'at'>): Promise<void>;
    /** Newest first. */
    list(options?: { limit?: number; before?: string }): Promise<AuditEntry[]>;
}

/** How long a session lasts. */
export const SESSION_LIFETIME = Object.freeze({
    /** Idle time after which a session ends: a working day without touching the console. */
    idleMs: 8 * 60 * 60 * 1000,
    /** The longest a session lasts however busy it is, so a stolen cookie is not good forever. */
    absoluteMs: 24 * 60 * 60 * 1000,
});

/** What the sessions need of the accounts: to read one, and to hear when its access is revoked. */
export interface SessionAccounts extends Pick<AdvisorAccounts, 'find'> {
    /** Adds a listener for password changes and disablings; may return its removal. */
    onAccessRevoked(listener: AccessRevokedListener): (() => void) | void;
}

/** Options for tests. */
export interface SessionOptions {
    /** Milliseconds since the epoch; `Date.now` unless given. */
    now?: () => number;
}

/** How many entries one `list` call returns. */
export const AUDIT_PAGE = Object.freeze({ defaultLimit: 100, maxLimit: 500 });

/** Options for tests. */
export interface AuditLogOptions {
    /** Milliseconds since the epoch; `Date.now` unless given. */
    now?: () => number;
}

/** An account as its store keeps it: the advisor and, for signing in only, the scrypt hash of the password. */
export interface StoredAccount extends Advisor {
    passwordHash: string;
}

/**
 * Where advisor accounts are kept. A store only stores: usernames arrive normalised, passwords hashed, and the
 * rules (validation, hashing, equal-time refusals, ending sessions) are `AccountService`'s, above every store.
 */
export interface AccountStore {
    /** Adds the account; false, changing nothing, when the username is taken (checked atomically, not beforehand). */
    insert(account: StoredAccount): Promise<boolean>;
    find(username: string): Promise<Advisor | undefined>;
    /** The account with its password hash (sign-in only). */
    findWithHash(username: string): Promise<StoredAccount | undefined>;
    /** In username order. */
    list(): Promise<Advisor[]>;
    count(): Promise<number>;
    /** False when there is no such account. */
    setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
    /**
     * Applies a role or disabled change in one transaction, after `check(account, otherEnabledAdmins)` has seen the
     * account and how many other enabled admins there are, read in that same transaction under a lock that serialises
     * such changes (so two demotions cannot both pass). `check` throws to refuse; false when there is no such account.
     */
    change(username: string, change: AccountChange, check: (account: Advisor, otherEnabledAdmins: number) => void): Promise<boolean>;
    close(): Promise<void>;
}

/**
 * A page request of the audit log, read once for every store: `limit` clamped to 1–500 (100 unless given), `before`
 * an ISO 8601 time (RangeError otherwise, naming `where`), as the UTC instant the stores compare with.
 */
export function auditPage(options: { limit?: number; before?: string }, where: string): { limit: number; before?: Date } {
    const { limit, before } = options;
    const clamped = limit === undefined || !Number.isFinite(limit) ? AUDIT_PAGE.defaultLimit : Math.min(AUDIT_PAGE.maxLimit, Math.max(1, Math.floor(limit)));
    if (before === undefined) return { limit: clamped };
    const ms = Date.parse(before);
    if (Number.isNaN(ms)) throw new RangeError(`${where}: before must be an ISO 8601 time such as 2025-01-31T12:00:00Z, not ${JSON.stringify(String(before).slice(0, 40))}`);
    return { limit: clamped, before: new Date(ms) };
}
