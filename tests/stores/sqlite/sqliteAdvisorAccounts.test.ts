import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAccountStore } from '../../../src/stores/sqlite/sqliteAdvisorAccounts';
import { AccountService } from '../../../src/advisor/accountService';
import { SqliteAdvisorSessions } from '../../../src/stores/sqlite/sqliteAdvisorSessions';
import { describeAdvisorAccountsContract, expectScryptHashes, PASSWORD } from '../../advisor/accountsContract';

// Accounts and sessions in separate in-memory databases: the sessions reach the accounts through their interface only.
describeAdvisorAccountsContract('SqliteAdvisorAccounts', async () => {
    const accounts = new AccountService(new SqliteAccountStore(':memory:'));
    return { accounts, sessions: (a, options) => new SqliteAdvisorSessions(':memory:', a, options), close: () => accounts.close() };
});

describe('SqliteAdvisorAccounts in a file', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'advisor-accounts-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('stores scrypt$N$r$p$salt$hash with a fresh salt, and never the password itself', async () => {
        const file = join(dir, 'bot.sqlite');
        const accounts = new AccountService(new SqliteAccountStore(file));
        await accounts.create('joe', PASSWORD, 'advisor');
        await accounts.create('sam', PASSWORD, 'advisor');
        await accounts.close();

        const db = new Database(file, { readonly: true });
        const rows = db.prepare('SELECT * FROM advisor_accounts').all() as Record<string, unknown>[];
        db.close();
        expectScryptHashes(rows, PASSWORD);

        for (const f of [file, `${file}-wal`].filter(existsSync)) expect(readFileSync(f).includes(PASSWORD)).toBe(false);

        // A second opening of the same file finds the account (the table is created idempotently).
        const again = new AccountService(new SqliteAccountStore(file));
        expect(await again.verify('joe', PASSWORD)).toMatchObject({ username: 'joe' });
        await again.close();
    });
});
