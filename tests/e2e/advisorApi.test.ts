import { parse as parseYaml } from 'yaml';
import { createBotClient, BotClient } from '../../src/cli/botClient';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

const ADMIN = { username: 'ada', password: 'correct horse battery' };
const ADVISOR = { username: 'grace', password: 'another long passphrase' };

let testApp: TestApp;
let base: string;
let bot: BotClient;
let adminCookie: string;

beforeAll(async () => {
    testApp = await startTestApp(bootstrapAdmin(ADMIN));
    base = testApp.base;
    bot = createBotClient(`${base}/api/messages`);

    await bot.join('visitor-salary');
    await bot.say('visitor-salary', 'how much do MLTs make?');
    await bot.say('visitor-salary', 'my email is jo@example.org and my phone is (555) 123-4567');
    await bot.join('visitor-lost');
    await bot.say('visitor-lost', 'qwzx vbnm');
    // A question on a known gap: shown to advisors under its gap, not among the unanswered.
    await bot.say('visitor-lost', 'can I become an MLT with a felony?');
    await bot.join('visitor-follow-up');
    for (const text of ['can I talk to someone?', 'yes', 'Jordan Lee', 'jordan@example.org', 'whether my biology degree counts']) await bot.say('visitor-follow-up', text);

    adminCookie = await signIn(ADMIN);
});
afterAll(() => testApp?.close());

/** Signs in through the console's form and returns the session cookie, checking that it is one scripts cannot read nor other sites send. */
async function signIn(account: { username: string; password: string }): Promise<string> {
    const response = await testApp.postSignIn(account);
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    return cookie.split(';')[0];
}

/** Calls the API as the console's own page does: a change sends JSON, from the console's origin. */
async function api(path: string, options: { cookie?: string; method?: string; body?: unknown } = {}) {
    const method = options.method ?? 'GET';
    const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(method !== 'GET' ? { 'content-type': 'application/json', origin: base } : {}) },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
        body = JSON.parse(text);
    } catch {
        // CSV and other text bodies stay text
    }
    return { status: response.status, headers: response.headers, text, body: body as Record<string, any> };
}
const admin = (path: string, options: { method?: string; body?: unknown } = {}) => api(path, { ...options, cookie: adminCookie });
const conversationPath = (id: string) => `/api/advisor/conversations/webchat/${encodeURIComponent(id)}`;

