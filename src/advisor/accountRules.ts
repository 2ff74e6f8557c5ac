import { AccountError, type AdvisorRole } from './accounts';

/** 3–64 characters of `a-z 0-9 . _ @ -`, after lower-casing (an email address fits). */
const USERNAME = /^[a-z0-9._@-]{3,64}$/;

/** Passwords are at least this long (in characters); length is what makes a password hard to guess. */
export const MIN_PASSWORD_LENGTH = 12;
/** Far beyond any real password; keeps a request from making scrypt hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Every role, the one that may do least first (the order of `ROLE_RANK`); the console and the CLI offer these. */
export const ROLES = Object.freeze(['advisor', 'editor', 'admin'] as const) satisfies readonly AdvisorRole[];

/** Why a role is refused: what it may be. */
export const ROLE_MESSAGE = 'a role is "advisor", "editor" or "admin"';

/** Why a change is refused that would leave the console without an enabled admin. */
export const LAST_ADMIN_MESSAGE = 'the last enabled admin cannot be disabled or made an advisor or editor: make another account an admin first';

/** A change of an account's role or of whether it is disabled. */
export interface AccountChange {
    role?: AdvisorRole;
    disabled?: boolean;
}

/** True for a role this release knows (a value from a request, a command line or a row). */
export function isRole(value: unknown): value is AdvisorRole {
    return (ROLES as readonly unknown[]).includes(value);
}

/**
 * True when `change` takes `account` out of the enabled admins: it is one now, and the change gives it another role
 * (an editor is not an admin) or disables it.
 * @remarks Every store refuses such a change unless another enabled admin remains, checked in the same transaction
 * as the change and under a lock that serialises it with other such changes (see the stores).
 */
export function removesEnabledAdmin(account: { role: AdvisorRole; disabled: boolean }, change: AccountChange): boolean {
    if (account.role !== 'admin' || account.disabled) return false;
    return (change.role !== undefined && change.role !== 'admin') || change.disabled === true;
}

/** Called after an account's password changes or it is disabled, so its sessions end. */
export type AccessRevokedListener = (username: string) => Promise<void> | void;

/** The account's name as stored (lower-case, trimmed); undefined when it is not a valid username. */
export function normalizeUsername(username: unknown): string | undefined {
    if (typeof username !== 'string') return undefined;
    const name = username.trim().toLowerCase();
    return USERNAME.test(name) ? name : undefined;
}

/** The checks every account store applies, with errors that name the store and method (`owner.method()`). */
export function accountRules(owner: string) {
    return {
        requireUsername(username: string, method: string): string {
            const name = normalizeUsername(username);
            if (name === undefined) throw new AccountError('a username is 3 to 64 characters of a-z, 0-9, ".", "_", "@" and "-"', `${owner}.${method}()`);
            return name;
        },
        requireStrongPassword(password: string, method: string): string {
            const length = typeof password === 'string' ? [...password].length : 0;
            if (length < MIN_PASSWORD_LENGTH) throw new AccountError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`, `${owner}.${method}()`);
            if (password.length > MAX_PASSWORD_LENGTH) throw new AccountError(`a password can have at most ${MAX_PASSWORD_LENGTH} characters`, `${owner}.${method}()`);
            return password;
        },
        requireRole(role: AdvisorRole, method: string): void {
            if (!isRole(role)) throw new AccountError(ROLE_MESSAGE, `${owner}.${method}()`);
        },
        /** Throws unless the change leaves an enabled admin: `otherEnabledAdmins` counts those besides `account`. */
        requireAdminRemains(account: { role: AdvisorRole; disabled: boolean }, change: AccountChange, otherEnabledAdmins: number, method: string): void {
            if (otherEnabledAdmins === 0 && removesEnabledAdmin(account, change)) throw new AccountError(LAST_ADMIN_MESSAGE, `${owner}.${method}()`);
        },
        noSuchAccount(name: string, method: string): AccountError {
            return new AccountError(`there is no account "${name}"`, `${owner}.${method}()`);
        },
    };
}
