import { AccountError, type AdvisorAccounts, type AdvisorSessions } from '../../src/advisor/accounts';
import type { SessionAccounts, SessionOptions } from '../../src/advisor/accounts';

/** The advisor stores of one backend, fresh and empty. */
export interface AdvisorStoresUnderTest {
    accounts: AdvisorAccounts & SessionAccounts;
    /** Sessions on the same backend, over the given accounts. */
    sessions(accounts: SessionAccounts, options?: SessionOptions): AdvisorSessions & { close(): void };
    close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

/**
 * The behaviour every `AdvisorAccounts` implementation must share; run against each one.
 * @param open returns fresh, empty stores (closed after each test)
 */
export function describeAdvisorAccountsContract(name: string, open: () => Promise<AdvisorStoresUnderTest>): void {
    describe(`${name} (AdvisorAccounts contract)`, () => {
        let stores: AdvisorStoresUnderTest;
        let accounts: AdvisorStoresUnderTest['accounts'];
        beforeEach(async () => {
            stores = await open();
            accounts = stores.accounts;
        });
        afterEach(() => stores.close());

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
                expect(await accounts.verify('joe', 'x'.repeat(2000))).toBeUndefined();
            });

            it('refuses an unknown user, still spending the time of a real check', async () => {
                await accounts.create('joe', PASSWORD, 'advisor');
                const started = process.hrtime.bigint();
                expect(await accounts.verify('nobody', PASSWORD)).toBeUndefined();
                const unknownMs = Number(process.hrtime.bigint() - started) / 1e6;
                // A lookup alone takes well under a millisecond; scrypt at N=2^15 takes tens of them.
                expect(unknownMs).toBeGreaterThan(10);
                expect(await accounts.find('nobody')).toBeUndefined();
                expect(await accounts.find('not a username')).toBeUndefined();
            });

            it.each([
                ['a password under 12 characters', 'joe', 'elevenchars', /at least 12 characters/],
                ['a password over 1024 characters', 'joe', 'x'.repeat(1025), /at most 1024 characters/],
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

            it('lets exactly one of two simultaneous creations of one username win', async () => {
                const results = await Promise.allSettled([accounts.create('joe', PASSWORD, 'advisor'), accounts.create('joe', 'another long password', 'admin')]);
                expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
                expect(await accounts.count()).toBe(1);
            });

            it('creates an editor', async () => {
                const created = await accounts.create('Eve', PASSWORD, 'editor');
                expect(created).toMatchObject({ username: 'eve', role: 'editor', disabled: false });
                expect(await accounts.verify('eve', PASSWORD)).toEqual(created);
                expect(await accounts.list()).toEqual([created]);
            });

            it('refuses a role that is not advisor, editor or admin', async () => {
                await expect(accounts.create('joe', PASSWORD, 'root' as never)).rejects.toThrow('a role is "advisor", "editor" or "admin"');
                expect(await accounts.count()).toBe(0);
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
                await expect(accounts.setRole('joe', 'root' as never)).rejects.toThrow(AccountError);
            });

            it('makes an advisor an editor, an editor an admin, and back', async () => {
                // Another admin, so joe may stop being one.
                await accounts.create('amy', PASSWORD, 'admin');
                for (const role of ['editor', 'admin', 'editor', 'advisor'] as const) {
                    await accounts.setRole('Joe', role);
                    expect(await accounts.find('joe')).toMatchObject({ role });
                    expect(await accounts.verify('joe', PASSWORD)).toMatchObject({ role });
                }
            });

            it('refuses changes to an unknown account', async () => {
                await expect(accounts.setRole('nobody', 'admin')).rejects.toThrow(/no account "nobody"/);
                await expect(accounts.setDisabled('nobody', true)).rejects.toThrow(AccountError);
                await expect(accounts.setPassword('nobody', 'a brand new passphrase')).rejects.toThrow(AccountError);
                await expect(accounts.setPassword('nobody', 'short')).rejects.toThrow(/no account "nobody"/);
            });

            it('ends every session of the account when its password changes or it is disabled', async () => {
                const sessions = stores.sessions(accounts);
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

            it('stops telling a listener once it is removed', async () => {
                const heard: string[] = [];
                const remove = accounts.onAccessRevoked((username) => void heard.push(username));
                await accounts.setDisabled('joe', true);
                remove?.();
                await accounts.setDisabled('joe', true);
                expect(heard).toEqual(['joe']);
            });

            it('lists accounts by name, without any hash', async () => {
                await accounts.create('amy', PASSWORD, 'admin');
                await accounts.create('a_b', PASSWORD, 'advisor');
                await accounts.create('a-b', PASSWORD, 'advisor');
                await accounts.create('a.b', PASSWORD, 'advisor');
                const list = await accounts.list();
                // Byte order, whatever the database's locale: "-" < "." < "_" < letters.
                expect(list.map((a) => a.username)).toEqual(['a-b', 'a.b', 'a_b', 'amy', 'joe']);
                for (const advisor of list) expect(Object.keys(advisor).sort()).toEqual(['createdAt', 'disabled', 'role', 'username']);
            });
        });

        describe('the last enabled admin', () => {
            const enabledAdmins = async () => (await accounts.list()).filter((a) => a.role === 'admin' && !a.disabled).map((a) => a.username);

            it.each([
                ['demoted', (name: string) => accounts.setRole(name, 'advisor')],
                ['made an editor (an editor is not an admin)', (name: string) => accounts.setRole(name, 'editor')],
                ['disabled', (name: string) => accounts.setDisabled(name, true)],
            ])('cannot be %s, whatever the case of its name', async (_change, apply) => {
                await accounts.create('amy', PASSWORD, 'admin');
                await accounts.create('joe', PASSWORD, 'advisor');
                for (const name of ['amy', 'Amy', 'AMY', ' amy ']) {
                    await expect(apply(name)).rejects.toThrow(AccountError);
                    await expect(apply(name)).rejects.toThrow(/last enabled admin/);
                }
                expect(await accounts.find('amy')).toMatchObject({ role: 'admin', disabled: false });
                expect(await accounts.verify('amy', PASSWORD)).toMatchObject({ username: 'amy' });
            });

            it('can be demoted or disabled once another enabled admin exists; a disabled admin does not count', async () => {
                await accounts.create('amy', PASSWORD, 'admin');
                await accounts.create('bob', PASSWORD, 'admin');
                await accounts.setDisabled('bob', true);
                await expect(accounts.setRole('amy', 'advisor')).rejects.toThrow(/last enabled admin/);
                await accounts.setDisabled('bob', false);
                await accounts.setRole('AMY', 'advisor');
                expect(await enabledAdmins()).toEqual(['bob']);
                await expect(accounts.setDisabled('Bob', true)).rejects.toThrow(/last enabled admin/);
                // Changes that keep an admin are always allowed: re-enabling, promoting, an admin staying an admin.
                await accounts.setRole('bob', 'admin');
                await accounts.setDisabled('bob', false);
                await accounts.setRole('amy', 'admin');
                await accounts.setDisabled('bob', true);
                expect(await enabledAdmins()).toEqual(['amy']);
            });

            it('is not kept by an enabled editor: only another admin lets it go', async () => {
                await accounts.create('amy', PASSWORD, 'admin');
                await accounts.create('eve', PASSWORD, 'editor');
                await expect(accounts.setRole('amy', 'editor')).rejects.toThrow(/last enabled admin/);
                await accounts.setRole('eve', 'admin');
                await accounts.setRole('amy', 'editor');
                expect(await enabledAdmins()).toEqual(['eve']);
                expect(await accounts.find('amy')).toMatchObject({ role: 'editor' });
            });

            it('lets an advisor be disabled when there is no admin at all', async () => {
                await accounts.create('joe', PASSWORD, 'advisor');
                await accounts.setDisabled('joe', true);
                expect(await accounts.find('joe')).toMatchObject({ disabled: true });
            });

            it.each([
                ['two demotions', (a: string, b: string) => [accounts.setRole(a, 'advisor'), accounts.setRole(b, 'advisor')]],
                ['two disablings', (a: string, b: string) => [accounts.setDisabled(a, true), accounts.setDisabled(b, true)]],
                ['a demotion and a disabling', (a: string, b: string) => [accounts.setRole(a, 'advisor'), accounts.setDisabled(b, true)]],
            ])('lets only one of %s of the last two admins at once pass', async (_case, changes) => {
                // Several rounds, each with a fresh pair as the only enabled admins, so a lucky ordering cannot hide a race.
                await accounts.create('amy0', PASSWORD, 'admin');
                await accounts.create('bob0', PASSWORD, 'admin');
                for (let round = 0; round < 5; round++) {
                    const results = await Promise.allSettled(changes(`amy${round}`, `Bob${round}`));
                    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
                    const survivors = await enabledAdmins();
                    expect(survivors).toHaveLength(1);
                    await accounts.create(`amy${round + 1}`, PASSWORD, 'admin');
                    await accounts.create(`bob${round + 1}`, PASSWORD, 'admin');
                    await accounts.setDisabled(survivors[0], true);
                }
            });
        });
    });
}

/**
 * Asserts how two accounts' rows (made with the same password) keep it: `scrypt$N$r$p$salt$hash` with a fresh 16-byte
 * salt each, and never the password itself, in any column.
 */
export function expectScryptHashes(rows: Record<string, unknown>[], password: string): void {
    const hashes = rows.map((r) => String(r.password_hash));
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) {
        const [scheme, N, r, p, salt, key] = hash.split('$');
        expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
        expect(Buffer.from(salt, 'base64')).toHaveLength(16);
        expect(Buffer.from(key, 'base64').length).toBeGreaterThanOrEqual(32);
    }
    expect(hashes[0]).not.toEqual(hashes[1]);
    expect(JSON.stringify(rows)).not.toContain(password);
}
