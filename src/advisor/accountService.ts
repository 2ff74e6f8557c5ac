import { AccountError, type AccountStore, type Advisor, type AdvisorAccounts, type AdvisorRole } from './accounts';
import { hashPassword, prepareDummyHash, verifyNothing, verifyPassword } from './passwordHash';
import { accountRules, MAX_PASSWORD_LENGTH, normalizeUsername, type AccessRevokedListener } from './accountRules';

const rules = accountRules('AdvisorAccounts');

/**
 * Advisor accounts with their rules, over any `AccountStore`: usernames checked and lower-cased, passwords at least
 * 12 characters and hashed with scrypt, a refused sign-in taking as long whether or not the account exists, the last
 * enabled admin kept, and every session of an account ended when its password changes or it is disabled.
 * @remarks `setPassword` and `setDisabled` call every listener added with `onAccessRevoked` before they resolve; the
 * session stores add one that ends the account's sessions (in the shared table on PostgreSQL, so on every instance).
 */
export class AccountService implements AdvisorAccounts {
    private readonly listeners: AccessRevokedListener[] = [];

    constructor(private readonly store: AccountStore) {
        void prepareDummyHash();
    }

    async create(username: string, password: string, role: AdvisorRole): Promise<Advisor> {
        const name = rules.requireUsername(username, 'create');
        rules.requireRole(role, 'create');
        const passwordHash = await hashPassword(rules.requireStrongPassword(password, 'create'));
        const account = { username: name, role, createdAt: new Date().toISOString(), disabled: false };
        if (!(await this.store.insert({ ...account, passwordHash }))) throw new AccountError(`the username "${name}" is taken`, 'AdvisorAccounts.create()');
        return account;
    }

    async verify(username: string, password: string): Promise<Advisor | undefined> {
        const name = normalizeUsername(username);
        const stored = name === undefined ? undefined : await this.store.findWithHash(name);
        if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) {
            await verifyNothing('');
            return undefined;
        }
        if (!stored) return verifyNothing(password).then(() => undefined);
        // A disabled account's password is still checked, so a refusal takes as long either way.
        const { passwordHash, ...account } = stored;
        const matches = await verifyPassword(password, passwordHash);
        return matches && !account.disabled ? account : undefined;
    }

    async find(username: string): Promise<Advisor | undefined> {
        const name = normalizeUsername(username);
        return name === undefined ? undefined : this.store.find(name);
    }

    list(): Promise<Advisor[]> {
        return this.store.list();
    }

    count(): Promise<number> {
        return this.store.count();
    }

    async setPassword(username: string, password: string): Promise<void> {
        const name = rules.requireUsername(username, 'setPassword');
        if (!(await this.store.find(name))) throw rules.noSuchAccount(name, 'setPassword');
        const passwordHash = await hashPassword(rules.requireStrongPassword(password, 'setPassword'));
        if (!(await this.store.setPasswordHash(name, passwordHash))) throw rules.noSuchAccount(name, 'setPassword');
        await this.revokeAccess(name);
    }

    async setRole(username: string, role: AdvisorRole): Promise<void> {
        const name = rules.requireUsername(username, 'setRole');
        rules.requireRole(role, 'setRole');
        const changed = await this.store.change(name, { role }, (account, others) => rules.requireAdminRemains(account, { role }, others, 'setRole'));
        if (!changed) throw rules.noSuchAccount(name, 'setRole');
    }

    async setDisabled(username: string, disabled: boolean): Promise<void> {
        const name = rules.requireUsername(username, 'setDisabled');
        const changed = await this.store.change(name, { disabled }, (account, others) => rules.requireAdminRemains(account, { disabled }, others, 'setDisabled'));
        if (!changed) throw rules.noSuchAccount(name, 'setDisabled');
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

    close(): Promise<void> {
        return this.store.close();
    }

    private async revokeAccess(username: string): Promise<void> {
        for (const listener of this.listeners) await listener(username);
    }
}
