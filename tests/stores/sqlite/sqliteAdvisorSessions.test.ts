import { SqliteAccountStore } from '../../../src/stores/sqlite/sqliteAdvisorAccounts';
import { AccountService } from '../../../src/advisor/accountService';
import { SqliteAdvisorSessions } from '../../../src/stores/sqlite/sqliteAdvisorSessions';
import { describeAdvisorSessionsContract } from '../../advisor/advisorSessionsContract';

// Accounts and sessions in separate in-memory databases: the sessions reach the accounts through their interface only.
describeAdvisorSessionsContract('SqliteAdvisorSessions', async () => {
    const accounts = new AccountService(new SqliteAccountStore(':memory:'));
    return { accounts, sessions: (a, options) => new SqliteAdvisorSessions(':memory:', a, options), close: () => accounts.close() };
});
