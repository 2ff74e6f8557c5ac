import type { Activity } from 'botbuilder';
import Database from 'better-sqlite3';
import { migrate } from '../../src/stores/postgres/pgDatabase';
import { MIGRATIONS } from '../../src/stores/postgres/migrations';
import { PgConversationLog } from '../../src/stores/postgres/pgConversationLog';
import { SqliteConversationLog } from '../../src/stores/sqlite/sqliteConversationLog';
import { migrateSqlite, sqliteMigrations } from '../../src/stores/sqlite/sqliteMigrations';
import { activityFacts } from '../../src/transcripts/activityFacts';
import { describeWithPostgres, unmigratedSchema } from '../helpers/postgres';
import { botSays, visitorJoins, visitorSays } from '../transcripts/conversationFixtures';

/**
 * Conversations stored before `first_question` existed, as the log of then wrote them, and what each should get:
 * the migration's backfill must give what the log sets when it logs the same activities today.
 */
const CONVERSATIONS: Record<string, { activities: Activity[]; expected: string | undefined }> = {
    plain: { activities: [visitorJoins('plain', 0), botSays('plain', 'Welcome!', 0, undefined), visitorSays('plain', 'what do MLTs earn?', 1), visitorSays('plain', 'and in Ohio?', 2)], expected: 'what do MLTs earn?' },
    blankFirst: { activities: [visitorSays('blankFirst', ' \n\t\r ', 0), visitorSays('blankFirst', '  do I need a license?', 1)], expected: '  do I need a license?' },
    buttonFirst: { activities: [{ ...visitorSays('buttonFirst', '', 0), text: undefined, value: { action: 'quiz' } } as unknown as Activity, visitorSays('buttonFirst', 'is it hard?', 1)], expected: 'is it hard?' },
    long: { activities: [visitorSays('long', 'ß'.repeat(120) + '🧪'.repeat(120), 0)], expected: 'ß'.repeat(120) + '🧪'.repeat(80) },
    botOnly: { activities: [visitorJoins('botOnly', 0), botSays('botOnly', 'Welcome!', 0, undefined)], expected: undefined },
    markup: { activities: [visitorSays('markup', '<img src=x onerror=alert(1)> **bold**', 0)], expected: '<img src=x onerror=alert(1)> **bold**' },
};

/** What today's log keeps for each conversation, read back from a log given the same activities. */
async function loggedToday(log: SqliteConversationLog | PgConversationLog): Promise<Record<string, string | undefined>> {
    const out: Record<string, string | undefined> = {};
    for (const [id, { activities }] of Object.entries(CONVERSATIONS)) {
        for (const activity of activities) await log.logActivity(activity);
        out[id] = (await log.summary('webchat', id))?.firstQuestion;
    }
    return out;
}

const expected = Object.fromEntries(Object.entries(CONVERSATIONS).map(([id, c]) => [id, c.expected]));

/** The columns the log of then wrote for an activity. */
function oldRow(activity: Activity) {
    const facts = activityFacts(activity, 'bot-1');
    return { channelId: facts.channelId, conversationId: facts.conversationId, at: facts.at, role: facts.role, type: facts.type, body: JSON.stringify(activity) };
}

describe('migration 0005 (SQLite) backfills each conversation’s first question', () => {
    it('from the stored activities, as the log sets it today', async () => {
        const old = new Database(':memory:');
        migrateSqlite(old, sqliteMigrations().slice(0, 4), 'old');
        expect(old.prepare("SELECT count(*) AS n FROM pragma_table_info('conversation_summaries') WHERE name = 'first_question'").get()).toEqual({ n: 0 });
        const summary = old.prepare("INSERT OR IGNORE INTO conversation_summaries (channel_id, conversation_id, started_at, last_activity_at) VALUES (@channelId, @conversationId, @at, @at)");
        const activity = old.prepare('INSERT INTO transcript_activities (channel_id, conversation_id, at, role, type, body) VALUES (@channelId, @conversationId, @at, @role, @type, @body)');
        for (const { activities } of Object.values(CONVERSATIONS)) {
            for (const a of activities) {
                summary.run(oldRow(a));
                activity.run(oldRow(a));
            }
        }
        expect(migrateSqlite(old, sqliteMigrations(), 'old')).toEqual([5, ...sqliteMigrations().slice(5).map((m) => m.version)]);
        const rows = old.prepare('SELECT conversation_id AS id, first_question AS q FROM conversation_summaries').all() as { id: string; q: string | null }[];
        old.close();
        const backfilled = Object.fromEntries(rows.map((r) => [r.id, r.q ?? undefined]));
        expect(backfilled).toEqual(expected);

        const log = new SqliteConversationLog(':memory:');
        try {
            expect(await loggedToday(log)).toEqual(backfilled);
        } finally {
            await log.close();
        }
    });
});

describeWithPostgres('migration 0011 (PostgreSQL) backfills each conversation’s first question', (db) => {
    const emptyPool = unmigratedSchema(db, 'fq');

    it('from the stored activities, as the log sets it today, a NUL in the text included', async () => {
        const before = MIGRATIONS.findIndex((m) => m.id === '0011-conversation-first-question');
        expect(before).toBe(10);
        await migrate(emptyPool(), MIGRATIONS.slice(0, before));
        const nul = visitorSays('nul', 'a\u0000b?', 0);
        const all = { ...CONVERSATIONS, nul: { activities: [nul], expected: 'a\uFFFDb?' } };
        for (const { activities } of Object.values(all)) {
            for (const a of activities) {
                const r = oldRow(a);
                await emptyPool().query(
                    `INSERT INTO conversation_summaries (channel_id, conversation_id, started_at, last_activity_at) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`,
                    [r.channelId, r.conversationId, r.at],
                );
                await emptyPool().query('INSERT INTO transcript_activities (channel_id, conversation_id, at, role, type, body) VALUES ($1, $2, $3, $4, $5, $6)', [
                    r.channelId,
                    r.conversationId,
                    r.at,
                    r.role,
                    r.type,
                    r.body,
                ]);
            }
        }
        expect(await migrate(emptyPool(), MIGRATIONS)).toEqual(MIGRATIONS.slice(before).map((m) => m.id));
        const { rows } = await emptyPool().query<{ id: string; q: string | null }>('SELECT conversation_id AS id, first_question AS q FROM conversation_summaries');
        const backfilled = Object.fromEntries(rows.map((r) => [r.id, r.q ?? undefined]));
        expect(backfilled).toEqual({ ...expected, nul: 'a\uFFFDb?' });

        await db().reset();
        const log = new PgConversationLog(db().pool);
        const today = await loggedToday(log);
        await log.logActivity(visitorSays('nul', 'a\u0000b?', 0));
        expect({ ...today, nul: (await log.summary('webchat', 'nul'))?.firstQuestion }).toEqual(backfilled);
    });
});
