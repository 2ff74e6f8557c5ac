import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteConversationLog } from '../../../src/stores/sqlite/sqliteConversationLog';
import { describeConversationLogContract } from '../../transcripts/conversationLogContract';
import { at, exchange, visitorSays } from '../../transcripts/conversationFixtures';

describeConversationLogContract('SqliteConversationLog', async () => new SqliteConversationLog(':memory:'));

describe('SqliteConversationLog', () => {
    const tempFile = () => join(mkdtempSync(join(tmpdir(), 'conversation-log-')), 'nested', 'bot.sqlite');

    describe('when the process restarts', () => {
        it('keeps activities, summaries, annotations and the search index in the file', async () => {
            const file = tempFile();
            const first = new SqliteConversationLog(file);
            for (const activity of exchange('c1', { minutes: 0, question: 'is a license required in Hawaii?', topics: ['licensure'] })) await first.logActivity(activity);
            await first.annotate('webchat', 'c1', { tags: ['licensure'] });
            await first.close();

            const second = new SqliteConversationLog(file);
            expect((await second.activities('webchat', 'c1')).map((a) => a.text)).toEqual(['is a license required in Hawaii?', 'The median is $57,380.']);
            expect(await second.summary('webchat', 'c1')).toMatchObject({ messageCount: 2, topics: ['licensure'], tags: ['licensure'] });
            expect((await second.listConversations({ text: 'hawaii' })).conversations.map((c) => c.conversationId)).toEqual(['c1']);
            await second.close();
        });
    });

    describe('when it shares a file with the other stores', () => {
        it('finds its tables in the file with every other store’s (the migrations made them), and opening twice changes nothing', async () => {
            const file = tempFile();
            const schema = () => {
                const db = new Database(file, { readonly: true });
                try {
                    return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
                } finally {
                    db.close();
                }
            };
            await new SqliteConversationLog(file).close();
            const first = schema();
            await new SqliteConversationLog(file).close();
            expect(schema()).toEqual(first);
            expect(first.map((r) => r.name)).toEqual(expect.arrayContaining(['conversation_summaries', 'transcript_activities', 'transcript_search', 'bot_state', 'advisor_follow_ups']));
        });
    });

    describe('when conversations are deleted', () => {
        it('leaves no activity or search row behind', async () => {
            const file = tempFile();
            const log = new SqliteConversationLog(file);
            for (const id of ['a', 'b', 'c']) for (const activity of exchange(id, { minutes: id === 'c' ? 10 : 0 })) await log.logActivity(activity);
            await log.deleteTranscript('webchat', 'a');
            await log.deleteOlderThan(at(5));
            const db = new Database(file, { readonly: true });
            const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
            expect([count('transcript_activities'), count('transcript_search'), count('conversation_summaries')]).toEqual([2, 2, 1]);
            db.close();
            await log.close();
        });
    });

    describe('when a conversation is deleted from a search index of many segments', () => {
        it('leaves none of its words in the index’s own tables', async () => {
            const file = tempFile();
            const log = new SqliteConversationLog(file);
            // One write at a time, as turns come: the index merges its segments, and the deleted word's sits in an older one.
            await log.logActivity(visitorSays('gone', 'is a zanzibarquux degree enough?', 0));
            for (let i = 0; i < 40; i++) await log.logActivity(visitorSays(`other-${i}`, `question number ${i} about shifts`, 1));
            await log.deleteTranscript('webchat', 'gone');
            await log.logActivity(visitorSays('later', 'one more question', 2));
            const db = new Database(file, { readonly: true });
            const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'transcript_search%'").all() as { name: string }[]).map((r) => r.name);
            const holding = tables.filter((table) =>
                (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).some((row) =>
                    Object.values(row).some((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)).includes('zanzibarquux')),
                ),
            );
            db.close();
            await log.close();
            expect(tables).toContain('transcript_search_data');
            expect(holding).toEqual([]);
        });

        it('drops the words left by deletions made before, once, when it opens a file from before secure-delete', async () => {
            const file = tempFile();
            await new SqliteConversationLog(file).close();
            // The file as it was: no secure-delete, and a deleted row's word still in the index; written before
            // migrations, so at schema version 0.
            const raw = new Database(file);
            raw.pragma('user_version = 0');
            raw.prepare("INSERT INTO transcript_search (transcript_search, rank) VALUES ('secure-delete', 0)").run();
            const insert = raw.prepare('INSERT INTO transcript_search (rowid, body) VALUES (?, ?)');
            insert.run(1, 'is a zanzibarquux degree enough?');
            for (let i = 2; i < 40; i++) insert.run(i, `question number ${i} about shifts`);
            raw.prepare('DELETE FROM transcript_search WHERE rowid = 1').run();
            const indexHolds = () =>
                (raw.prepare('SELECT block FROM transcript_search_data').all() as { block: Buffer | null }[]).some((r) => r.block?.toString('latin1').includes('zanzibarquux'));
            expect(indexHolds()).toBe(true);

            await new SqliteConversationLog(file).close();
            expect(indexHolds()).toBe(false);
            expect(raw.prepare("SELECT count(*) AS n FROM transcript_search WHERE transcript_search MATCH 'shifts'").get()).toEqual({ n: 38 });
            raw.close();
        });
    });

    describe('when it is closed', () => {
        it('can be closed twice', async () => {
            const log = new SqliteConversationLog(':memory:');
            await log.close();
            await expect(log.close()).resolves.toBeUndefined();
        });
    });
});
