import { ROLE_RANK } from '../../src/advisor/accounts';
import { isRole, removesEnabledAdmin, ROLES } from '../../src/advisor/accountRules';

describe('account rules', () => {
    it('know every role, in the order of what each may do', () => {
        expect([...ROLES]).toEqual(Object.entries(ROLE_RANK).sort(([, a], [, b]) => a - b).map(([role]) => role));
        for (const role of ROLES) expect(isRole(role)).toBe(true);
        for (const value of ['root', 'Admin', '', undefined, 2]) expect(isRole(value)).toBe(false);
    });

    describe('removesEnabledAdmin', () => {
        const admin = { role: 'admin' as const, disabled: false };

        it('is true when an enabled admin is given any other role, or disabled', () => {
            expect(removesEnabledAdmin(admin, { role: 'advisor' })).toBe(true);
            expect(removesEnabledAdmin(admin, { role: 'editor' })).toBe(true);
            expect(removesEnabledAdmin(admin, { disabled: true })).toBe(true);
        });

        it('is false when the admin stays one, and for accounts that are not enabled admins', () => {
            expect(removesEnabledAdmin(admin, { role: 'admin' })).toBe(false);
            expect(removesEnabledAdmin(admin, { disabled: false })).toBe(false);
            expect(removesEnabledAdmin({ role: 'editor', disabled: false }, { role: 'advisor', disabled: true })).toBe(false);
            expect(removesEnabledAdmin({ role: 'admin', disabled: true }, { role: 'editor' })).toBe(false);
        });
    });
});
