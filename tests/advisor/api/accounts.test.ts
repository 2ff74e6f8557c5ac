import { AccountError } from '../../../src/advisor/accounts';
import { accountRefusal } from '../../../src/advisor/api/accounts';

describe('accountRefusal', () => {
    it('tells the admin the reason of a refused account change, not the method that refused it', () => {
        const err = new AccountError('the username "grace" is taken', 'SqliteAdvisorAccounts.create()');
        expect(err.message).toBe('SqliteAdvisorAccounts.create(): the username "grace" is taken');
        expect(accountRefusal(err)?.toBody()).toEqual({ error: { code: 'BadArgument', message: 'the username "grace" is taken' } });
        expect(accountRefusal(new Error('x'))).toBeUndefined();
    });
});
