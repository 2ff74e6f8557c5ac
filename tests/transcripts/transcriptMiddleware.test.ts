import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, MessageFactory, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import pino from 'pino';
import { FEEDBACK_EVENT } from '../../src/replies/answerFeedback';
import { answerReply } from '../../src/replies/answerContent';
import { withTrace, type Citation } from '../../src/replies/answerTrace';
import { RenderRepliesMiddleware } from '../../src/channels/renderReplies';
import type { Topic } from '../../src/knowledge/schema';
import { SqliteConversationLog } from '../../src/stores/sqlite/sqliteConversationLog';
import { markPersonalData, TranscriptMiddleware } from '../../src/transcripts/transcriptMiddleware';
import { FORMULA_START, loggedIdOf } from '../../src/transcripts/activityIds';

const CONTACT_MARKER = '[contact details given for a follow-up]';
const TOPICS: Record<string, Topic> = { 'salary-median': 'salary', 'salary-range': 'salary', 'licensure-hawaii': 'licensure' };

/** A small bot: answers with a trace, echoes on request, takes contact details, ignores events. */
async function bot(context: TurnContext): Promise<void> {
    if (context.activity.type === ActivityTypes.ConversationUpdate) {
        await context.sendActivity('Welcome!');
        return;
    }
    if (context.activity.type !== ActivityTypes.Message) return;
    const text = context.activity.text ?? '';
    if (text.startsWith('contact')) {
        markPersonalData(context, CONTACT_MARKER);
        await context.sendActivity('Thanks, an advisor will write to you.');
    } else if (text.startsWith('echo')) {
        await context.sendActivity(`You said: ${text}`);
    } else if (text.startsWith('several')) {
        await context.sendActivities([{ type: ActivityTypes.Typing }, { type: ActivityTypes.Message, text: 'First.' }, { type: ActivityTypes.Message, text: 'Second.' }]);
    } else if (text.startsWith('noisy')) {
        await context.sendActivities([{ type: ActivityTypes.Typing }, { type: ActivityTypes.Trace, name: 'debug', value: text }]);
        await context.sendActivity('Done.');
    } else {
        const ids = ['salary-median', 'licensure-hawaii', 'salary-range', 'not-an-entry'];
        await context.sendActivity(withTrace(MessageFactory.text('The median is $57,380.'), { source: 'knowledge', ids, score: 0.9 }));
    }
}

function setUp(log: SqliteConversationLog, options: { afterTranscript?: Parameters<TestAdapter['use']>[0] } = {}) {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const adapter = new TestAdapter(bot);
    adapter.use(new TranscriptMiddleware(log, { topicOf: (id) => TOPICS[id], logger }));
    if (options.afterTranscript) adapter.use(options.afterTranscript);
    const conversationId = adapter.conversation.conversation.id;
    const stored = () => log.activities('test', conversationId);
    return { adapter, lines, stored };
}

