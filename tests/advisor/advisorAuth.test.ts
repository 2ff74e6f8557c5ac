import type { AddressInfo } from 'node:net';
import restify, { Request, Response, Server } from 'restify';
import pino from 'pino';
import { ADVISOR_COOKIE, createAdvisorAuth, type AdvisorAuth } from '../../src/advisor/advisorAuth';
import { SignInThrottle } from '../../src/advisor/signInThrottle';
import { SqliteAccountStore } from '../../src/stores/sqlite/sqliteAdvisorAccounts';
import { AccountService } from '../../src/advisor/accountService';
import { SqliteAdvisorSessions } from '../../src/stores/sqlite/sqliteAdvisorSessions';
import { SqliteAuditLog } from '../../src/stores/sqlite/sqliteAuditLog';
import { KNOWN_ERRORS } from '../../src/server/knownErrors';
import { StorageUnavailableError } from '../../src/stores/shared/storageUnavailableError';

const PASSWORD = 'correct horse battery';
const ADMIN_PASSWORD = 'admin horse battery staple';
const EDITOR_PASSWORD = 'editor horse battery staple';
const HOUR = 60 * 60 * 1000;

/** A restify server with the sign-in routes and two guarded routes, as the console's API would use them. */
async function startServer(options: { delayStepMs?: number; trustProxy?: boolean } = {}) {
    let now = Date.now();
    const accounts = new AccountService(new SqliteAccountStore(':memory:'));
    const sessions = new SqliteAdvisorSessions(':memory:', accounts, { now: () => now });
    const audit = new SqliteAuditLog(':memory:');
    const throttle = new SignInThrottle({ delayStepMs: options.delayStepMs ?? 0 });
    const auth = createAdvisorAuth({ accounts, sessions, audit, throttle, logger: pino({ level: 'silent' }), trustProxy: options.trustProxy });
    await accounts.create('joe', PASSWORD, 'advisor');
    await accounts.create('amy', ADMIN_PASSWORD, 'admin');
    await accounts.create('eve', EDITOR_PASSWORD, 'editor');

    const server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    auth.addOriginCheck(server);
    auth.addSignInRoutes(server);
    server.get('/api/advisor/ping', async (req: Request, res: Response) => {
        const advisor = await auth.requireAdvisor(req, res);
        if (advisor) res.send(200, { pong: advisor.username, secret: 'conversation data' });
    });
    server.get('/api/advisor/editor-ping', async (req: Request, res: Response) => {
        const advisor = await auth.requireAdvisor(req, res, 'editor');
        if (advisor) res.send(200, { pong: advisor.username, secret: 'draft knowledge' });
    });
    server.get('/api/advisor/admin-ping', async (req: Request, res: Response) => {
        const advisor = await auth.requireAdvisor(req, res, 'admin');
        if (advisor) res.send(200, { pong: advisor.username, secret: 'audit data' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        base, accounts, sessions, audit, auth,
        advance: (ms: number) => (now += ms),
        close: async () => {
            await new Promise<void>((resolve) => server.close(() => resolve()));
            sessions.close();
            audit.close();
            await accounts.close();
        },
    };
}

type Harness = Awaited<ReturnType<typeof startServer>>;

/** The console's sign-in form, posted from its own page (with its Origin, as a browser sends it). */
const signIn = (h: Harness, username: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${h.base}/advisor/sign-in`, { method: 'POST', redirect: 'manual', headers: { origin: h.base, ...headers }, body: new URLSearchParams({ username, password }) });

/** The `name=value` part of a Set-Cookie header. */
const cookieOf = (response: globalThis.Response) => (response.headers.get('set-cookie') ?? '').split(';')[0];

const get = (h: Harness, path: string, cookie?: string) => fetch(`${h.base}${path}`, { headers: cookie ? { cookie } : {} });

describe('advisor authentication over HTTP', () => {
    let h: Harness;
    beforeEach(async () => (h = await startServer()));
    afterEach(() => h.close());

    describe('without a session', () => {
        it('answers 401 with the error shape, no data, and no-store', async () => {
            for (const path of ['/api/advisor/ping', '/api/advisor/editor-ping', '/api/advisor/admin-ping', '/api/advisor/me']) {
                const response = await get(h, path);
                expect(response.status).toBe(401);
                expect(response.headers.get('cache-control')).toBe('no-store');
                expect(await response.json()).toEqual({ error: { code: 'Unauthorized', message: 'sign in first' } });
            }
        });

        it('answers 401 to a made-up cookie', async () => {
            expect((await get(h, '/api/advisor/ping', `${ADVISOR_COOKIE}=${'x'.repeat(43)}`)).status).toBe(401);
        });
    });

    describe('signing in', () => {
        it('sends a wrong password back to the form with ?error=invalid, and audits the username only', async () => {
            const response = await signIn(h, 'joe', 'not the password at all');
            expect(response.status).toBe(303);
            expect(response.headers.get('location')).toBe('/advisor/sign-in?error=invalid');
            expect(response.headers.get('set-cookie')).toBeNull();
            const [entry] = await h.audit.list();
            expect(entry).toMatchObject({ username: 'joe', action: 'sign-in-failed' });
            expect(JSON.stringify(entry)).not.toContain('not the password');
        });

        it('treats an unknown user like a wrong password', async () => {
            const response = await signIn(h, 'nobody', PASSWORD);
            expect(response.status).toBe(303);
            expect(response.headers.get('location')).toBe('/advisor/sign-in?error=invalid');
        });

        it('never audits a password typed into the username field', async () => {
            await signIn(h, 'my secret pass!', '');
            expect(JSON.stringify(await h.audit.list())).not.toContain('secret');
        });

        it('signs in with the right password: 303 to /advisor and an HttpOnly, SameSite=Strict cookie (not Secure over http)', async () => {
            const response = await signIn(h, 'Joe', PASSWORD);
            expect(response.status).toBe(303);
            expect(response.headers.get('location')).toBe('/advisor');
            const setCookie = response.headers.get('set-cookie') ?? '';
            expect(setCookie).toMatch(new RegExp(`^${ADVISOR_COOKIE}=[A-Za-z0-9_-]{43}; `));
            expect(setCookie).toContain('HttpOnly');
            expect(setCookie).toContain('SameSite=Strict');
            expect(setCookie).toContain('Path=/');
            expect(setCookie).toMatch(/Max-Age=\d{5}/);
            expect(setCookie).not.toMatch(/Secure/i);
            expect(await h.audit.list()).toEqual([expect.objectContaining({ username: 'joe', action: 'sign-in' })]);
        });

        it('marks the cookie Secure behind an HTTPS proxy', async () => {
            const response = await signIn(h, 'joe', PASSWORD, { 'x-forwarded-proto': 'https' });
            expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
        });

        it('lets the cookie in: the guarded route answers, and /api/advisor/me says who and what', async () => {
            const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
            const ping = await get(h, '/api/advisor/ping', cookie);
            expect(ping.status).toBe(200);
            expect(ping.headers.get('cache-control')).toBe('no-store');
            expect(await ping.json()).toEqual({ pong: 'joe', secret: 'conversation data' });
            const me = await get(h, '/api/advisor/me', `other=1; ${cookie}`);
            expect(await me.json()).toEqual({ username: 'joe', role: 'advisor' });
        });

        it('answers 403 when an advisor calls an admin route, and lets an admin in', async () => {
            const advisor = await get(h, '/api/advisor/admin-ping', cookieOf(await signIn(h, 'joe', PASSWORD)));
            expect(advisor.status).toBe(403);
            const body = await advisor.json();
            expect(body).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
            expect(JSON.stringify(body)).not.toContain('audit data');

            const admin = await get(h, '/api/advisor/admin-ping', cookieOf(await signIn(h, 'amy', ADMIN_PASSWORD)));
            expect(admin.status).toBe(200);
        });

        it('lets an editor through an editor route and an advisor route, not an admin route (403)', async () => {
            const editor = cookieOf(await signIn(h, 'eve', EDITOR_PASSWORD));
            expect(await (await get(h, '/api/advisor/me', editor)).json()).toEqual({ username: 'eve', role: 'editor' });
            expect(await (await get(h, '/api/advisor/editor-ping', editor)).json()).toEqual({ pong: 'eve', secret: 'draft knowledge' });
            expect((await get(h, '/api/advisor/ping', editor)).status).toBe(200);
            const refused = await get(h, '/api/advisor/admin-ping', editor);
            expect(refused.status).toBe(403);
            expect(await refused.json()).toEqual({ error: { code: 'Forbidden', message: 'this needs an admin account' } });
        });

        it('refuses an advisor an editor route (403), and lets an admin in', async () => {
            const advisor = await get(h, '/api/advisor/editor-ping', cookieOf(await signIn(h, 'joe', PASSWORD)));
            expect(advisor.status).toBe(403);
            expect(await advisor.json()).toEqual({ error: { code: 'Forbidden', message: 'this needs an editor or admin account' } });
            const admin = await get(h, '/api/advisor/editor-ping', cookieOf(await signIn(h, 'amy', ADMIN_PASSWORD)));
            expect(await admin.json()).toEqual({ pong: 'amy', secret: 'draft knowledge' });
        });
    });

    describe('ending a session', () => {
        it('signs out: revokes the session, clears the cookie, 303 to the form', async () => {
            const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
            const response = await fetch(`${h.base}/advisor/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: h.base } });
            expect(response.status).toBe(303);
            expect(response.headers.get('location')).toBe('/advisor/sign-in');
            expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${ADVISOR_COOKIE}=; .*Max-Age=0`));
            // The old cookie is worthless even if the browser kept it.
            expect((await get(h, '/api/advisor/ping', cookie)).status).toBe(401);
            expect((await h.audit.list())[0]).toMatchObject({ username: 'joe', action: 'sign-out' });
        });

        it('answers 401 once the session has expired', async () => {
            const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
            h.advance(9 * HOUR);
            expect((await get(h, '/api/advisor/ping', cookie)).status).toBe(401);
        });

        it('answers 401 once the account is disabled or its password changed', async () => {
            const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
            await h.accounts.setPassword('joe', 'a brand new passphrase');
            expect((await get(h, '/api/advisor/ping', cookie)).status).toBe(401);
            const again = cookieOf(await signIn(h, 'joe', 'a brand new passphrase'));
            await h.accounts.setDisabled('joe', true);
            expect((await get(h, '/api/advisor/ping', again)).status).toBe(401);
            expect((await signIn(h, 'joe', 'a brand new passphrase')).headers.get('location')).toBe('/advisor/sign-in?error=invalid');
        });
    });

    describe('guessing', () => {
        it('locks the username after 5 failures: ?error=locked with Retry-After, even with the right password', async () => {
            for (let i = 0; i < 5; i++) {
                expect((await signIn(h, 'joe', `wrong password ${i}`)).headers.get('location')).toBe('/advisor/sign-in?error=invalid');
            }
            const locked = await signIn(h, 'joe', PASSWORD);
            expect(locked.status).toBe(303);
            expect(locked.headers.get('location')).toBe('/advisor/sign-in?error=locked');
            expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
            expect(locked.headers.get('set-cookie')).toBeNull();
            // Another account is not locked by it.
            expect((await signIn(h, 'amy', ADMIN_PASSWORD)).headers.get('location')).toBe('/advisor');
        });
    });
});

describe('changes to the console from another origin (CSRF)', () => {
    let h: Harness;
    beforeEach(async () => (h = await startServer()));
    afterEach(() => h.close());

    const post = (path: string, headers: Record<string, string>, body: string | URLSearchParams = new URLSearchParams({ username: 'joe', password: PASSWORD })) =>
        fetch(`${h.base}${path}`, { method: 'POST', redirect: 'manual', headers, body });
    const otherPort = () => `http://127.0.0.1:${Number(new URL(h.base).port) === 1 ? 2 : Number(new URL(h.base).port) - 1}`;
    const expectCrossOrigin = async (response: globalThis.Response, message: RegExp) => {
        expect(response.status).toBe(403);
        expect(response.headers.get('set-cookie')).toBeNull();
        expect(await response.json()).toEqual({ error: { code: 'CrossOrigin', message: expect.stringMatching(message) } });
    };

    it('refuses a sign-in form posted from another port of the same host: no session, nothing audited', async () => {
        await expectCrossOrigin(await post('/advisor/sign-in', { origin: otherPort() }), /not from the console's own origin http:\/\/127\.0\.0\.1:\d+/);
        expect(await h.audit.list()).toEqual([]);
    });

    it('refuses a sign-out posted from another origin: the session goes on', async () => {
        const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
        for (const origin of [otherPort(), 'http://localhost' + h.base.slice(h.base.lastIndexOf(':')), h.base.replace('http:', 'https:'), `${h.base}/page`, 'https://evil.example']) {
            await expectCrossOrigin(await post('/advisor/sign-out', { cookie, origin }), /own origin/);
        }
        expect((await get(h, '/api/advisor/ping', cookie)).status).toBe(200);
    });

    it.each([
        ['//advisor/sign-out'],
        ['/ADVISOR/sign-out'],
        ['/%61dvisor/sign-out'],
        ['/advisor/sign-out/'],
        ['/advisor/sign-out?x=1'],
    ])('refuses another origin whatever the spelling of the path (%s)', async (path) => {
        const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
        const response = await post(path, { cookie, origin: otherPort() });
        expect(response.status).not.toBe(303);
        expect((await get(h, '/api/advisor/ping', cookie)).status).toBe(200);
    });

    it('refuses a change that names no origin at all, and says which to send', async () => {
        await expectCrossOrigin(await post('/advisor/sign-in', {}), /names no origin: send the header Origin: http:\/\/127\.0\.0\.1:\d+/);
    });

    it('takes Sec-Fetch-Site: same-origin when the browser sends Origin: null or none, and refuses same-site or cross-site', async () => {
        expect((await post('/advisor/sign-in', { origin: 'null', 'sec-fetch-site': 'same-origin' })).headers.get('location')).toBe('/advisor');
        expect((await post('/advisor/sign-in', { 'sec-fetch-site': 'same-origin' })).headers.get('location')).toBe('/advisor');
        await expectCrossOrigin(await post('/advisor/sign-in', { origin: 'null', 'sec-fetch-site': 'same-site' }), /Sec-Fetch-Site: same-site/);
        await expectCrossOrigin(await post('/advisor/sign-in', { 'sec-fetch-site': 'cross-site' }), /Sec-Fetch-Site: cross-site/);
        // Sec-Fetch-Site never overrides an Origin that is another origin.
        await expectCrossOrigin(await post('/advisor/sign-in', { origin: otherPort(), 'sec-fetch-site': 'same-origin' }), /own origin/);
    });

    it('lets reads through from anywhere: they change nothing', async () => {
        const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
        const response = await fetch(`${h.base}/api/advisor/me`, { headers: { cookie, origin: otherPort() } });
        expect(response.status).toBe(200);
    });

    it('refuses a change to the API that is not JSON with 415, even from the console’s origin', async () => {
        const cookie = cookieOf(await signIn(h, 'joe', PASSWORD));
        for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
            const response = await post('/api/advisor/ping', { cookie, origin: h.base, 'content-type': type }, 'a=1');
            expect(response.status).toBe(415);
            expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: expect.stringMatching(/Content-Type: application\/json/) } });
        }
    });

    it('ignores X-Forwarded-Proto and X-Forwarded-Host without TRUST_PROXY', async () => {
        const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'bot.example.org' };
        await expectCrossOrigin(await post('/advisor/sign-in', { ...headers, origin: 'https://bot.example.org' }), /own origin http:\/\/127\.0\.0\.1/);
        expect((await post('/advisor/sign-in', { ...headers, origin: h.base })).headers.get('location')).toBe('/advisor');
    });
});

