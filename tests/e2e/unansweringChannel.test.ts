import { existsSync, mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBotClient } from '../../src/cli/botClient';
import { activityText } from '../../src/bot/activityText';
import { PROJECT_ROOT } from '../../src/config/paths';
import { freePort, startServer, StartedServer, waitUntilReady } from './startedServer';

if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.js'))) {
    throw new Error('tests/e2e/unansweringChannel.test.ts needs the built bot: run `npm run build` first (npm install does it)');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const textOf = (replies: object[]) => replies.map(activityText).join('\n').toLowerCase();

/** Posts a message to `/api/messages` as a channel without app credentials would, replies going to `serviceUrl`. */
async function postMessage(bot: StartedServer, conversationId: string, text: string, serviceUrl: string): Promise<number> {
    const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
            type: 'message',
            id: `m-${Math.random().toString(36).slice(2)}`,
            channelId: 'webchat',
            serviceUrl,
            conversation: { id: conversationId },
            from: { id: 'visitor', role: 'user' },
            recipient: { id: 'bot', role: 'bot' },
            text,
        }),
    });
    await response.arrayBuffer();
    return response.status;
}

/** Waits for the process to exit, up to `ms`; resolves with the exit code, or `'running'`. */
const exitedWithin = (bot: StartedServer, ms: number) => Promise.race([bot.exited, sleep(ms).then(() => 'running' as const)]);

/**
 * Issue 12, finding 3: botbuilder's ShowTypingMiddleware sent typing from a timer; a send that failed after the turn
 * had ended touched the revoked turn context, and the rejection ended the process.
 */
describe('the started bot, when a channel does not answer its replies', () => {
    let bot: StartedServer;
    const servers: (HttpServer | TcpServer)[] = [];
    const sockets = new Set<Socket>();
    const listen = async <S extends HttpServer | TcpServer>(server: S): Promise<string> => {
        servers.push(server);
        server.on('connection', (s: Socket) => {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    };

    // A bot for each test, so a crash in one does not fail the other.
    beforeEach(async () => {
        bot = startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bot-data-')) }, await freePort());
        await waitUntilReady(bot);
    });
    afterEach(async () => {
        if (bot.process.exitCode === null) {
            bot.process.kill('SIGKILL');
            await bot.exited;
        }
    });
    afterAll(async () => {
        for (const s of sockets) s.destroy();
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    });

    it('stays up when the typing indicator fails after its turn ended (a slow channel that refuses typing)', async () => {
        // Replies are taken after a second, so the turn outlasts the typing delay; typing is held longer, then refused:
        // the typing send is still in flight when the turn ends, and fails after it.
        const channel = await listen(
            createHttpServer((req, res) => {
                let body = '';
                req.on('data', (chunk) => (body += chunk));
                req.on('end', () => {
                    const typing = /"type"\s*:\s*"typing"/.test(body);
                    setTimeout(() => {
                        res.writeHead(typing ? 400 : 200, { 'content-type': 'application/json' });
                        res.end(typing ? '{"error":{"code":"BadArgument","message":"no"}}' : '{"id":"r"}');
                    }, typing ? 2_500 : 1_000);
                });
            }),
        );
        const statuses = await Promise.all([postMessage(bot, 'slow-channel', 'how much do MLTs make?', channel), postMessage(bot, 'slow-channel', 'what does an MLT do?', channel)]);
        expect(statuses).toEqual([200, 200]);
        // The typing sends fail about 2.5 s after they start; the crash came then.
        expect(await exitedWithin(bot, 6_000)).toBe('running');
        expect(bot.output()).not.toContain('revoked');
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        expect(textOf(await createBotClient(`${bot.url}/api/messages`).say('after-slow-channel', 'how much do MLTs make?'))).toContain('57,380');
    }, 30_000);

    it('stays up when the serviceUrl accepts connections and never answers, or refuses them', async () => {
        const silent = await listen(createTcpServer((s) => s.on('error', () => undefined)));
        const refusing = `http://127.0.0.1:${await freePort()}/`;
        // Nothing answers these turns' replies: their requests are not waited for.
        for (const serviceUrl of [silent, silent, refusing, refusing]) void postMessage(bot, `unanswered-${serviceUrl}`, 'how much do MLTs make?', serviceUrl).catch(() => undefined);
        expect(await exitedWithin(bot, 8_000)).toBe('running');
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        expect(textOf(await createBotClient(`${bot.url}/api/messages`).say('after-unanswered', 'what does an MLT do?'))).not.toMatch(/something went wrong/);
        expect(bot.process.exitCode).toBeNull();
    }, 30_000);
});
