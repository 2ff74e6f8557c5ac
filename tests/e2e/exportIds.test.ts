import type { Activity } from 'botbuilder';
import { createBotClient } from '../../src/cli/botClient';
import { startConnectorStandIn } from '../helpers/connectorStandIn';
import { botMessages, directLineClient } from '../helpers/directLineClient';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

const ADMIN = { username: 'ada', password: 'correct horse battery' };

let testApp: TestApp;
let base: string;
let cookie: string;
let dl: ReturnType<typeof directLineClient>;

beforeAll(async () => {
    testApp = await startTestApp(bootstrapAdmin(ADMIN));
    base = testApp.base;
    dl = directLineClient(`${base}/v3/directline`);
    cookie = await testApp.signIn(ADMIN);
});
afterAll(() => testApp?.close());

const advisor = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
};

/** Posts a visitor's message and polls until the bot has answered it; the client's watermark after the answer. */
async function ask(c: { token: string; conversationId: string }, watermark: string, text: string): Promise<string> {
    const posted = await dl.post(c.token, c.conversationId, { type: 'message', text });
    expect(posted.status).toBe(200);
    const page = await dl.pollUntil(c.token, c.conversationId, watermark, (a) => botMessages(a).some((m) => m.replyToId === posted.body.id));
    return page.watermark;
}

describe('exports keep the ids (issue 17, item 7)', () => {
    it('a .transcript of a built-in Direct Line conversation names every activity by the id its client received', async () => {
        const c = await dl.open();
        const afterQuestion = await ask(c, c.watermark, 'how much do MLTs make?');
        await ask(c, afterQuestion, 'and do I need a license in Texas?');
        // Everything the client was served, read again from the start, as a client resuming the chat would.
        const served = (await dl.pollUntil(c.token, c.conversationId, '', (a) => a.length > 0)).activities.filter((a) => a.type !== 'typing');
        expect(botMessages(served).length).toBeGreaterThanOrEqual(3);

        const exported = JSON.parse(await advisor(`/api/advisor/conversations/directline/${encodeURIComponent(c.conversationId)}/transcript`)) as Activity[];
        for (const activity of exported) expect(activity.id).toEqual(expect.stringMatching(/\S/));
        expect(new Set(exported.map((a) => a.id)).size).toBe(exported.length);
        // The join reaches the bot, not the client: it has the Direct Line id of the conversation's activity 0.
        const [join, ...rest] = exported;
        expect(join).toMatchObject({ type: 'conversationUpdate', id: `${c.conversationId}|0000000` });
        expect(rest.map((a) => [a.id, a.type, a.from.role, a.text])).toEqual(served.map((a) => [a.id, a.type, a.from.role, a.text]));
        // The answers name the question they answer by the id the client got for it.
        // The Direct Line kept the ids the replies were logged under (no `|`: not numbered by it), so no second write.
        for (const reply of botMessages(served)) expect(reply.id).not.toContain('|');
        const questions = served.filter((a) => a.from.role === 'user').map((a) => a.id);
        expect(rest.filter((a) => a.from.role === 'bot' && a.replyToId).map((a) => a.replyToId)).toEqual(expect.arrayContaining(questions));
    });

    it('a .transcript of a conversation on a channel that gives its own ids (Teams) names each reply by the id the channel gave', async () => {
        const teams = await startConnectorStandIn();
        try {
            const where = { channelId: 'msteams', serviceUrl: teams.url, conversation: { id: 'a:export-ids', conversationType: 'personal' }, recipient: { id: '28:bot', name: 'Bot' } };
            for (const [n, text] of ['how much do MLTs make?', 'and do I need a license in Texas?'].entries()) {
                const response = await fetch(`${base}/api/messages`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ ...where, type: 'message', id: `teams-question-${n}`, text, from: { id: '29:student', name: 'Sam' }, timestamp: new Date().toISOString() }),
                });
                expect(response.status).toBe(200);
            }
            const exported = JSON.parse(await advisor('/api/advisor/conversations/msteams/a%3Aexport-ids/transcript')) as Activity[];
            const sent = teams.delivered.filter((d) => d.activity.type === 'message');
            expect(sent.length).toBeGreaterThanOrEqual(2);
            expect(exported.map((a) => [a.from.role, a.id])).toEqual([
                ['user', 'teams-question-0'],
                ...sent.filter((d) => d.activity.replyToId === 'teams-question-0').map((d) => ['bot', d.id]),
                ['user', 'teams-question-1'],
                ...sent.filter((d) => d.activity.replyToId === 'teams-question-1').map((d) => ['bot', d.id]),
            ]);
        } finally {
            await teams.close();
        }
    });

    it('CSV: a conversation our Direct Line created comes back unchanged; an outside id starting with "-" is still guarded', async () => {
        const opened = await Promise.all(Array.from({ length: 5 }, () => dl.open()));
        await createBotClient(`${base}/api/messages`).join('-J1-chosen-by-a-channel');
        const csv = await advisor('/api/advisor/conversations.csv');
        const rows = csv.trim().split('\r\n').slice(1);
        // The second field of each row, as written: quoted, quotes doubled.
        const conversationIds = rows.map((row) => /^"(?:[^"]|"")*","((?:[^"]|"")*)"/.exec(row)![1].replace(/""/g, '"'));
        for (const c of opened) expect(conversationIds).toContain(c.conversationId);
        expect(conversationIds).toContain("'-J1-chosen-by-a-channel");
    });
});
