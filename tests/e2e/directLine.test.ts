import { createServer as createHttpServer, Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import type { App } from '../../src/app';
import { activityText } from '../../src/bot/activityText';
import { botMessages, directLineClient } from '../helpers/directLineClient';
import { startTestApp } from '../helpers/testApp';

let app: App;
let origin: string;
let dl: ReturnType<typeof directLineClient>;

beforeAll(async () => {
    ({ app, base: origin } = await startTestApp());
    dl = directLineClient(`${origin}/v3/directline`);
});
afterAll(() => app.shutdown(2000));

const texts = (activities: { type?: string }[]) => botMessages(activities as never).map(activityText).join('\n');

describe('the built-in Direct Line 3.0 (over HTTP)', () => {
    describe('starting a conversation', () => {
        it('issues a token bound to a new conversation, and starting it returns 201 without a streamUrl', async () => {
            const issued = await dl.generate();
            expect(issued.status).toBe(200);
            expect(issued.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
            const started = await dl.start(issued.body.token);
            expect(started.status).toBe(201);
            expect(started.body.conversationId).toBe(issued.body.conversationId);
            expect(started.body).not.toHaveProperty('streamUrl');
        });

        it('shows the welcome once, even when the client starts the same conversation again', async () => {
            const conversation = await dl.open();
            expect(texts(conversation.activities)).toMatch(/MLT career assistant/);
            const again = await dl.start(conversation.token);
            expect(again.status).toBe(200);
            const { body } = await dl.poll(conversation.token, conversation.conversationId);
            expect(botMessages(body.activities)).toHaveLength(1);
        });
    });

    describe('posting and polling', () => {
        it('echoes the visitor’s message as plain text from the token’s user, then the answer with its trace, in order', async () => {
            const c = await dl.open();
            const posted = await dl.post(c.token, c.conversationId, {
                type: 'message',
                text: 'how much does an MLT earn?',
                from: { id: 'someone-else', name: 'Sam' },
                channelData: { clientActivityID: 'client-1' },
            });
            expect(posted.status).toBe(200);
            expect(posted.body.id).toMatch(new RegExp(`^${c.conversationId}\\|\\d{7}$`));

            const page = await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);
            const [echo, answer] = page.activities.filter((a) => a.type === 'message');
            expect(echo).toMatchObject({ id: posted.body.id, textFormat: 'plain', from: { role: 'user', name: 'Sam' }, channelData: { clientActivityID: 'client-1' } });
            expect(echo.from.id).not.toBe('someone-else');
            expect(echo.from.id).toMatch(/^dl_/);
            expect(activityText(answer)).toContain('57,380');
            expect(answer).toMatchObject({ replyToId: posted.body.id, from: { role: 'bot' }, channelData: { answer: { source: expect.stringMatching(/knowledge|dialog/) } } });
            expect(Number(page.watermark)).toBeGreaterThan(Number(c.watermark));

            const after = await dl.poll(c.token, c.conversationId, page.watermark);
            expect(after.body).toEqual({ activities: [], watermark: page.watermark });
        });

        it('carries a two-turn dialog: a licensure question, then a state', async () => {
            const c = await dl.open();
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'do I need a license to work as an MLT?' });
            const first = await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);
            expect(texts(first.activities).toLowerCase()).toMatch(/which state/);
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'tennessee' });
            const second = await dl.pollUntil(c.token, c.conversationId, first.watermark, (a) => botMessages(a).length > 0);
            expect(texts(second.activities).toLowerCase()).toMatch(/tennessee/);
        });

        it('resumes a conversation after a reload: a fresh token, and the whole history from the start', async () => {
            const c = await dl.open();
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'what is the job outlook for MLTs?' });
            await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);

            const resumed = await dl.resume(c.token, c.conversationId);
            expect(resumed.status).toBe(200);
            expect(resumed.body).toMatchObject({ conversationId: c.conversationId, token: expect.any(String), expires_in: 1800 });
            const history = await dl.poll(resumed.body.token, c.conversationId);
            const messages = history.body.activities.filter((a) => a.type === 'message');
            expect(messages.map((m) => m.from.role)).toEqual(['bot', 'user', 'bot']);
        });

        it('refreshes a token for the same conversation', async () => {
            const c = await dl.open();
            const refreshed = await dl.refresh(c.token);
            expect(refreshed.status).toBe(200);
            expect(refreshed.body.conversationId).toBe(c.conversationId);
            expect((await dl.poll(refreshed.body.token, c.conversationId)).status).toBe(200);
        });

        it('revokes the token a refresh replaced: it cannot be refreshed again, nor resume the conversation', async () => {
            const c = await dl.open();
            const refreshed = await dl.refresh(c.token);
            expect(refreshed.status).toBe(200);
            const again = await dl.refresh(c.token);
            expect(again.status).toBe(403);
            expect(again.body).toEqual({ error: { code: 'TokenExpired', message: expect.stringMatching(/replaced by a refreshed one/) } });
            expect((await dl.resume(c.token, c.conversationId)).status).toBe(403);
            expect((await dl.refresh(refreshed.body.token)).status).toBe(200);
        });

        it('limits refreshes to 6 in 10 minutes a conversation: 429 with Retry-After and the error body', async () => {
            const c = await dl.open();
            let token = c.token;
            for (let i = 0; i < 6; i++) {
                const refreshed = await dl.refresh(token);
                expect(refreshed.status).toBe(200);
                token = refreshed.body.token;
            }
            const refused = await dl.refresh(token);
            expect(refused.status).toBe(429);
            expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
            expect(refused.body).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(/for this conversation/) } });
            // The token the refusal did not replace is still good, and other conversations refresh as before.
            expect((await dl.poll(token, c.conversationId)).status).toBe(200);
            const other = await dl.open();
            expect((await dl.refresh(other.token)).status).toBe(200);
        });
    });

    describe('tokens', () => {
        it('lets a token read nothing of another conversation', async () => {
            const mine = await dl.open();
            const theirs = await dl.open();
            await dl.post(theirs.token, theirs.conversationId, { type: 'message', text: 'my email is jo@example.org' });
            const read = await dl.poll(mine.token, theirs.conversationId);
            expect(read.status).toBe(403);
            expect(read.body).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
            expect(JSON.stringify(read.body)).not.toContain('jo@example.org');
            expect((await dl.post(mine.token, theirs.conversationId, { type: 'message', text: 'hi' })).status).toBe(403);
            expect((await dl.resume(mine.token, theirs.conversationId)).status).toBe(403);
        });

        it.each([
            ['no token', undefined, 401, 'Unauthorized'],
            ['a malformed token', 'not-a-token', 401, 'Unauthorized'],
        ])('answers %s with %i', async (_name, token, status, code) => {
            const c = await dl.open();
            const read = await dl.poll(token as string, c.conversationId);
            expect(read.status).toBe(status);
            expect(read.body).toEqual({ error: { code, message: expect.any(String) } });
        });

        it('refuses a token signed with another key (401)', async () => {
            const c = await dl.open();
            const forged = jwt.sign({ conv: c.conversationId, user: 'dl_x' }, 'not-the-key', { issuer: 'mlt-career-bot', audience: 'directline', expiresIn: 600 });
            expect((await dl.poll(forged, c.conversationId)).status).toBe(401);
        });

        it('refuses an expired token with 403 TokenExpired, and will not refresh it', async () => {
            const c = await dl.open();
            const key = await app.storage.directLine.signingKey();
            const past = Math.floor(Date.now() / 1000) - 3600;
            const expired = jwt.sign({ conv: c.conversationId, user: 'dl_x', iat: past, exp: past + 1800 }, key, { issuer: 'mlt-career-bot', audience: 'directline' });
            const read = await dl.poll(expired, c.conversationId);
            expect(read.status).toBe(403);
            expect(read.body).toMatchObject({ error: { code: 'TokenExpired' } });
            expect((await dl.refresh(expired)).status).toBe(403);
        });

        it('answers 404 for a conversation that was never started', async () => {
            const { body } = await dl.generate();
            const read = await dl.poll(body.token, body.conversationId);
            expect(read.status).toBe(404);
            expect(read.body).toMatchObject({ error: { code: 'NotFound' } });
        });
    });

    describe('bad requests', () => {
        let c: Awaited<ReturnType<typeof dl.open>>;
        beforeAll(async () => {
            c = await dl.open();
        });

        it.each([
            ['an activity without a type', { text: 'hello' }, 'BadArgument'],
            ['an unknown activity type', { type: 'invoke', name: 'x' }, 'BadArgument'],
            ['a message without text', { type: 'message' }, 'BadArgument'],
            ['an event without a name', { type: 'event' }, 'BadArgument'],
            ['an attachment (an upload by another name)', { type: 'message', text: 'see file', attachments: [{ contentType: 'image/png', contentUrl: 'data:,' }] }, 'BadArgument'],
            ['text over 10,000 characters', { type: 'message', text: 'x'.repeat(10_001) }, 'MessageSizeTooBig'],
            ['a button value’s text over 10,000 characters', { type: 'message', value: { text: 'x'.repeat(10_001) } }, 'MessageSizeTooBig'],
            ['a button value’s question over 10,000 characters', { type: 'message', text: 'hi', value: { question: 'x'.repeat(10_001) } }, 'MessageSizeTooBig'],
            ['a JSON array', [1, 2], 'BadArgument'],
        ])('answers 400 to %s, with the reason', async (_name, body, code) => {
            const response = await dl.post(c.token, c.conversationId, body);
            expect(response.status).toBe(400);
            expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
        });

        it('holds the text a button value carries to the limit of text, naming the field (210,000 characters got through)', async () => {
            // A conversation of its own: the one at the limit is accepted, and the others expect nothing to be kept.
            const own = await dl.open();
            const response = await dl.post(own.token, own.conversationId, { type: 'message', value: { text: 'x'.repeat(210_000) } });
            expect(response.status).toBe(400);
            expect(response.body).toEqual({ error: { code: 'MessageSizeTooBig', message: 'expected "value.text" to be at most 10000 characters' } });
            const atLimit = await dl.post(own.token, own.conversationId, { type: 'message', value: { text: 'x'.repeat(10_000) } });
            expect(atLimit.status).toBe(200);
        });

        it('answers malformed JSON with 400 BadSyntax', async () => {
            const response = await fetch(`${origin}/v3/directline/conversations/${c.conversationId}/activities`, {
                method: 'POST',
                headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
                body: '{"type": "message",',
            });
            expect(response.status).toBe(400);
            expect(await response.json()).toMatchObject({ error: { code: 'BadSyntax' } });
        });

        it('refuses uploads with a clear message', async () => {
            const response = await fetch(`${origin}/v3/directline/conversations/${c.conversationId}/upload`, {
                method: 'POST',
                headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
                body: '{}',
            });
            expect(response.status).toBe(400);
            expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/does not accept file uploads/);
        });

        it('answers a watermark that is not a number with 400', async () => {
            expect((await dl.poll(c.token, c.conversationId, 'abc')).status).toBe(400);
        });

        it('keeps nothing of a refused activity, and the conversation goes on', async () => {
            const { body } = await dl.poll(c.token, c.conversationId, c.watermark);
            expect(body.activities).toEqual([]);
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'what does an MLT do?' });
            const page = await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);
            expect(botMessages(page.activities)).toHaveLength(1);
        });
    });

    describe('answer ratings', () => {
        it('offers thumbs on answers, takes a thumbs-down as an event and replies to it', async () => {
            const c = await dl.open();
            expect(c.activities[0].entities ?? []).toEqual([]);
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'what certifications can an MLT get?' });
            const page = await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);
            const [answer] = botMessages(page.activities);
            const entity = (answer.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as unknown as { potentialAction: { '@type': string }[] };
            const dislike = entity.potentialAction.find((a) => a['@type'] === 'DislikeAction');

            const rated = await dl.post(c.token, c.conversationId, { type: 'event', name: 'webchat:activity-status/feedback', entities: [dislike] });
            expect(rated.status).toBe(200);
            const after = await dl.pollUntil(c.token, c.conversationId, page.watermark, (a) => botMessages(a).length > 0);
            expect(after.activities[0]).toMatchObject({ id: rated.body.id, type: 'event', name: 'webchat:activity-status/feedback' });
            expect(texts(after.activities)).toMatch(/sorry that didn’t help/);
        });
    });

    it('answers CORS preflight requests, so the widget works on any site', async () => {
        const response = await fetch(`${origin}/v3/directline/conversations`, {
            method: 'OPTIONS',
            headers: { origin: 'https://college.example.edu', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
        });
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    });
});

