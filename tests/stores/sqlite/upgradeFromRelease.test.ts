import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectLineTokens } from '../../../src/channels/directLine/directLineTokens';
import { createStorage, type BotStorage } from '../../../src/stores/createStorage';
import { sqliteMigrations } from '../../../src/stores/sqlite/sqliteMigrations';
import { UnansweredQuestionRecorder } from '../../../src/transcripts/unansweredQuestions';

/**
 * tests/fixtures/release-799221d/bot.sqlite was written by release 799221d's own stores (the script beside it says
 * how), which created their tables without migrations: the file is at schema version 0. These are the tokens that
 * release handed out while writing it (the script prints them).
 */
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'release-799221d', 'bot.sqlite');
const RELEASE = {
    /** Signed with the Direct Line key the release stored, for conversation dl-conv-1, valid 30 minutes from `at`. */
    directLineToken:
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb252IjoiZGwtY29udi0xIiwidXNlciI6ImRsX3VzZXItMSIsImlhdCI6MTc5NjQzMTM5OSwiZXhwIjoxNzk2NDMzMTk5LCJhdWQiOiJkaXJlY3RsaW5lIiwiaXNzIjoibWx0LWNhcmVlci1ib3QiLCJqdGkiOiI4eDMtc2JjUldZdU5PNF9LUkFxWUN3In0.-pb28ZRaLVU58j5KzBZldXDvVfvp3bOi116Az48fkf0',
    /** ada's advisor session, idle for at most 8 hours from `at`. */
    sessionToken: '-7qY7y-W2wa0JqiUNVPUbxvBoHy5pmtEwmibwaPyj0c',
    at: Date.parse('2026-12-05T00:43:19.833Z'),
};

/** Every table's rows and the schema, as one value: two equal snapshots mean nothing in the file changed. */
function snapshot(file: string) {
    const db = new Database(file, { readonly: true });
    try {
        const schema = db.prepare<[], { type: string; name: string; sql: string | null }>("SELECT type, name, sql FROM sqlite_master ORDER BY name").all();
        const rows = Object.fromEntries(schema.filter((s) => s.type === 'table').map((s) => [s.name, db.prepare(`SELECT * FROM "${s.name}"`).all()]));
        return { version: db.pragma('user_version', { simple: true }), schema, rows };
    } finally {
        db.close();
    }
}

/** The schema of a file, each statement with its whitespace collapsed (the release wrote its tables indented its own way). */
function schemaOf(file: string): string[] {
    const db = new Database(file, { readonly: true });
    try {
        return db
            .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .all()
            .map((r) => r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')'));
    } finally {
        db.close();
    }
}