describe('changes to the console behind a proxy that ends TLS (TRUST_PROXY)', () => {
    let h: Harness;
    beforeEach(async () => (h = await startServer({ trustProxy: true })));
    afterEach(() => h.close());
    const post = (headers: Record<string, string>) =>
        fetch(`${h.base}/advisor/sign-in`, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams({ username: 'joe', password: PASSWORD }) });

    it('takes the origin the browser saw from X-Forwarded-Proto and X-Forwarded-Host', async () => {
        const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'bot.example.org' };
        const signedIn = await post({ ...proxied, origin: 'https://bot.example.org' });
        expect(signedIn.headers.get('location')).toBe('/advisor');
        expect(signedIn.headers.get('set-cookie')).toMatch(/; Secure/);
        expect((await post({ ...proxied, origin: 'https://BOT.example.org:443' })).headers.get('location')).toBe('/advisor');
        for (const origin of ['http://bot.example.org', 'https://bot.example.org:8443', 'https://evil.bot.example.org', h.base]) {
            expect([origin, (await post({ ...proxied, origin })).status]).toEqual([origin, 403]);
        }
    });

    it('falls back to the Host header when the proxy forwards no host', async () => {
        const { host } = new URL(h.base);
        expect((await post({ 'x-forwarded-proto': 'https', origin: `https://${host}` })).headers.get('location')).toBe('/advisor');
        expect((await post({ 'x-forwarded-proto': 'https', origin: h.base })).status).toBe(403);
    });
});