describe('POST /api/directline/token (the widget’s token)', () => {
    it('without DIRECT_LINE_SECRET, gives a token for the built-in Direct Line', async () => {
        const response = await fetch(`${origin}/api/directline/token`, { method: 'POST' });
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const body = (await response.json()) as { token: string };
        expect(body).toEqual({ token: expect.any(String), conversationId: expect.any(String), expires_in: 1800, domain: null, webSocket: false });
        expect((await dl.start(body.token)).status).toBe(201);
    });

    describe('with DIRECT_LINE_SECRET (against a local stand-in for Azure)', () => {
        const SECRET = 'azure-secret-do-not-leak';
        let standIn: HttpServer;
        let standInUrl: string;
        let failing = false;
        const seen: { path?: string; authorization?: string; body: string }[] = [];

        beforeAll(async () => {
            standIn = createHttpServer((req, res) => {
                let body = '';
                req.on('data', (chunk) => (body += chunk));
                req.on('end', () => {
                    seen.push({ path: req.url, authorization: req.headers.authorization, body });
                    if (failing || req.headers.authorization !== `Bearer ${SECRET}`) {
                        res.writeHead(failing ? 500 : 403);
                        res.end(JSON.stringify({ error: { code: 'BadArgument', message: `bad secret ${req.headers.authorization}` } }));
                        return;
                    }
                    res.writeHead(200, { 'content-type': 'application/json' });
                    res.end(JSON.stringify({ conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 3600 }));
                });
            });
            await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
            standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/v3/directline`;
        });
        afterAll(() => new Promise<void>((resolve) => standIn.close(() => resolve())));

        it('exchanges the secret for a token and returns only the token', async () => {
            const { app: azureApp, base: azureOrigin } = await startTestApp({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: standInUrl });
            try {
                failing = false;
                const response = await fetch(`${azureOrigin}/api/directline/token`, { method: 'POST' });
                const text = await response.text();
                expect(response.status).toBe(200);
                expect(JSON.parse(text)).toEqual({ token: 'azure-token-1', conversationId: 'azure-conv-1', expires_in: 3600, domain: standInUrl, webSocket: true });
                expect(text).not.toContain(SECRET);
                expect(seen.at(-1)).toMatchObject({ path: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
                expect(JSON.parse(seen.at(-1)!.body)).toEqual({ user: { id: expect.stringMatching(/^dl_/) } });

                failing = true;
                const down = await fetch(`${azureOrigin}/api/directline/token`, { method: 'POST' });
                const downText = await down.text();
                expect(down.status).toBe(502);
                expect(JSON.parse(downText)).toMatchObject({ error: { code: 'BotError', message: expect.stringMatching(/not available/) } });
                expect(downText).not.toContain(SECRET);
            } finally {
                await azureApp.shutdown(2000);
            }
        });
    });
});
