import { createBotClient } from '../../src/cli/botClient';
import { activityText } from '../../src/bot/activityText';
import { describeWithPostgres } from '../helpers/postgres';
import { startTcpProxy, TcpProxy } from '../helpers/tcpProxy';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';
import { freePort, startServer, waitUntilReady, StartedServer } from './startedServer';

const textOf = (replies: object[]) => replies.map(activityText).join('\n').toLowerCase();

/** `url` with the schema as search_path, so an instance works in the suite's schema alone. */
function inSchema(url: string, schema: string, port?: number): string {
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    if (port) {
        u.hostname = '127.0.0.1';
        u.port = String(port);
    }
    return u.toString();
}

describeWithPostgres('several instances on one PostgreSQL', (db) => {
    describe('two bot processes on one database', () => {
        let a: StartedServer;
        let b: StartedServer;
        beforeAll(async () => {
            const env = { STORAGE: 'postgres', DATABASE_URL: inSchema(db().url, db().schema) };
            // Both start at once: their migrations and bootstrap must not collide.
            [a, b] = [startServer(env, await freePort()), startServer(env, await freePort())];
            await Promise.all([waitUntilReady(a), waitUntilReady(b)]);
        });
        afterAll(async () => {
            for (const server of [a, b]) server?.process.kill('SIGTERM');
            await Promise.all([a?.exited, b?.exited]);
        });

        it('carries one conversation across them mid-dialog: the question on one, the answer on the other', async () => {
            const onA = createBotClient(`${a.url}/api/messages`);
            const onB = createBotClient(`${b.url}/api/messages`);
            await onA.join('two-instances-1');
            expect(textOf(await onA.say('two-instances-1', 'do lab techs need a state license?'))).toMatch(/which state/);
            expect(textOf(await onB.say('two-instances-1', 'Hawaii'))).toContain('hawaii requires a license');
            // The welcome was given once, on A; B knows it was.
            expect(textOf(await onB.join('two-instances-1'))).toBe('');
        });

        it('loses no update when two messages of one conversation reach both instances at once', async () => {
            const onA = createBotClient(`${a.url}/api/messages`);
            const onB = createBotClient(`${b.url}/api/messages`);
            await onA.join('two-instances-2');
            await onA.say('two-instances-2', 'is this career right for me? quiz me');
            const [first, second] = await Promise.all([onA.say('two-instances-2', 'yes'), onB.say('two-instances-2', 'yes')]);
            // Both answers were applied, one after the other: the quiz moved on two questions, not one.
            expect(textOf(first)).not.toEqual(textOf(second));
            expect(textOf(first) + textOf(second)).not.toMatch(/don’t have an answer|something went wrong/);
            const next = textOf(await onB.say('two-instances-2', 'yes'));
            expect(next).not.toEqual(textOf(first));
            expect(next).not.toEqual(textOf(second));
        });

        it('shares the built-in Direct Line: a token from one instance works on the other', async () => {
            const token = (await (await fetch(`${a.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string; conversationId: string };
            const started = await fetch(`${b.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token.token}` } });
            expect(started.status).toBe(201);
            const page = await fetch(`${a.url}/v3/directline/conversations/${token.conversationId}/activities`, { headers: { authorization: `Bearer ${token.token}` } });
            expect(page.status).toBe(200);
            expect(JSON.stringify(await page.json())).toMatch(/MLT career assistant/);
        });
    });

    describe('the accounts API', () => {
        let testApp: TestApp;
        let base: string;
        const ADMIN = { username: 'pg-admin', password: 'pg admin passphrase' };
        beforeAll(async () => {
            testApp = await startTestApp({ STORAGE: 'postgres', DATABASE_URL: inSchema(db().url, db().schema), ...bootstrapAdmin(ADMIN) });
            base = testApp.base;
        });
        afterAll(() => testApp?.close());

        const call = async (cookie: string, path: string, method = 'GET', body?: unknown) => {
            const response = await fetch(`${base}${path}`, { method, headers: { cookie, origin: base, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
            return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        };

        it('creates an editor and changes its role; the editor signs in and is refused the admin pages (403)', async () => {
            const admin = await testApp.signIn(ADMIN);
            const editor = { username: 'pg-editor', password: 'pg editor passphrase' };
            expect(await call(admin, '/api/advisor/accounts', 'POST', { ...editor, role: 'editor' })).toMatchObject({ status: 201, body: { username: 'pg-editor', role: 'editor' } });
            const cookie = await testApp.signIn(editor);
            expect((await call(cookie, '/api/advisor/me')).body).toEqual({ username: 'pg-editor', role: 'editor' });
            expect((await call(cookie, '/api/advisor/accounts')).status).toBe(403);
            for (const role of ['admin', 'advisor', 'editor']) {
                expect(await call(admin, '/api/advisor/accounts/pg-editor', 'PATCH', { role })).toMatchObject({ status: 200, body: { role } });
            }
            // The bootstrap admin is the only admin: it cannot make itself an editor.
            expect((await call(admin, '/api/advisor/accounts/pg-admin', 'PATCH', { role: 'editor' })).status).toBe(400);
            expect((await call(admin, '/api/advisor/me')).body).toEqual({ username: 'pg-admin', role: 'admin' });
        });
    });

    describe('when the database goes away and comes back', () => {
        let proxy: TcpProxy;
        let testApp: TestApp;
        let base: string;
        beforeAll(async () => {
            const target = new URL(db().url);
            proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
            testApp = await startTestApp({ STORAGE: 'postgres', DATABASE_URL: inSchema(db().url, db().schema, proxy.port) });
            base = testApp.base;
        });
        afterAll(async () => {
            await testApp?.close();
            await proxy?.close();
        });

        it('apologises to the visitor, reports 503 on /readyz, stays up, and recovers by itself', async () => {
            const visitor = createBotClient(`${base}/api/messages`);
            await visitor.join('outage-1');
            expect(textOf(await visitor.say('outage-1', 'how much do MLTs make?'))).toContain('57,380');

            proxy.cut();
            const during = await visitor.say('outage-1', 'what does an MLT do?');
            expect(textOf(during)).toMatch(/sorry, something went wrong on my side/);
            expect((await fetch(`${base}/readyz`)).status).toBe(503);
            expect((await fetch(`${base}/healthz`)).status).toBe(200);

            await proxy.restore();
            let ready = 0;
            for (let i = 0; i < 50 && ready !== 200; i++) {
                ready = (await fetch(`${base}/readyz`)).status;
                if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
            }
            expect(ready).toBe(200);
            expect(textOf(await visitor.say('outage-1', 'what does an MLT do?'))).not.toMatch(/something went wrong/);
        });
    });
});
