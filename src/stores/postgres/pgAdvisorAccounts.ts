import type { Pool } from 'pg';
import type { AccountStore, Advisor, AdvisorRole, StoredAccount } from '../../advisor/accounts';
import type { AccountChange } from '../../advisor/accountRules';
import { inTransaction } from './pgDatabase';

const COLUMNS = 'username, role, created_at AS "createdAt", disabled';

interface AccountRow {
    username: string;
    role: AdvisorRole;
    createdAt: Date;
    disabled: boolean;
}

/**
 * Advisor accounts in PostgreSQL (table `advisor_accounts`); `AccountService` applies the rules above it.
 * The pool is the caller's: `close` leaves it open.
 * @remarks `change` locks the enabled admins' rows and runs the check in the transaction that changes the row, so two
 * demotions on any instances take turns and the second sees the first.
 */
export class PgAccountStore implements AccountStore {
    constructor(private readonly pool: Pool) {}

    async insert({ username, passwordHash, role, createdAt, disabled }: StoredAccount): Promise<boolean> {
        // ON CONFLICT DO NOTHING, not a check first: two creations racing cannot both win.
        const result = await this.pool.query(
            `INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at, disabled)
             VALUES ($1, $2, $3, $4, $4, $5) ON CONFLICT (username) DO NOTHING`,
            [username, passwordHash, role, new Date(createdAt), disabled],
        );
        return result.rowCount === 1;
    }

    async find(username: string): Promise<Advisor | undefined> {
        const row = await this.selectOne<AccountRow>(COLUMNS, username);
        return row ? toAdvisor(row) : undefined;
    }

    async findWithHash(username: string): Promise<StoredAccount | undefined> {
        const row = await this.selectOne<AccountRow & { hash: string }>(`${COLUMNS}, password_hash AS hash`, username);
        return row ? { ...toAdvisor(row), passwordHash: row.hash } : undefined;
    }

    async list(): Promise<Advisor[]> {
        const { rows } = await this.pool.query<AccountRow>(`SELECT ${COLUMNS} FROM advisor_accounts ORDER BY username`);
        return rows.map(toAdvisor);
    }

    async count(): Promise<number> {
        const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM advisor_accounts');
        return rows[0].n;
    }

    async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
        const result = await this.pool.query('UPDATE advisor_accounts SET password_hash = $1, updated_at = $2 WHERE username = $3', [passwordHash, new Date(), username]);
        return result.rowCount === 1;
    }

    /**
     * @remarks `FOR UPDATE` on every enabled admin (in name order, so two such transactions cannot deadlock) makes a
     * concurrent change of an admin wait for this one to commit; PostgreSQL then re-reads the rows it waited for, and
     * an admin demoted or disabled meanwhile no longer counts.
     */
    async change(username: string, change: AccountChange, check: (account: Advisor, otherEnabledAdmins: number) => void): Promise<boolean> {
        return inTransaction(this.pool, async (client) => {
            const admins = await client.query<{ username: string }>(
                "SELECT username FROM advisor_accounts WHERE role = 'admin' AND NOT disabled ORDER BY username FOR UPDATE",
            );
            const row = (await client.query<AccountRow>(`SELECT ${COLUMNS} FROM advisor_accounts WHERE username = $1 FOR UPDATE`, [username])).rows[0];
            if (!row) return false;
            check(toAdvisor(row), admins.rows.filter((a) => a.username !== username).length);
            const now = new Date();
            if (change.role !== undefined) await client.query('UPDATE advisor_accounts SET role = $1, updated_at = $2 WHERE username = $3', [change.role, now, username]);
            if (change.disabled !== undefined) await client.query('UPDATE advisor_accounts SET disabled = $1, updated_at = $2 WHERE username = $3', [change.disabled, now, username]);
            return true;
        });
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    async close(): Promise<void> {}

    private async selectOne<T extends object>(columns: string, name: string): Promise<T | undefined> {
        return (await this.pool.query<T>(`SELECT ${columns} FROM advisor_accounts WHERE username = $1`, [name])).rows[0];
    }
}

function toAdvisor(row: AccountRow): Advisor {
    return { username: row.username, role: row.role, createdAt: row.createdAt.toISOString(), disabled: row.disabled };
}
