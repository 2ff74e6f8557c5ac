import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import pino from 'pino';
import { ConversationQueue } from '../../../src/bot/conversationQueue';
import { TypingIndicator } from '../../../src/bot/typingIndicator';
import { DirectLineChannel, DIRECT_LINE_TUNING } from '../../../src/channels/directLine/directLineChannel';
import { SqliteDirectLineStore } from '../../../src/stores/sqlite/sqliteDirectLineStore';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bot that answers in two parts with a pause between them, like a dialog that sends, works, then sends again. */
class SlowBot extends ActivityHandler {
    constructor(pauseMs: number) {
        super();
        this.onMessage(async (context, next) => {
            await context.sendActivity(`first part for ${context.activity.text}`);
            await sleep(pauseMs);
            await context.sendActivity(`second part for ${context.activity.text}`);
            await next();
        });
    }
}

function build(options: { store?: SqliteDirectLineStore; pauseMs?: number; turnWaitMs?: number; now?: () => Date; typing?: boolean; erasedCopyGraceMs?: number } = {}) {
    const store = options.store ?? new SqliteDirectLineStore(':memory:');
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    if (options.typing) adapter.use(new TypingIndicator({ logger, delayMs: 20, periodMs: 1000 }));
    adapter.use(new ConversationQueue());
    const channel = new DirectLineChannel({
        store,
        adapter,
        bot: new SlowBot(options.pauseMs ?? 0),
        logger,
        now: options.now,
        tuning: { turnWaitMs: options.turnWaitMs ?? DIRECT_LINE_TUNING.turnWaitMs, erasedCopyGraceMs: options.erasedCopyGraceMs ?? DIRECT_LINE_TUNING.erasedCopyGraceMs },
    });
    return { store, channel };
}

async function open(channel: DirectLineChannel) {
    const { token } = await channel.generateToken();
    const { conversation } = await channel.startConversation(`Bearer ${token}`, 'http://localhost/v3/directline');
    return { auth: `Bearer ${conversation.token}`, id: conversation.conversationId };
}

