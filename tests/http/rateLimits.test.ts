import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import type { AppOptions } from '../../src/app';
import { activityText } from '../../src/bot/activityText';
import { addressKey, RATE_LIMITS, RateLimitName } from '../../src/http/rateLimits';
import { botMessages, directLineClient } from '../helpers/directLineClient';
import { startTestApp, type TestApp } from '../helpers/testApp';

interface Reply {
    status: number;
    headers: IncomingHttpHeaders;
    /** The parsed JSON (or the text): each test reads the fields it knows. */
    body: any;
}
interface CallOptions {
    /** The local address the request leaves from: every 127.x.y.z is this machine, so each is a client of its own. */
    from?: string;
    token?: string;
    headers?: Record<string, string>;
    json?: unknown;
    /** A form post, as the console's own page sends it (with its origin). */
    form?: Record<string, string>;
}

const started: TestApp[] = [];

/** Starts the real app on a free port; `call` then makes one HTTP request to it from the address given. */
async function start(env: Record<string, string> = {}, options: AppOptions = {}) {
    const testApp = await startTestApp(env, options);
    started.push(testApp);
    const { base } = testApp;
    const port = Number(new URL(base).port);
    const call = (method: string, path: string, options: CallOptions = {}) =>
        new Promise<Reply>((resolve, reject) => {
            const body = options.json !== undefined ? JSON.stringify(options.json) : options.form ? new URLSearchParams(options.form).toString() : undefined;
            const headers = {
                ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
                ...(options.json !== undefined ? { 'content-type': 'application/json' } : options.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: base } : {}),
                ...options.headers,
            };
            const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, localAddress: options.from ?? '127.0.0.1' }, (res) => {
                let text = '';
                res.on('data', (chunk) => (text += chunk));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text && /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : text }));
            });
            req.on('error', reject);
            req.end(body);
        });
    /** A started Direct Line conversation, its token and id (the token and the start are counted against `from`). */
    const open = async (from: string) => {
        const issued = await call('POST', '/api/directline/token', { from });
        const begun = await call('POST', '/v3/directline/conversations', { from, token: issued.body.token });
        expect(begun.status).toBe(201);
        return { token: begun.body.token as string, id: begun.body.conversationId as string };
    };
    const say = (from: string, c: { token: string; id: string }, text = 'what does an MLT do?') =>
        call('POST', `/v3/directline/conversations/${c.id}/activities`, { from, token: c.token, json: { type: 'message', text } });
    const poll = (from: string, c: { token: string; id: string }, token = c.token) => call('GET', `/v3/directline/conversations/${c.id}/activities?watermark=`, { from, token });
    return { base, call, open, say, poll };
}
afterAll(() => Promise.all(started.map((testApp) => testApp.close())));

let lastAddress = 1;
/** A client address no other test has used, so each test starts with full budgets. */
const freshAddress = () => `127.0.0.${++lastAddress}`;

/** What a refusal must look like: 429, `Retry-After` in whole seconds within the window, and the usual error body. */
function expectTooMany(reply: Reply, name: RateLimitName, what: RegExp): void {
    expect(reply.status).toBe(429);
    const retryAfter = Number(reply.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS[name].durationSeconds);
    expect(reply.body).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(new RegExp(`${what.source}.*try again in ${retryAfter} seconds?$`)) } });
}

const SMALL: AppOptions['rateLimits'] = { tokens: { points: 3 }, conversationStarts: { points: 3 }, messages: { points: 2 }, messagesPerAddress: { points: 5 }, polls: { points: 4 }, channelActivities: { points: 3 }, signIns: { points: 3 } };
const ADVISOR = { username: 'lead', password: 'a long enough password' };
const activity = (conversationId: string, extra: object = {}) => ({
    type: 'message', text: 'what does an MLT do?', channelId: 'webchat', serviceUrl: 'http://localhost', deliveryMode: 'expectReplies',
    conversation: { id: conversationId }, from: { id: 'visitor' }, recipient: { id: 'bot' }, ...extra,
});

describe('RATE_LIMITS', () => {
    it('is frozen, limits included, and every limit lets something through', () => {
        expect(Object.isFrozen(RATE_LIMITS)).toBe(true);
        for (const limit of Object.values(RATE_LIMITS)) {
            expect(Object.isFrozen(limit)).toBe(true);
            expect(limit.points).toBeGreaterThan(0);
            expect(limit.durationSeconds).toBeGreaterThan(0);
        }
    });

    it('leaves a widget room: polls for two tabs polling once a second, messages for one every 4 s plus a rating of each answer', () => {
        const { polls, messages, messagesPerAddress } = RATE_LIMITS;
        expect(polls.points).toBeGreaterThanOrEqual(2 * polls.durationSeconds);
        expect(messages.points).toBeGreaterThanOrEqual(2 * (messages.durationSeconds / 4));
        expect(messagesPerAddress.points).toBeGreaterThanOrEqual(messages.points);
    });
});

