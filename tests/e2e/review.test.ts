import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { createBotClient, type BotClient } from '../../src/cli/botClient';
import type { ReviewGroup } from '../../src/advisor/review';
import { pressThumb } from '../helpers/rating';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

/**
 * Issue 15's review inbox over HTTP, on conversations seeded through a started bot: each kind of question to review
 * lands in its group with its examples, a dismissed group leaves the inbox until a newer example, and a dismissal
 * from another origin is refused.
 */
const ADMIN = { username: 'ada', password: 'correct horse battery' };

let testApp: TestApp;
let base: string;
let cookie: string;
let client: BotClient;

type Reply = Partial<Activity> & { channelData?: { answer?: { source: string; reason?: string; ids: string[]; score: number } } };

async function ask(conversationId: string, text: string, expected: { source: string; reason?: string }): Promise<Reply> {
    const replies = (await client.say(conversationId, text)) as Reply[];
    const answer = replies.find((r) => r.channelData?.answer);
    expect({ text, ...answer?.channelData?.answer }).toMatchObject({ text, ...expected });
    return answer!;
}

/** Presses thumbs down under `answer`, as Web Chat does. */
const rateDown = (conversationId: string, answer: Reply) => pressThumb(base, { channelId: 'webchat', conversationId }, [answer], 'down');

let suggested: string[];
let thinIds: string[];
let downIds: string[];

beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-'));
    testApp = await startTestApp({ STORAGE: 'sqlite', DATA_DIR: dir, ...bootstrapAdmin(ADMIN) });
    base = testApp.base;
    client = createBotClient(`${base}/api/messages`, 'webchat');

    await ask('r-no-match', 'qwzx vbnm', { source: 'fallback', reason: 'no-match' });
    // A "Did you mean" followed by pressing its second suggestion (the button sends the entry's title), and one left alone.
    const offer = await ask('r-pressed', 'is it hard?', { source: 'fallback', reason: 'suggestions' });
    suggested = (offer.suggestedActions?.actions ?? []).map((a) => String(a.value));
    expect(suggested.length).toBeGreaterThan(1);
    await ask('r-pressed', suggested[1], { source: 'knowledge' });
    await ask('r-left', 'is it hard?', { source: 'fallback', reason: 'suggestions' });
    // An answer on thin evidence (insightsSql.test.ts finds it scored below 0.55).
    const thin = await ask('r-thin', 'which mlt cert is best to get in my small town', { source: 'knowledge' });
    expect(thin.channelData!.answer!.score).toBeLessThan(0.55);
    thinIds = thin.channelData!.answer!.ids;
    const growth = await ask('r-down', 'career growth', { source: 'knowledge' });
    expect(growth.channelData!.answer!.score).toBeGreaterThanOrEqual(0.55);
    downIds = growth.channelData!.answer!.ids;
    await rateDown('r-down', growth);
    await ask('r-gap', 'what are the shifts like?', { source: 'fallback', reason: 'gap' });

    cookie = await testApp.signIn(ADMIN);
}, 60_000);
afterAll(() => testApp?.close());

async function review(): Promise<ReviewGroup[]> {
    const response = await fetch(`${base}/api/advisor/review`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { groups: ReviewGroup[] }).groups;
}

function dismiss(body: unknown, origin = base): Promise<Response> {
    return fetch(`${base}/api/advisor/review/dismissals`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const summary = (groups: ReviewGroup[]) => groups.map((g) => [g.kind, g.count, g.examples.map((e) => e.conversationId)]);

describe('GET /api/advisor/review', () => {
    it('groups what to review by kind, with the examples’ text, channel and conversation', async () => {
        const groups = await review();
        expect(summary(groups)).toEqual([
            ['unanswered', 1, ['r-no-match']],
            ['did-you-mean', 2, ['r-left', 'r-pressed']],
            ['low-confidence', 1, ['r-thin']],
            ['thumbs-down', 1, ['r-down']],
            ['gap', 1, ['r-gap']],
        ]);
        const [unanswered, dym, low, down, gap] = groups;
        expect(unanswered).toMatchObject({ title: 'qwzx vbnm', examples: [{ text: 'qwzx vbnm', channelId: 'webchat', conversationId: 'r-no-match', at: expect.any(String) }] });
        expect(unanswered.yamlStub).toContain('qwzx vbnm');
        expect(dym.title).toBe('is it hard?');
        expect(dym.examples.map((e) => [e.conversationId, e.pressed, e.offered])).toEqual([
            ['r-left', null, suggested],
            ['r-pressed', suggested[1], suggested],
        ]);
        expect(low).toMatchObject({ key: thinIds.join('+'), examples: [{ text: 'which mlt cert is best to get in my small town' }] });
        expect(down).toMatchObject({ key: downIds.join('+'), examples: [{ text: 'career growth' }] });
        expect(gap).toMatchObject({ key: 'shifts', title: 'shifts', examples: [{ text: 'what are the shifts like?' }] });
    });

    it('leaves a dismissed group out until a new example arrives, and audits the dismissal', async () => {
        const gap = (await review()).find((g) => g.kind === 'gap')!;
        const response = await dismiss({ kind: 'gap', key: gap.key });
        expect(response.status).toBe(204);
        expect((await review()).map((g) => g.kind)).not.toContain('gap');

        const audit = (await (await fetch(`${base}/api/advisor/audit`, { headers: { cookie } })).json()) as { entries: { target: string; detail?: string }[] };
        expect(audit.entries).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'ada', action: 'review-dismiss', target: 'review/gap', detail: 'shifts' })]));

        await ask('r-gap-again', 'what are the shifts like at night?', { source: 'fallback', reason: 'gap' });
        const back = (await review()).find((g) => g.kind === 'gap');
        expect(back).toMatchObject({ count: 2, examples: [{ conversationId: 'r-gap-again' }, { conversationId: 'r-gap' }] });
    });

    it('audits a dismissal of a group named by visitors’ words without those words', async () => {
        const unanswered = (await review()).find((g) => g.kind === 'unanswered')!;
        expect((await dismiss({ kind: 'unanswered', key: unanswered.key })).status).toBe(204);
        expect((await review()).map((g) => g.kind)).not.toContain('unanswered');
        const audit = (await (await fetch(`${base}/api/advisor/audit`, { headers: { cookie } })).json()) as { entries: { target: string; detail?: string }[] };
        const entry = audit.entries.find((e) => e.target === 'review/unanswered');
        expect(entry?.detail).toMatch(/^sha256:[0-9a-f]{16}$/);
        expect(JSON.stringify(audit)).not.toContain('qwzx');
    });

    it('refuses a dismissal from another origin, and one that names no kind the inbox has', async () => {
        const down = (await review()).find((g) => g.kind === 'thumbs-down')!;
        const crossOrigin = await dismiss({ kind: 'thumbs-down', key: down.key }, 'http://evil.example');
        expect(crossOrigin.status).toBe(403);
        expect((await review()).map((g) => g.kind)).toContain('thumbs-down');

        const bad = await dismiss({ kind: 'everything', key: down.key });
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain('kind');
        expect((await dismiss({ kind: 'thumbs-down' })).status).toBe(400);
    });

    it('needs a signed-in advisor', async () => {
        expect((await fetch(`${base}/api/advisor/review`)).status).toBe(401);
        expect((await fetch(`${base}/api/advisor/review?from=2025-02-30`, { headers: { cookie } })).status).toBe(400);
    });
});
