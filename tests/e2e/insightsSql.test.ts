import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { createBotClient, type BotClient } from '../../src/cli/botClient';
import { pressThumb } from '../helpers/rating';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

/**
 * Issue 17's check: on conversations seeded through a started bot over HTTP, every Insights figure equals a count taken
 * by SQL written here, straight over the stored activities in the SQLite file (json_extract over their JSON), apart
 * from the code that computes the figures.
 */
const ADMIN = { username: 'ada', password: 'correct horse battery' };
const LOW_CONFIDENCE_BELOW = 0.55; // the value documented in src/knowledge/searchIndex.ts, written out so a change is seen

let testApp: TestApp;
let base: string;
let db: Database.Database;
let cookie: string;
const clients: Record<string, BotClient> = {};
const today = new Date().toISOString().slice(0, 10);

/** Presses a thumbs under `answer`, as Web Chat does. */
const rate = (channelId: string, conversationId: string, answer: Reply, rating: 'up' | 'down') => pressThumb(base, { channelId, conversationId }, [answer], rating);

type Reply = Partial<Activity> & { channelData?: { answer?: { source: string; reason?: string; ids: string[]; score: number } } };

/** The visitor's message and the bot's answer to it (the first traced reply), checked to be what the seed needs. */
async function ask(channelId: string, conversationId: string, text: string, expected: { source: string; reason?: string; rateable?: boolean }): Promise<Reply> {
    const replies = (await clients[channelId].say(conversationId, text)) as Reply[];
    const answer = replies.find((r) => r.channelData?.answer);
    expect({ text, ...answer?.channelData?.answer }).toMatchObject({ text, source: expected.source, ...(expected.reason ? { reason: expected.reason } : {}) });
    if (expected.rateable) expect(answer?.entities?.length).toBe(1);
    return answer!;
}

beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insights-sql-'));
    testApp = await startTestApp({ STORAGE: 'sqlite', DATA_DIR: dir, ...bootstrapAdmin(ADMIN) });
    base = testApp.base;
    clients.webchat = createBotClient(`${base}/api/messages`, 'webchat');
    clients.directline = createBotClient(`${base}/api/messages`, 'directline');

    // webchat: two answers, the earlier one rated after the later one.
    await clients.webchat.join('w-resolved');
    const program = await ask('webchat', 'w-resolved', 'how long is the program?', { source: 'knowledge', rateable: true });
    const exam = await ask('webchat', 'w-resolved', 'certification exam', { source: 'knowledge', rateable: true });
    await rate('webchat', 'w-resolved', exam, 'down');
    await rate('webchat', 'w-resolved', program, 'up');
    // webchat: an answer rated down, then a "Did you mean" the visitor left without a reply.
    await clients.webchat.join('w-left');
    const salary = await ask('webchat', 'w-left', 'how much do MLTs make?', { source: 'dialog', rateable: true });
    await rate('webchat', 'w-left', salary, 'down');
    await ask('webchat', 'w-left', 'is it hard?', { source: 'fallback', reason: 'suggestions' });
    // webchat: a follow-up request after a known gap.
    await clients.webchat.join('w-follow-up');
    await ask('webchat', 'w-follow-up', 'what are the shifts like?', { source: 'fallback', reason: 'gap' });
    for (const text of ['can I talk to someone?', 'yes', 'Jordan Lee', 'jordan@example.org', 'whether my biology degree counts']) await clients.webchat.say('w-follow-up', text);
    // webchat: an answer on thin evidence (a score in the low-confidence band), rated down.
    const thin = await ask('webchat', 'w-thin', 'which mlt cert is best to get in my small town', { source: 'knowledge', rateable: true });
    expect(thin.channelData!.answer!.score).toBeLessThan(LOW_CONFIDENCE_BELOW);
    await rate('webchat', 'w-thin', thin, 'down');
    // directline: no match, then an answer rated up; an answer rated down; a visitor who joined and wrote nothing.
    await clients.directline.join('d-recovered');
    await ask('directline', 'd-recovered', 'qwzx vbnm', { source: 'fallback', reason: 'no-match' });
    const outlook = await ask('directline', 'd-recovered', 'job outlook', { source: 'knowledge', rateable: true });
    await rate('directline', 'd-recovered', outlook, 'up');
    const growth = await ask('directline', 'd-growth', 'career growth', { source: 'knowledge', rateable: true });
    await rate('directline', 'd-growth', growth, 'down');
    await ask('directline', 'd-growth', 'certification exam', { source: 'knowledge', rateable: true });
    await clients.directline.join('d-silent');

    db = new Database(join(dir, 'bot.sqlite'), { readonly: true });
    cookie = await testApp.signIn(ADMIN);
}, 60_000);
afterAll(async () => {
    db?.close();
    await testApp?.close();
});