describe('GET /api/advisor/me while the sessions\' database does not answer', () => {
    it('answers 503 with Retry-After and the error body, as the rest of the advisor API does, not a 500', async () => {
        const accounts = new AccountService(new SqliteAccountStore(':memory:'));
        const audit = new SqliteAuditLog(':memory:');
        const down = async (): Promise<never> => {
            throw new StorageUnavailableError('PgAdvisorSessions.find(): connect ECONNREFUSED 10.0.0.5:5432');
        };
        const sessions = { create: down, find: down, revoke: down, revokeAll: down };
        const auth = createAdvisorAuth({ accounts, sessions, audit, logger: pino({ level: 'silent' }) });
        const server = restify.createServer({ handleUncaughtExceptions: false });
        auth.addSignInRoutes(server, KNOWN_ERRORS);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
            const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/advisor/me`, { headers: { cookie: `${ADVISOR_COOKIE}=some-token` } });
            expect(response.status).toBe(503);
            expect(response.headers.get('retry-after')).toBe('5');
            const text = await response.text();
            expect(JSON.parse(text)).toEqual({ error: { code: 'ServiceError', message: expect.stringMatching(/try again/) } });
            expect(text).not.toMatch(/ECONNREFUSED|PgAdvisorSessions/);
        } finally {
            await new Promise<void>((resolve) => server.close(() => resolve()));
            audit.close();
            await accounts.close();
        }
    });
});

describe('advisor authentication, answer delays', () => {
    it('answers a failed sign-in later each time', async () => {
        const h = await startServer({ delayStepMs: 150 });
        try {
            const timed = async () => {
                const started = Date.now();
                await signIn(h, 'joe', 'not the password at all');
                return Date.now() - started;
            };
            const first = await timed();
            const second = await timed();
            expect(first).toBeGreaterThanOrEqual(140);
            expect(second).toBeGreaterThanOrEqual(290);
        } finally {
            await h.close();
        }
    });
});

describe('AdvisorAuth.bootstrap', () => {
    let accounts: AccountService;
    let auth: AdvisorAuth;
    let logs: { level: number; msg: string }[];
    beforeEach(() => {
        logs = [];
        accounts = new AccountService(new SqliteAccountStore(':memory:'));
        const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
        auth = createAdvisorAuth({ accounts, sessions: new SqliteAdvisorSessions(':memory:', accounts), audit: new SqliteAuditLog(':memory:'), logger });
    });
    afterEach(() => accounts.close());

    it('creates the first account as an admin, and says so without the password', async () => {
        await auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'Lead', ADVISOR_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD });
        expect(await accounts.list()).toEqual([expect.objectContaining({ username: 'lead', role: 'admin', disabled: false })]);
        expect(await accounts.verify('lead', ADMIN_PASSWORD)).toBeDefined();
        expect(logs.some((l) => /created the first admin/.test(l.msg))).toBe(true);
        expect(JSON.stringify(logs)).not.toContain(ADMIN_PASSWORD);
    });

    it('never overwrites: a second start with other settings changes nothing', async () => {
        await auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'lead', ADVISOR_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD });
        await accounts.setPassword('lead', 'a changed long password');
        await auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'lead', ADVISOR_BOOTSTRAP_PASSWORD: 'another long password' });
        await auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'intruder', ADVISOR_BOOTSTRAP_PASSWORD: 'another long password' });
        expect(await accounts.list()).toEqual([expect.objectContaining({ username: 'lead', role: 'admin' })]);
        expect(await accounts.verify('lead', 'a changed long password')).toBeDefined();
        expect(await accounts.verify('lead', 'another long password')).toBeUndefined();
    });

    it('does nothing when accounts exist already', async () => {
        await accounts.create('joe', PASSWORD, 'advisor');
        await auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'lead', ADVISOR_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD });
        expect(await accounts.count()).toBe(1);
    });

    it.each([
        [{ ADVISOR_BOOTSTRAP_USER: 'lead' }, 'ADVISOR_BOOTSTRAP_PASSWORD'],
        [{ ADVISOR_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD }, 'ADVISOR_BOOTSTRAP_USER'],
    ])('warns when only one of the two is set (%o)', async (config, missing) => {
        await auth.bootstrap(config);
        expect(await accounts.count()).toBe(0);
        expect(logs).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining(`${missing} is not set`) })]);
        expect(JSON.stringify(logs)).not.toContain(ADMIN_PASSWORD);
    });

    it('logs an error, without the password, when the password is too weak, and still resolves', async () => {
        await expect(auth.bootstrap({ ADVISOR_BOOTSTRAP_USER: 'lead', ADVISOR_BOOTSTRAP_PASSWORD: 'short1' })).resolves.toBeUndefined();
        expect(await accounts.count()).toBe(0);
        expect(logs).toEqual([expect.objectContaining({ level: 50, msg: expect.stringContaining('at least 12 characters') })]);
        expect(JSON.stringify(logs)).not.toContain('short1');
    });

    it('stays quiet when neither is set', async () => {
        await auth.bootstrap({});
        expect(logs).toEqual([]);
    });
});