describe('addressKey', () => {
    it.each([
        ['203.0.113.7', '203.0.113.7'],
        ['::ffff:203.0.113.7', '203.0.113.7'],
        ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
        ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
        ['2001:DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
        ['2001:db8::1', '2001:db8:0:0::/64'],
        ['::1', '0:0:0:0::/64'],
        ['fe80::1%eth0', 'fe80:0:0:0::/64'],
        ['unknown', 'unknown'],
    ])('counts %s as %s', (address, key) => {
        expect(addressKey(address)).toBe(key);
    });
});

describe('rate limits on the public endpoints (over HTTP, with small limits)', () => {
    let bot: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
        bot = await start({ ADVISOR_BOOTSTRAP_USER: ADVISOR.username, ADVISOR_BOOTSTRAP_PASSWORD: ADVISOR.password }, { rateLimits: SMALL });
    });

    it('counts the widget’s token and Direct Line’s tokens/generate together, per address', async () => {
        const [a, b] = [freshAddress(), freshAddress()];
        for (const path of ['/api/directline/token', '/v3/directline/tokens/generate', '/api/directline/token']) expect((await bot.call('POST', path, { from: a })).status).toBe(200);
        expectTooMany(await bot.call('POST', '/v3/directline/tokens/generate', { from: a }), 'tokens', /from this address/);
        expectTooMany(await bot.call('POST', '/api/directline/token', { from: a }), 'tokens', /from this address/);
        expect((await bot.call('POST', '/api/directline/token', { from: b })).status).toBe(200);
    });

    it('limits conversation starts per address', async () => {
        const [a, b] = [freshAddress(), freshAddress()];
        for (let i = 0; i < 3; i++) await bot.open(a);
        const { body } = await bot.call('POST', '/api/directline/token', { from: b });
        expectTooMany(await bot.call('POST', '/v3/directline/conversations', { from: a, token: body.token }), 'conversationStarts', /from this address/);
        expect((await bot.call('POST', '/v3/directline/conversations', { from: b, token: body.token })).status).toBe(201);
    });

    it('limits messages per conversation; the visitor’s other conversation goes on', async () => {
        const a = freshAddress();
        const [first, second] = [await bot.open(a), await bot.open(a)];
        for (let i = 0; i < 2; i++) expect((await bot.say(a, first)).status).toBe(200);
        expectTooMany(await bot.say(a, first), 'messages', /for this conversation/);
        expect((await bot.say(a, second)).status).toBe(200);
    });

    it('limits messages per address across conversations; another address is not affected', async () => {
        const [a, b] = [freshAddress(), freshAddress()];
        const conversations = [await bot.open(b), await bot.open(b), await bot.open(b)];
        for (const c of conversations.slice(0, 2)) for (let i = 0; i < 2; i++) expect((await bot.say(a, c)).status).toBe(200);
        expect((await bot.say(a, conversations[2])).status).toBe(200);
        expectTooMany(await bot.say(a, conversations[2]), 'messagesPerAddress', /from this address/);
        expect((await bot.say(b, conversations[2])).status).toBe(200);
    });

    it('answers a poll over the conversation’s limit with 429; other conversations keep polling', async () => {
        const a = freshAddress();
        const [busy, quiet] = [await bot.open(a), await bot.open(a)];
        for (let i = 0; i < 4; i++) expect((await bot.poll(a, busy)).status).toBe(200);
        expectTooMany(await bot.poll(a, busy), 'polls', /for this conversation/);
        expect((await bot.poll(a, quiet)).status).toBe(200);
    });

    it('does not let a request without the conversation’s token spend its budget', async () => {
        const a = freshAddress();
        const [mine, theirs] = [await bot.open(a), await bot.open(a)];
        for (let i = 0; i < 10; i++) expect((await bot.poll(a, mine, 'not-a-token')).status).toBe(401);
        for (let i = 0; i < 10; i++) expect((await bot.poll(a, mine, theirs.token)).status).toBe(403);
        for (let i = 0; i < 4; i++) expect((await bot.poll(a, mine)).status).toBe(200);
        expect((await bot.poll(a, mine)).status).toBe(429);
    });

    it('limits /api/messages per conversation, counting only activities the adapter took', async () => {
        for (let i = 0; i < 5; i++) expect((await bot.call('POST', '/api/messages', { json: activity('flood-1', { serviceUrl: '' }) })).status).toBe(400);
        for (let i = 0; i < 3; i++) expect((await bot.call('POST', '/api/messages', { json: activity('flood-1') })).status).toBe(200);
        expectTooMany(await bot.call('POST', '/api/messages', { json: activity('flood-1') }), 'channelActivities', /for this conversation/);
        expectTooMany(await bot.call('POST', '/api/messages', { json: activity('flood-1', { type: 'conversationUpdate' }) }), 'channelActivities', /for this conversation/);
        expect((await bot.call('POST', '/api/messages', { json: activity('flood-1', { channelId: 'msteams' }) })).status).toBe(200);
        const other = await bot.call('POST', '/api/messages', { json: activity('flood-2') });
        expect(other.status).toBe(200);
        expect(other.body.activities.filter((a: { type: string }) => a.type === 'message').map(activityText).join('\n')).toMatch(/laboratory/i);
    });

    it('limits advisor sign-in attempts per address, successful ones included', async () => {
        const [a, b] = [freshAddress(), freshAddress()];
        for (let i = 0; i < 3; i++) expect((await bot.call('POST', '/advisor/sign-in', { from: a, form: ADVISOR })).status).toBe(303);
        expectTooMany(await bot.call('POST', '/advisor/sign-in', { from: a, form: ADVISOR }), 'signIns', /from this address/);
        expect((await bot.call('POST', '/advisor/sign-in', { from: b, form: ADVISOR })).status).toBe(303);
    });

    it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot pose as many', async () => {
        const a = freshAddress();
        for (let i = 0; i < 3; i++) expect((await bot.call('POST', '/api/directline/token', { from: a, headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status).toBe(200);
        expect((await bot.call('POST', '/api/directline/token', { from: a, headers: { 'x-forwarded-for': '198.51.100.99' } })).status).toBe(429);
    });

    it('stays healthy, and a new visitor is answered', async () => {
        expect((await bot.call('GET', '/healthz')).status).toBe(200);
        expect((await bot.call('GET', '/readyz')).status).toBe(200);
        const a = freshAddress();
        const c = await bot.open(a);
        expect((await bot.say(a, c, 'how much does an MLT earn?')).status).toBe(200);
        const { body } = await bot.poll(a, c);
        expect(botMessages(body.activities).map(activityText).join('\n')).toContain('57,380');
    });
});

