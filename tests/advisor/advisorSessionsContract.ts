import type { AdvisorSessions } from '../../src/advisor/accounts';
import { SESSION_LIFETIME } from '../../src/advisor/accounts';
import { PASSWORD, type AdvisorStoresUnderTest } from './accountsContract';

const HOUR = 60 * 60 * 1000;

/**
 * The behaviour every `AdvisorSessions` implementation must share; run against each one.
 * @param open returns fresh, empty stores (closed after each test)
 */
export function describeAdvisorSessionsContract(name: string, open: () => Promise<AdvisorStoresUnderTest>): void {
    describe(`${name} (AdvisorSessions contract)`, () => {
        let stores: AdvisorStoresUnderTest;
        let sessions: AdvisorSessions & { close(): void };
        let now: number;

        beforeEach(async () => {
            stores = await open();
            await stores.accounts.create('joe', PASSWORD, 'advisor');
            now = Date.parse('2025-03-01T09:00:00Z');
            sessions = stores.sessions(stores.accounts, { now: () => now });
        });
        afterEach(async () => {
            sessions.close();
            await stores.close();
        });

        it('gives a random 32-byte base64url token and finds its advisor', async () => {
            const { token, expiresAt } = await sessions.create('joe');
            expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
            expect(expiresAt.getTime()).toBe(now + SESSION_LIFETIME.absoluteMs);
            expect(await sessions.find(token)).toMatchObject({ username: 'joe', role: 'advisor' });
            expect((await sessions.create('joe')).token).not.toBe(token);
        });

        it('finds nothing for an unknown or malformed token', async () => {
            await sessions.create('joe');
            expect(await sessions.find('A'.repeat(43))).toBeUndefined();
            expect(await sessions.find('')).toBeUndefined();
            expect(await sessions.find("' OR 1=1 --")).toBeUndefined();
            expect(await sessions.find(undefined as never)).toBeUndefined();
        });

        it('ends a session left unused for 8 hours', async () => {
            const { token } = await sessions.create('joe');
            now += 8 * HOUR - 1000;
            expect(await sessions.find(token)).toBeDefined();
            now += 8 * HOUR;
            expect(await sessions.find(token)).toBeUndefined();
            now -= 8 * HOUR; // An ended session stays ended.
            expect(await sessions.find(token)).toBeUndefined();
        });

        it('slides the 8 hours along while the session is used', async () => {
            const { token } = await sessions.create('joe');
            for (let i = 0; i < 3; i++) {
                now += 6 * HOUR;
                expect(await sessions.find(token)).toMatchObject({ username: 'joe' });
            }
            // 18 hours in: more than 8 since sign-in, under 8 since last use.
        });

        it('ends a session 24 hours after sign-in however busy it is', async () => {
            const { token } = await sessions.create('joe');
            for (let i = 0; i < 5; i++) {
                now += 4 * HOUR;
                expect(await sessions.find(token)).toBeDefined();
            }
            now += 4 * HOUR; // 24 hours
            expect(await sessions.find(token)).toBeUndefined();
        });

        it('revokes one session, leaving the others', async () => {
            const a = await sessions.create('joe');
            const b = await sessions.create('joe');
            await sessions.revoke(a.token);
            await sessions.revoke('not a token');
            expect(await sessions.find(a.token)).toBeUndefined();
            expect(await sessions.find(b.token)).toBeDefined();
        });

        it('revokes all sessions of an account', async () => {
            const a = await sessions.create('joe');
            const b = await sessions.create('joe');
            await sessions.revokeAll(' JOE ');
            expect(await sessions.find(a.token)).toBeUndefined();
            expect(await sessions.find(b.token)).toBeUndefined();
        });

        it('reads the role afresh each time, and ends the session of an account disabled through the accounts', async () => {
            await stores.accounts.create('sam', PASSWORD, 'advisor');
            // Another admin, so that sam is not the last enabled admin when disabled below.
            await stores.accounts.create('amy', PASSWORD, 'admin');
            const { token } = await sessions.create('sam');
            await stores.accounts.setRole('sam', 'admin');
            expect(await sessions.find(token)).toMatchObject({ role: 'admin' });
            await stores.accounts.setDisabled('sam', true);
            expect(await sessions.find(token)).toBeUndefined();
        });

        it('refuses, and ends, the session of an account found disabled without hearing of it', async () => {
            let disabled = false;
            const quiet = stores.sessions(
                {
                    find: async (username) => {
                        const found = await stores.accounts.find(username);
                        return found && { ...found, disabled };
                    },
                    onAccessRevoked: () => undefined,
                },
                { now: () => now },
            );
            const { token } = await quiet.create('joe');
            expect(await quiet.find(token)).toMatchObject({ username: 'joe' });
            disabled = true;
            expect(await quiet.find(token)).toBeUndefined();
            disabled = false;
            expect(await quiet.find(token)).toBeUndefined();
            quiet.close();
        });

        it('does not start a session for an unknown or disabled account', async () => {
            await expect(sessions.create('nobody')).rejects.toThrow(/no enabled account/);
            await stores.accounts.setDisabled('joe', true);
            await expect(sessions.create('joe')).rejects.toThrow(/no enabled account/);
        });
    });
}
