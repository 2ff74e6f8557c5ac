import type { Activity } from 'botbuilder';
import { TOPICS } from '../../../src/knowledge/schema';
import { PgConversationLog } from '../../../src/stores/postgres/pgConversationLog';
import conversationLogMigration from '../../../src/stores/postgres/migrations/0008-conversation-log';
import { encodeToken } from '../../../src/transcripts/pageTokens';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeConversationLogContract } from '../../transcripts/conversationLogContract';
import { at, botSays, exchange, knowledgeTrace, visitorSays } from '../../transcripts/conversationFixtures';

describeWithPostgres('PgConversationLog on PostgreSQL', (db) => {
    const emptyLog = async () => {
        await db().reset();
        return new PgConversationLog(db().pool);
    };

    describeConversationLogContract('PgConversationLog', emptyLog);

    describe('PgConversationLog', () => {
        describe('when two instances log one conversation at the same moment', () => {
            it('counts all 50 activities and loses no topic', async () => {
                await emptyLog();
                const instances = [new PgConversationLog(db().openPool()), new PgConversationLog(db().openPool())];
                const activities: Activity[] = [];
                for (let i = 0; i < 25; i++) {
                    const question = visitorSays('busy', `question ${i}`, i);
                    activities.push(question, botSays('busy', `answer ${i}`, i, question, knowledgeTrace([TOPICS[i % TOPICS.length]])));
                }
                await Promise.all(activities.map((activity, i) => instances[i % 2].logActivity(activity)));
                const summary = await instances[0].summary('webchat', 'busy');
                expect(summary).toMatchObject({ messageCount: 50, startedAt: at(0).toISOString(), lastActivityAt: at(24).toISOString() });
                expect([...summary!.topics].sort()).toEqual([...TOPICS].sort());
                expect(await instances[1].activities('webchat', 'busy')).toHaveLength(50);
                expect((await instances[1].stats(at(0), at(25))).perTopic.reduce((n, t) => n + t.answers, 0)).toBe(25);
            });
        });

        describe('when it shares a database with the other stores', () => {
            it('creates only tables and indexes prefixed transcript_ or conversation_', async () => {
                const { sql } = conversationLogMigration;
                const names = [...sql.matchAll(/CREATE (?:TABLE|INDEX) (\w+)/g)].map((m) => m[1]);
                expect(names.length).toBeGreaterThan(3);
                expect(names.filter((n) => !/^(transcript|conversation)_/.test(n))).toEqual([]);
                const { rows } = await db().pool.query<{ name: string }>('SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace');
                expect(names.filter((n) => !rows.some((r) => r.name === n))).toEqual([]);
            });
        });

        describe('when a continuation token is forged', () => {
            it('refuses one whose time is not a date or whose position is not a whole number, as any other bad token', async () => {
                const log = await emptyLog();
                await expect(log.getTranscriptActivities('webchat', 'c1', encodeToken([1e300]))).rejects.toThrow(RangeError);
                await expect(log.listConversations({}, { continuationToken: encodeToken(['not a date', 'webchat', 'c1']) })).rejects.toThrow(RangeError);
                await expect(log.listTranscripts('webchat', encodeToken(['yesterday-ish', 'c1']))).rejects.toThrow(RangeError);
            });
        });

        describe('when text holds what PostgreSQL cannot store or parse', () => {
            it('keeps a NUL character in the activity and finds words however they are joined', async () => {
                const log = await emptyLog();
                const question = visitorSays('odd', 'mail lab\u0000tech@example.com about 3.5 weeks of café shifts', 0);
                await log.logActivity(question);
                expect((await log.activities('webchat', 'odd'))[0].text).toBe(question.text);
                for (const text of ['example', '3.5', 'cafe', 'shift']) {
                    expect((await log.listConversations({ text })).conversations.map((c) => c.conversationId)).toEqual(['odd']);
                }
            });
        });

        describe('when it is closed', () => {
            it('refuses further work but leaves the shared pool open', async () => {
                const log = await emptyLog();
                for (const activity of exchange('c1', { minutes: 0 })) await log.logActivity(activity);
                await log.close();
                await expect(log.close()).resolves.toBeUndefined();
                await expect(log.summary('webchat', 'c1')).rejects.toThrow(/summary\(\): the log is closed/);
                await expect(log.logActivity(visitorSays('c1', 'hi', 1))).rejects.toThrow(/logActivity\(\): the log is closed/);
                expect((await db().pool.query('SELECT COUNT(*)::int AS n FROM transcript_activities')).rows[0].n).toBe(2);
            });
        });
    });
});
