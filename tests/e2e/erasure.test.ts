import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { App } from '../../src/app';
import { createStorage } from '../../src/stores/createStorage';
import { directLineClient } from '../helpers/directLineClient';
import { describeWithPostgres } from '../helpers/postgres';
import { bootstrapAdmin, startTestApp } from '../helpers/testApp';

/**
 * Deleting a conversation (the advisors' delete) and retention leave nothing of it in any table: the tables are
 * listed from the database itself, so a table added later is searched too. Only the audit line of an advisor's
 * action may keep the conversation's id, and nothing the visitor wrote.
 */

const ADMIN = { username: 'ada', password: 'correct horse battery' };

/** What a visitor of the test types: a word nobody else uses, contact details, and a name for a follow-up. */
interface Visitor {
    word: string;
    name: string;
    email: string;
    phone: string;
}
const SURNAMES = ['Quibbleton', 'Marchbanks', 'Featherstone', 'Pemberwick', 'Ashcombe', 'Wrenfield'];
const visitor = (n: number): Visitor => ({
    word: `pangolinquest${n}`,
    name: `Jordan ${SURNAMES[n - 1]}`,
    email: `jo.quibble${n}@example.org`,
    phone: `(555) 867-530${n}`,
});
/** The strings that must not survive the conversation: its id, and everything the visitor typed. */
const tracesOf = (conversationId: string, v: Visitor) => [conversationId, v.word, v.name.split(' ')[1], v.email, v.phone, v.phone.replace(/\D/g, '').slice(3)];

/** One row's value of one column of one table. */
interface Cell {
    table: string;
    column: string;
    value: string;
}
/** Every value of every row of every table, as text (blobs as bytes read as Latin-1, so words in an index show). */
type DumpTables = () => Promise<Cell[]>;

const asText = (value: unknown): string =>
    Buffer.isBuffer(value) ? value.toString('latin1') : value instanceof Date ? value.toISOString() : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/** Every cell holding one of `needles`, but the audit log's `target` naming `allowedTarget` (the advisor's delete). */
async function traces(dump: DumpTables, needles: string[], allowedTarget?: string): Promise<Cell[]> {
    const lowered = needles.map((n) => n.toLowerCase());
    return (await dump()).filter(
        (cell) => lowered.some((n) => cell.value.toLowerCase().includes(n)) && !(cell.table === 'advisor_audit' && cell.column === 'target' && cell.value === allowedTarget),
    );
}

/** The tables (found) holding the conversation's id: where it lives before it is erased. */
async function tablesHolding(dump: DumpTables, conversationId: string): Promise<string[]> {
    return [...new Set((await dump()).filter((c) => c.value.includes(conversationId)).map((c) => c.table))].sort();
}

function sqliteDump(file: string): DumpTables {
    return async () => {
        const db = new Database(file, { readonly: true });
        try {
            const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
            return tables.flatMap(({ name }) =>
                (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
                    Object.entries(row).map(([column, value]) => ({ table: name, column, value: asText(value) })),
                ),
            );
        } finally {
            db.close();
        }
    };
}

/** Runs a conversation through the built-in Direct Line and the bot, as the widget would. */
async function converse(base: string, v: Visitor): Promise<string> {
    const dl = directLineClient(`${base}/v3/directline`);
    const { conversationId, token } = await dl.open();
    const say = async (text: string) => {
        const posted = await dl.post(token, conversationId, { type: 'message', from: { id: 'visitor' }, text });
        expect(posted.status).toBe(200);
    };
    await say(`what about ${v.word} jobs? write to ${v.email} or call ${v.phone}`);
    // A follow-up request made in full ...
    for (const text of ['can I talk to someone?', 'yes', v.name, v.email, `whether ${v.word} counts`]) await say(text);
    // ... and one left after the name: the name waits in the dialog's state.
    for (const text of ['can I talk to someone?', 'yes', v.name]) await say(text);
    const { body } = await dl.poll(token, conversationId);
    expect(JSON.stringify(body.activities)).toContain('email address or phone number should they use');
    return conversationId;
}

/**
 * A visitor's own "delete my chat" through the built-in Direct Line, as the widget sends it, after a conversation that
 * holds every kind of row: an answer, an unanswered question, a follow-up request and one abandoned after the name.
 * Returns the conversation's id once the client has read the reply saying it is deleted, and what the client saw.
 */