describe('TranscriptMiddleware', () => {
    let log: SqliteConversationLog;
    beforeEach(() => {
        log = new SqliteConversationLog(':memory:');
    });
    afterEach(() => log.close());

    describe('when a conversation runs', () => {
        it('logs everything in and out in order, without typing or trace activities', async () => {
            const { adapter, stored } = setUp(log);
            await adapter.processActivity({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User1' }] } as Partial<Activity>);
            expect(adapter.activeQueue.splice(0).map((a) => a.text)).toEqual(['Welcome!']);
            await adapter
                .send('what do MLTs earn?')
                .assertReply('The median is $57,380.')
                .send('noisy hello')
                .assertReply((typing) => expect(typing.type).toBe(ActivityTypes.Typing))
                .assertReply('Done.')
                .startTest();
            await adapter.processActivity({ type: ActivityTypes.Event, name: FEEDBACK_EVENT, entities: [{ '@type': 'LikeAction', '@id': 'urn:mlt-career-bot:rating:up?reply=1&ids=salary-median' }] } as never);
            await adapter.processActivity({ type: ActivityTypes.Invoke, name: 'composeExtension/query', value: { parameters: [{ name: 'searchText', value: 'mail jane@example.org' }] } } as never);
            const activities = await stored();
            expect(activities.map((a) => [a.from.role, a.type, a.text ?? a.name])).toEqual([
                ['user', 'conversationUpdate', undefined],
                ['bot', 'message', 'Welcome!'],
                ['user', 'message', 'what do MLTs earn?'],
                ['bot', 'message', 'The median is $57,380.'],
                ['user', 'message', 'noisy hello'],
                ['bot', 'message', 'Done.'],
                ['user', 'event', FEEDBACK_EVENT],
                ['user', 'invoke', 'composeExtension/query'],
            ]);
            expect(activities[0].membersAdded).toEqual([{ id: 'user1' }]);
            expect(activities[2].from).toEqual({ id: 'user1', role: 'user' });
            expect(activities[7].value).toEqual({ parameters: [{ name: 'searchText', value: 'mail [email removed]' }] });
            expect(await log.summary('test', adapter.conversation.conversation.id)).toMatchObject({ messageCount: 5, rating: { up: 1, down: 0 } });
        });

        it('labels an answer with the topics of its entries, once each', async () => {
            const { adapter, stored } = setUp(log);
            await adapter.send('what do MLTs earn?').assertReply((reply) => expect(reply.channelData.answer.topics).toBeUndefined()).startTest();
            const answer = (await stored())[1];
            expect(answer.channelData.answer).toMatchObject({ source: 'knowledge', topics: ['salary', 'licensure'] });
            expect((await log.summary('test', adapter.conversation.conversation.id))?.topics).toEqual(['salary', 'licensure']);
        });

        it('keeps a reply as the visitor saw it, rendered for the channel, with the trace and its citations', async () => {
            const citation: Citation = { source: 'med-tech-career-2026', title: 'A Career Guide', shortTitle: 'Career guide', section: 'Earning Potential', asOf: '2023-05' };
            const adapter = new TestAdapter(async (context) => {
                await context.sendActivity(answerReply([{ text: 'The median is $57,380.', citations: [citation] }], [], { source: 'knowledge', ids: ['salary-median'], score: 0.9 }));
            });
            adapter.use(new RenderRepliesMiddleware());
            adapter.use(new TranscriptMiddleware(log, { topicOf: (id) => TOPICS[id], logger: pino({ level: 'silent' }) }));
            await adapter.send('what do MLTs earn?').startTest();
            const [, answer] = await log.activities('test', adapter.conversation.conversation.id);
            expect(answer.text).toBe('The median is $57,380.\n\n_Source: Career guide, May 2023_');
            expect(answer.channelData).toEqual({ answer: { source: 'knowledge', ids: ['salary-median'], score: 0.9, citations: [citation], topics: ['salary'] } });
        });

        it('logs the incoming activity of a turn without a reply at the end of the turn', async () => {
            const { adapter, stored } = setUp(log);
            await adapter.processActivity({ type: ActivityTypes.Event, name: 'something' } as never);
            expect((await stored()).map((a) => a.name)).toEqual(['something']);
        });

        it('logs replies buffered for deliveryMode expectReplies', async () => {
            const { adapter, stored } = setUp(log);
            await adapter.processActivity({ type: ActivityTypes.Message, text: 'what do MLTs earn?', deliveryMode: 'expectReplies' } as never);
            expect((await stored()).map((a) => a.text)).toEqual(['what do MLTs earn?', 'The median is $57,380.']);
        });
    });

    describe('when a visitor types personal data', () => {
        it('stores neither the email, the phone number nor the visitor’s name anywhere in the database file', async () => {
            const file = join(mkdtempSync(join(tmpdir(), 'transcripts-')), 'bot.sqlite');
            const fileLog = new SqliteConversationLog(file);
            const { adapter } = setUp(fileLog);
            await adapter
                .send('echo jane.doe@example.org or 555-123-4567')
                .assertReply('You said: echo jane.doe@example.org or 555-123-4567')
                .startTest();
            const activities = await fileLog.activities('test', adapter.conversation.conversation.id);
            expect(activities[0].text).toBe('echo [email removed] or [phone removed]');
            await fileLog.close();
            const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
            expect(bytes).toContain('[email removed]');
            for (const secret of ['jane.doe@example.org', 'jane.doe', '555-123-4567', 'User1']) expect(bytes).not.toContain(secret);
        });

        it('stores a Direct Line client’s activity redacted in every field, and still counts a rating by its reference', async () => {
            const file = join(mkdtempSync(join(tmpdir(), 'transcripts-')), 'bot.sqlite');
            const fileLog = new SqliteConversationLog(file);
            const { adapter } = setUp(fileLog);
            const personal = ['cd.user@example.com', '111-22-3333', 'Mary@example.com', '4111.1111.1111.1111', '12 elm st', 'JOHN+tag@example.org', '555 1234'];
            // What a client may post to the built-in Direct Line: channel data, entities, an event's name and value.
            await adapter.processActivity({
                type: ActivityTypes.Event,
                name: 'note cd.user@example.com',
                value: { ssn: '111-22-3333', card: '4111.1111.1111.1111', 'Mary@example.com': 'key' },
                channelData: { clientActivityID: '1733312345678k3j2h', who: 'cd.user@example.com', where: ['12 elm st'] },
                entities: [{ type: 'note', text: 'JOHN+tag@example.org or 555 1234' }],
            } as never);
            await adapter.processActivity({
                type: ActivityTypes.Event,
                name: FEEDBACK_EVENT,
                entities: [{ '@type': 'DislikeAction', '@id': 'urn:mlt-career-bot:rating:down?reply=AbC-123_x%7C0000012&ids=salary-median%2Clicensure-hawaii' }],
                channelData: { clientActivityID: '1733312345679abcd' },
            } as never);
            const [event, rating] = await fileLog.activities('test', adapter.conversation.conversation.id);
            expect(event).toMatchObject({
                name: 'note [email removed]',
                value: { ssn: '[number removed]', card: '[number removed]', '[entries removed]': 1 },
                channelData: { clientActivityID: '1733312345678k3j2h', who: '[email removed]', where: ['[address removed]'] },
                entities: [{ type: 'note', text: '[email removed] or [phone removed]' }],
            });
            expect(rating.entities).toEqual([{ '@type': 'DislikeAction', '@id': 'urn:mlt-career-bot:rating:down?reply=AbC-123_x%7C0000012&ids=salary-median%2Clicensure-hawaii' }]);
            expect(await fileLog.summary('test', adapter.conversation.conversation.id)).toMatchObject({ rating: { up: 0, down: 1 } });
            await fileLog.close();
            const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('');
            expect(bytes).toContain('[email removed]');
            for (const secret of personal) expect(bytes.toLowerCase()).not.toContain(secret.toLowerCase());
        });

        it('logs the marker instead of the text of a turn a dialog marked', async () => {
            const { adapter, stored } = setUp(log);
            await adapter.send('contact me: Jane, jane@example.org').assertReply('Thanks, an advisor will write to you.').startTest();
            expect((await stored()).map((a) => a.text)).toEqual([CONTACT_MARKER, 'Thanks, an advisor will write to you.']);
        });

        it('leaves what the bot received and what the visitor gets as they were', async () => {
            const seen: Partial<Activity>[] = [];
            const { adapter } = setUp(log, {
                afterTranscript: {
                    onTurn: async (context, next) => {
                        context.onSendActivities(async (_c, activities, sendNext) => {
                            seen.push(...activities.map((a) => JSON.parse(JSON.stringify(a))));
                            return sendNext();
                        });
                        await next();
                        seen.push(context.activity);
                    },
                },
            });
            await adapter.send('echo jane@example.org').assertReply('You said: echo jane@example.org').startTest();
            const reply = seen.find((a) => a.type === ActivityTypes.Message && a.from?.id === 'bot');
            expect(reply).toMatchObject({ text: 'You said: echo jane@example.org', recipient: { id: 'user1', name: 'User1' } });
            expect(reply?.from?.role).toBeUndefined();
            expect(seen[seen.length - 1]).toMatchObject({ text: 'echo jane@example.org', from: { id: 'user1', name: 'User1' } });
        });
    });

    describe('ids', () => {
        /** A channel's send handler after the transcript: what it was handed, and the ids it answers with (none: the ids it got). */
        const channel = (answer?: (index: number) => string) => {
            const handed: { id?: string; loggedId?: string; type?: string }[] = [];
            const afterTranscript = {
                onTurn: async (context: TurnContext, next: () => Promise<void>) => {
                    context.onSendActivities(async (_c, activities, sendNext) => {
                        handed.push(...activities.map((a) => ({ id: a.id, loggedId: loggedIdOf(a), type: a.type })));
                        const responses = await sendNext();
                        return answer ? activities.map((_a, i) => ({ id: answer(i) })) : responses;
                    });
                    await next();
                },
            };
            return { handed, afterTranscript };
        };

        it('logs each reply under the id it is handed on with, which a channel keeping it (the built-in Direct Line) sees', async () => {
            const { handed, afterTranscript } = channel();
            const { adapter, stored } = setUp(log, { afterTranscript });
            await adapter.send('several').assertReply((a) => expect(a.type).toBe(ActivityTypes.Typing)).assertReply('First.').assertReply('Second.').startTest();
            const [question, first, second] = await stored();
            expect(question.text).toBe('several');
            const replies = handed.filter((h) => h.type === ActivityTypes.Message);
            expect(replies).toEqual([
                { id: first.id, loggedId: first.id, type: ActivityTypes.Message },
                { id: second.id, loggedId: second.id, type: ActivityTypes.Message },
            ]);
            // Typing is not logged, so it gets no id here: the channel gives it one of its own.
            expect(handed.find((h) => h.type === ActivityTypes.Typing)).toEqual({ id: undefined, loggedId: undefined, type: ActivityTypes.Typing });
            expect(first.id).not.toBe(second.id);
            for (const id of [first.id, second.id]) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
        });

        it('returns the logged ids with the replies of an expectReplies turn', async () => {
            const { adapter, stored } = setUp(log);
            const buffered: Partial<Activity>[] = [];
            adapter.use({
                onTurn: async (c, next) => {
                    await next();
                    buffered.push(...c.bufferedReplyActivities);
                },
            });
            await adapter.processActivity({ type: ActivityTypes.Message, text: 'what do MLTs earn?', deliveryMode: 'expectReplies' } as never);
            const logged = await stored();
            expect(logged.map((a) => a.text)).toEqual(['what do MLTs earn?', 'The median is $57,380.']);
            // What the adapter answers the request with: the buffered replies, under the ids they were logged with.
            expect(buffered.map((a) => [a.text, a.id])).toEqual([['The median is $57,380.', logged[1].id]]);
            expect(logged[1].id).not.toMatch(FORMULA_START);
        });

        it('gives the logged replies the ids a channel gave them on sending, by their place among what was sent', async () => {
            const { afterTranscript } = channel((i) => `1:channel-given-${i}`);
            const { adapter, stored } = setUp(log, { afterTranscript });
            await adapter.send('several').assertReply(() => undefined).assertReply('First.').assertReply('Second.').startTest();
            await adapter.send('echo hi').assertReply('You said: echo hi').startTest();
            const activities = await stored();
            expect(activities.map((a) => [a.text, a.id])).toEqual([
                ['several', expect.any(String)],
                ['First.', '1:channel-given-1'],
                ['Second.', '1:channel-given-2'],
                ['echo hi', expect.any(String)],
                ['You said: echo hi', '1:channel-given-0'],
            ]);
        });

        it('keeps the logged id when the channel answers with none, and goes on when the update fails', async () => {
            const { afterTranscript } = channel(() => '');
            const { adapter, stored } = setUp(log, { afterTranscript });
            await adapter.send('echo one').assertReply('You said: echo one').startTest();
            const [, reply] = await stored();
            expect(reply.id).toMatch(/^[A-Za-z0-9_]/);

            const failing = channel(() => 'channel-id');
            log.updateActivityIds = async () => {
                throw new Error('SQLITE_BUSY: database is locked');
            };
            const again = setUp(log, { afterTranscript: failing.afterTranscript });
            await again.adapter.send('echo my secret two').assertReply('You said: echo my secret two').startTest();
            const errors = again.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
            expect(errors).toEqual([expect.objectContaining({ msg: expect.stringContaining('ids their channel gave'), error: expect.objectContaining({ message: 'SQLITE_BUSY: database is locked' }) })]);
            expect(again.lines.join('\n')).not.toContain('secret');
        });
    });

    describe('when writing to the log', () => {
        it('awaits each write and logs a reply before handing it to the next send handler', async () => {
            const events: string[] = [];
            const write = log.logActivities.bind(log);
            log.logActivities = async (activities) => {
                await new Promise((resolve) => setTimeout(resolve, 20));
                events.push(`logged ${activities.map((a) => a.text).join(' + ')}`);
                return write(activities);
            };
            const { adapter } = setUp(log, {
                afterTranscript: {
                    onTurn: async (context, next) => {
                        context.onSendActivities(async (_c, activities, sendNext) => {
                            events.push(...activities.map((a) => `sent ${a.text}`));
                            return sendNext();
                        });
                        await next();
                    },
                },
            });
            await adapter.send('what do MLTs earn?').assertReply('The median is $57,380.').startTest();
            // The question and its reply in one write (one commit), before the reply goes on.
            expect(events).toEqual(['logged what do MLTs earn? + The median is $57,380.', 'sent The median is $57,380.']);
        });

        it('goes on with the conversation when the log fails, and reports it without the text', async () => {
            log.logActivities = async () => {
                throw new Error('SQLITE_FULL: database or disk is full');
            };
            const { adapter, lines } = setUp(log);
            await adapter.send('echo my secret question').assertReply('You said: echo my secret question').startTest();
            const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 50);
            expect(errors).toHaveLength(1);
            expect(errors[0]).toMatchObject({ msg: expect.stringContaining('could not log'), error: { message: 'SQLITE_FULL: database or disk is full' } });
            expect(lines.join('\n')).not.toContain('secret');
        });
    });
});
