import type { App } from '../../src/app';
import { createBotClient, BotClient } from '../../src/cli/botClient';
import { activityText } from '../../src/bot/activityText';
import { startTestApp } from '../helpers/testApp';

let app: App;
let base: string;
let client: BotClient;

beforeAll(async () => {
    ({ app, base } = await startTestApp());
    client = createBotClient(`${base}/api/messages`);
});
afterAll(() => app.shutdown(2000));

const messages = (replies: { type?: string }[]) => replies.filter((r) => r.type === 'message');
const text = (replies: object[]) => messages(replies).map(activityText).join('\n').toLowerCase();

describe('the bot over HTTP (/api/messages, expectReplies)', () => {
    it('welcomes a visitor once, however many times the channel reports the join', async () => {
        const first = await client.join('welcome-1');
        const second = await client.join('welcome-1');
        expect(text(first)).toContain('mlt career assistant');
        expect(messages(second)).toHaveLength(0);
    });

    it('does not welcome the bot itself', async () => {
        const response = await fetch(`${base}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
                type: 'conversationUpdate', channelId: 'webchat', serviceUrl: 'http://localhost', deliveryMode: 'expectReplies',
                conversation: { id: 'bot-joins' }, recipient: { id: 'bot' }, from: { id: 'user-1' }, membersAdded: [{ id: 'bot' }],
            }),
        });
        const body = (await response.json()) as { activities: object[] };
        expect(messages(body.activities)).toHaveLength(0);
    });

    it('answers a salary question with the BLS figure, its date and the answer trace', async () => {
        await client.join('salary-1');
        const replies = messages(await client.say('salary-1', 'how much do medical lab techs make?'));
        const all = text(replies);
        expect(all).toContain('57,380');
        expect(all).toContain('may 2023');
        expect(replies[0]).toMatchObject({ channelData: { answer: { source: expect.stringMatching(/knowledge|dialog/) } } });
    });

    it('sends an answer as the channel shows it: the source line rendered from the trace’s citations, which stay beside it', async () => {
        await client.join('cited-1');
        const [reply] = messages(await client.say('cited-1', 'how much do medical lab techs make?')) as { text?: string; channelData?: object }[];
        const { answer } = reply.channelData as { answer: { citations: { shortTitle: string; section: string }[] } };
        expect(answer.citations.length).toBeGreaterThan(0);
        const sourceLine = /\n\n_Sources?: (.*)_$/.exec(reply.text ?? '')?.[1] ?? '';
        // Each article by its short title; the sections stay in the trace, for the widget to show on demand.
        for (const { shortTitle, section } of answer.citations) {
            expect(sourceLine).toContain(shortTitle);
            expect(sourceLine).not.toContain(section);
        }
        // The sections it was rendered from are not sent.
        expect(Object.keys(reply.channelData ?? {})).toEqual(['answer']);
    });

    it('carries a dialog across turns: a licensure question, then a state', async () => {
        await client.join('licensure-1');
        const first = await client.say('licensure-1', 'do I need a license to work as an MLT?');
        expect(text(first)).toMatch(/which state/);
        const second = text(await client.say('licensure-1', 'tennessee'));
        expect(second).toContain('tennessee');
        expect(second).toMatch(/requires a license/);
    });

    it('holds back a question outside its subject and says what it can help with', async () => {
        const replies = messages(await client.say('oos-1', 'what will the weather be tomorrow?'));
        expect(replies[0]).toMatchObject({ channelData: { answer: { source: 'fallback' } } });
        expect(text(replies)).toMatch(/medical laboratory technician/);
        expect(text(replies)).not.toContain('57,380');
    });

    it('records a question it cannot answer, with personal data removed', async () => {
        const replies = messages(await client.say('unanswered-1', 'please email me at jo@example.org qwzx vbnm'));
        expect(replies[0]).toMatchObject({ channelData: { answer: { source: 'fallback' } } });
        const recorded = (await app.storage.unanswered.list(5)).find((q) => q.conversationId === 'unanswered-1');
        expect(recorded?.question).toContain('[email removed]');
        expect(recorded?.question).not.toContain('jo@example.org');
    });

    it('answers several questions in one reply, a part each in the order asked, and records the part it cannot answer', async () => {
        await client.join('several-1');
        const replies = messages(await client.say('several-1', 'how long is the mlt program and how much do MLTs make? do you wear scrubs?'));
        expect(replies).toHaveLength(1);
        expect(text(replies)).toMatch(/two-year[\s\S]*57,380[\s\S]*i don’t have an answer to “do you wear scrubs\?”/);
        expect(replies[0]).toMatchObject({
            channelData: {
                answer: {
                    source: 'knowledge',
                    ids: ['education-program-length', 'salary-figures'],
                    parts: [
                        { question: 'how long is the mlt program', source: 'knowledge', ids: ['education-program-length'] },
                        { question: 'how much do MLTs make?', source: 'knowledge', ids: ['salary-figures'] },
                        { question: 'do you wear scrubs?', source: 'fallback', reason: 'no-match', ids: [] },
                    ],
                },
            },
        });
        const recorded = (await app.storage.unanswered.list(20)).filter((q) => q.conversationId === 'several-1');
        expect(recorded.map((q) => q.question)).toEqual(['do you wear scrubs?']);
    });

    it('answers “hi” as small talk, with the menu, and records nothing as unanswered', async () => {
        await client.join('small-talk-1');
        const replies = messages(await client.say('small-talk-1', 'hi'));
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({ channelData: { answer: { source: 'dialog', dialog: 'small-talk', ids: [] } } });
        expect(text(replies)).toMatch(/medical laboratory technician/);
        expect(text(replies)).not.toMatch(/don’t have an answer/);
        expect((replies[0] as { suggestedActions?: { actions: unknown[] } }).suggestedActions?.actions.length).toBeGreaterThan(0);
        const recorded = (await app.storage.unanswered.list(50)).filter((q) => q.conversationId === 'small-talk-1');
        expect(recorded).toEqual([]);
    });

    it('keeps one conversation consistent when two messages arrive at once', async () => {
        await client.join('race-1');
        const start = messages(await client.say('race-1', 'is this career right for me? I’d like to take the quiz'));
        expect(start.at(-1)).toMatchObject({ channelData: { answer: { source: 'dialog', dialog: 'careerFit' } } });
        const [a, b] = await Promise.all([client.say('race-1', 'yes'), client.say('race-1', 'yes')]);
        // Both answers were applied, one after the other: the quiz moved two questions on, not one.
        const prompts = [text(a), text(b)];
        expect(prompts[0]).not.toEqual(prompts[1]);
        expect(prompts.join('\n')).not.toMatch(/don’t have an answer/);
    });
});

describe('bad requests', () => {
    const post = (body: string, contentType = 'application/json') =>
        fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

    it('answers 413 to a body over 256 KB', async () => {
        const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024), conversation: { id: 'big' }, serviceUrl: 'http://x' });
        expect((await post(big)).status).toBe(413);
    });

    it.each([
        ['malformed JSON', '{"type": "message",', 'application/json'],
        ['a body that is not an activity', '{"hello": "world"}', 'application/json'],
        ['an activity without a conversation', '{"type": "message", "serviceUrl": "http://x"}', 'application/json'],
        ['a JSON array', '[1, 2]', 'application/json'],
        ['the wrong content type', 'type=message', 'application/x-www-form-urlencoded'],
    ])('answers 400 to %s', async (_name, body, contentType) => {
        const response = await post(body, contentType);
        expect(response.status).toBe(400);
        expect(await response.text()).toMatch(/message/i);
    });

    it('answers an error thrown in a route with 500 and the error body, without the error’s message', async () => {
        // A route that fails the way a bug would: a plain Error, thrown from an async handler and from next(err).
        app.server.get('/test-only/throws', async () => {
            throw new Error('ENOENT: /srv/secret/path');
        });
        app.server.get('/test-only/next-error', (_req, _res, next) => next(new Error('db password rejected')));
        for (const path of ['/test-only/throws', '/test-only/next-error']) {
            const response = await fetch(`${base}${path}`);
            const body = await response.text();
            expect({ status: response.status, body: JSON.parse(body) }).toEqual({
                status: 500,
                body: { error: { code: 'ServiceError', message: 'something went wrong on the server; try again' } },
            });
        }
    });

    it('stays healthy afterwards', async () => {
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
    });
});