async function converseThenDelete(base: string, v: Visitor, tablesBefore: (conversationId: string) => Promise<void>) {
    const dl = directLineClient(`${base}/v3/directline`);
    const { conversationId, token, watermark } = await dl.open();
    const say = async (text: string) => expect((await dl.post(token, conversationId, { type: 'message', from: { id: 'visitor' }, text })).status).toBe(200);
    await say('how much do MLTs make?');
    await say(`what about ${v.word} jobs? write to ${v.email} or call ${v.phone}`);
    await say(`is ${v.word} sorting on the night rota?`);
    for (const text of ['can I talk to someone?', 'yes', v.name, v.email, `whether ${v.word} counts`]) await say(text);
    for (const text of ['can I talk to someone?', 'yes', v.name]) await say(text);
    await say('delete my chat');
    const asked = await dl.pollUntil(token, conversationId, watermark, (activities) => JSON.stringify(activities).includes('Delete this whole conversation?'));
    await tablesBefore(conversationId);
    await say('Yes');
    const reply = await dl.pollUntil(token, conversationId, asked.watermark, (activities) => activities.some((a) => (a.channelData as { answer?: { dialog?: string } })?.answer?.dialog === 'delete-chat'));
    return { conversationId, reply: reply.activities.find((a) => a.type === 'message' && a.from?.role === 'bot'), afterReply: () => dl.poll(token, conversationId, reply.watermark) };
}

