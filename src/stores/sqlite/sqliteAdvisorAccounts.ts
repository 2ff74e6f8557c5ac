import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import { AccountError, type Advisor, type AdvisorAccounts, type AdvisorRole } from '../../advisor/accounts';
import { hashPassword, prepareDummyHash, verifyNothing, verifyPassword } from '../../advisor/passwordHash';
import { accountRules, MAX_PASSWORD_LENGTH, normalizeUsername, type AccessRevokedListener, type AccountChange } from '../../advisor/accountRules';

export { MIN_PASSWORD_LENGTH, normalizeUsername } from '../../advisor/accountRules';
export type { AccessRevokedListener } from '../../advisor/accountRules';

const rules = accountRules('SqliteAdvisorAccounts');

interface AccountRow {
    username: string;
    role: AdvisorRole;
    createdAt: string;
    disabled: number;
}

/**
 * Advisor accounts in a SQLite file (table `advisor_accounts`), passwords hashed with scrypt.
 * @remarks The last enabled admin cannot be demoted or disabled: `setRole` and `setDisabled` check it and change the
 * row in one immediate transaction, so neither two changes in this process nor the CLI's on the same file can both
 * pass the check.
 * `setPassword` and `setDisabled` call every listener added with `onAccessRevoked` before they
 * resolve; `SqliteAdvisorSessions` adds one that ends the account's sessions.
 */
export class SqliteAdvisorAccounts implements AdvisorAccounts {
    private readonly db: Database.Database;
    private readonly statements;
    private readonly listeners: AccessRevokedListener[] = [];

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(file: string) {
        this.db = openSqlite(file);
        const columns = 'username, role, created_at AS createdAt, disabled';
        this.statements = {
            insert: this.db.prepare<[string, string, AdvisorRole, string, string]>(
                'INSERT OR IGNORE INTO advisor_accounts (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
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
        void prepareDummyHash();
    }

    async create(username: string, password: string, role: AdvisorRole): Promise<Advisor> {
        const name = rules.requireUsername(username, 'create');
        rules.requireRole(role, 'create');
        const hash = await hashPassword(rules.requireStrongPassword(password, 'create'));
        const now = new Date().toISOString();
        // INSERT OR IGNORE, not a check first: two creations racing cannot both win.
        if (this.statements.insert.run(name, hash, role, now, now).changes === 0) {
            throw new AccountError(`SqliteAdvisorAccounts.create(): the username "${name}" is taken`);
        }
        return { username: name, role, createdAt: now, disabled: false };
    }

    async verify(username: string, password: string): Promise<Advisor | undefined> {
        const name = normalizeUsername(username);
        const row = name === undefined ? undefined : this.statements.selectHash.get(name);
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
        const row = name === undefined ? undefined : this.statements.selectOne.get(name);
        return row ? toAdvisor(row) : undefined;
    }

    async list(): Promise<Advisor[]> {
        return this.statements.selectAll.all().map(toAdvisor);
    }

    async count(): Promise<number> {
        return this.statements.count.get()!.n;
    }

    async setPassword(username: string, password: string): Promise<void> {
        const name = this.requireExisting(username, 'setPassword');
        const hash = await hashPassword(rules.requireStrongPassword(password, 'setPassword'));
        this.statements.updateHash.run(hash, new Date().toISOString(), name);
        await this.revokeAccess(name);
    }

    async setRole(username: string, role: AdvisorRole): Promise<void> {
        const name = rules.requireUsername(username, 'setRole');
        rules.requireRole(role, 'setRole');
        this.change('setRole', name, { role }, () => this.statements.updateRole.run(role, new Date().toISOString(), name));
    }

    async setDisabled(username: string, disabled: boolean): Promise<void> {
        const name = rules.requireUsername(username, 'setDisabled');
        this.change('setDisabled', name, { disabled }, () => this.statements.updateDisabled.run(disabled ? 1 : 0, new Date().toISOString(), name));
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

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }

    /**
     * Applies a role or disabled change unless it would leave no enabled admin. BEGIN IMMEDIATE takes the write lock
     * before the check reads, so another connection (the CLI, another process) cannot change the admins in between.
     */
    private change(method: string, name: string, change: AccountChange, apply: () => void): void {
        this.db
            .transaction(() => {
                const row = this.statements.selectOne.get(name);
                if (!row) throw rules.noSuchAccount(name, method);
                rules.requireAdminRemains(toAdvisor(row), change, this.statements.otherEnabledAdmins.get(name)!.n, method);
                apply();
            })
            .immediate();
    }

    private requireExisting(username: string, method: string): string {
        const name = rules.requireUsername(username, method);
        if (!this.statements.selectOne.get(name)) throw new AccountError(`SqliteAdvisorAccounts.${method}(): there is no account "${name}"`);
        return name;
    }

    private async revokeAccess(username: string): Promise<void> {
        for (const listener of this.listeners) await listener(username);
    }
}

function toAdvisor(row: AccountRow): Advisor {
    return { username: row.username, role: row.role, createdAt: row.createdAt, disabled: row.disabled !== 0 };
}



