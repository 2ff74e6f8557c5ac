import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import type { AccountStore, Advisor, AdvisorRole, StoredAccount } from '../../advisor/accounts';
import type { AccountChange } from '../../advisor/accountRules';

interface AccountRow {
    username: string;
    role: AdvisorRole;
    createdAt: string;
    disabled: number;
}

/**
 * Advisor accounts in a SQLite file (table `advisor_accounts`); `AccountService` applies the rules above it.
 * @remarks `change` checks and changes the row in one immediate transaction, so neither two changes in this process
 * nor the CLI's on the same file can both pass the last-admin check.
 */
export class SqliteAccountStore implements AccountStore {
    private readonly db: Database.Database;
    private readonly statements;

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(file: string) {
        this.db = openSqlite(file);
        const columns = 'username, role, created_at AS createdAt, disabled';
        this.statements = {
            insert: this.db.prepare<[string, string, AdvisorRole, string, string, number]>(
                'INSERT OR IGNORE INTO advisor_accounts (username, password_hash, role, created_at, updated_at, disabled) VALUES (?, ?, ?, ?, ?, ?)',
            ),
            selectOne: this.db.prepare<[string], AccountRow>(`SELECT ${columns} FROM advisor_accounts WHERE username = ?`),
            selectHash: this.db.prepare<[string], AccountRow & { hash: string }>(
                `SELECT ${columns}, password_hash AS hash FROM advisor_accounts WHERE username = ?`,
            ),
            selectAll: this.db.prepare<[], AccountRow>(`SELECT ${columns} FROM advisor_accounts ORDER BY username`),
            count: this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM advisor_accounts'),
            otherEnabledAdmins: this.db.prepare<[string], { n: number }>(
                "SELECT COUNT(*) AS n FROM advisor_accounts WHERE role = 'admin' AND disabled = 0 AND username <> ?",
            ),
            updateHash: this.db.prepare<[string, string, string]>('UPDATE advisor_accounts SET password_hash = ?, updated_at = ? WHERE username = ?'),
            updateRole: this.db.prepare<[AdvisorRole, string, string]>('UPDATE advisor_accounts SET role = ?, updated_at = ? WHERE username = ?'),
            updateDisabled: this.db.prepare<[number, string, string]>('UPDATE advisor_accounts SET disabled = ?, updated_at = ? WHERE username = ?'),
        };
    }

    async insert({ username, passwordHash, role, createdAt, disabled }: StoredAccount): Promise<boolean> {
        // INSERT OR IGNORE, not a check first: two creations racing cannot both win.
        return this.statements.insert.run(username, passwordHash, role, createdAt, createdAt, disabled ? 1 : 0).changes === 1;
    }

    async find(username: string): Promise<Advisor | undefined> {
        const row = this.statements.selectOne.get(username);
        return row ? toAdvisor(row) : undefined;
    }

    async findWithHash(username: string): Promise<StoredAccount | undefined> {
        const row = this.statements.selectHash.get(username);
        return row ? { ...toAdvisor(row), passwordHash: row.hash } : undefined;
    }

    async list(): Promise<Advisor[]> {
        return this.statements.selectAll.all().map(toAdvisor);
    }

    async count(): Promise<number> {
        return this.statements.count.get()!.n;
    }

    async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
        return this.statements.updateHash.run(passwordHash, new Date().toISOString(), username).changes === 1;
    }

    /** BEGIN IMMEDIATE takes the write lock before the check reads, so another connection (the CLI, another process) cannot change the admins in between. */
    async change(username: string, change: AccountChange, check: (account: Advisor, otherEnabledAdmins: number) => void): Promise<boolean> {
        return this.db
            .transaction(() => {
                const row = this.statements.selectOne.get(username);
                if (!row) return false;
                check(toAdvisor(row), this.statements.otherEnabledAdmins.get(username)!.n);
                const now = new Date().toISOString();
                if (change.role !== undefined) this.statements.updateRole.run(change.role, now, username);
                if (change.disabled !== undefined) this.statements.updateDisabled.run(change.disabled ? 1 : 0, now, username);
                return true;
            })
            .immediate();
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

function toAdvisor(row: AccountRow): Advisor {
    return { username: row.username, role: row.role, createdAt: row.createdAt, disabled: row.disabled !== 0 };
}