async function get(path: string): Promise<{ status: number; text: string; body: any }> {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const text = await response.text();
    return { status: response.status, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

// ---- The independent SQL: over the activities' stored JSON, not the columns the app derives from it. ----

/** The period's conversations (`conv`), optionally of one channel, each activity as `a` with its JSON read out. */
const PERIOD = (channel: string | null) => `
    conv AS (SELECT channel_id, conversation_id, follow_up_requested FROM conversation_summaries
        WHERE last_activity_at >= @from AND last_activity_at < @to ${channel ? 'AND channel_id = @channel' : ''}),
    act AS (SELECT t.seq, t.channel_id, t.conversation_id,
            json_extract(t.body, '$.from.role') AS role, json_extract(t.body, '$.type') AS type,
            json_extract(t.body, '$.timestamp') AS ts, json_extract(t.body, '$.replyToId') AS reply_to,
            json_extract(t.body, '$.channelData.answer.source') AS source,
            json_extract(t.body, '$.channelData.answer.score') AS score,
            json_extract(t.body, '$.channelData.answer.ids') AS ids,
            json_extract(t.body, '$.channelData.answer.topics') AS topics,
            COALESCE(json_array_length(t.body, '$.channelData.answer.citations'), 0) AS citations,
            json_extract(t.body, '$.name') AS name, json_extract(t.body, '$.entities[0]."@id"') AS rating_id
        FROM transcript_activities AS t JOIN conv USING (channel_id, conversation_id)),
    visitor AS (SELECT * FROM act WHERE role = 'user' AND type = 'message'),
    reply AS (SELECT * FROM act WHERE role = 'bot' AND type = 'message' AND source IS NOT NULL),
    engaged AS (SELECT conv.*, (SELECT COUNT(*) FROM visitor AS v WHERE v.channel_id = conv.channel_id AND v.conversation_id = conv.conversation_id) AS n
        FROM conv WHERE EXISTS (SELECT 1 FROM visitor AS v WHERE v.channel_id = conv.channel_id AND v.conversation_id = conv.conversation_id)),
    rating AS (SELECT act.*, CASE WHEN rating_id LIKE 'urn:mlt-career-bot:rating:up?%' THEN 'up' ELSE 'down' END AS thumb,
            substr(rating_id, instr(rating_id, 'reply=') + 6, instr(rating_id, '&ids=') - instr(rating_id, 'reply=') - 6) AS rated_reply
        FROM act WHERE type = 'event' AND name = 'webchat:activity-status/feedback' AND rating_id LIKE 'urn:mlt-career-bot:rating:%'),
    rated AS (SELECT r.thumb, r.ts, b.ids, b.topics FROM rating AS r JOIN reply AS b ON b.channel_id = r.channel_id
        AND b.conversation_id = r.conversation_id AND b.reply_to = r.rated_reply AND b.source <> 'fallback' AND b.citations > 0)`;

const SAME = (x: string) => `${x}.channel_id = e.channel_id AND ${x}.conversation_id = e.conversation_id`;
const SQL = {
    conversations: `SELECT COUNT(*) AS n FROM engaged`,
    resolved: `SELECT COUNT(*) AS n FROM engaged AS e WHERE e.follow_up_requested = 0
        AND EXISTS (SELECT 1 FROM reply AS b WHERE ${SAME('b')} AND b.source <> 'fallback' AND b.citations > 0)
        AND NOT EXISTS (SELECT 1 FROM reply AS b WHERE ${SAME('b')} AND b.source = 'fallback')`,
    escalated: `SELECT COUNT(*) AS n FROM engaged AS e WHERE e.follow_up_requested = 1`,
    abandoned: `SELECT COUNT(*) AS n FROM engaged AS e WHERE EXISTS (SELECT 1 FROM reply AS b WHERE ${SAME('b')} AND b.source = 'fallback'
        AND b.seq > (SELECT MAX(v.seq) FROM visitor AS v WHERE ${SAME('v')}))`,
    visitorMessages: `SELECT COALESCE(SUM(n), 0) AS n FROM engaged`,
    median: `SELECT AVG(n) AS n FROM (SELECT n, ROW_NUMBER() OVER (ORDER BY n) AS r, COUNT(*) OVER () AS c FROM engaged) WHERE r IN ((c + 1) / 2, (c + 2) / 2)`,
    up: `SELECT COUNT(*) AS n FROM rating WHERE thumb = 'up'`,
    down: `SELECT COUNT(*) AS n FROM rating WHERE thumb = 'down'`,
    knowledgeAnswers: `SELECT COUNT(*) AS n FROM reply WHERE source = 'knowledge' AND citations > 0`,
    lowConfidence: `SELECT COUNT(*) AS n FROM reply WHERE source = 'knowledge' AND citations > 0 AND score < ${LOW_CONFIDENCE_BELOW}`,
};

function sql<T = number>(query: string, channel: string | null = null, from = today, days = 1): T[] {
    const start = new Date(`${from}T00:00:00Z`);
    const params = { from: start.toISOString(), to: new Date(start.getTime() + days * 86_400_000).toISOString(), ...(channel ? { channel } : {}) };
    return db.prepare(`WITH ${PERIOD(channel)} ${query}`).all(params) as T[];
}
const one = (query: string, channel: string | null = null, from = today) => (sql<{ n: number }>(query, channel, from)[0].n ?? 0) as number;

/** The per-conversation figures, as the SQL counts them. */
function figuresBySql(channel: string | null, from = today) {
    const n = one(SQL.conversations, channel, from);
    const share = (count: number) => ({ rate: n ? Math.round((count / n) * 10000) / 10000 : null, count, outOf: n });
    const messages = one(SQL.visitorMessages, channel, from);
    return {
        conversations: n,
        resolutionRate: share(one(SQL.resolved, channel, from)),
        escalationRate: share(one(SQL.escalated, channel, from)),
        abandonmentRate: share(one(SQL.abandoned, channel, from)),
        conversationLength: { conversations: n, visitorMessages: messages, mean: n ? Math.round((messages / n) * 10000) / 10000 : null, median: n ? one(SQL.median, channel, from) : null },
        ratings: { up: one(SQL.up, channel, from), down: one(SQL.down, channel, from) },
        lowConfidenceAnswers: { count: one(SQL.lowConfidence, channel, from), outOf: one(SQL.knowledgeAnswers, channel, from) },
    };
}

describe('Insights against SQL over the stored activities', () => {
    let insights: any;
    beforeAll(async () => {
        const { status, body } = await get(`/api/advisor/insights?from=${today}&to=${today}`);
        expect(status).toBe(200);
        insights = body;
    });

    it('seeded what the check needs: answers, fallbacks, an abandonment, an escalation, thumbs both ways, low confidence, two channels', () => {
        const all = figuresBySql(null);
        expect(all.conversations).toBe(6);
        for (const figure of [all.resolutionRate, all.escalationRate, all.abandonmentRate]) expect(figure.count).toBeGreaterThan(0);
        expect(all.ratings).toEqual({ up: 2, down: 4 });
        expect(all.lowConfidenceAnswers.count).toBeGreaterThan(0);
        expect(insights.byChannel.map((c: { channelId: string }) => c.channelId)).toEqual(['directline', 'webchat']);
    });

    it('gives resolution, escalation and abandonment rates, length, ratings and low confidence as the SQL counts them', () => {
        const expected = figuresBySql(null);
        for (const [name, value] of Object.entries(expected)) expect({ [name]: name === 'lowConfidenceAnswers' ? { count: insights[name].count, outOf: insights[name].outOf } : insights[name] }).toEqual({ [name]: value });
    });

    it('gives every figure per channel as the SQL counts it', () => {
        for (const channel of ['directline', 'webchat']) {
            expect(insights.byChannel.find((c: { channelId: string }) => c.channelId === channel)).toEqual({ channelId: channel, ...figuresBySql(channel) });
        }
    });

    it('ties thumbs to the answers rated: per answer, per topic and per day as the SQL counts them', () => {
        const perAnswer = sql<{ ids: string; up: number; down: number }>(
            `SELECT ids, SUM(thumb = 'up') AS up, SUM(thumb = 'down') AS down FROM rated GROUP BY ids`,
        );
        expect(insights.answersByThumbsDown.map((a: { ids: string[]; up: number; down: number }) => ({ ids: JSON.stringify(a.ids), up: a.up, down: a.down })))
            .toEqual(expect.arrayContaining(perAnswer));
        expect(insights.answersByThumbsDown).toHaveLength(perAnswer.length);
        const downs = insights.answersByThumbsDown.map((a: { down: number }) => a.down);
        expect(downs).toEqual([...downs].sort((x, y) => y - x));
        // The answer rated up after a later answer was rated down keeps its own thumbs.
        expect(insights.answersByThumbsDown.find((a: { ids: string[] }) => a.ids.includes('education-program-length'))).toMatchObject({ up: 1, down: 0 });

        const perTopic = sql<{ topic: string; up: number; down: number }>(
            `SELECT t.value AS topic, SUM(thumb = 'up') AS up, SUM(thumb = 'down') AS down FROM rated, json_each(rated.topics) AS t GROUP BY t.value`,
        );
        expect(insights.topicsByThumbsDown).toEqual(expect.arrayContaining(perTopic));
        expect(insights.topicsByThumbsDown).toHaveLength(perTopic.length);

        const perDay = sql<{ day: string; up: number; down: number }>(`SELECT substr(ts, 1, 10) AS day, SUM(thumb = 'up') AS up, SUM(thumb = 'down') AS down FROM rating GROUP BY day ORDER BY day`);
        expect(insights.ratingsPerDay).toEqual(perDay);
    });

    it('lists the entries of low-confidence answers as the SQL counts them', () => {
        const entries = sql<{ id: string; answers: number }>(
            `SELECT i.value AS id, COUNT(*) AS answers FROM reply, json_each(reply.ids) AS i
            WHERE source = 'knowledge' AND citations > 0 AND score < ${LOW_CONFIDENCE_BELOW} GROUP BY i.value ORDER BY answers DESC, id`,
        );
        expect(insights.lowConfidenceAnswers.entries.map(({ id, answers }: { id: string; answers: number }) => ({ id, answers }))).toEqual(entries);
        expect(insights.lowConfidenceAnswers.below).toBe(LOW_CONFIDENCE_BELOW);
    });

    it('compares with the previous period of equal length, counted by the same SQL', () => {
        const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const { from, to, ...figures } = insights.previous;
        expect([from, to]).toEqual([`${yesterday}T00:00:00.000Z`, `${today}T00:00:00.000Z`]);
        const expected = figuresBySql(null, yesterday);
        expect({ ...figures, lowConfidenceAnswers: { count: figures.lowConfidenceAnswers.count, outOf: figures.lowConfidenceAnswers.outOf } }).toMatchObject(expected);
    });

    it('exports each figure as CSV with the same numbers', async () => {
        const resolution = await get(`/api/advisor/insights.csv?figure=resolutionRate&from=${today}&to=${today}`);
        expect(resolution.status).toBe(200);
        const rows = resolution.text.trim().split('\r\n');
        expect(rows[0]).toBe('"period","from","to","rate","count","outOf"');
        const { rate, count, outOf } = figuresBySql(null).resolutionRate;
        expect(rows[1]).toBe(`"current","${today}T00:00:00.000Z","${insights.to}","${rate}","${count}","${outOf}"`);
        const channels = await get(`/api/advisor/insights.csv?figure=byChannel&from=${today}&to=${today}`);
        expect(channels.text.trim().split('\r\n').filter((r) => r.startsWith('"current"'))).toHaveLength(2);
        const answers = await get(`/api/advisor/insights.csv?figure=answersByThumbsDown&from=${today}&to=${today}`);
        expect(answers.text.trim().split('\r\n')).toHaveLength(1 + insights.answersByThumbsDown.length + insights.previous.answersByThumbsDown.length);
        expect((await get(`/api/advisor/insights.csv?figure=nonsense`)).status).toBe(400);
        expect((await get(`/api/advisor/insights.csv?figure=perDay&x=1`)).status).toBe(400);
    });
});
