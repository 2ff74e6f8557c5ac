import type { Pool } from 'pg';
import { AccountError, type Advisor, type AdvisorAccounts, type AdvisorRole } from '../../advisor/accounts';
import { hashPassword, prepareDummyHash, verifyNothing, verifyPassword } from '../../advisor/passwordHash';
import { accountRules, MAX_PASSWORD_LENGTH, normalizeUsername, type AccessRevokedListener, type AccountChange } from '../../advisor/accountRules';
import { inTransaction } from './pgDatabase';

const rules = accountRules('PgAdvisorAccounts');

const COLUMNS = 'username, role, created_at AS "createdAt", disabled';

interface AccountRow {
    username: string;
    role: AdvisorRole;
    createdAt: Date;
    disabled: boolean;
}

/**
 * Advisor accounts in PostgreSQL (table `advisor_accounts`), passwords hashed with scrypt; the same rules as
 * `SqliteAdvisorAccounts` (usernames, password length, roles, equal time for unknown accounts).
 * @remarks `setPassword` and `setDisabled` call every listener added with `onAccessRevoked` before they resolve;
 * `PgAdvisorSessions` adds one that ends the account's sessions in the shared table, so the sessions end on
 * every instance. The pool is the caller's: `close` leaves it open.
 *
 * The last enabled admin cannot be demoted or disabled. `setRole` and `setDisabled` lock the enabled admins' rows
 * and check in the transaction that changes the row, so two demotions on any instances take turns and the second
 * sees the first.
 */
export class PgAdvisorAccounts implements AdvisorAccounts {
    private readonly listeners: AccessRevokedListener[] = [];

    constructor(private readonly pool: Pool) {
        void prepareDummyHash();
    }

    async create(username: string, password: string, role: AdvisorRole): Promise<Advisor> {
        const name = rules.requireUsername(username, 'create');
        rules.requireRole(role, 'create');
        const hash = await hashPassword(rules.requireStrongPassword(password, 'create'));
        const now = new Date();
        // ON CONFLICT DO NOTHING, not a check first: two creations racing, on any instances, cannot both win.
        const result = await this.pool.query(
            `INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
                ON CONFLICT (username) DO NOTHING`,
            [name, hash, role, now],
        );
        if (result.rowCount === 0) throw new AccountError(`the username "${name}" is taken`, 'PgAdvisorAccounts.create()');
        return { username: name, role, createdAt: now.toISOString(), disabled: false };
    }

    async verify(username: string, password: string): Promise<Advisor | undefined> {
        const name = normalizeUsername(username);
        const row = name === undefined ? undefined : await this.selectOne<AccountRow & { hash: string }>(`${COLUMNS}, password_hash AS hash`, name);
        if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) {
            await verifyNothing('');
            return undefined;
        }
        if (!row) return verifyNothing(password).then(() => undefined);
        // A disabled account's password is still checked, so a refusal takes as long either way.
        const matches = await verifyPassword(password, row.hash);
        return matches && !row.disabled ? toAdvisor(row) : undefined;
    }

    async find(username: string): Promise<Advisor | undefined> {
        const name = normalizeUsername(username);
        const row = name === undefined ? undefined : await this.selectOne<AccountRow>(COLUMNS, name);
        return row ? toAdvisor(row) : undefined;
    }

    async list(): Promise<Advisor[]> {
        return (await this.pool.query<AccountRow>(`SELECT ${COLUMNS} FROM advisor_accounts ORDER BY username`)).rows.map(toAdvisor);
    }

    async count(): Promise<number> {
        return (await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM advisor_accounts')).rows[0].n;
    }

    async setPassword(username: string, password: string): Promise<void> {
        const name = await this.requireExisting(username, 'setPassword');
        const hash = await hashPassword(rules.requireStrongPassword(password, 'setPassword'));
        await this.update('setPassword', name, 'password_hash', hash);
        await this.revokeAccess(name);
    }

    async setRole(username: string, role: AdvisorRole): Promise<void> {
        const name = rules.requireUsername(username, 'setRole');
        rules.requireRole(role, 'setRole');
        await this.change('setRole', name, { role }, 'role', role);
    }

    async setDisabled(username: string, disabled: boolean): Promise<void> {
        const name = rules.requireUsername(username, 'setDisabled');
        await this.change('setDisabled', name, { disabled }, 'disabled', disabled);
        if (disabled) await this.revokeAccess(name);
    }

    /** Adds a listener called (and awaited) after a password change or a disabling; returns its removal. */
    onAccessRevoked(listener: AccessRevokedListener): () => void {
        this.listeners.push(listener);
        return () => {
            const at = this.listeners.indexOf(listener);
            if (at >= 0) this.listeners.splice(at, 1);
        };
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}

    /**
     * Applies a role or disabled change unless it would leave no enabled admin.
     * @remarks `FOR UPDATE` on every enabled admin (in name order, so two such transactions cannot deadlock) makes a
     * concurrent change of an admin wait for this one to commit; PostgreSQL then re-reads the rows it waited for, and
     * an admin demoted or disabled meanwhile no longer counts.
     */
    private async change(method: string, name: string, change: AccountChange, column: 'role' | 'disabled', value: string | boolean): Promise<void> {
        await inTransaction(this.pool, async (client) => {
            const admins = await client.query<{ username: string }>(
                "SELECT username FROM advisor_accounts WHERE role = 'admin' AND NOT disabled ORDER BY username FOR UPDATE",
            );
            const row = (await client.query<AccountRow>(`SELECT ${COLUMNS} FROM advisor_accounts WHERE username = $1 FOR UPDATE`, [name])).rows[0];
            if (!row) throw rules.noSuchAccount(name, method);
            rules.requireAdminRemains(row, change, admins.rows.filter((a) => a.username !== name).length, method);
            await client.query(`UPDATE advisor_accounts SET ${column} = $1, updated_at = $2 WHERE username = $3`, [value, new Date(), name]);
        });
    }

    private async requireExisting(username: string, method: string): Promise<string> {
        const name = rules.requireUsername(username, method);
        if (!(await this.selectOne(COLUMNS, name))) throw new AccountError(`there is no account "${name}"`, `PgAdvisorAccounts.${method}()`);
        return name;
    }

    private async selectOne<T extends object>(columns: string, name: string): Promise<T | undefined> {
        return (await this.pool.query<T>(`SELECT ${columns} FROM advisor_accounts WHERE username = $1`, [name])).rows[0];
    }

    /** Sets one column (a fixed name from this class, never input) of an account; AccountError when there is none. */
    private async update(method: string, name: string, column: 'password_hash' | 'role' | 'disabled', value: string | boolean): Promise<void> {
        const result = await this.pool.query(`UPDATE advisor_accounts SET ${column} = $1, updated_at = $2 WHERE username = $3`, [value, new Date(), name]);
        if (result.rowCount === 0) throw new AccountError(`there is no account "${name}"`, `PgAdvisorAccounts.${method}()`);
    }

    private async revokeAccess(username: string): Promise<void> {
        for (const listener of this.listeners) await listener(username);
    }
}

function toAdvisor(row: AccountRow): Advisor {
    return { username: row.username, role: row.role, createdAt: row.createdAt.toISOString(), disabled: row.disabled };
}