/** Starts the app on storage, signs in the bootstrap admin; returns what the tests use. */
async function startApp(env: Record<string, string>) {
    const { app, base, signIn } = await startTestApp({ RATE_LIMITS: 'off', ...bootstrapAdmin(ADMIN), ...env });
    const cookie = await signIn(ADMIN);
    const deleteConversation = (conversationId: string) =>
        fetch(`${base}/api/advisor/conversations/directline/${encodeURIComponent(conversationId)}`, {
            method: 'DELETE',
            headers: { cookie, origin: base, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        });
    const view = (conversationId: string) => fetch(`${base}/api/advisor/conversations/directline/${encodeURIComponent(conversationId)}`, { headers: { cookie } });
    return { app, base, deleteConversation, view };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the visitor typed that is still somewhere in `bytes` (the id is not looked for: the audit log keeps it). */
const typedIn = (bytes: string, v: Visitor) => tracesOf('', v).slice(1).filter((t) => bytes.toLowerCase().includes(t.toLowerCase()));

/**
 * The same checks on each storage; `fileBytes`, when the storage is a file, reads all of it as it is on the disk
 * (free space and the WAL included), where a deleted row could still be read with `strings`.
 */
function erasureSuite(env: () => Record<string, string>, dump: DumpTables, fileBytes?: () => string) {
    let app: App;
    let base: string;
    let deleteConversation: (id: string) => Promise<Response>;
    let view: (id: string) => Promise<Response>;
    beforeAll(async () => {
        ({ app, base, deleteConversation, view } = await startApp(env()));
    });
    afterAll(() => app?.shutdown(2000));

    it('an advisor’s delete leaves nothing of the conversation in any table, but its id in the audit log', async () => {
        const gone = visitor(1);
        const kept = visitor(2);
        const goneId = await converse(base, gone);
        const keptId = await converse(base, kept);
        // Where a conversation lives before it is deleted: every store, the state with the abandoned name included.
        const holding = await tablesHolding(dump, goneId);
        expect(holding).toEqual(expect.arrayContaining(['advisor_follow_ups', 'bot_state', 'conversation_summaries', 'directline_activities', 'directline_conversations', 'transcript_activities']));
        expect((await traces(dump, [gone.name.split(' ')[1]])).map((c) => c.table)).toEqual(expect.arrayContaining(['bot_state', 'directline_activities', 'advisor_follow_ups']));

        expect((await view(goneId)).status).toBe(200);
        expect((await deleteConversation(goneId)).status).toBe(204);

        expect(await traces(dump, tracesOf(goneId, gone), `directline/${goneId}`)).toEqual([]);
        const audit = (await dump()).filter((c) => c.table === 'advisor_audit' && c.column === 'target' && c.value === `directline/${goneId}`);
        expect(audit.length).toBeGreaterThan(0);
        if (fileBytes) expect(typedIn(fileBytes(), gone)).toEqual([]);
        // The other conversation is untouched.
        expect(await tablesHolding(dump, keptId)).toEqual(holding);
    });

    it('retention leaves nothing of a conversation older than the cutoff in any table, and keeps the newer one', async () => {
        const old = visitor(3);
        const recent = visitor(4);
        const oldId = await converse(base, old);
        // The turns' last writes (state, typing) land before the cutoff.
        await delay(300);
        const cutoff = new Date();
        await delay(20);
        const recentId = await converse(base, recent);
        const before = await tablesHolding(dump, recentId);

        expect(await app.storage.eraser.eraseOlderThan(cutoff)).toBeGreaterThan(0);

        expect(await traces(dump, tracesOf(oldId, old))).toEqual([]);
        if (fileBytes) expect(typedIn(fileBytes(), old)).toEqual([]);
        expect(await tablesHolding(dump, recentId)).toEqual(before);
        expect(await traces(dump, [recent.email])).not.toEqual([]);
    });

    it('a visitor’s confirmed “delete my chat” leaves no row of the conversation in any table once their client has the reply', async () => {
        const gone = visitor(5);
        const kept = visitor(6);
        const keptId = await converse(base, kept);
        const keptHolding = await tablesHolding(dump, keptId);
        const { conversationId, reply, afterReply } = await converseThenDelete(base, gone, async (id) => {
            expect(await tablesHolding(dump, id)).toEqual(
                expect.arrayContaining(['advisor_follow_ups', 'bot_state', 'conversation_summaries', 'directline_activities', 'directline_conversations', 'transcript_activities', 'unanswered_questions']),
            );
        });
        expect(reply?.text).toMatch(/Your conversation has been deleted/);
        // Everything but the copy the client reads the reply from is gone with the turn that confirmed it.
        expect(await tablesHolding(dump, conversationId)).toEqual(['directline_activities', 'directline_conversations']);
        // The client's next poll finds nothing new: it has the reply, and the copy goes too.
        expect(await afterReply()).toMatchObject({ status: 200, body: { activities: [] } });
        expect(await traces(dump, tracesOf(conversationId, gone))).toEqual([]);
        if (fileBytes) expect(typedIn(fileBytes(), gone)).toEqual([]);
        expect((await afterReply()).status).toBe(404);
        // The audit log records advisors' actions only: nothing of this erasure is in it.
        expect((await dump()).filter((c) => c.table === 'advisor_audit' && c.value.includes(conversationId))).toEqual([]);
        expect(await tablesHolding(dump, keptId)).toEqual(keptHolding);
    });
}

describe('erasing conversations on SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'erasure-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bot.sqlite');

    const fileBytes = () => [file, `${file}-wal`].map((f) => (existsSync(f) ? readFileSync(f).toString('latin1') : '')).join('');
    erasureSuite(() => ({ STORAGE: 'sqlite', DATA_DIR: dir }), sqliteDump(file), fileBytes);

    it('refuses to start when the file has a table the eraser has no rule for', () => {
        const other = mkdtempSync(join(tmpdir(), 'erasure-unknown-'));
        try {
            const db = new Database(join(other, 'bot.sqlite'));
            db.exec('CREATE TABLE visitor_notes (note TEXT)');
            db.close();
            expect(() => createStorage({ STORAGE: 'sqlite', DATA_DIR: other, DATABASE_URL: undefined })).toThrow(/no rule for table\(s\) "visitor_notes"/);
        } finally {
            rmSync(other, { recursive: true, force: true });
        }
    });
});

describe('erasing conversations on STORAGE=memory', () => {
    // Each store is its own private database here: no list of tables to search, so each store is asked.
    let app: App;
    let base: string;
    let deleteConversation: (id: string) => Promise<Response>;
    beforeAll(async () => {
        ({ app, base, deleteConversation } = await startApp({ STORAGE: 'memory' }));
    });
    afterAll(() => app?.shutdown(2000));

    it('an advisor’s delete leaves nothing in any store, bot state and Direct Line included', async () => {
        const gone = visitor(1);
        const id = await converse(base, gone);
        const stored = async () => ({
            state: Object.keys(await app.storage.storage.read([`directline/conversations/${id}/`])),
            directLine: await app.storage.directLine.conversation(id),
            summary: await app.storage.conversationLog.summary('directline', id),
            followUps: (await app.storage.followUps.list()).filter((f) => f.conversationId === id).length,
        });
        expect(await stored()).toMatchObject({ state: [`directline/conversations/${id}/`], directLine: { conversationId: id }, summary: { conversationId: id }, followUps: 1 });
        expect((await deleteConversation(id)).status).toBe(204);
        expect(await stored()).toEqual({ state: [], directLine: undefined, summary: undefined, followUps: 0 });
    });
});

describeWithPostgres('erasing conversations on PostgreSQL', (db) => {
    const url = () => {
        const u = new URL(db().url);
        u.searchParams.set('options', `-c search_path=${db().schema}`);
        return u.toString();
    };
    const dump: DumpTables = async () => {
        const { rows: tables } = await db().pool.query<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            [db().schema],
        );
        const cells: Cell[] = [];
        for (const { name } of tables) {
            const { rows } = await db().pool.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
            for (const row of rows) for (const [column, value] of Object.entries(row)) cells.push({ table: name, column, value: asText(value) });
        }
        return cells;
    };

    erasureSuite(() => ({ STORAGE: 'postgres', DATABASE_URL: url() }), dump);

    it('refuses to start when the schema has a table the eraser has no rule for', async () => {
        await db().pool.query('CREATE TABLE visitor_notes (note text)');
        try {
            const storage = createStorage({ STORAGE: 'postgres', DATA_DIR: '.', DATABASE_URL: url() });
            await expect(storage.ready()).rejects.toThrow(/no rule for table\(s\) "visitor_notes"/);
            await storage.close();
        } finally {
            await db().pool.query('DROP TABLE visitor_notes');
        }
    });
});