describe('DirectLineChannel', () => {
    describe('the copy of a conversation its visitor deleted', () => {
        /** A conversation with one exchange, handed to keepUntilDelivered; `erased` counts the calls of its eraser. */
        async function erasedByVisitor(options: { erasedCopyGraceMs?: number } = {}) {
            const { channel, store } = build(options);
            const c = await open(channel);
            await channel.postActivity(c.auth, c.id, { type: 'message', text: 'delete my chat' }, 'http://localhost');
            const erased: string[] = [];
            channel.keepUntilDelivered(c.id, async () => {
                erased.push(c.id);
                await store.deleteConversation(c.id);
            });
            return { channel, c, erased };
        }

        it('stays while the client has not read the last reply, and goes once a poll finds nothing new', async () => {
            const { channel, c, erased } = await erasedByVisitor();
            const page = await channel.listActivities(c.auth, c.id, '');
            expect(page.activities.map((a) => a.text)).toContain('second part for delete my chat');
            expect(erased).toEqual([]);
            expect((await channel.listActivities(c.auth, c.id, page.watermark)).activities).toEqual([]);
            expect(erased).toEqual([c.id]);
            await expect(channel.listActivities(c.auth, c.id, page.watermark)).rejects.toMatchObject({ status: 404 });
            await channel.close(100);
        });

        it('goes after erasedCopyGraceMs when the client never comes back', async () => {
            const { channel, erased, c } = await erasedByVisitor({ erasedCopyGraceMs: 30 });
            await sleep(80);
            expect(erased).toEqual([c.id]);
            await channel.close(100);
        });

        it('goes when the channel closes before either', async () => {
            const { channel, erased, c } = await erasedByVisitor();
            await channel.close(100);
            expect(erased).toEqual([c.id]);
        });
    });

    describe('when the bot sends a reply, pauses, and sends another', () => {
        it('returns the POST once the turn outlasts turnWaitMs, and the later reply still arrives, in order', async () => {
            const { channel, store } = build({ pauseMs: 300, turnWaitMs: 50 });
            const c = await open(channel);
            const started = Date.now();
            const { id } = await channel.postActivity(c.auth, c.id, { type: 'message', text: 'q1' }, 'http://localhost');
            expect(Date.now() - started).toBeLessThan(300);

            const early = await channel.listActivities(c.auth, c.id, '');
            expect(early.activities.map((a) => a.text)).toEqual(['q1', 'first part for q1']);

            await sleep(400);
            const late = await channel.listActivities(c.auth, c.id, early.watermark);
            expect(late.activities.map((a) => a.text)).toEqual(['second part for q1']);
            expect(late.activities[0]).toMatchObject({ replyToId: id });
            expect(Number(late.watermark)).toBe(Number(early.watermark) + 1);
            await channel.close();
            await store.close();
        });

        it('keeps two quick messages’ replies in the order the messages were sent', async () => {
            const { channel, store } = build({ pauseMs: 30 });
            const c = await open(channel);
            await Promise.all([
                channel.postActivity(c.auth, c.id, { type: 'message', text: 'a' }, 'http://localhost'),
                channel.postActivity(c.auth, c.id, { type: 'message', text: 'b' }, 'http://localhost'),
            ]);
            const { activities } = await channel.listActivities(c.auth, c.id, '');
            const replies = activities.filter((a) => a.from.role === 'bot').map((a) => a.text);
            // Each message's two parts stay together: with the bot's turn queue, turns of one conversation do not interleave.
            expect(replies).toEqual(['first part for a', 'second part for a', 'first part for b', 'second part for b']);
            await channel.close();
            await store.close();
        });
    });

    describe('typing', () => {
        it('shows the bot typing while a slow turn works, and not once it is history', async () => {
            let clock = Date.now();
            const { channel, store } = build({ pauseMs: 120, typing: true, now: () => new Date(clock) });
            const c = await open(channel);
            await channel.postActivity(c.auth, c.id, { type: 'message', text: 'slow' }, 'http://localhost');
            const live = await channel.listActivities(c.auth, c.id, '');
            expect(live.activities.some((a) => a.type === 'typing' && a.from.role === 'bot')).toBe(true);

            clock += DIRECT_LINE_TUNING.typingFreshMs + 1000;
            const later = await channel.listActivities(c.auth, c.id, '');
            expect(later.activities.some((a) => a.type === 'typing')).toBe(false);
            expect(later.activities.filter((a) => a.type === 'message')).toHaveLength(3);
            expect(later.watermark).toBe(live.watermark);
            await channel.close();
            await store.close();
        });
    });

    describe('retention', () => {
        it('deletes conversations idle for a day, and a token for one then finds nothing (404)', async () => {
            let clock = Date.now();
            const { channel, store } = build({ now: () => new Date(clock) });
            const c = await open(channel);
            await channel.postActivity(c.auth, c.id, { type: 'message', text: 'hello' }, 'http://localhost');
            expect(await channel.deleteIdle()).toBe(0);
            clock += DIRECT_LINE_TUNING.idleRetentionMs + 1000;
            expect(await channel.deleteIdle()).toBe(1);
            await expect(channel.listActivities(c.auth, c.id, '')).rejects.toMatchObject({ status: 404, code: 'NotFound' });
            await channel.close();
            await store.close();
        });
    });

    describe('refreshing a token', () => {
        const verified = (channel: DirectLineChannel, auth: string) => channel.verifyToken(auth);

        it('revokes the token it replaces: the old one polls and posts for the grace period only, the new one goes on', async () => {
            let clock = Date.now();
            const { channel, store } = build({ now: () => new Date(clock) });
            const c = await open(channel);
            const refreshed = await channel.refreshToken(await verified(channel, c.auth));
            expect(refreshed).toMatchObject({ conversationId: c.id, expires_in: 1800 });
            const fresh = `Bearer ${refreshed.token}`;

            // Requests sent before the client had the new token still land.
            clock += DIRECT_LINE_TUNING.replacedTokenGraceMs;
            await expect(channel.listActivities(c.auth, c.id, '')).resolves.toMatchObject({ watermark: expect.any(String) });
            clock += 1;
            const refused = { status: 403, code: 'TokenExpired', message: expect.stringMatching(/replaced by a refreshed one/) };
            await expect(channel.listActivities(c.auth, c.id, '')).rejects.toMatchObject(refused);
            await expect(channel.postActivity(c.auth, c.id, { type: 'message', text: 'late' }, 'http://localhost')).rejects.toMatchObject(refused);
            await expect(channel.listActivities(fresh, c.id, '')).resolves.toMatchObject({ watermark: expect.any(String) });
            await channel.close();
            await store.close();
        });

        it('refreshes a token once, and a replaced token mints nothing, even in its grace period', async () => {
            const { channel, store } = build();
            const c = await open(channel);
            const old = await verified(channel, c.auth);
            await channel.refreshToken(old);
            const refused = { status: 403, code: 'TokenExpired' };
            await expect(channel.refreshToken(old)).rejects.toMatchObject(refused);
            await expect(channel.resumeConversation(c.auth, c.id)).rejects.toMatchObject(refused);
            await expect(channel.startConversation(c.auth, 'http://localhost/v3/directline')).rejects.toMatchObject(refused);
            await channel.close();
            await store.close();
        });

        it('gives one new token between two refreshes of one token at once', async () => {
            const { channel, store } = build();
            const c = await open(channel);
            const old = await verified(channel, c.auth);
            const results = await Promise.allSettled([channel.refreshToken(old), channel.refreshToken(old)]);
            expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
            await channel.close();
            await store.close();
        });

        it('leaves the conversation’s other tokens alone (the widget keeps one, Web Chat another)', async () => {
            const { channel, store } = build();
            const { token: generated } = await channel.generateToken();
            const { conversation } = await channel.startConversation(`Bearer ${generated}`, 'http://localhost/v3/directline');
            await channel.refreshToken(await verified(channel, `Bearer ${generated}`));
            await expect(channel.listActivities(`Bearer ${conversation.token}`, conversation.conversationId, '')).resolves.toMatchObject({ watermark: expect.any(String) });
            await expect(channel.refreshToken(await verified(channel, `Bearer ${conversation.token}`))).resolves.toMatchObject({ conversationId: conversation.conversationId });
            await channel.close();
            await store.close();
        });
    });

    describe('across a restart (SQLite file)', () => {
        let dir: string;
        beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'directline-'))));
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it('accepts the same token and resumes the conversation with its history', async () => {
            const file = join(dir, 'bot.sqlite');
            const first = build({ store: new SqliteDirectLineStore(file) });
            const c = await open(first.channel);
            await first.channel.postActivity(c.auth, c.id, { type: 'message', text: 'before restart' }, 'http://localhost');
            await first.channel.close();
            await first.store.close();

            const second = build({ store: new SqliteDirectLineStore(file) });
            const resumed = await second.channel.resumeConversation(c.auth, c.id);
            const { activities } = await second.channel.listActivities(`Bearer ${resumed.token}`, c.id, '');
            expect(activities.map((a) => a.text)).toEqual(['before restart', 'first part for before restart', 'second part for before restart']);
            await second.channel.close();
            await second.store.close();
        });

        it('keeps a token a refresh replaced refused after a restart, and on another instance sharing the store', async () => {
            const file = join(dir, 'bot.sqlite');
            let clock = Date.now();
            const first = build({ store: new SqliteDirectLineStore(file), now: () => new Date(clock) });
            const other = build({ store: new SqliteDirectLineStore(file), now: () => new Date(clock) });
            const c = await open(first.channel);
            await first.channel.refreshToken(await first.channel.verifyToken(c.auth));
            await first.channel.close();
            await first.store.close();

            clock += DIRECT_LINE_TUNING.replacedTokenGraceMs + 1;
            const restarted = build({ store: new SqliteDirectLineStore(file), now: () => new Date(clock) });
            for (const { channel } of [restarted, other]) {
                await expect(channel.listActivities(c.auth, c.id, '')).rejects.toMatchObject({ status: 403, code: 'TokenExpired' });
                await expect(channel.refreshToken(await channel.verifyToken(c.auth))).rejects.toMatchObject({ status: 403 });
            }
            for (const { channel, store } of [restarted, other]) {
                await channel.close();
                await store.close();
            }
        });
    });
});
