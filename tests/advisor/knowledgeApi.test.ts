import { createBotClient, BotClient } from '../../src/cli/botClient';
import { bootstrapAdmin, startTestApp, type TestApp } from '../helpers/testApp';

const ADMIN = { username: 'ada', password: 'correct horse battery' };
const ADVISOR = { username: 'grace', password: 'another long passphrase' };
/** A phrasing no shipped entry answers, added to ENTRY_ID by the tests. */
const NEW_PHRASING = 'what does a zorblax technician need to be good at';
const ENTRY_ID = 'skills-soft-skills';
const ENTRY = `/api/advisor/knowledge/entries/${ENTRY_ID}`;
const ANSWER_START = 'Beyond technical know-how';

let testApp: TestApp;
let base: string;
let bot: BotClient;
let adminCookie: string;
let advisorCookie: string;

beforeAll(async () => {
    testApp = await startTestApp(bootstrapAdmin(ADMIN));
    base = testApp.base;
    bot = createBotClient(`${base}/api/messages`);
    adminCookie = await testApp.signIn(ADMIN);
    expect((await api('/api/advisor/accounts', { cookie: adminCookie, method: 'POST', body: { ...ADVISOR, role: 'advisor' } })).status).toBe(201);
    advisorCookie = await testApp.signIn(ADVISOR);
});
afterAll(() => testApp?.close());

interface Call {
    cookie?: string;
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
}