describe('the advisors’ API', () => {
    describe('without a valid session', () => {
        it.each([
            ['GET', '/api/advisor/conversations'],
            ['GET', conversationPath('visitor-salary')],
            ['GET', `${conversationPath('visitor-salary')}/transcript`],
            ['GET', '/api/advisor/conversations.csv'],
            ['GET', '/api/advisor/insights'],
            ['GET', '/api/advisor/review'],
            ['POST', '/api/advisor/review/dismissals'],
            ['GET', '/api/advisor/follow-ups'],
            ['GET', '/api/advisor/accounts'],
            ['GET', '/api/advisor/audit'],
            ['DELETE', conversationPath('visitor-salary')],
        ])('answers %s %s with 401 and no data', async (method, path) => {
            for (const cookie of [undefined, 'mltcb_advisor=forged-token']) {
                const response = await api(path, { method, cookie });
                expect(response.status).toBe(401);
                expect(response.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
                expect(response.text).not.toMatch(/visitor-|57,380|jordan/i);
            }
        });

        it('answers 401 once the session is signed out', async () => {
            const cookie = await signIn(ADMIN);
            expect((await api('/api/advisor/conversations', { cookie })).status).toBe(200);
            await fetch(`${base}/advisor/sign-out`, { method: 'POST', headers: { cookie, origin: base }, redirect: 'manual' });
            expect((await api('/api/advisor/conversations', { cookie })).status).toBe(401);
        });
    });

    describe('conversations', () => {
        it('lists them newest first with their summary', async () => {
            const { status, body } = await admin('/api/advisor/conversations');
            expect(status).toBe(200);
            const ids = body.conversations.map((c: { conversationId: string }) => c.conversationId);
            expect(ids).toEqual(expect.arrayContaining(['visitor-salary', 'visitor-lost', 'visitor-follow-up']));
            const salary = body.conversations.find((c: { conversationId: string }) => c.conversationId === 'visitor-salary');
            // The message with the email and phone number is not a question the bot can answer: it counts as unanswered.
            expect(salary).toMatchObject({ channelId: 'webchat', messageCount: expect.any(Number), topics: ['salary'], unanswered: 1, rating: { up: 0, down: 0 }, reviewed: false, tags: [] });
            expect(salary.startedAt <= salary.lastActivityAt).toBe(true);
        });

        it.each([
            ['unanswered=true', ['visitor-lost', 'visitor-salary']],
            ['unanswered=false', ['visitor-follow-up']],
            ['followUp=true', ['visitor-follow-up']],
            ['topic=salary', ['visitor-salary']],
            ['q=biology', ['visitor-follow-up']],
            ['q=astrophysics', []],
            ['q=make', ['visitor-salary']],
        ])('filters with %s', async (query, expected) => {
            const { body } = await admin(`/api/advisor/conversations?${query}`);
            expect(body.conversations.map((c: { conversationId: string }) => c.conversationId).sort()).toEqual(expected);
        });

        it('refuses a malformed filter with 400', async () => {
            expect((await admin('/api/advisor/conversations?from=yesterday')).status).toBe(400);
            expect((await admin('/api/advisor/conversations?topic=astrology')).status).toBe(400);
        });

        it('shows one conversation with personal data redacted, and audits the view', async () => {
            const { status, body, text } = await admin(conversationPath('visitor-salary'));
            expect(status).toBe(200);
            expect(body).toMatchObject({ channelId: 'webchat', conversationId: 'visitor-salary', reviewed: false, tags: [], notes: '' });
            expect(text).toContain('[email removed]');
            expect(text).toContain('[phone removed]');
            expect(text).not.toContain('jo@example.org');
            expect(text).not.toContain('123-4567');
            const answer = body.activities.find((a: { from: { role?: string }; channelData?: { answer?: object } }) => a.channelData?.answer);
            expect(answer.channelData.answer).toMatchObject({ source: expect.stringMatching(/knowledge|dialog/), ids: expect.any(Array) });
            // The pay answer as the visitor read it, source line and all, beside the trace's citations it was rendered from.
            const cited = body.activities.find((a: { channelData?: { answer?: { ids?: string[] } } }) => a.channelData?.answer?.ids?.includes('salary-figures'));
            expect(cited.text).toMatch(/\n\n_Sources?: .+_$/);
            expect(cited.channelData.answer.citations).toEqual(expect.arrayContaining([expect.objectContaining({ source: expect.any(String), section: expect.any(String) })]));
            const audit = await admin('/api/advisor/audit');
            expect(audit.body.entries[0]).toMatchObject({ username: 'ada', action: 'view', target: 'webchat/visitor-salary' });
        });

        it('keeps the follow-up’s name and contact details out of the transcript', async () => {
            const { text } = await admin(conversationPath('visitor-follow-up'));
            expect(text).not.toMatch(/Jordan Lee|jordan@example\.org/);
            expect(text).toMatch(/follow-up/);
        });

        it('exports a transcript the Emulator opens: a JSON array of activities, as a download', async () => {
            const { status, headers, body } = await admin(`${conversationPath('visitor-salary')}/transcript`);
            expect(status).toBe(200);
            expect(headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.transcript"$/);
            expect(Array.isArray(body)).toBe(true);
            expect(body[0]).toMatchObject({ type: expect.any(String), conversation: { id: 'visitor-salary' } });
        });

        it('marks reviewed, tags and notes a conversation', async () => {
            const patched = await admin(conversationPath('visitor-lost'), { method: 'PATCH', body: { reviewed: true, tags: ['content gap'], notes: 'add an entry' } });
            expect(patched.status).toBe(200);
            expect(patched.body).toMatchObject({ reviewed: true, tags: ['content gap'], notes: 'add an entry' });
            expect((await admin('/api/advisor/conversations?reviewed=true')).body.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual(['visitor-lost']);
            expect((await admin(conversationPath('visitor-lost'), { method: 'PATCH', body: { reviewed: 'yes' } })).status).toBe(400);
        });

        it('exports the list as CSV, with formulas neutralised', async () => {
            await admin(conversationPath('visitor-lost'), { method: 'PATCH', body: { notes: '=HYPERLINK("http://evil")' } });
            const { status, headers, text } = await admin('/api/advisor/conversations.csv?unanswered=true');
            expect(status).toBe(200);
            expect(headers.get('content-type')).toMatch(/text\/csv/);
            const [header, row] = text.trim().split('\r\n');
            expect(header).toMatch(/^"channelId","conversationId","startedAt"/);
            expect(row).toContain('"visitor-lost"');
            expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
        });
    });

    describe('insights', () => {
        it('counts conversations, answers and fallbacks, and groups unanswered questions with a YAML stub', async () => {
            const { status, body } = await admin('/api/advisor/insights');
            expect(status).toBe(200);
            expect(body.perDay.reduce((n: number, d: { conversations: number }) => n + d.conversations, 0)).toBeGreaterThanOrEqual(3);
            expect(body.replies.fallback).toBeGreaterThanOrEqual(1);
            expect(body.perTopic).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'salary' })]));
            const group = body.unanswered.find((g: { question: string }) => g.question === 'qwzx vbnm');
            expect(group).toMatchObject({ count: 1, examples: [{ channelId: 'webchat', conversationId: 'visitor-lost', question: 'qwzx vbnm' }] });
            const stub = parseYaml(group.yamlStub);
            expect(stub.entries[0]).toMatchObject({ id: 'qwzx-vbnm', questions: expect.arrayContaining(['qwzx vbnm']) });
        });

        it('lists questions on known gaps by gap, apart from the unanswered ones', async () => {
            const { body } = await admin('/api/advisor/insights');
            expect(body.gaps).toEqual([
                { gap: 'criminal-record', count: 1, examples: [{ channelId: 'webchat', conversationId: 'visitor-lost', question: 'can I become an MLT with a felony?' }] },
            ]);
            expect(body.unanswered.map((g: { question: string }) => g.question)).not.toContain('can I become an MLT with a felony?');
        });
    });

    describe('the follow-up queue', () => {
        it('holds the request with its contact details, and moves it from open to claimed to done', async () => {
            const open = await admin('/api/advisor/follow-ups?status=open');
            const request = open.body.followUps.find((f: { conversationId: string }) => f.conversationId === 'visitor-follow-up');
            expect(request).toMatchObject({ name: 'Jordan Lee', contact: 'jordan@example.org', contactKind: 'email', topic: 'whether my biology degree counts', status: 'open' });
            expect((await admin(`/api/advisor/follow-ups/${request.id}/claim`, { method: 'POST', body: {} })).body).toMatchObject({ status: 'claimed', claimedBy: 'ada' });
            expect((await admin(`/api/advisor/follow-ups/${request.id}/complete`, { method: 'POST', body: {} })).body).toMatchObject({ status: 'done' });
            expect((await admin('/api/advisor/follow-ups/99999/claim', { method: 'POST', body: {} })).status).toBe(404);
        });
    });

    describe('accounts and roles', () => {
        let advisorCookie: string;
        beforeAll(async () => {
            const created = await admin('/api/advisor/accounts', { method: 'POST', body: { ...ADVISOR, role: 'advisor' } });
            expect(created.status).toBe(201);
            expect(created.text).not.toContain(ADVISOR.password);
            advisorCookie = await signIn(ADVISOR);
        });

        it('lets an advisor read conversations but not accounts or the audit log (403)', async () => {
            expect((await api('/api/advisor/conversations', { cookie: advisorCookie })).status).toBe(200);
            for (const path of ['/api/advisor/accounts', '/api/advisor/audit']) {
                const response = await api(path, { cookie: advisorCookie });
                expect(response.status).toBe(403);
                expect(response.body).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
            }
            expect((await api('/api/advisor/accounts', { cookie: advisorCookie, method: 'POST', body: { username: 'eve', password: 'x'.repeat(20) } })).status).toBe(403);
        });

        it('refuses a weak password and a duplicate account with 400', async () => {
            const weak = await admin('/api/advisor/accounts', { method: 'POST', body: { username: 'weak', password: 'short' } });
            expect(weak.status).toBe(400);
            expect(weak.body).toEqual({ error: { code: 'BadArgument', message: 'a password needs at least 12 characters' } });
            // The store's reason, without the store and method that gave it.
            const taken = await admin('/api/advisor/accounts', { method: 'POST', body: { ...ADVISOR } });
            expect(taken.status).toBe(400);
            expect(taken.body).toEqual({ error: { code: 'BadArgument', message: `the username "${ADVISOR.username}" is taken` } });
        });

        it('refuses an admin’s change of its own account whatever the case of the name in the path (400), and changes nothing', async () => {
            for (const [name, change] of [['Ada', { disabled: true }], ['ADA', { role: 'advisor' }], ['adA', { role: 'editor' }], ['ada', { disabled: true }], ['aDa', { role: 'advisor', disabled: false }]] as const) {
                const refused = await admin(`/api/advisor/accounts/${name}`, { method: 'PATCH', body: change });
                expect(refused.status).toBe(400);
                expect(refused.body).toEqual({ error: { code: 'BadArgument', message: expect.stringMatching(/your own/) } });
            }
            const { body } = await admin('/api/advisor/accounts');
            expect(body.accounts.find((a: { username: string }) => a.username === 'ada')).toMatchObject({ role: 'admin', disabled: false });
            expect((await admin('/api/advisor/me')).body).toEqual({ username: 'ada', role: 'admin' });
            // Another account's name in any case is that account.
            const grace = await admin('/api/advisor/accounts/GRACE', { method: 'PATCH', body: { role: 'advisor' } });
            expect(grace.status).toBe(200);
            expect(grace.body).toMatchObject({ username: 'grace', role: 'advisor' });
        });

        it('lets an admin add an editor and change roles among advisor, editor and admin; an editor is no admin (403)', async () => {
            const editor = { username: 'eve', password: 'eve long passphrase' };
            const created = await admin('/api/advisor/accounts', { method: 'POST', body: { ...editor, role: 'editor' } });
            expect(created).toMatchObject({ status: 201, body: { username: 'eve', role: 'editor', disabled: false } });
            const cookie = await signIn(editor);
            expect((await api('/api/advisor/me', { cookie })).body).toEqual({ username: 'eve', role: 'editor' });
            expect((await api('/api/advisor/conversations', { cookie })).status).toBe(200);
            for (const path of ['/api/advisor/accounts', '/api/advisor/audit']) expect((await api(path, { cookie })).status).toBe(403);

            for (const role of ['advisor', 'admin', 'editor']) {
                expect(await admin('/api/advisor/accounts/eve', { method: 'PATCH', body: { role } })).toMatchObject({ status: 200, body: { username: 'eve', role } });
            }
            const listed = (await admin('/api/advisor/accounts')).body.accounts;
            expect(listed.find((a: { username: string }) => a.username === 'eve')).toMatchObject({ role: 'editor' });
            const audited = (await admin('/api/advisor/audit')).body.entries.filter((e: { target?: string }) => e.target === 'eve');
            expect(audited.map((e: { detail: string }) => e.detail)).toEqual(expect.arrayContaining(['created (editor)', '{"role":"editor"}']));
        });

        it('refuses a role it does not know (400), naming the field', async () => {
            const created = await admin('/api/advisor/accounts', { method: 'POST', body: { username: 'root', password: 'root long passphrase', role: 'root' } });
            expect(created.status).toBe(400);
            expect(created.body.error.message).toMatch(/^role: /);
            const changed = await admin(`/api/advisor/accounts/${ADVISOR.username}`, { method: 'PATCH', body: { role: 'Editor' } });
            expect(changed.status).toBe(400);
            expect(changed.body.error.message).toMatch(/^role: /);
            expect((await admin('/api/advisor/accounts')).body.accounts.map((a: { username: string }) => a.username)).not.toContain('root');
        });

        it('ends a disabled advisor’s session at once', async () => {
            expect((await admin(`/api/advisor/accounts/${ADVISOR.username}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(200);
            expect((await api('/api/advisor/conversations', { cookie: advisorCookie })).status).toBe(401);
        });
    });

    describe('passwords', () => {
        /** Creates an advisor (as the admin) and returns its name and password. */
        const newAdvisor = async (username: string) => {
            const account = { username, password: `${username} first passphrase` };
            expect((await admin('/api/advisor/accounts', { method: 'POST', body: { ...account, role: 'advisor' } })).status).toBe(201);
            return account;
        };
        const signInStatus = async (account: { username: string; password: string }) => (await testApp.postSignIn(account)).headers.get('location');
        const changeOwn = (cookie: string, body: unknown) => api('/api/advisor/me/password', { cookie, method: 'POST', body });
        const auditOf = async (target: string) => (await admin('/api/advisor/audit')).body.entries.filter((e: { target?: string; username: string }) => e.target === target || e.username === target);

        it('lets an advisor change their own: other sessions end, this one goes on with a new cookie', async () => {
            const hopper = await newAdvisor('hopper');
            const here = await signIn(hopper);
            const elsewhere = await signIn(hopper);
            const changed = await changeOwn(here, { currentPassword: hopper.password, newPassword: 'hopper second passphrase' });
            expect(changed.status).toBe(204);
            const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0];
            expect(renewed).toMatch(/^mltcb_advisor=/);
            expect(renewed).not.toBe(here);
            expect((await api('/api/advisor/me', { cookie: renewed })).body).toEqual({ username: 'hopper', role: 'advisor' });
            expect((await api('/api/advisor/me', { cookie: elsewhere })).status).toBe(401);
            expect((await api('/api/advisor/me', { cookie: here })).status).toBe(401);
            expect(await signInStatus(hopper)).toBe('/advisor/sign-in?error=invalid');
            expect(await signInStatus({ username: 'hopper', password: 'hopper second passphrase' })).toBe('/advisor');
            expect(await auditOf('hopper')).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'hopper', action: 'password', detail: expect.stringMatching(/other sessions ended/) })]));
        });

        it('refuses a wrong current password (403) and a weak or missing new one (400), naming the field, and changes nothing', async () => {
            const babbage = await newAdvisor('babbage');
            const cookie = await signIn(babbage);
            const wrong = await changeOwn(cookie, { currentPassword: 'not the password at all', newPassword: 'babbage new passphrase' });
            expect(wrong.status).toBe(403);
            expect(wrong.body).toEqual({ error: { code: 'Forbidden', message: expect.stringMatching(/^currentPassword: /) } });
            const weak = await changeOwn(cookie, { currentPassword: babbage.password, newPassword: 'short' });
            expect(weak.status).toBe(400);
            expect(weak.body).toEqual({ error: { code: 'BadArgument', message: 'newPassword: a password needs at least 12 characters' } });
            const missing = await changeOwn(cookie, { newPassword: 'babbage new passphrase' });
            expect([missing.status, missing.body.error.message]).toEqual([400, expect.stringMatching(/^currentPassword: /)]);
            expect((await api('/api/advisor/me', { cookie })).status).toBe(200);
            expect(await signInStatus(babbage)).toBe('/advisor');
            expect(await auditOf('babbage')).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'password-change-failed' })]));
        });

        it('counts wrong current passwords as the sign-in form does: the fifth locks (429, naming the field)', async () => {
            const turing = await newAdvisor('turing');
            const cookie = await signIn(turing);
            const statuses: number[] = [];
            for (let i = 0; i < 6; i++) statuses.push((await changeOwn(cookie, { currentPassword: `wrong guess number ${i}`, newPassword: 'turing new passphrase' })).status);
            expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
            const locked = await changeOwn(cookie, { currentPassword: turing.password, newPassword: 'turing new passphrase' });
            expect(locked.status).toBe(429);
            expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
            expect(locked.body.error.message).toMatch(/^currentPassword: /);
        }, 30_000);

        it('lets an admin reset another account’s password, which ends its sessions', async () => {
            const lamarr = await newAdvisor('lamarr');
            const cookie = await signIn(lamarr);
            const reset = await admin('/api/advisor/accounts/LAMARR/password', { method: 'POST', body: { newPassword: 'lamarr reset passphrase' } });
            expect(reset.status).toBe(204);
            expect((await api('/api/advisor/me', { cookie })).status).toBe(401);
            expect(await signInStatus(lamarr)).toBe('/advisor/sign-in?error=invalid');
            expect(await signInStatus({ username: 'lamarr', password: 'lamarr reset passphrase' })).toBe('/advisor');
            expect(await auditOf('lamarr')).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'ada', action: 'account', target: 'lamarr', detail: expect.stringMatching(/password reset/) })]));
            const weak = await admin('/api/advisor/accounts/lamarr/password', { method: 'POST', body: { newPassword: 'short' } });
            expect([weak.status, weak.body.error.message]).toEqual([400, 'newPassword: a password needs at least 12 characters']);
            const unknown = await admin('/api/advisor/accounts/nobody/password', { method: 'POST', body: { newPassword: 'a long enough passphrase' } });
            expect(unknown.status).toBe(404);
            // An admin's own password needs the current one: "reset" is for others.
            const own = await admin('/api/advisor/accounts/ada/password', { method: 'POST', body: { newPassword: 'a long enough passphrase' } });
            expect([own.status, own.body.error.message]).toEqual([400, expect.stringMatching(/^username: /)]);
            expect(await signInStatus(ADMIN)).toBe('/advisor');
        });

        it('refuses a reset by an advisor (403), and the admin’s password stays', async () => {
            const noether = await newAdvisor('noether');
            const cookie = await signIn(noether);
            const refused = await api('/api/advisor/accounts/ada/password', { cookie, method: 'POST', body: { newPassword: 'taken over passphrase' } });
            expect(refused.status).toBe(403);
            expect(refused.body.error.code).toBe('Forbidden');
            expect(await signInStatus(ADMIN)).toBe('/advisor');
        });

        it('refuses both from another origin (403 CrossOrigin), and nothing changes', async () => {
            const curie = await newAdvisor('curie');
            const cookie = await signIn(curie);
            const other = `http://127.0.0.1:${Number(new URL(base).port) - 1}`;
            const post = (path: string, withCookie: string, body: unknown) =>
                fetch(`${base}${path}`, { method: 'POST', headers: { cookie: withCookie, origin: other, 'content-type': 'application/json' }, body: JSON.stringify(body) });
            for (const response of [
                await post('/api/advisor/me/password', cookie, { currentPassword: curie.password, newPassword: 'curie attacker passphrase' }),
                await post('/api/advisor/accounts/curie/password', adminCookie, { newPassword: 'curie attacker passphrase' }),
            ]) {
                expect(response.status).toBe(403);
                expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CrossOrigin');
            }
            expect((await api('/api/advisor/me', { cookie })).status).toBe(200);
            expect(await signInStatus(curie)).toBe('/advisor');
        });
    });

    describe('changes from another origin (CSRF)', () => {
        // A page on the same host at another port: the same site, so a SameSite=Strict cookie goes along.
        const other = () => `http://127.0.0.1:${Number(new URL(base).port) - 1}`;
        /** A plain HTML form post, as another page would make it: the cookie goes along, the origin is the page's. */
        const formPost = (path: string, cookie: string | undefined, fields: Record<string, string> = {}, method = 'POST', origin = other()) =>
            fetch(`${base}${path}`, {
                method,
                redirect: 'manual',
                headers: { ...(cookie ? { cookie } : {}), origin, 'content-type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams(fields).toString(),
            });
        const expectCrossOrigin = async (response: globalThis.Response) => {
            expect(response.status).toBe(403);
            expect(response.headers.get('set-cookie')).toBeNull();
            expect(await response.json()).toEqual({ error: { code: 'CrossOrigin', message: expect.stringContaining(base) } });
        };

        it('refuses claiming and completing a follow-up, and changes nothing', async () => {
            await bot.join('visitor-csrf');
            for (const text of ['can I talk to someone?', 'yes', 'Sam Doe', 'sam@example.org', 'night shifts']) await bot.say('visitor-csrf', text);
            const request = (await admin('/api/advisor/follow-ups?status=open')).body.followUps.find((f: { conversationId: string }) => f.conversationId === 'visitor-csrf');
            for (const action of ['claim', 'complete']) {
                await expectCrossOrigin(await formPost(`/api/advisor/follow-ups/${request.id}/${action}`, adminCookie));
                // A form cannot send JSON; even with the right type, another origin is refused.
                const json = await fetch(`${base}/api/advisor/follow-ups/${request.id}/${action}`, { method: 'POST', headers: { cookie: adminCookie, origin: other(), 'content-type': 'application/json' }, body: '{}' });
                await expectCrossOrigin(json);
            }
            expect((await admin('/api/advisor/follow-ups?status=open')).body.followUps.map((f: { id: number }) => f.id)).toContain(request.id);
            expect((await admin('/api/advisor/audit')).body.entries.filter((e: { target?: string }) => e.target === String(request.id))).toEqual([]);
            // The console's own request still works.
            expect((await admin(`/api/advisor/follow-ups/${request.id}/claim`, { method: 'POST' })).body).toMatchObject({ status: 'claimed', claimedBy: 'ada' });
        });

        it('refuses signing out, and the session goes on', async () => {
            const cookie = await signIn(ADMIN);
            await expectCrossOrigin(await formPost('/advisor/sign-out', cookie));
            expect((await api('/api/advisor/me', { cookie })).status).toBe(200);
        });

        it('refuses signing in (the attacker’s account in the advisor’s browser): no cookie', async () => {
            await expectCrossOrigin(await formPost('/advisor/sign-in', undefined, ADMIN));
        });

        it('refuses account changes and deletions, and nothing changes', async () => {
            await expectCrossOrigin(await formPost('/api/advisor/accounts', adminCookie, { username: 'mallory', password: 'x'.repeat(20), role: 'admin' }));
            await expectCrossOrigin(await formPost(`/api/advisor/accounts/${ADVISOR.username}`, adminCookie, { role: 'admin' }, 'PATCH'));
            await expectCrossOrigin(await formPost(conversationPath('visitor-salary'), adminCookie, { notes: 'x' }, 'PATCH'));
            await expectCrossOrigin(await formPost(conversationPath('visitor-salary'), adminCookie, {}, 'DELETE'));
            const accounts = (await admin('/api/advisor/accounts')).body.accounts;
            expect(accounts.map((a: { username: string }) => a.username)).not.toContain('mallory');
            expect(accounts.find((a: { username: string }) => a.username === ADVISOR.username)).toMatchObject({ role: 'advisor' });
            expect((await admin(conversationPath('visitor-salary'))).body).toMatchObject({ notes: '' });
        });

        it('refuses a change with no Origin and no Sec-Fetch-Site, and an API change from the console that is not JSON', async () => {
            const noOrigin = await fetch(`${base}${conversationPath('visitor-salary')}`, { method: 'DELETE', headers: { cookie: adminCookie } });
            expect(noOrigin.status).toBe(403);
            expect(((await noOrigin.json()) as { error: object }).error).toMatchObject({ code: 'CrossOrigin', message: expect.stringContaining(`Origin: ${base}`) });
            const form = await formPost(conversationPath('visitor-salary'), adminCookie, { notes: 'x' }, 'PATCH', base);
            expect(form.status).toBe(415);
            expect((await admin(conversationPath('visitor-salary'))).status).toBe(200);
        });
    });

    describe('deleting a conversation on request', () => {
        it('removes it, its follow-ups and its unanswered questions, and audits the deletion', async () => {
            expect((await admin(conversationPath('visitor-lost'), { method: 'DELETE' })).status).toBe(204);
            expect((await admin(conversationPath('visitor-lost'))).status).toBe(404);
            const insights = (await admin('/api/advisor/insights')).body;
            expect(insights.unanswered.find((g: { question: string }) => g.question === 'qwzx vbnm')).toBeUndefined();
            expect(insights.gaps).toEqual([]);
            const audit = await admin('/api/advisor/audit');
            expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['delete', 'export', 'view', 'annotate']));
        });
    });
});
