import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountError } from '../../src/advisor/accounts';
import { SqliteAdvisorAccounts } from '../../src/advisor/sqliteAdvisorAccounts';
import { SqliteAdvisorSessions } from '../../src/advisor/sqliteAdvisorSessions';

const PASSWORD = 'correct horse battery';

describe('SqliteAdvisorAccounts', () => {
    let accounts: SqliteAdvisorAccounts;
    beforeEach(() => (accounts = new SqliteAdvisorAccounts(':memory:')));
    afterEach(() => accounts.close());

    describe('create and verify', () => {
        it('creates an account, stored lower-case, and verifies its password', async () => {
            const created = await accounts.create('Jo.Advisor@Example.org', PASSWORD, 'advisor');
            expect(created).toMatchObject({ username: 'jo.advisor@example.org', role: 'advisor', disabled: false });
            expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
            expect(await accounts.verify('JO.ADVISOR@example.org', PASSWORD)).toEqual(created);
            expect(await accounts.find('jo.advisor@example.org')).toEqual(created);
            expect(await accounts.count()).toBe(1);
        });

        it('refuses a wrong password', async () => {
            await accounts.create('joe', PASSWORD, 'advisor');
            expect(await accounts.verify('joe', 'correct horse battery!')).toBeUndefined();
            expect(await accounts.verify('joe', '')).toBeUndefined();
        });

        it('refuses an unknown user, still spending the time of a real check', async () => {
            await accounts.create('joe', PASSWORD, 'advisor');
            const started = process.hrtime.bigint();
            expect(await accounts.verify('nobody', PASSWORD)).toBeUndefined();
            const unknownMs = Number(process.hrtime.bigint() - started) / 1e6;
            // A lookup alone takes well under a millisecond; scrypt at N=2^15 takes tens of them.
            expect(unknownMs).toBeGreaterThan(10);
        });

        it.each([
            ['a password under 12 characters', 'joe', 'elevenchars', /at least 12 characters/],
            ['a username too short', 'jo', PASSWORD, /username/],
            ['a username with a space', 'joe smith', PASSWORD, /username/],
            ['a username over 64 characters', 'a'.repeat(65), PASSWORD, /username/],
        ])('refuses %s with an AccountError', async (_case, username, password, message) => {
            await expect(accounts.create(username, password, 'advisor')).rejects.toThrow(AccountError);
            await expect(accounts.create(username, password, 'advisor')).rejects.toThrow(message);
            expect(await accounts.count()).toBe(0);
        });

        it('refuses a taken username, whatever its case', async () => {
            await accounts.create('joe', PASSWORD, 'advisor');
            await expect(accounts.create('JOE', 'another long password', 'admin')).rejects.toThrow(/taken/);
            expect(await accounts.verify('joe', PASSWORD)).toMatchObject({ role: 'advisor' });
        });

        it('refuses a role that is not advisor or admin', async () => {
            await expect(accounts.create('joe', PASSWORD, 'root' as never)).rejects.toThrow(AccountError);
        });
    });

    describe('changes', () => {
        beforeEach(() => accounts.create('joe', PASSWORD, 'advisor'));

        it('refuses a disabled account with the right password, and accepts it again once enabled', async () => {
            await accounts.setDisabled('joe', true);
            expect(await accounts.verify('joe', PASSWORD)).toBeUndefined();
            expect(await accounts.find('joe')).toMatchObject({ disabled: true });
            await accounts.setDisabled('joe', false);
            expect(await accounts.verify('joe', PASSWORD)).toMatchObject({ username: 'joe' });
        });

        it('changes the password: the old one stops working', async () => {
            await accounts.setPassword('joe', 'a brand new passphrase');
            expect(await accounts.verify('joe', PASSWORD)).toBeUndefined();
            expect(await accounts.verify('joe', 'a brand new passphrase')).toMatchObject({ username: 'joe' });
        });

        it('refuses a weak new password and keeps the old one', async () => {
            await expect(accounts.setPassword('joe', 'short')).rejects.toThrow(AccountError);
            expect(await accounts.verify('joe', PASSWORD)).toBeDefined();
        });

        it('changes the role', async () => {
            await accounts.setRole('joe', 'admin');
            expect(await accounts.find('joe')).toMatchObject({ role: 'admin' });
        });

        it('refuses changes to an unknown account', async () => {
            await expect(accounts.setRole('nobody', 'admin')).rejects.toThrow(/no account "nobody"/);
            await expect(accounts.setDisabled('nobody', true)).rejects.toThrow(AccountError);
            await expect(accounts.setPassword('nobody', 'a brand new passphrase')).rejects.toThrow(AccountError);
        });

        it('ends every session of the account when its password changes or it is disabled', async () => {
            const sessions = new SqliteAdvisorSessions(':memory:', accounts);
            await accounts.create('sam', PASSWORD, 'advisor');
            const a = await sessions.create('joe');
            const b = await sessions.create('joe');
            const other = await sessions.create('sam');
            await accounts.setPassword('joe', 'a brand new passphrase');
            expect(await sessions.find(a.token)).toBeUndefined();
            expect(await sessions.find(b.token)).toBeUndefined();
            expect(await sessions.find(other.token)).toMatchObject({ username: 'sam' });

            const c = await sessions.create('joe');
            await accounts.setDisabled('joe', true);
            await accounts.setDisabled('joe', false);
            expect(await sessions.find(c.token)).toBeUndefined();
            sessions.close();
        });

        it('lists accounts by name, without any hash', async () => {
            await accounts.create('amy', PASSWORD, 'admin');
            const list = await accounts.list();
            expect(list.map((a) => a.username)).toEqual(['amy', 'joe']);
            for (const advisor of list) expect(Object.keys(advisor).sort()).toEqual(['createdAt', 'disabled', 'role', 'username']);
        });
    });
});

describe('SqliteAdvisorAccounts in a file', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'advisor-accounts-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('stores scrypt$N$r$p$salt$hash with a fresh salt, and never the password itself', async () => {
        const file = join(dir, 'bot.sqlite');
        const accounts = new SqliteAdvisorAccounts(file);
        await accounts.create('joe', PASSWORD, 'advisor');
        await accounts.create('sam', PASSWORD, 'advisor');
        await accounts.close();

        const db = new Database(file, { readonly: true });
        const rows = db.prepare('SELECT * FROM advisor_accounts').all() as Record<string, unknown>[];
        db.close();
        const hashes = rows.map((r) => String(r.password_hash));
        for (const hash of hashes) {
            const [scheme, N, r, p, salt, key] = hash.split('$');
            expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
            expect(Buffer.from(salt, 'base64')).toHaveLength(16);
            expect(Buffer.from(key, 'base64').length).toBeGreaterThanOrEqual(32);
        }
        expect(hashes[0]).not.toEqual(hashes[1]);
        expect(JSON.stringify(rows)).not.toContain(PASSWORD);

        for (const f of [file, `${file}-wal`].filter(existsSync)) expect(readFileSync(f).includes(PASSWORD)).toBe(false);

        // A second opening of the same file finds the account (the table is created idempotently).
        const again = new SqliteAdvisorAccounts(file);
        expect(await again.verify('joe', PASSWORD)).toMatchObject({ username: 'joe' });
        await again.close();
    });
});