describe('a bot.sqlite written by release 799221d, opened by this release', () => {
    let dir: string;
    let file: string;
    let storage: BotStorage | undefined;
    const open = () => (storage = createStorage({ STORAGE: 'sqlite', DATA_DIR: dir, DATABASE_URL: undefined }));

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'release-799221d-'));
        file = join(dir, 'bot.sqlite');
        copyFileSync(FIXTURE, file);
    });
    afterEach(async () => {
        await storage?.close();
        storage = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    it('is at schema version 0 before (the fixture is what the release wrote)', () => {
        const before = snapshot(file);
        expect(before.version).toBe(0);
        expect(before.schema.map((s) => s.name)).not.toContain('directline_revoked_tokens');
    });

    it('keeps the conversation, its transcript and summary, searchable', async () => {
        const { conversationLog } = open();
        expect(await conversationLog.summary('webchat', 'conv-1')).toEqual({
            channelId: 'webchat',
            conversationId: 'conv-1',
            startedAt: '2026-11-20T10:00:00.000Z',
            lastActivityAt: '2026-11-20T10:01:01.000Z',
            messageCount: 4,
            topics: ['salary'],
            unanswered: 1,
            rating: { up: 1, down: 0 },
            followUpRequested: true,
            reviewed: true,
            tags: ['pay'],
            notes: 'Asked about Ohio.',
            // Backfilled by migration 0005 from the stored activities.
            firstQuestion: 'What does an MLT earn in Ohio?',
        });
        const activities = await conversationLog.activities('webchat', 'conv-1');
        expect(activities.map((a) => a.id ?? a.type)).toEqual(['act-1', 'act-2', 'act-3', 'act-4', 'act-5']);
        expect(activities[1]).toMatchObject({ text: 'The median pay for medical laboratory technicians is $57,380 a year.', replyToId: 'act-1' });
        const page = await conversationLog.getTranscriptActivities('webchat', 'conv-1');
        expect(page.items).toHaveLength(5);
        expect((await conversationLog.listConversations({ text: 'zoo' })).conversations.map((c) => c.conversationId)).toEqual(['conv-1']);
        expect((await conversationLog.listConversations({})).conversations).toHaveLength(1);
    });

    it('keeps bot state, with eTags that still guard writes', async () => {
        const { storage: state } = open();
        const items = await state.read(['webchat/conversations/conv-1/', 'webchat/users/visitor-1/']);
        expect(items['webchat/conversations/conv-1/']).toMatchObject({ dialogState: { dialogStack: [] }, lastTopic: 'salary', eTag: expect.any(String) });
        expect(items['webchat/users/visitor-1/']).toMatchObject({ name: 'Sam' });
        await expect(state.write({ 'webchat/users/visitor-1/': { name: 'Alex', eTag: 'stale' } })).rejects.toThrow();
        await state.write({ 'webchat/users/visitor-1/': { ...items['webchat/users/visitor-1/'], name: 'Alex' } });
        expect((await state.read(['webchat/users/visitor-1/']))['webchat/users/visitor-1/']).toMatchObject({ name: 'Alex' });
    });

    it('keeps the unanswered question, and records new ones with their gap', async () => {
        const { unanswered } = open();
        expect(await unanswered.list()).toEqual([{ at: expect.any(String), channelId: 'webchat', conversationId: 'conv-1', question: 'Can I work nights in a zoo lab?' }]);
        await new UnansweredQuestionRecorder(unanswered).record({ activity: { channelId: 'webchat', conversation: { id: 'conv-2' } } } as never, 'is 45 too old?', 'age');
        expect((await unanswered.list())[0]).toMatchObject({ question: 'is 45 too old?', gap: 'age' });
    });

    it('keeps the advisor, who signs in with the same password, with the session and audit entry; editors can be added', async () => {
        // Opened as if a minute after the release signed ada in, so the session has not expired.
        const now = jest.spyOn(Date, 'now').mockReturnValue(RELEASE.at + 60_000);
        try {
            const { accounts, sessions, audit } = open();
            expect(await sessions.find(RELEASE.sessionToken)).toMatchObject({ username: 'ada', role: 'admin' });
            expect(await accounts.verify('ada', 'correct horse battery staple')).toMatchObject({ username: 'ada', role: 'admin', disabled: false });
            expect(await accounts.verify('ada', 'wrong password')).toBeUndefined();
            expect(await audit.list()).toEqual([{ at: expect.any(String), username: 'ada', action: 'account.create', target: 'ada', detail: 'role admin' }]);
            // The accounts table rebuilt by migration 0008 takes the editor role, and the session outlives the rebuild.
            await accounts.create('eve', 'eve long passphrase', 'editor');
            expect(await accounts.verify('eve', 'eve long passphrase')).toMatchObject({ username: 'eve', role: 'editor' });
            expect(await sessions.find(RELEASE.sessionToken)).toMatchObject({ username: 'ada', role: 'admin' });
            await storage?.close();
            storage = undefined;
        } finally {
            now.mockRestore();
        }
    });

    it('keeps the follow-up request, claimed', async () => {
        const { followUps } = open();
        expect(await followUps.list()).toEqual([
            expect.objectContaining({ channelId: 'webchat', conversationId: 'conv-1', name: 'Sam Visitor', contact: 'sam@example.org', contactKind: 'email', topic: 'salary', status: 'claimed', claimedBy: 'ada' }),
        ]);
    });

    it('keeps the Direct Line conversation, its activities and its signing key, so the release’s token still checks out and can be revoked', async () => {
        const { directLine } = open();
        expect(await directLine.conversation('dl-conv-1')).toEqual({ conversationId: 'dl-conv-1', userId: 'dl_user-1' });
        const page = await directLine.activitiesAfter('dl-conv-1', 0, 10);
        expect(page.activities.map((a) => a.text)).toEqual(['hello', 'Hi! Ask me about MLT work.']);
        expect(page.watermark).toBe(2);
        const tokens = new DirectLineTokens(await directLine.signingKey());
        const now = jest.spyOn(Date, 'now').mockReturnValue(RELEASE.at + 60_000);
        let grant;
        try {
            grant = tokens.verify(`Bearer ${RELEASE.directLineToken}`);
        } finally {
            now.mockRestore();
        }
        expect(grant).toMatchObject({ conversationId: 'dl-conv-1', userId: 'dl_user-1' });
        // The table added since the release (migration 0002) works on the upgraded file.
        expect(await directLine.revokeToken({ tokenId: grant.tokenId, conversationId: 'dl-conv-1', expiresAt: grant.expiresAt }, new Date(RELEASE.at + 60_000))).toBe(true);
        expect((await directLine.tokenState('dl-conv-1', grant.tokenId)).revokedAt).toEqual(new Date(RELEASE.at + 60_000));
    });

    it('ends at the latest schema version, with the schema of a new file; opening it again changes nothing', async () => {
        await open().close();
        storage = undefined;
        const upgraded = snapshot(file);
        expect(upgraded.version).toBe(sqliteMigrations().length);
        const fresh = join(dir, 'fresh', 'bot.sqlite');
        await createStorage({ STORAGE: 'sqlite', DATA_DIR: join(dir, 'fresh'), DATABASE_URL: undefined }).close();
        expect(schemaOf(file)).toEqual(schemaOf(fresh));

        await open().close();
        storage = undefined;
        expect(snapshot(file)).toEqual(upgraded);
    });
});
