import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { activityText } from '../../src/bot/activityText';
import { PROJECT_ROOT } from '../../src/config/paths';
import { describeWithPostgres } from '../helpers/postgres';
import { startTcpProxy, TcpProxy } from '../helpers/tcpProxy';
import { botMessages } from '../helpers/directLineClient';
import { freePort, startServer, StartedServer, waitUntilReady } from './startedServer';

if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.js'))) {
    throw new Error('tests/e2e/postgresOutage.test.ts needs the built bot: run `npm run build` first (npm install does it)');
}

/** Every request here gives up after this long: the bot used to leave turns unanswered for minutes. */
const REQUEST_LIMIT_MS = 20_000;
/** The apology is promised within 5 s (about 3.5 s measured); the bound is wide so a busy machine does not fail it. */
const APOLOGY_BOUND_MS = 15_000;
const APOLOGY = /sorry, something went wrong on my side/;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `url` through the proxy, in the suite's schema. */
function throughProxy(url: string, schema: string, port: number): string {
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    u.hostname = '127.0.0.1';
    u.port = String(port);
    return u.toString();
}

interface Timed<T> {
    ms: number;
    status: number;
    body: T;
}

/** A JSON request that gives up after REQUEST_LIMIT_MS; how long it took, its status and its body. */
async function call<T = Record<string, unknown>>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Timed<T>> {
    const started = Date.now();
    const response = await fetch(url, {
        method: init.method ?? 'GET',
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
    });
    const text = await response.text();
    return { ms: Date.now() - started, status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/**
 * Issue 12, finding 7, against the built bot on PostgreSQL behind a TCP proxy: a database whose packets are dropped
 * (the proxy stops forwarding and leaves sockets open), then one that refuses connections.
 */
describeWithPostgres('the started bot when PostgreSQL stops answering', (db) => {
    let proxy: TcpProxy;
    let bot: StartedServer;
    const dl = (path: string) => `${bot.url}/v3/directline${path}`;
    let chat: { token: string; conversationId: string; watermark: string };

    /** A message to `/api/messages` with `expectReplies`; the replies' text. */
    const ask = async (conversationId: string, text: string) => {
        const answer = await call<{ activities?: Partial<Activity>[] }>(`${bot.url}/api/messages`, {
            method: 'POST',
            body: {
                type: 'message', id: `m-${Math.random()}`, channelId: 'webchat', serviceUrl: 'http://localhost/unused', deliveryMode: 'expectReplies',
                conversation: { id: conversationId }, from: { id: 'visitor', role: 'user' }, recipient: { id: 'bot', role: 'bot' }, text,
            },
        });
        expect(answer.status).toBe(200);
        return { ms: answer.ms, text: (answer.body.activities ?? []).map(activityText).join('\n').toLowerCase() };
    };
    const post = (text: string) => call<{ id?: string; error?: { code: string; message: string } }>(dl(`/conversations/${chat.conversationId}/activities`), { method: 'POST', token: chat.token, body: { type: 'message', from: { id: 'visitor' }, text } });
    const poll = () => call<{ activities?: Activity[]; watermark?: string; error?: { code: string; message: string } }>(dl(`/conversations/${chat.conversationId}/activities?watermark=${chat.watermark}`), { token: chat.token });
    /** Polls until the bot has answered after the watermark (up to 10 s); moves the watermark on. */
    const answerOnDirectLine = async () => {
        for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
            const page = await poll();
            expect(page.status).toBe(200);
            const replies = botMessages(page.body.activities ?? []);
            if (replies.length > 0) {
                chat.watermark = page.body.watermark ?? chat.watermark;
                return replies.map(activityText).join('\n').toLowerCase();
            }
        }
        throw new Error('the bot did not answer on Direct Line within 10 s');
    };
    /**
     * Direct Line during the outage: a post gets a 503 with the error body (Web Chat offers "retry"), never a 500; a poll
     * gets an empty page at the same watermark, since DirectLineJS stops polling for good on a 5xx poll.
     */
    const expectDirectLineToSayUnavailable = async () => {
        const posted = await post('how long is an MLT program?');
        expect(posted.ms).toBeLessThan(APOLOGY_BOUND_MS);
        expect(posted.status).toBe(503);
        expect(posted.body.error).toEqual({ code: 'ServiceError', message: expect.stringMatching(/try again/) });
        const polled = await poll();
        expect(polled.ms).toBeLessThan(APOLOGY_BOUND_MS);
        expect(polled.status).toBe(200);
        expect(polled.body).toEqual({ activities: [], watermark: chat.watermark });
    };
    /** Waits until `/readyz` says the database answers again (up to 20 s). */
    const readyAgain = async () => {
        for (const until = Date.now() + 20_000; Date.now() < until; await sleep(200)) {
            if ((await call(`${bot.url}/readyz`)).status === 200) return;
        }
        throw new Error('the bot was not ready again within 20 s of the database answering');
    };

    beforeAll(async () => {
        const target = new URL(db().url);
        proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
        bot = startServer({ STORAGE: 'postgres', DATABASE_URL: throughProxy(db().url, db().schema, proxy.port), RATE_LIMITS: 'off' }, await freePort());
        await waitUntilReady(bot);
        const issued = await call<{ token: string }>(dl('/tokens/generate'), { method: 'POST' });
        const started = await call<{ token: string; conversationId: string }>(dl('/conversations'), { method: 'POST', token: issued.body.token });
        chat = { token: started.body.token, conversationId: started.body.conversationId, watermark: '' };
        const page = await poll();
        chat.watermark = page.body.watermark ?? '';
    });
    afterAll(async () => {
        if (bot && bot.process.exitCode === null) {
            bot.process.kill('SIGTERM');
            await bot.exited;
        }
        await proxy?.close();
    });

    it('apologises within the bound while packets are dropped, answers 503 on Direct Line, and recovers when they flow again', async () => {
        expect((await ask('outage-1', 'how much do MLTs make?')).text).toContain('57,380');
        expect((await post('what does an MLT do?')).status).toBe(200);
        expect(await answerOnDirectLine()).not.toMatch(APOLOGY);

        proxy.blackhole();
        const first = await ask('outage-1', 'what does an MLT do?');
        expect(first.text).toMatch(APOLOGY);
        expect(first.ms).toBeLessThan(APOLOGY_BOUND_MS);
        const other = await ask('outage-2', 'how much do MLTs make?');
        expect(other.text).toMatch(APOLOGY);
        expect(other.ms).toBeLessThan(APOLOGY_BOUND_MS);
        await expectDirectLineToSayUnavailable();
        expect((await call(`${bot.url}/healthz`)).status).toBe(200);
        expect((await call(`${bot.url}/readyz`)).status).toBe(503);

        await proxy.restore();
        await readyAgain();
        expect((await ask('outage-1', 'what does an MLT do?')).text).not.toMatch(/something went wrong/);
        expect((await post('how much do MLTs make?')).status).toBe(200);
        expect(await answerOnDirectLine()).toContain('57,380');
        expect(bot.process.exitCode).toBeNull();
        process.stdout.write(`packets dropped: apology after ${first.ms} ms (first turn), ${other.ms} ms (next)\n`);
    }, 120_000);

    it('apologises, and answers 503 on Direct Line, while connections are refused; recovers when they are not', async () => {
        await proxy.refuse();
        const during = await ask('outage-3', 'what does an MLT do?');
        expect(during.text).toMatch(APOLOGY);
        expect(during.ms).toBeLessThan(APOLOGY_BOUND_MS);
        await expectDirectLineToSayUnavailable();

        await proxy.restore();
        await readyAgain();
        expect((await ask('outage-3', 'how much do MLTs make?')).text).toContain('57,380');
        expect((await post('what does an MLT do?')).status).toBe(200);
        expect(await answerOnDirectLine()).not.toMatch(APOLOGY);
        expect(bot.process.exitCode).toBeNull();
        expect(bot.output()).not.toMatch(/revoked|unhandled promise rejection|uncaught exception/);
        process.stdout.write(`connections refused: apology after ${during.ms} ms\n`);
    }, 120_000);
});