/** Calls the API as the console's page does: a change sends JSON from the console's origin (unless `headers` say otherwise). */
async function api(path: string, options: Call = {}) {
    const method = options.method ?? 'GET';
    const response = await fetch(`${base}${path}`, {
        method,
        headers: {
            ...(options.cookie ? { cookie: options.cookie } : {}),
            ...(method !== 'GET' ? { 'content-type': 'application/json', origin: base } : {}),
            ...options.headers,
        },
        body: options.body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}
const admin = (path: string, options: Omit<Call, 'cookie'> = {}) => api(path, { ...options, cookie: adminCookie });
const advisor = (path: string, options: Omit<Call, 'cookie'> = {}) => api(path, { ...options, cookie: advisorCookie });
const ifMatch = (version: number | string) => ({ 'if-match': typeof version === 'number' ? `"${version}"` : version });

/** The text of the bot's replies to `question` in a new conversation. */
async function botReplies(question: string): Promise<string> {
    const conversation = `visitor-${Math.random().toString(36).slice(2)}`;
    await bot.join(conversation);
    return (await bot.say(conversation, question)).map((a) => a.text ?? '').join('\n');
}

/** The entry as the editor would send it back, with `changes`. */
async function edited(changes: Record<string, unknown>) {
    const { body, headers } = await admin(ENTRY);
    return { entry: { ...body, ...changes }, etag: headers.get('etag') ?? '' };
}

describe('the knowledge authoring API', () => {
    describe('reading', () => {
        it('lists every entry with its status, and the topics', async () => {
            const { status, body } = await api('/api/advisor/knowledge/entries', { cookie: advisorCookie });
            expect(status).toBe(200);
            expect(body.entries.length).toBeGreaterThan(50);
            expect(body.entries.find((e: { id: string }) => e.id === ENTRY_ID)).toMatchObject({ topic: 'skills', version: 0, status: 'shipped', unpublished: false, readOnly: [] });
            expect(body.topics).toEqual(expect.arrayContaining(['skills', 'salary']));
        });

        it('filters by topic and by words', async () => {
            const byTopic = await admin('/api/advisor/knowledge/entries?topic=skills');
            expect(byTopic.body.entries.length).toBeGreaterThan(1);
            expect(byTopic.body.entries.every((e: { topic: string }) => e.topic === 'skills')).toBe(true);
            const byWords = await admin('/api/advisor/knowledge/entries?q=MANUAL%20dexterity');
            expect(byWords.body.entries.map((e: { id: string }) => e.id)).toContain(ENTRY_ID);
            expect(byWords.body.entries.every((e: { answer: string; keywords: string[] }) => /manual dexterity/i.test(e.answer + e.keywords.join(' ')))).toBe(true);
            expect((await admin('/api/advisor/knowledge/entries?q=zorblax')).body.entries).toEqual([]);
        });

        it('refuses an unknown topic with 400 naming it', async () => {
            const { status, body } = await admin('/api/advisor/knowledge/entries?topic=astrology');
            expect(status).toBe(400);
            expect(body.error.message).toMatch(/^topic: /);
        });

        it('answers one entry with its version as the ETag, and 404 for an unknown id', async () => {
            const { status, body, headers } = await api(ENTRY, { cookie: advisorCookie });
            expect(status).toBe(200);
            expect(headers.get('etag')).toBe('"0"');
            expect(body).toMatchObject({ id: ENTRY_ID, title: expect.any(String), version: 0 });
            const unknown = await admin('/api/advisor/knowledge/entries/no-such-entry');
            expect(unknown.status).toBe(404);
            expect(unknown.body.error.code).toBe('NotFound');
        });

        it('lists the sources an entry may name, and the synonyms', async () => {
            const { body } = await admin('/api/advisor/knowledge/sources');
            expect(body.sources[0]).toEqual({ id: expect.any(String), title: expect.any(String), shortTitle: expect.any(String), publisher: expect.any(String), dated: expect.any(String) });
            const synonyms = await admin('/api/advisor/knowledge/synonyms');
            expect(synonyms.body).toEqual({ synonyms: expect.any(Object), version: 0 });
        });

        it('needs a session', async () => {
            expect((await api('/api/advisor/knowledge/entries')).status).toBe(401);
        });
    });

    describe('changing an entry', () => {
        it('refuses an advisor without the editor role with 403', async () => {
            const { entry } = await edited({ questions: ['a', 'b', 'c'] });
            const { status, body } = await api(ENTRY, { cookie: advisorCookie, method: 'PUT', body: entry, headers: ifMatch(0) });
            expect(status).toBe(403);
            expect(body.error.code).toBe('Forbidden');
            expect((await api('/api/advisor/knowledge/publish', { cookie: advisorCookie, method: 'POST' })).status).toBe(403);
        });

        it('needs If-Match: 428 without it, 400 when it is not a version', async () => {
            const { entry } = await edited({});
            const missing = await admin(ENTRY, { method: 'PUT', body: entry });
            expect(missing.status).toBe(428);
            expect(missing.body.error).toEqual({ code: 'PreconditionRequired', message: expect.stringMatching(/^If-Match: /) });
            const garbled = await admin(ENTRY, { method: 'PUT', body: entry, headers: ifMatch('"latest"') });
            expect(garbled.status).toBe(400);
            expect(garbled.body.error.message).toMatch(/^If-Match: /);
        });

        it('refuses an empty answer with 400 naming `answer`', async () => {
            const { entry, etag } = await edited({ answer: '' });
            const { status, body } = await admin(ENTRY, { method: 'PUT', body: entry, headers: ifMatch(etag) });
            expect(status).toBe(400);
            expect(body.error).toMatchObject({ code: 'BadArgument', message: expect.stringMatching(/^answer: /) });
            expect(body.error.problems).toEqual([{ entryId: ENTRY_ID, field: 'answer', message: expect.any(String) }]);
        });

        it('refuses an entry without a source with 400 naming `source`', async () => {
            const { entry, etag } = await edited({ source: [] });
            const { status, body } = await admin(ENTRY, { method: 'PUT', body: entry, headers: ifMatch(etag) });
            expect(status).toBe(400);
            expect(body.error.message).toMatch(/^source: /);
            expect(body.error.problems.map((p: { field: string }) => p.field)).toEqual(['source']);
        });

        it('saves a new phrasing as the next version, and refuses a save from the version before with 412', async () => {
            const { entry, etag } = await edited({});
            entry.questions = [...entry.questions, NEW_PHRASING];
            const saved = await admin(ENTRY, { method: 'PUT', body: entry, headers: ifMatch(etag) });
            expect(saved.status).toBe(200);
            expect(saved.headers.get('etag')).toBe('"1"');
            expect(saved.body).toMatchObject({ version: 1, status: 'edited', unpublished: true, updatedBy: ADMIN.username });
            expect(saved.body.questions).toContain(NEW_PHRASING);

            const stale = await admin(ENTRY, { method: 'PUT', body: entry, headers: ifMatch(etag) });
            expect(stale.status).toBe(412);
            expect(stale.body.error).toEqual({ code: 'PreconditionFailed', message: `"${ENTRY_ID}" was changed by someone else since you opened it; reload it` });
            expect((await admin('/api/advisor/knowledge/pending')).body.changes).toEqual([expect.objectContaining({ key: `entry:${ENTRY_ID}`, kind: 'changed' })]);
        });

        it('is not answered before it is published', async () => {
            expect(await botReplies(NEW_PHRASING)).not.toContain(ANSWER_START);
        });
    });

    describe('new entries', () => {
        const fresh = {
            topic: 'skills',
            title: 'Do MLTs need to type fast?',
            questions: ['do MLTs need to type fast?', 'is typing speed important for lab techs?', 'how fast should a lab tech type?'],
            answer: 'Computer literacy matters more than speed.',
            source: [{ doc: 'med-tech-career-2026', section: 'Essential Skills for Success' }],
        };

        it('creates one with an id made from its title (201), and refuses the same id again (409)', async () => {
            const created = await admin('/api/advisor/knowledge/entries', { method: 'POST', body: fresh });
            expect(created.status).toBe(201);
            expect(created.body).toMatchObject({ id: 'do-mlts-need-to-type-fast', status: 'new', version: 1 });
            const again = await admin('/api/advisor/knowledge/entries', { method: 'POST', body: fresh });
            expect(again.status).toBe(409);
            expect(again.body.error).toMatchObject({ code: 'Conflict', problems: [{ entryId: 'do-mlts-need-to-type-fast', field: 'id', message: expect.any(String) }] });
        });

        it('retires it with If-Match; never published, it is gone', async () => {
            const path = '/api/advisor/knowledge/entries/do-mlts-need-to-type-fast';
            expect((await admin(`${path}/retire`, { method: 'POST' })).status).toBe(428);
            const retired = await admin(`${path}/retire`, { method: 'POST', headers: ifMatch(1) });
            expect(retired.status).toBe(200);
            expect(retired.body).toMatchObject({ id: 'do-mlts-need-to-type-fast', status: 'retired' });
            expect((await admin(path)).status).toBe(404);
        });

        it('drops a draft with If-Match (204), and refuses a stale one (412)', async () => {
            const created = await admin('/api/advisor/knowledge/entries', { method: 'POST', body: { ...fresh, id: 'typing-speed' } });
            expect(created.status).toBe(201);
            const path = '/api/advisor/knowledge/entries/typing-speed';
            expect((await admin(`${path}/draft`, { method: 'DELETE', headers: ifMatch(7) })).status).toBe(412);
            expect((await admin(`${path}/draft`, { method: 'DELETE', headers: ifMatch(1) })).status).toBe(204);
            expect((await admin(path)).status).toBe(404);
        });

        it('refuses to retire an entry another one names as a follow-up, naming where', async () => {
            const { status, body } = await admin('/api/advisor/knowledge/entries/skills-critical-thinking/retire', { method: 'POST', headers: ifMatch(0) });
            expect(status).toBe(400);
            expect(body.error.problems).toContainEqual(expect.objectContaining({ entryId: ENTRY_ID, field: expect.stringMatching(/^followUps/) }));
        });

        it('retires a shipped entry until it is published', async () => {
            const path = '/api/advisor/knowledge/entries/skills-advice-new-techs';
            const retired = await admin(`${path}/retire`, { method: 'POST', headers: ifMatch(0) });
            expect(retired.status).toBe(200);
            expect(retired.headers.get('etag')).toBe('"1"');
            expect(retired.body).toMatchObject({ status: 'retired', version: 1, unpublished: true });
            expect((await admin(`${path}/retire`, { method: 'POST', headers: ifMatch(1) })).status).toBe(409);
            expect((await admin(`${path}/draft`, { method: 'DELETE', headers: ifMatch(1) })).status).toBe(204);
            expect((await admin(path)).body).toMatchObject({ status: 'shipped', version: 0 });
        });
    });

    describe('preview and check', () => {
        it('refuses a preview without text with 400 naming `text`', async () => {
            const { status, body } = await admin('/api/advisor/knowledge/preview', { method: 'POST', body: { conversationId: 'x' } });
            expect(status).toBe(400);
            expect(body.error.message).toMatch(/^text: /);
            expect((await admin('/api/advisor/knowledge/preview', { method: 'POST', body: { text: 'x'.repeat(5001) } })).body.error.message).toMatch(/^text: /);
        });

        it('answers from the draft in the test chat, continuing one conversation, while the bot does not yet', async () => {
            const first = await admin('/api/advisor/knowledge/preview', { method: 'POST', body: { text: NEW_PHRASING } });
            expect(first.status).toBe(200);
            expect(JSON.stringify(first.body.replies)).toContain(ANSWER_START);
            expect(first.body.replies[0].trace).toMatchObject({ source: 'knowledge', ids: [ENTRY_ID] });
            expect(await botReplies(NEW_PHRASING)).not.toContain(ANSWER_START);
            const next = await admin('/api/advisor/knowledge/preview', { method: 'POST', body: { text: 'thanks!', conversationId: first.body.conversationId } });
            expect(next.body.conversationId).toBe(first.body.conversationId);
            expect(next.body.replies.length).toBeGreaterThan(0);
        });

        it('checks the draft against the live knowledge: the new phrasing is now answered by its entry', async () => {
            const { status, body } = await admin('/api/advisor/knowledge/check', { method: 'POST' });
            expect(status).toBe(200);
            expect(body.summary).toEqual(expect.any(String));
            expect(body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ question: NEW_PHRASING, after: expect.objectContaining({ kind: 'answer', entryId: ENTRY_ID }) })]));
        }, 60_000);

        it('refuses the preview and the check to a plain advisor', async () => {
            expect((await advisor('/api/advisor/knowledge/preview', { method: 'POST', body: { text: 'hello' } })).status).toBe(403);
            expect((await advisor('/api/advisor/knowledge/check', { method: 'POST' })).status).toBe(403);
        });
    });

    describe('publishing and restoring', () => {
        it('publishes the draft (201), and the bot answers the new phrasing at once', async () => {
            const published = await admin('/api/advisor/knowledge/publish', { method: 'POST' });
            expect(published.status).toBe(201);
            expect(published.body).toEqual({ version: 1, changes: [expect.objectContaining({ key: `entry:${ENTRY_ID}`, kind: 'changed' })] });
            expect(await botReplies(NEW_PHRASING)).toContain(ANSWER_START);
            expect((await admin(ENTRY)).body).toMatchObject({ unpublished: false });
        });

        it('refuses to publish when nothing changed (409)', async () => {
            const { status, body } = await admin('/api/advisor/knowledge/publish', { method: 'POST' });
            expect(status).toBe(409);
            expect(body.error.code).toBe('Conflict');
        });

        it('lists the versions with the live one', async () => {
            const { body } = await api('/api/advisor/knowledge/versions', { cookie: advisorCookie });
            expect(body.live).toEqual({ version: 1, published: 1, broken: [] });
            expect(body.versions).toEqual([expect.objectContaining({ n: 1, publishedBy: ADMIN.username, restoredFrom: null })]);
            const one = await admin('/api/advisor/knowledge/versions/1');
            expect(one.body).toEqual({ n: 1, publishedBy: ADMIN.username, publishedAt: expect.any(String), changes: expect.any(Array), restoredFrom: null });
            expect((await admin('/api/advisor/knowledge/versions/7')).status).toBe(404);
        });

        it('restores the shipped knowledge (201), and the phrasing is no longer answered', async () => {
            expect((await api('/api/advisor/knowledge/versions/0/restore', { cookie: advisorCookie, method: 'POST' })).status).toBe(403);
            const restored = await admin('/api/advisor/knowledge/versions/0/restore', { method: 'POST' });
            expect(restored.status).toBe(201);
            expect(restored.body).toMatchObject({ version: 2, changes: [expect.objectContaining({ key: `entry:${ENTRY_ID}` })] });
            expect(await botReplies(NEW_PHRASING)).not.toContain(ANSWER_START);
            expect((await admin(ENTRY)).body.questions).not.toContain(NEW_PHRASING);
        });

        it('saves the synonyms with If-Match, naming a bad one', async () => {
            const path = '/api/advisor/knowledge/synonyms';
            const current = await admin(path);
            const synonyms = { ...current.body.synonyms, zorblax: ['zorblaxes'] };
            expect((await admin(path, { method: 'PUT', body: { synonyms } })).status).toBe(428);
            const bad = await admin(path, { method: 'PUT', body: { synonyms: { zorblax: 'zorblaxes' } }, headers: ifMatch(current.body.version) });
            expect(bad.status).toBe(400);
            expect(bad.body.error.message).toMatch(/^synonyms\.zorblax: /);
            const saved = await admin(path, { method: 'PUT', body: { synonyms }, headers: ifMatch(current.body.version) });
            expect(saved.status).toBe(200);
            expect(saved.body).toEqual({ synonyms, version: current.body.version + 1 });
            expect((await admin(path, { method: 'PUT', body: { synonyms }, headers: ifMatch(current.body.version) })).body.error).toEqual({
                code: 'PreconditionFailed',
                message: 'the synonyms were changed by someone else since you opened it; reload it',
            });
        });

        it('audits every change by entry id and kind, never its text', async () => {
            const { body } = await admin('/api/advisor/audit');
            const knowledge = body.entries.filter((e: { action: string }) => e.action === 'knowledge');
            expect(knowledge.map((e: { target: string; detail: string }) => [e.target, e.detail])).toEqual([
                ['synonyms', expect.stringMatching(/^edited \(draft version \d+\)$/)],
                ['version/2', `restored version 0: restored entry/${ENTRY_ID}`],
                ['version/1', `published: changed entry/${ENTRY_ID}`],
                ['entry/skills-advice-new-techs', 'draft discarded'],
                ['entry/skills-advice-new-techs', 'retired'],
                ['entry/typing-speed', 'draft discarded'],
                ['entry/typing-speed', 'created'],
                ['entry/do-mlts-need-to-type-fast', 'retired'],
                ['entry/do-mlts-need-to-type-fast', 'created'],
                [`entry/${ENTRY_ID}`, 'edited (draft version 1)'],
            ]);
            expect(JSON.stringify(body)).not.toContain('zorblax');
        });
    });

    it('refuses a change from another origin', async () => {
        const { entry, etag } = await edited({ answer: 'Changed from another site.' });
        const { status, body } = await admin(ENTRY, { method: 'PUT', body: entry, headers: { ...ifMatch(etag), origin: 'https://evil.example' } });
        expect(status).toBe(403);
        expect(body.error.code).toBe('CrossOrigin');
        expect((await admin(ENTRY)).body.answer).toMatch(new RegExp(`^${ANSWER_START}`));
    });
});
