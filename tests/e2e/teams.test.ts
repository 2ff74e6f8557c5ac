import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { App } from '../../src/app';
import { activityText } from '../../src/bot/activityText';
import { adaptiveCardProblems, adaptiveCardsIn } from '../helpers/adaptiveCards';
import { startConnectorStandIn, Delivered } from '../helpers/connectorStandIn';
import { startTestApp } from '../helpers/testApp';

const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'MLT Career Assistant' };
const TENANT = { id: '72f988bf-0000-0000-0000-000000000001' };
const STUDENT = { id: '29:1student', name: 'Sam Student', aadObjectId: '00000000-0000-0000-0000-00000000a11c' };
const TEAM_CHANNEL = '19:career-channel@thread.tacv2';

let app: App;
let base: string;
let teams: Awaited<ReturnType<typeof startConnectorStandIn>>;
let seq = 0;

beforeAll(async () => {
    teams = await startConnectorStandIn();
    ({ app, base } = await startTestApp());
});
afterAll(async () => {
    await app.shutdown(2000);
    await teams.close();
});

/** Where a conversation happens in Teams, as its activities describe it. */
const personal = (id: string) => ({ conversation: { id: `a:${id}`, conversationType: 'personal', tenantId: TENANT.id }, channelData: { tenant: TENANT } });
const channelThread = (thread: string) => ({
    conversation: { id: `${TEAM_CHANNEL};messageid=${thread}`, conversationType: 'channel', isGroup: true, tenantId: TENANT.id },
    channelData: { tenant: TENANT, team: { id: '19:team@thread.tacv2' }, channel: { id: TEAM_CHANNEL } },
});
const groupChat = (id: string) => ({ conversation: { id: `19:${id}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: TENANT.id }, channelData: { tenant: TENANT } });
const mentionOfBot = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };

/** Posts a Teams-shaped activity to /api/messages and returns the HTTP answer and what the bot sent to Teams. */
async function send(where: object, activity: Partial<Activity> & Record<string, unknown>): Promise<{ status: number; body: unknown; replies: Delivered[] }> {
    const before = teams.delivered.length;
    const response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
            id: `msg-${++seq}`,
            channelId: 'msteams',
            serviceUrl: teams.url,
            timestamp: new Date().toISOString(),
            locale: 'en-US',
            from: STUDENT,
            recipient: BOT,
            ...where,
            ...activity,
        }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, replies: teams.delivered.slice(before) };
}
const say = (where: object, text: string, extra: Record<string, unknown> = {}) => send(where, { type: 'message', text, ...extra });
const invoke = (where: object, name: string, value: unknown) => send(where, { type: 'invoke', name, value });

/** The visible text of the replies: message text and every card's TextBlocks and buttons. */
const shown = (replies: Delivered[]) => replies.map((r) => activityText(r.activity)).join('\n');
const messages = (replies: Delivered[]) => replies.filter((r) => r.activity.type === 'message');

describe('the bot in Microsoft Teams (Teams-shaped traffic over HTTP)', () => {
    describe('in a personal chat', () => {
        it('answers with an Adaptive Card 1.5: the answer, its source and date, follow-up buttons, and the trace', async () => {
            const { status, replies } = await say(personal('p1'), 'how much do MLTs make?');
            expect(status).toBe(200);
            const [reply] = messages(replies);
            expect(reply.conversationId).toBe('a:p1');
            const [card] = adaptiveCardsIn([reply.activity]) as { version: string; body: { text: string }[]; actions: { type: string; data: object }[] }[];
            expect(card.version).toBe('1.5');
            expect(card.body.map((b) => b.text).join('\n')).toMatch(/57,380[\s\S]*Sources?: [^“\n]+/);
            expect(card.actions.length).toBeGreaterThan(0);
            expect(card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'messageBack' } } });
            expect(reply.activity.channelData).toMatchObject({ answer: { source: expect.stringMatching(/knowledge|dialog/) } });
            expect(reply.activity.suggestedActions).toBeUndefined();
        });

        it('shows the MLT vs MLS comparison as a card Teams renders', async () => {
            const { replies } = await say(personal('p4'), 'what is the difference between an MLT and an MLS?');
            const cards = adaptiveCardsIn(messages(replies).map((r) => r.activity));
            expect(cards.length).toBeGreaterThanOrEqual(2);
            expect(JSON.stringify(cards)).toMatch(/associate/i);
            for (const card of cards) expect(adaptiveCardProblems(card)).toEqual([]);
        });

        it('continues a dialog when a card button is pressed (messageBack), as typing would', async () => {
            const where = personal('p2');
            const started = await say(where, 'Is an MLT career right for me? Take the quiz');
            const [card] = adaptiveCardsIn(messages(started.replies).map((r) => r.activity)).slice(-1) as { actions: { title: string; data: { msteams: { text: string } } }[] }[];
            const yes = card.actions.find((a) => /^yes/i.test(a.title))!;
            const pressed = await say(where, yes.data.msteams.text, { value: { text: yes.data.msteams.text } });
            expect(pressed.status).toBe(200);
            expect(messages(pressed.replies)).not.toHaveLength(0);
            expect(shown(pressed.replies)).not.toEqual(shown(started.replies));
            expect(shown(pressed.replies)).not.toMatch(/don’t have an answer/);
            expect(messages(pressed.replies).at(-1)!.activity.channelData).toMatchObject({ answer: { dialog: 'careerFit' } });
        });

        it('continues a dialog from an Action.Submit that carries only a value', async () => {
            const where = personal('p3');
            await say(where, 'do I need a license to work as an MLT?');
            const pressed = await send(where, { type: 'message', value: { text: 'Florida' } });
            expect(shown(pressed.replies)).toMatch(/Florida/);
            expect(shown(pressed.replies)).toMatch(/requires a license/);
        });
    });

    describe('the command menu of the app package', () => {
        const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'deployment', 'teams', 'manifest.json'), 'utf8'));
        const titles: string[] = manifest.bots[0].commandLists.flatMap((list: { commands: { title: string }[] }) => list.commands.map((c) => c.title));

        it.each(titles)('gets an answer, not a fallback, for the command “%s”', async (title) => {
            const { replies } = await say(personal(`cmd-${title}`), title);
            const traces = messages(replies).map((r) => (r.activity.channelData as { answer?: { source: string } } | undefined)?.answer?.source);
            expect(traces.length).toBeGreaterThan(0);
            expect(traces).not.toContain('fallback');
        });
    });

    describe('in a channel', () => {
        it('answers when @mentioned, reading the text without the mention, and replies in the thread', async () => {
            const { replies } = await say(channelThread('1700000000001'), `<at>${BOT.name}</at> do I need a license in Texas?`, { entities: [mentionOfBot] });
            const [reply] = messages(replies);
            expect(reply.conversationId).toBe(`${TEAM_CHANNEL};messageid=1700000000001`);
            expect(shown(replies)).toMatch(/Texas/);
            expect(shown(replies)).not.toMatch(/don’t have an answer/);
        });

        it('stays silent when not mentioned', async () => {
            const { status, replies } = await say(channelThread('1700000000002'), 'how much do MLTs make?');
            expect(status).toBe(200);
            expect(replies).toEqual([]);
        });

        it('takes a press of its own card’s button, which arrives without a mention', async () => {
            const where = channelThread('1700000000003');
            await say(where, `<at>${BOT.name}</at> take the career quiz`, { entities: [mentionOfBot] });
            const pressed = await say(where, 'Yes', { value: { text: 'Yes' } });
            expect(messages(pressed.replies)).not.toHaveLength(0);
            expect(messages(pressed.replies).at(-1)!.activity.channelData).toMatchObject({ answer: { dialog: 'careerFit' } });
        });
    });

    describe('in a group chat', () => {
        it('answers only when @mentioned', async () => {
            expect((await say(groupChat('g1'), 'what does an MLT do?')).replies).toEqual([]);
            const { replies } = await say(groupChat('g1'), `<at>${BOT.name}</at> what does an MLT do?`, { entities: [mentionOfBot] });
            expect(messages(replies)).toHaveLength(1);
        });
    });

    describe('welcome', () => {
        it('welcomes once when the app is installed, not when someone joins the team later', async () => {
            const where = channelThread('install');
            const installed = await send(where, { type: 'conversationUpdate', membersAdded: [BOT] });
            expect(shown(installed.replies)).toMatch(/MLT career assistant/);
            const again = await send(where, { type: 'conversationUpdate', membersAdded: [BOT] });
            expect(again.replies).toEqual([]);
            const joined = await send(channelThread('install-2'), { type: 'conversationUpdate', membersAdded: [{ id: '29:new-colleague', name: 'New Colleague' }] });
            expect(joined.replies).toEqual([]);
        });
    });

    describe('the search message extension', () => {
        const query = (text: string | undefined, initialRun = false) =>
            invoke(personal('ext'), 'composeExtension/query', {
                commandId: 'searchQuestions',
                parameters: [initialRun ? { name: 'initialRun', value: 'true' } : { name: 'searchQuery', value: text }],
                queryOptions: { skip: 0, count: 25 },
            });
        type Result = { composeExtension: { type: string; text?: string; attachments?: { contentType: string; content: unknown; preview: { contentType: string; content: { title: string; tap?: { value: { entryId: string } } } } }[] } };

        it('lists matching questions as thumbnail previews that insert an answer card (200 invoke response)', async () => {
            const { status, body } = await query('salary');
            expect(status).toBe(200);
            const result = (body as Result).composeExtension;
            expect(result.type).toBe('result');
            expect(result.attachments!.length).toBeGreaterThan(0);
            for (const item of result.attachments!) {
                expect(item.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
                expect(item.contentType).toBe('application/vnd.microsoft.card.adaptive');
                expect(adaptiveCardProblems(item.content)).toEqual([]);
            }
            expect(result.attachments!.map((a) => a.preview.content.title).join(' ')).toMatch(/pay|salar|make|earn/i);
            expect(teams.delivered.filter((d) => d.conversationId === 'a:ext')).toEqual([]);
        });

        it('lists popular questions before anything is typed', async () => {
            const result = ((await query(undefined, true)).body as Result).composeExtension;
            expect(result.type).toBe('result');
            expect(result.attachments!.length).toBeGreaterThanOrEqual(5);
        });

        it('says so when nothing matches', async () => {
            const result = ((await query('qwzx vbnm')).body as Result).composeExtension;
            expect(result).toEqual({ type: 'message', text: expect.stringMatching(/No answers match/) });
        });

        it('gives the chosen answer’s card with its source (selectItem)', async () => {
            const listed = ((await query('ASCP certification')).body as Result).composeExtension.attachments![0];
            const chosen = await invoke(personal('ext'), 'composeExtension/selectItem', listed.preview.content.tap!.value);
            expect(chosen.status).toBe(200);
            const [card] = (chosen.body as Result).composeExtension.attachments!;
            expect(adaptiveCardProblems(card.content)).toEqual([]);
            expect(JSON.stringify(card.content)).toMatch(/Sources?: /);
        });
    });

    describe('invokes with a value that is not what they carry (they were 500s)', () => {
        const refused = (message: string | RegExp) => ({ error: { code: 'BadArgument', message: typeof message === 'string' ? message : expect.stringMatching(message) } });

        it.each<[string, string, unknown, string | RegExp]>([
            ['adaptiveCard/action with a value that is a string', 'adaptiveCard/action', 'junk', 'this bot does not handle the invoke "adaptiveCard/action"'],
            ['adaptiveCard/action with no value', 'adaptiveCard/action', undefined, 'this bot does not handle the invoke "adaptiveCard/action"'],
            ['fileConsent/invoke with no value', 'fileConsent/invoke', undefined, 'this bot does not handle the invoke "fileConsent/invoke"'],
            ['task/fetch with a value that is a number', 'task/fetch', 7, 'this bot does not handle the invoke "task/fetch"'],
            ['a search whose value is a string', 'composeExtension/query', 'junk', 'expected "value" to be an object'],
            ['a search with no value', 'composeExtension/query', undefined, 'expected the invoke to have a "value"'],
            ['a search whose parameters are not a list', 'composeExtension/query', { commandId: 'searchQuestions', parameters: 'salary' }, 'expected "value.parameters" to be a list'],
            ['a search whose text is a number', 'composeExtension/query', { parameters: [{ name: 'searchQuery', value: 42 }] }, 'expected "value.parameters[0].value" to be a string'],
            ['a search of over 10,000 characters', 'composeExtension/query', { parameters: [{ name: 'searchQuery', value: 'x'.repeat(10_001) }] }, /^expected "value\.parameters\[0\]\.value" to be at most 10000 characters$/],
            ['a chosen result that is a string', 'composeExtension/selectItem', 'junk', 'expected "value" to be an object'],
            ['a chosen result with no entry id', 'composeExtension/selectItem', {}, 'expected the invoke to have a "value.entryId"'],
            ['a chosen result whose entry id is an object', 'composeExtension/selectItem', { entryId: {} }, 'expected "value.entryId" to be a string'],
        ])('answers %s with 400 naming the field', async (_name, name, value, message) => {
            const { status, body, replies } = await invoke(personal('bad-invokes'), name, value);
            expect({ status, body }).toEqual({ status: 400, body: refused(message) });
            expect(replies).toEqual([]);
        });
    });

    describe('every card the bot sent above', () => {
        it('is one Teams renders: an Adaptive Card of version 1.5 at most that the adaptivecards package validates', () => {
            const cards = adaptiveCardsIn(teams.delivered.map((d) => d.activity));
            expect(cards.length).toBeGreaterThan(5);
            for (const card of cards) expect(adaptiveCardProblems(card)).toEqual([]);
        });
    });
});
