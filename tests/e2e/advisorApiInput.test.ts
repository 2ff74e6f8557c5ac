import fc from 'fast-check';
import { createBotClient } from '../../src/cli/botClient';
import { describeWithPostgres } from '../helpers/postgres';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

const ADMIN = { username: 'ada', password: 'correct horse battery' };
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The advisors' API on one storage: every bad parameter is a 400 naming it, never a 500. */
function describeApiInput(name: string, env: () => Record<string, string>): void {
    describe(`advisor API parameters on ${name}`, () => {
        let testApp: TestApp;
        let base: string;
        let cookie: string;
        let followUpId: number;

        beforeAll(async () => {
            testApp = await startTestApp({ ...bootstrapAdmin(ADMIN), ...env() });
            base = testApp.base;
            const bot = createBotClient(`${base}/api/messages`);
            await bot.join('input-1');
            await bot.say('input-1', 'how much do MLTs make?');
            await bot.join('input-2');
            for (const text of ['can I talk to someone?', 'yes', 'Jordan Lee', 'jordan@example.org', 'my degree']) await bot.say('input-2', text);
            cookie = await testApp.signIn(ADMIN);
            expect(cookie).toMatch(/^mltcb_advisor=/);
            followUpId = (await get('/api/advisor/follow-ups')).body.followUps[0].id;
        });
        afterAll(() => testApp?.close());

        async function get(path: string) {
            const response = await fetch(`${base}${path}`, { headers: { cookie } });
            const text = await response.text();
            let body: any = text;
            try {
                body = JSON.parse(text);
            } catch {
                // CSV stays text
            }
            return { status: response.status, body, text };
        }
        const post = (path: string) =>
            fetch(`${base}${path}`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: '{}' });

        it.each([
            ['/api/advisor/conversations?from=2024-13-45', 'from'],
            ['/api/advisor/conversations?from=0000-00-00', 'from'],
            ['/api/advisor/conversations?from=0000-01-01', 'from'],
            ['/api/advisor/conversations?to=9999-99-99', 'to'],
            ['/api/advisor/conversations?to=2023-02-29', 'to'],
            ['/api/advisor/conversations?from=2024-05-02&to=2024-05-01', 'to'],
            ['/api/advisor/conversations?continuationToken=junk', 'continuationToken'],
            [`/api/advisor/conversations?continuationToken=${base64url(['yesterday', 'webchat', 'x'])}`, 'continuationToken'],
            [`/api/advisor/conversations?continuationToken=${base64url(['+275760-09-13T00:00:00.000Z', 'webchat', 'x'])}`, 'continuationToken'],
            [`/api/advisor/conversations?continuationToken=${base64url(['2024-01-01T00:00:00.000Z', 'web\u0000chat', 'x'])}`, 'continuationToken'],
            [`/api/advisor/conversations?continuationToken=${base64url([1, 2, 3])}`, 'continuationToken'],
            ['/api/advisor/conversations?channel=web%00chat', 'channel'],
            ['/api/advisor/conversations?topic=astrology', 'topic'],
            ['/api/advisor/conversations?unanswered=yes', 'unanswered'],
            ['/api/advisor/conversations?limit=0', 'limit'],
            ['/api/advisor/conversations?limit=1e9', 'limit'],
            ['/api/advisor/conversations?from=2024-01-01&from=2024-02-01', 'from'],
            ['/api/advisor/conversations?unanswerd=true', '"unanswerd"'],
            ['/api/advisor/conversations.csv?from=2024-13-45', 'from'],
            ['/api/advisor/conversations.csv?continuationToken=junk', 'continuationToken'],
            ['/api/advisor/insights?from=2024-13-45', 'from'],
            ['/api/advisor/insights?to=9999-99-99', 'to'],
            ['/api/advisor/insights?from=0000-00-00', 'from'],
            ['/api/advisor/insights?from=2024-05-02&to=2024-05-01', 'to'],
            ['/api/advisor/review?from=2024-02-30', 'from'],
            ['/api/advisor/review?from=2024-05-02&to=2024-05-01', 'to'],
            ['/api/advisor/review?kind=gap', '"kind"'],
            ['/api/advisor/follow-ups?status=lost', 'status'],
            ['/api/advisor/audit?before=2024-13-45T00:00:00Z', 'before'],
            ['/api/advisor/audit?before=0000-01-01T00:00:00Z', 'before'],
            ['/api/advisor/audit?limit=501', 'limit'],
            ['/api/advisor/conversations/web%00chat/input-1', 'channelId'],
            ['/api/advisor/conversations/webchat/input%00-1/transcript', 'conversationId'],
        ])('answers GET %s with 400 naming %s', async (path, parameter) => {
            const { status, body } = await get(path);
            expect(status).toBe(400);
            expect(body).toEqual({ error: { code: 'BadArgument', message: expect.stringContaining(parameter) } });
            expect(body.error.message.startsWith(parameter)).toBe(true);
        });

        it.each(['1e30', '99999999999999999999', '-1', '1.5', 'abc'])('answers a claim of follow-up %s with 400 naming id', async (id) => {
            const response = await post(`/api/advisor/follow-ups/${id}/claim`);
            expect(response.status).toBe(400);
            expect(await response.json()).toEqual({ error: { code: 'BadArgument', message: expect.stringMatching(/^id: /) } });
        });

        it('still answers good parameters, the last and first days included, and a follow-up that does not exist with 404', async () => {
            for (const path of [
                '/api/advisor/conversations?from=2024-02-29&to=9999-12-31',
                '/api/advisor/conversations?from=0001-01-01&channel=webchat&unanswered=false&negative=false&followUp=true&reviewed=false&q=degree&limit=5',
                '/api/advisor/conversations.csv?to=9999-12-31',
                '/api/advisor/insights?from=0001-01-01&to=9999-12-31',
                '/api/advisor/review?from=0001-01-01&to=9999-12-31',
                '/api/advisor/follow-ups?status=open',
                '/api/advisor/audit?before=9999-12-31T23:59:59Z&limit=5',
            ]) {
                expect([path, (await get(path)).status]).toEqual([path, 200]);
            }
            expect((await get('/api/advisor/conversations?to=9999-12-31')).body.conversations).toHaveLength(2);
            expect((await post('/api/advisor/follow-ups/999999999999999/claim')).status).toBe(404);
            expect((await post(`/api/advisor/follow-ups/${followUpId}/claim`)).status).toBe(200);
        });

        it('pages with the continuation token it gave', async () => {
            const first = await get('/api/advisor/conversations?limit=1');
            expect(first.body.conversations).toHaveLength(1);
            const second = await get(`/api/advisor/conversations?limit=1&continuationToken=${encodeURIComponent(first.body.continuationToken)}`);
            expect(second.status).toBe(200);
            expect(second.body.conversations).toHaveLength(1);
            expect(second.body.conversations[0].conversationId).not.toBe(first.body.conversations[0].conversationId);
        });

        it('never answers a random query string of a list route with a 5xx; every refusal is a 400 with the error body', async () => {
            const names = ['from', 'to', 'channel', 'topic', 'unanswered', 'negative', 'followUp', 'reviewed', 'q', 'continuationToken', 'limit', 'status', 'before', 'x'];
            const day = fc
                .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
                .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
            const token = fc
                .tuple(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer()), fc.string(), fc.string())
                .map((position) => base64url(position));
            const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), day, token, fc.constantFrom('true', 'false', '', '0', '-1', '1e400', 'NaN', '%00'));
            const query = fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());
            const route = fc.constantFrom('/api/advisor/conversations', '/api/advisor/conversations.csv', '/api/advisor/insights', '/api/advisor/follow-ups', '/api/advisor/audit');
            await fc.assert(
                fc.asyncProperty(route, query, async (path, q) => {
                    const { status, body } = await get(`${path}?${q}`);
                    expect(status === 200 || status === 400).toBe(true);
                    if (status === 400) expect(body).toEqual({ error: { code: 'BadArgument', message: expect.any(String) } });
                }),
                { numRuns: 150 },
            );
        });
    });
}

describeApiInput('SQLite (STORAGE=memory)', () => ({ STORAGE: 'memory' }));

describeWithPostgres('advisor API parameters on PostgreSQL', (db) => {
    describeApiInput('PostgreSQL', () => {
        const url = new URL(db().url);
        url.searchParams.set('options', `-c search_path=${db().schema}`);
        return { STORAGE: 'postgres', DATABASE_URL: url.toString() };
    });
});
