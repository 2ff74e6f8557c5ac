import type { Activity } from 'botbuilder';
import { INSIGHT_LIMITS, type ConversationFilter, type ConversationLog } from '../../src/transcripts/conversationLog';
import type { Topic } from '../../src/knowledge/schema';
import type { AnswerTrace } from '../../src/replies/answerTrace';
import { describeConversationPaging } from './conversationPagingContract';
import { at, botSays, dialogTrace, exchange, knowledgeTrace, noMatchTrace, suggestionsTrace, visitorJoins, visitorRates, visitorSays } from './conversationFixtures';

/**
 * The behaviour every `ConversationLog` implementation must share; run against each one.
 * @param create returns a fresh, empty log (closed after each test)
 */
export function describeConversationLogContract(name: string, create: () => Promise<ConversationLog>): void {
    describe(`${name} (ConversationLog contract)`, () => {
        let log: ConversationLog;
        const logAll = async (activities: Activity[]) => {
            for (const activity of activities) await log.logActivity(activity);
        };
        const ids = async (filter: ConversationFilter) => (await log.listConversations(filter, { limit: 200 })).conversations.map((c) => c.conversationId);

        beforeEach(async () => {
            log = await create();
        });
        afterEach(async () => log.close());

        describe('as a TranscriptStore', () => {
            it('keeps activities in the order they arrived, as given, even when their clocks disagree', async () => {
                const question = visitorSays('c1', 'is a license required in hawaii?', 1);
                const late = botSays('c1', 'Yes, Hawaii licenses MLTs.', 0, question, knowledgeTrace(['licensure']));
                await logAll([visitorJoins('c1', 0.5), question, late]);
                const stored = await log.activities('webchat', 'c1');
                expect(stored.map((a) => a.type)).toEqual(['conversationUpdate', 'message', 'message']);
                expect(stored[1]).toMatchObject({ id: question.id, text: question.text, from: { id: 'visitor-1', role: 'user' } });
                expect(stored[2].channelData).toEqual({ answer: knowledgeTrace(['licensure']) });
                expect(new Date(stored[2].timestamp!).toISOString()).toBe(at(0).toISOString());
                expect(await log.summary('webchat', 'c1')).toMatchObject({ startedAt: at(0).toISOString(), lastActivityAt: at(1).toISOString() });
                const page = await log.getTranscriptActivities('webchat', 'c1');
                expect(page.items.map((a) => a.text)).toEqual(stored.map((a) => a.text));
                expect(page.continuationToken).toBeFalsy();
            });

            it('logs a turn’s activities together, in order, with the summary counting them all', async () => {
                const question = visitorSays('batch', 'how much do MLTs make?', 0);
                await log.logActivities([question, botSays('batch', 'The median is $57,380.', 0.5, question, knowledgeTrace(['salary']))]);
                expect((await log.activities('webchat', 'batch')).map((a) => a.text)).toEqual(['how much do MLTs make?', 'The median is $57,380.']);
                expect(await log.summary('webchat', 'batch')).toMatchObject({ messageCount: 2, topics: ['salary'] });
            });

            it('logs all of a batch or none of it', async () => {
                const broken = { ...visitorSays('atomic', 'second', 1), conversation: undefined } as unknown as Activity;
                await expect(log.logActivities([visitorSays('atomic', 'first', 0), broken])).rejects.toThrow(/conversation/);
                expect(await log.activities('webchat', 'atomic')).toEqual([]);
                expect(await log.summary('webchat', 'atomic')).toBeUndefined();
            });

            it('gives logged activities the ids their channel gave them, in that conversation only, body and all', async () => {
                const question = visitorSays('renamed', 'how much do MLTs make?', 0);
                const answer = { ...botSays('renamed', 'The median is $57,380 \u0000.', 0.5, question, knowledgeTrace(['salary'])), id: 'Bq7logged' } as Activity;
                const welcome = { ...botSays('renamed', 'Hi!', 0.1, undefined), id: 'Zz9welcome' } as Activity;
                const elsewhere = { ...botSays('other', 'Hi!', 0, undefined), id: 'Bq7logged' } as Activity;
                await log.logActivities([welcome, question, answer]);
                await log.logActivity(elsewhere);
                await log.updateActivityIds('webchat', 'renamed', [
                    { from: 'Bq7logged', to: 'renamed|0000003' },
                    { from: 'Zz9welcome', to: '1:teams-given' },
                    { from: 'never-logged', to: 'x' },
                ]);
                const stored = await log.activities('webchat', 'renamed');
                expect(stored.map((a) => a.id)).toEqual(['1:teams-given', question.id, 'renamed|0000003']);
                expect(stored[2]).toMatchObject({ text: 'The median is $57,380 \u0000.', replyToId: question.id, channelData: { answer: knowledgeTrace(['salary']) } });
                expect((await log.getTranscriptActivities('webchat', 'renamed')).items.map((a) => a.id)).toEqual(stored.map((a) => a.id));
                expect((await log.activities('webchat', 'other')).map((a) => a.id)).toEqual(['Bq7logged']);
                await log.updateActivityIds('webchat', 'renamed', []);
                expect(await log.summary('webchat', 'renamed')).toMatchObject({ messageCount: 3, topics: ['salary'] });
            });

            it('pages a long transcript 100 at a time, and honours startDate', async () => {
                await logAll(Array.from({ length: 250 }, (_, i) => visitorSays('long', `question ${i}`, i)));
                const pages: string[][] = [];
                let token: string | undefined;
                do {
                    const page = await log.getTranscriptActivities('webchat', 'long', token);
                    pages.push(page.items.map((a) => a.text!));
                    token = page.continuationToken || undefined;
                } while (token);
                expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
                expect(pages.flat()).toEqual(Array.from({ length: 250 }, (_, i) => `question ${i}`));
                await logAll(Array.from({ length: 100 }, (_, i) => visitorSays('exactly-one-page', `q ${i}`, i)));
                const exact = await log.getTranscriptActivities('webchat', 'exactly-one-page');
                expect([exact.items.length, exact.continuationToken]).toEqual([100, expect.not.stringMatching(/./)]);
                const since = await log.getTranscriptActivities('webchat', 'long', undefined, at(240));
                expect(since.items.map((a) => a.text)).toEqual(Array.from({ length: 10 }, (_, i) => `question ${240 + i}`));
            });

            it('lists the transcripts of one channel, oldest first, 100 at a time', async () => {
                for (let i = 0; i < 105; i++) await log.logActivity(visitorSays(`conv-${String(i).padStart(3, '0')}`, 'hi', i));
                await log.logActivity(visitorSays('elsewhere', 'hi', 0, { channelId: 'msteams' }));
                const first = await log.listTranscripts('webchat');
                expect([first.items.length, first.items[0]]).toEqual([100, { channelId: 'webchat', id: 'conv-000', created: at(0) }]);
                const second = await log.listTranscripts('webchat', first.continuationToken);
                expect(second.items.map((t) => t.id)).toEqual(['conv-100', 'conv-101', 'conv-102', 'conv-103', 'conv-104']);
                expect(second.continuationToken).toBeFalsy();
                expect((await log.listTranscripts('msteams')).items.map((t) => t.id)).toEqual(['elsewhere']);
                expect((await log.listTranscripts('nowhere')).items).toEqual([]);
                for (let i = 0; i < 100; i++) await log.logActivity(visitorSays(`full-${i}`, 'hi', i, { channelId: 'directline' }));
                const full = await log.listTranscripts('directline');
                expect([full.items.length, full.continuationToken]).toEqual([100, expect.not.stringMatching(/./)]);
            });

            it('deletes one transcript whole: activities, summary and search', async () => {
                await logAll([...exchange('gone', { minutes: 0, question: 'hawaii license?' }), ...exchange('kept', { minutes: 1, question: 'hawaii license?' })]);
                await log.deleteTranscript('webchat', 'gone');
                expect([await log.activities('webchat', 'gone'), (await log.getTranscriptActivities('webchat', 'gone')).items]).toEqual([[], []]);
                expect(await log.summary('webchat', 'gone')).toBeUndefined();
                expect(await ids({ text: 'hawaii' })).toEqual(['kept']);
                expect((await log.listTranscripts('webchat')).items.map((t) => t.id)).toEqual(['kept']);
            });
        });

        describe('summaries', () => {
            it('counts messages, topics (first seen first), unanswered questions and ratings', async () => {
                const q1 = visitorSays('c1', 'what do MLTs earn?', 1);
                const q2 = visitorSays('c1', 'can I apply with a biology degree?', 3);
                const q3 = visitorSays('c1', 'tell me about space travel', 5);
                await logAll([
                    visitorJoins('c1', 0),
                    botSays('c1', 'Welcome!', 0, undefined),
                    q1,
                    botSays('c1', 'The median is $57,380.', 1, q1, knowledgeTrace(['salary', 'job-outlook'])),
                    visitorRates('c1', 'up', 2),
                    q2,
                    botSays('c1', 'Did you mean…', 3, q2, suggestionsTrace(['advancement'])),
                    botSays('c1', 'Here is a pathway.', 4, q2, dialogTrace(['education', 'salary'])),
                    q3,
                    botSays('c1', 'Sorry, I can only help with MLT careers.', 5, q3, noMatchTrace()),
                    visitorRates('c1', 'down', 6),
                    visitorRates('c1', 'down', 7),
                ]);
                expect(await log.summary('webchat', 'c1')).toEqual({
                    channelId: 'webchat',
                    conversationId: 'c1',
                    startedAt: at(0).toISOString(),
                    lastActivityAt: at(7).toISOString(),
                    messageCount: 8,
                    topics: ['salary', 'job-outlook', 'education'],
                    unanswered: 1,
                    rating: { up: 1, down: 2 },
                    followUpRequested: false,
                    reviewed: false,
                    tags: [],
                    notes: '',
                    firstQuestion: 'what do MLTs earn?',
                });
                expect(await log.summary('webchat', 'unknown')).toBeUndefined();
                expect(await log.summary('msteams', 'c1')).toBeUndefined();
            });

            it('keeps the first question: the visitor’s first message that is not blank, cut to 200 characters', async () => {
                const long = 'é'.repeat(150) + '🙂'.repeat(100);
                await logAll([
                    visitorJoins('first', 0),
                    botSays('first', 'Welcome! Ask me anything.', 0, undefined),
                    visitorSays('first', ' \n\t ', 1),
                    { ...visitorSays('first', '', 2), value: { action: 'start' } } as Activity,
                    visitorSays('first', long, 3),
                    visitorSays('first', 'what do MLTs earn?', 4),
                ]);
                const summary = await log.summary('webchat', 'first');
                expect(summary?.firstQuestion).toBe('é'.repeat(150) + '🙂'.repeat(50));
                expect([...summary!.firstQuestion!]).toHaveLength(200);
                const page = await log.listConversations({}, { limit: 10 });
                expect(page.conversations.find((c) => c.conversationId === 'first')?.firstQuestion).toBe(summary?.firstQuestion);
            });

            it('has no first question until the visitor writes one, and never takes the bot’s words', async () => {
                await logAll([visitorJoins('quiet', 0), botSays('quiet', 'Welcome! Ask me anything.', 0, undefined)]);
                expect(await log.summary('webchat', 'quiet')).not.toHaveProperty('firstQuestion');
                await log.markFollowUpRequested('webchat', 'marked-first');
                await logAll([visitorSays('marked-first', 'can someone call me?', 1), visitorSays('marked-first', 'hello?', 2)]);
                expect((await log.summary('webchat', 'marked-first'))?.firstQuestion).toBe('can someone call me?');
            });

            it('tells the bot from the visitor by the bot id when activities carry no role', async () => {
                const question = { ...visitorSays('c1', 'what is cloud computing?', 0), from: { id: 'visitor-1' } } as Activity;
                const reply = { ...botSays('c1', 'Sorry.', 0, question, noMatchTrace()), from: { id: 'bot-1' } } as Activity;
                await logAll([question, reply]);
                expect((await log.summary('webchat', 'c1'))?.unanswered).toBe(1);
            });
        });

        describe('listing conversations', () => {
            beforeEach(async () => {
                await logAll([
                    ...exchange('old-salary', { minutes: -60 * 24 * 30, topics: ['salary'] }),
                    ...exchange('teams-unanswered', { minutes: 10, unanswered: true, channelId: 'msteams' }),
                    ...exchange('unhappy', { minutes: 20, topics: ['licensure'], rating: 'down', question: 'is a license required in Hawaii?' }),
                    ...exchange('happy', { minutes: 30, topics: ['salary', 'education'], rating: 'up' }),
                    ...exchange('follow-up', { minutes: 40, topics: ['certification'], question: 'how do I book the ASCP exam?' }),
                ]);
                await log.markFollowUpRequested('webchat', 'follow-up');
                await log.annotate('webchat', 'happy', { reviewed: true });
            });

            it('lists the newest activity first', async () => {
                expect(await ids({})).toEqual(['follow-up', 'happy', 'unhappy', 'teams-unanswered', 'old-salary']);
            });

            it.each<[string, ConversationFilter, string[]]>([
                ['from', { from: at(20) }, ['follow-up', 'happy', 'unhappy']],
                ['to (exclusive)', { to: at(20) }, ['teams-unanswered', 'old-salary']],
                ['channelId', { channelId: 'msteams' }, ['teams-unanswered']],
                ['topic', { topic: 'salary' }, ['happy', 'old-salary']],
                ['topic seen second', { topic: 'education' }, ['happy']],
                ['unanswered', { unanswered: true }, ['teams-unanswered']],
                ['answered', { unanswered: false }, ['follow-up', 'happy', 'unhappy', 'old-salary']],
                ['negativeRating', { negativeRating: true }, ['unhappy']],
                ['no negativeRating', { negativeRating: false }, ['follow-up', 'happy', 'teams-unanswered', 'old-salary']],
                ['followUpRequested', { followUpRequested: true }, ['follow-up']],
                ['no followUpRequested', { followUpRequested: false }, ['happy', 'unhappy', 'teams-unanswered', 'old-salary']],
                ['reviewed', { reviewed: true }, ['happy']],
                ['not reviewed', { reviewed: false }, ['follow-up', 'unhappy', 'teams-unanswered', 'old-salary']],
                ['text', { text: 'Hawaii' }, ['unhappy']],
                ['all combined', { from: at(0), to: at(35), channelId: 'webchat', topic: 'salary', unanswered: false, negativeRating: false, reviewed: true, followUpRequested: false, text: 'earn' }, ['happy']],
                ['a combination nothing matches', { topic: 'salary', negativeRating: true }, []],
            ])('filters by %s', async (_name, filter, expected) => {
                expect(await ids(filter)).toEqual(expected);
            });

            it.each<[string, string, string[]]>([
                ['a word in any case', 'HAWAII', ['unhappy']],
                ['a prefix', 'licen', ['unhappy']],
                ['every word', 'ascp exam', ['follow-up']],
                ['words that do not appear together', 'ascp hawaii', []],
                ['the bot’s words too', '57,380', ['follow-up', 'happy', 'unhappy', 'old-salary']],
            ])('searches text by %s', async (_name, text, expected) => {
                expect(await ids({ text })).toEqual(expected);
            });

            it.each(['"', '*', '"hawaii', 'hawaii"*', '(', 'NEAR(', 'AND', 'OR NOT', "'; DROP TABLE x; --", '-', '^', ':', '🙂', 'a"b'])(
                'answers odd search input %j without an error',
                async (text) => {
                    const page = await log.listConversations({ text });
                    expect(Array.isArray(page.conversations)).toBe(true);
                },
            );

            it('finds nothing for punctuation alone, and ignores a blank search', async () => {
                expect(await ids({ text: '"*' })).toEqual([]);
                expect(await ids({ text: '   ' })).toHaveLength(5);
            });
        });

        describeConversationPaging(() => log);

        describe('annotations', () => {
            beforeEach(async () => logAll(exchange('c1', { minutes: 0 })));

            it('sets reviewed, tags (trimmed, unique) and notes, keeping what is not changed', async () => {
                const first = await log.annotate('webchat', 'c1', { reviewed: true, tags: [' pay ', 'pay', '', 'Hawaii'], notes: 'Call back.' });
                expect(first).toMatchObject({ reviewed: true, tags: ['pay', 'Hawaii'], notes: 'Call back.' });
                const second = await log.annotate('webchat', 'c1', { notes: '' });
                expect(second).toMatchObject({ reviewed: true, tags: ['pay', 'Hawaii'], notes: '', messageCount: 2 });
                expect(await log.summary('webchat', 'c1')).toEqual(second);
            });

            it('accepts 20 tags of 40 characters and notes of 5,000', async () => {
                const tags = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(40, 'x'));
                await expect(log.annotate('webchat', 'c1', { tags, notes: 'n'.repeat(5000) })).resolves.toMatchObject({ tags });
            });

            it.each([
                ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
                ['a tag of 41 characters', { tags: ['x'.repeat(41)] }],
                ['notes of 5,001 characters', { notes: 'n'.repeat(5001) }],
            ])('refuses %s and changes nothing', async (_name, changes) => {
                await expect(log.annotate('webchat', 'c1', { reviewed: true, ...changes })).rejects.toThrow(/annotate\(\): /);
                expect(await log.summary('webchat', 'c1')).toMatchObject({ reviewed: false, tags: [], notes: '' });
            });

            it('answers undefined for an unknown conversation', async () => {
                expect(await log.annotate('webchat', 'nobody', { reviewed: true })).toBeUndefined();
            });

            it('marks a follow-up request', async () => {
                await log.markFollowUpRequested('webchat', 'c1');
                expect((await log.summary('webchat', 'c1'))?.followUpRequested).toBe(true);
            });
        });

        describe('retention', () => {
            it('deletes conversations whose last activity is before the cutoff, with their activities and search', async () => {
                await logAll([...exchange('old', { minutes: -100, question: 'hawaii?' }), ...exchange('edge', { minutes: 0 }), ...exchange('new', { minutes: 5 })]);
                expect(await log.deleteOlderThan(at(0))).toBe(1);
                expect(await log.summary('webchat', 'old')).toBeUndefined();
                expect(await log.activities('webchat', 'old')).toEqual([]);
                expect(await ids({ text: 'hawaii' })).toEqual([]);
                expect(await ids({})).toEqual(['new', 'edge']);
                expect(await log.deleteOlderThan(at(0))).toBe(0);
            });
        });

        describe('stats', () => {
            it('counts conversations per day, answers per topic, replies by source and ratings in [from, to)', async () => {
                const day2 = 60 * 24;
                const join = visitorJoins('a', 0);
                const rate = visitorRates('a', 'down', 3);
                await logAll([
                    join,
                    botSays('a', 'Welcome!', 0, join, { source: 'dialog', ids: [], score: 1 }),
                    ...exchange('a', { minutes: 1, topics: ['salary', 'licensure'] }),
                    ...exchange('a', { minutes: 2, topics: ['salary'], rating: 'up' }),
                    rate,
                    botSays('a', 'Sorry it did not help.', 3, rate, { source: 'dialog', ids: [], score: 1 }),
                    ...exchange('b', { minutes: 10, unanswered: true }),
                    ...exchange('c', { minutes: day2, topics: ['education'], rating: 'up' }),
                    ...exchange('outside', { minutes: 3 * day2, topics: ['duties'], rating: 'down' }),
                ]);
                const q = visitorSays('b', 'can you plan my path?', 11);
                await logAll([q, botSays('b', 'Step one…', 11, q, dialogTrace(['education']))]);
                expect(await log.stats(at(-1), at(3 * day2))).toEqual({
                    perDay: [
                        { day: '2025-03-10', conversations: 2 },
                        { day: '2025-03-11', conversations: 1 },
                    ],
                    perTopic: [
                        { topic: 'education', answers: 2 },
                        { topic: 'salary', answers: 2 },
                        { topic: 'licensure', answers: 1 },
                    ],
                    replies: { knowledge: 3, dialog: 1, fallback: 1 },
                    ratings: { up: 2, down: 1 },
                });
                expect(await log.stats(at(4 * day2), at(5 * day2))).toEqual({ perDay: [], perTopic: [], replies: { knowledge: 0, dialog: 0, fallback: 0 }, ratings: { up: 0, down: 0 } });
            });
        });

        describe('conversation facts', () => {
            const cited = (ids: string[], topics: Topic[], score = 0.9) => ({ ...knowledgeTrace(topics, ids), score, citations: [{ source: 's', title: 'T', shortTitle: 'T', section: 'S' }] });

            it('gives each conversation of [from, to) with its messages and events in order, traces and ratings read', async () => {
                const join = visitorJoins('a', 0);
                const question = visitorSays('a', 'how much do MLTs make?', 1);
                const answer = botSays('a', 'The median is $57,380.', 1, question, cited(['salary-median'], ['salary'], 0.5));
                const rating = { ...visitorRates('a', 'down', 2), entities: [{ '@type': 'DislikeAction', '@id': `urn:mlt-career-bot:rating:down?reply=${question.id}&ids=salary-median` }] } as unknown as Activity;
                const vague = visitorSays('a', 'and nights?', 3);
                await logAll([join, botSays('a', 'Welcome!', 0, join, { source: 'dialog', dialog: 'welcome', ids: [], score: 1 }), question, answer, rating, vague, botSays('a', 'Did you mean…', 3, vague, suggestionsTrace(['duties']))]);
                await logAll(exchange('b', { minutes: 5, channelId: 'msteams' }));
                await log.markFollowUpRequested('msteams', 'b');
                await logAll(exchange('outside', { minutes: 60 * 24 * 3 }));

                const page = await log.conversationFacts(at(-1), at(60 * 24));
                expect(page.truncated).toBe(false);
                expect(page.conversations.map((c) => [c.channelId, c.conversationId, c.followUpRequested])).toEqual([
                    ['msteams', 'b', true],
                    ['webchat', 'a', false],
                ]);
                const a = page.conversations[1];
                expect([a.startedAt, a.lastActivityAt]).toEqual([at(0).toISOString(), at(3).toISOString()]);
                expect(a.activities).toEqual([
                    { role: 'bot', type: 'message', at: at(0).toISOString(), replyToId: join.id, trace: { source: 'dialog', dialog: 'welcome', score: 1, ids: [], topics: [], isAnswer: false } },
                    { role: 'user', type: 'message', at: at(1).toISOString(), id: question.id, text: 'how much do MLTs make?' },
                    { role: 'bot', type: 'message', at: at(1).toISOString(), replyToId: question.id, trace: { source: 'knowledge', score: 0.5, ids: ['salary-median'], topics: ['salary'], isAnswer: true } },
                    { role: 'user', type: 'event', at: at(2).toISOString(), id: rating.id, rating: { rating: 'down', replyToId: question.id, ids: ['salary-median'] } },
                    { role: 'user', type: 'message', at: at(3).toISOString(), id: vague.id, text: 'and nights?' },
                    { role: 'bot', type: 'message', at: at(3).toISOString(), replyToId: vague.id, trace: { source: 'fallback', reason: 'suggestions', score: 0.4, ids: ['s'], topics: ['duties'], isAnswer: false } },
                ]);
                expect((await log.conversationFacts(at(60 * 24), at(60 * 24 * 4))).conversations.map((c) => c.conversationId)).toEqual(['outside']);
                expect(await log.conversationFacts(at(60 * 24 * 5), at(60 * 24 * 6))).toEqual({ conversations: [], truncated: false });
            });

            it('gives the visitor’s text as logged (not the bot’s, nor a text that is no string), a gap and the parts of a reply to several questions', async () => {
                const first = visitorSays('t', 'what is the pass rate in Ohio? and the shifts?', 0);
                const parts: AnswerTrace = {
                    source: 'knowledge',
                    ids: ['exam'],
                    score: 0.7,
                    parts: [
                        { question: 'what is the pass rate in Ohio?', source: 'knowledge', ids: ['exam'], score: 0.7 },
                        { question: 'and the shifts?', source: 'fallback', reason: 'gap', gap: 'shifts', ids: [], score: 0.2 },
                    ],
                };
                const odd = { ...visitorSays('t', 'x', 1), text: 42 } as unknown as Activity;
                const gapQuestion = visitorSays('t', 'do hospitals hire at night', 2);
                await logAll([first, botSays('t', 'The pass rate…', 0, first, parts), odd, gapQuestion, botSays('t', 'Our sources do not cover shifts.', 2, gapQuestion, { source: 'fallback', reason: 'gap', gap: 'shifts', ids: [], score: 0.3 })]);

                const [t] = (await log.conversationFacts(at(-1), at(10))).conversations;
                expect(t.activities.map((a) => a.text)).toEqual(['what is the pass rate in Ohio? and the shifts?', undefined, undefined, 'do hospitals hire at night', undefined]);
                expect(t.activities[1].trace).toEqual({
                    source: 'knowledge',
                    score: 0.7,
                    ids: ['exam'],
                    topics: [],
                    isAnswer: false,
                    parts: [
                        { question: 'what is the pass rate in Ohio?', source: 'knowledge', ids: ['exam'], score: 0.7 },
                        { question: 'and the shifts?', source: 'fallback', reason: 'gap', gap: 'shifts', ids: [], score: 0.2 },
                    ],
                });
                expect(t.activities[4].trace).toMatchObject({ source: 'fallback', reason: 'gap', gap: 'shifts', score: 0.3 });
            });

            it(`reads the newest ${INSIGHT_LIMITS.conversations} conversations of a period and says there were more`, async () => {
                const activities = Array.from({ length: INSIGHT_LIMITS.conversations + 1 }, (_, i) => visitorSays(`many-${String(i).padStart(5, '0')}`, 'hi', i / 100));
                await log.logActivities(activities);
                const page = await log.conversationFacts(at(-1), at(1000));
                expect(page.truncated).toBe(true);
                expect(page.conversations).toHaveLength(INSIGHT_LIMITS.conversations);
                expect(page.conversations[0].conversationId).toBe(`many-${String(INSIGHT_LIMITS.conversations).padStart(5, '0')}`);
                expect(page.conversations.map((c) => c.conversationId)).not.toContain('many-00000');
                expect(page.conversations.every((c) => c.activities.length === 1)).toBe(true);
            });
        });
    });
}