describe('rate limits with app credentials', () => {
    it('does not let unauthenticated requests spend a conversation’s /api/messages budget', async () => {
        const bot = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }, { rateLimits: SMALL });
        const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined); // the adapter prints each refusal
        try {
            for (let i = 0; i < 10; i++) {
                const reply = await bot.call('POST', '/api/messages', { json: activity('19:chat@thread.v2', { channelId: 'msteams', deliveryMode: undefined }), headers: { authorization: 'Bearer forged' } });
                expect(reply.status).toBe(401);
            }
        } finally {
            quiet.mockRestore();
        }
    });
});

describe('TRUST_PROXY and RATE_LIMITS', () => {
    it('with TRUST_PROXY, counts the address the proxy appended last to X-Forwarded-For', async () => {
        const bot = await start({ TRUST_PROXY: 'true' }, { rateLimits: { tokens: { points: 2 } } });
        const token = (forwardedFor: string) => bot.call('POST', '/api/directline/token', { headers: { 'x-forwarded-for': forwardedFor } });
        expect((await token('203.0.113.7')).status).toBe(200);
        expect((await token('10.0.0.1, 203.0.113.7')).status).toBe(200);
        expectTooMany(await token('10.0.0.2, 203.0.113.7'), 'tokens', /from this address/);
        expect((await token('203.0.113.7, 203.0.113.8')).status).toBe(200);
    });

    it('with RATE_LIMITS=off, lets every request through', async () => {
        const bot = await start({ RATE_LIMITS: 'off' }, { rateLimits: { tokens: { points: 1 } } });
        for (let i = 0; i < 5; i++) expect((await bot.call('POST', '/api/directline/token')).status).toBe(200);
    });
});

describe('a widget session with the production limits', () => {
    it('never meets a limit: token, start, a dozen questions each rated, a reload, and a minute’s polls in one window', async () => {
        const { base: origin } = await start();
        const dl = directLineClient(`${origin}/v3/directline`);
        const seen: number[] = [];
        const note = <T extends { status: number }>(reply: T) => (seen.push(reply.status), reply);
        const issued = (await fetch(`${origin}/api/directline/token`, { method: 'POST' }).then((r) => (seen.push(r.status), r.json()))) as { token: string };
        const { body: c } = note(await dl.start(issued.token));
        let watermark = note(await dl.poll(c.token, c.conversationId)).body.watermark;
        // Worst case for a fixed window: a fast visitor's whole minute lands in one.
        for (let i = 0; i < 12; i++) {
            note(await dl.post(c.token, c.conversationId, { type: 'message', text: 'how much does an MLT earn?' }));
            note(await dl.post(c.token, c.conversationId, { type: 'event', name: 'webchat:activity-status/feedback', value: { liked: true } }));
            for (let polls = 0; polls < 3; polls++) watermark = note(await dl.poll(c.token, c.conversationId, watermark)).body.watermark;
        }
        const { body: refreshed } = note(await dl.refresh(c.token));
        note(await dl.resume(refreshed.token, c.conversationId));
        for (let i = 0; i < 60; i++) note(await dl.poll(refreshed.token, c.conversationId, watermark));
        expect(seen.filter((status) => status === 429)).toEqual([]);
        expect(new Set(seen)).toEqual(new Set([200, 201]));
    });
});
