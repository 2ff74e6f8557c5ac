import { SqliteAdvisorAccounts } from '../../src/advisor/sqliteAdvisorAccounts';
import { SESSION_LIFETIME, SqliteAdvisorSessions } from '../../src/advisor/sqliteAdvisorSessions';

const HOUR = 60 * 60 * 1000;

describe('SqliteAdvisorSessions', () => {
    let accounts: SqliteAdvisorAccounts;
    let sessions: SqliteAdvisorSessions;
    let now: number;

    beforeAll(async () => {
        accounts = new SqliteAdvisorAccounts(':memory:');
        await accounts.create('joe', 'correct horse battery', 'advisor');
    });
    afterAll(() => accounts.close());
    beforeEach(() => {
        now = Date.parse('2025-03-01T09:00:00Z');
        sessions = new SqliteAdvisorSessions(':memory:', accounts, { now: () => now });
    });
    afterEach(() => sessions.close());

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
    });

    it('ends a session left unused for 8 hours', async () => {
        const { token } = await sessions.create('joe');
        now += 8 * HOUR - 1000;
        expect(await sessions.find(token)).toBeDefined();
        now += 8 * HOUR;
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
        expect(await sessions.find(a.token)).toBeUndefined();
        expect(await sessions.find(b.token)).toBeDefined();
    });

    it('revokes all sessions of an account', async () => {
        const a = await sessions.create('joe');
        const b = await sessions.create('joe');
        await sessions.revokeAll('joe');
        expect(await sessions.find(a.token)).toBeUndefined();
        expect(await sessions.find(b.token)).toBeUndefined();
    });

    it('refuses the session of a disabled account, and reads the role afresh each time', async () => {
        await accounts.create('sam', 'correct horse battery', 'advisor');
        const { token } = await sessions.create('sam');
        await accounts.setRole('sam', 'admin');
        expect(await sessions.find(token)).toMatchObject({ role: 'admin' });
        // Disabling through the accounts ends it; a disabled account found some other way is refused too.
        const stillThere = new SqliteAdvisorSessions(':memory:', { find: (u) => accounts.find(u), onAccessRevoked: () => undefined }, { now: () => now });
        const other = await stillThere.create('sam');
        await accounts.setDisabled('sam', true);
        expect(await sessions.find(token)).toBeUndefined();
        expect(await stillThere.find(other.token)).toBeUndefined();
        stillThere.close();
    });

    it('does not start a session for an unknown or disabled account', async () => {
        await expect(sessions.create('nobody')).rejects.toThrow(/no enabled account/);
    });
});
