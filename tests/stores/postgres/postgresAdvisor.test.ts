import { PgAccountStore } from '../../../src/stores/postgres/pgAdvisorAccounts';
import { AccountService } from '../../../src/advisor/accountService';
import { PgAdvisorSessions } from '../../../src/stores/postgres/pgAdvisorSessions';
import { PgAuditLog } from '../../../src/stores/postgres/pgAuditLog';
import { describeWithPostgres, type TestDatabase } from '../../helpers/postgres';
import { describeAdvisorAccountsContract, expectScryptHashes, PASSWORD, type AdvisorStoresUnderTest } from '../../advisor/accountsContract';
import { describeAdvisorSessionsContract } from '../../advisor/advisorSessionsContract';
import { describeAuditLogContract } from '../../advisor/auditLogContract';

describeWithPostgres('advisor stores on PostgreSQL', (db) => {
    const open = async (): Promise<AdvisorStoresUnderTest> => {
        await db().reset();
        const accounts = new AccountService(new PgAccountStore(db().pool));
        return { accounts, sessions: (a, options) => new PgAdvisorSessions(db().pool, a, options), close: () => accounts.close() };
    };
    describeAdvisorAccountsContract('PgAdvisorAccounts', open);
    describeAdvisorSessionsContract('PgAdvisorSessions', open);
    describeAuditLogContract('PgAuditLog', async (options) => {
        await db().reset();
        return new PgAuditLog(db().pool, options);
    });

    describe('PgAdvisorAccounts', () => {
        beforeEach(() => db().reset());

        it('stores scrypt$N$r$p$salt$hash with a fresh salt, and never the password itself', async () => {
            const accounts = new AccountService(new PgAccountStore(db().pool));
            await accounts.create('joe', PASSWORD, 'advisor');
            await accounts.create('sam', PASSWORD, 'advisor');
            const { rows } = await db().pool.query('SELECT * FROM advisor_accounts');
            expectScryptHashes(rows, PASSWORD);
        });
    });

    describe('on two instances', () => {
        let first: Instance;
        let second: Instance;
        beforeEach(async () => {
            await db().reset();
            first = instance(db());
            second = instance(db());
            await first.accounts.create('joe', PASSWORD, 'advisor');
        });
        afterEach(() => [first, second].forEach((i) => i.sessions.close()));

        it('finds a session on either instance', async () => {
            const { token } = await first.sessions.create('joe');
            expect(await second.sessions.find(token)).toMatchObject({ username: 'joe' });
        });

        it('ends the session on every instance when the password changes on one', async () => {
            const { token } = await second.sessions.create('joe');
            await first.accounts.setPassword('joe', 'a brand new passphrase');
            expect(await second.sessions.find(token)).toBeUndefined();
            expect(await second.accounts.verify('joe', 'a brand new passphrase')).toMatchObject({ username: 'joe' });
        });

        it('refuses a session on every instance once the account is disabled on one', async () => {
            const { token } = await second.sessions.create('joe');
            await first.accounts.setDisabled('joe', true);
            expect(await second.sessions.find(token)).toBeUndefined();
        });

        it('keeps one audit log, newest first', async () => {
            await first.audit.record({ username: 'joe', action: 'view', target: 'webchat/c1' });
            await new Promise((resolve) => setTimeout(resolve, 2));
            await second.audit.record({ username: 'joe', action: 'export' });
            expect((await first.audit.list()).map((e) => e.action)).toEqual(['export', 'view']);
        });
    });
});

interface Instance {
    accounts: AccountService;
    sessions: PgAdvisorSessions;
    audit: PgAuditLog;
}

function instance(db: TestDatabase): Instance {
    const pool = db.openPool();
    const accounts = new AccountService(new PgAccountStore(pool));
    return { accounts, sessions: new PgAdvisorSessions(pool, accounts), audit: new PgAuditLog(pool) };
}
