import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { activityText } from '../../src/bot/activityText';
import { PROJECT_ROOT } from '../../src/config/paths';
import { redactPersonalData } from '../../src/transcripts/redact';
import { createRecordingBotClient, ReceivedTurn } from '../helpers/recordingBotClient';
import { freePort, startServer, StartedServer, waitUntilReady } from './startedServer';

if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.js'))) {
    throw new Error('tests/e2e/crash.test.ts needs the built bot: run `npm run build` first (npm install does it)');
}

/** The load: clients at once, each in its own conversation, asking knowledge questions one after another. */
const LOAD = Object.freeze({
    clients: 8,
    /** Replies received before the kill: enough that every client is a few turns in, and turns are still in flight. */
    repliesBeforeKill: 48,
});
/** Questions answered from knowledge entries, not dialogs: a conversation cut off mid-turn holds no half-done dialog. */
const QUESTIONS = [
    'what does an MLT do?',
    'what certifications can an MLT get?',
    'what is the job outlook for lab techs?',
    'what skills does a lab tech need?',
    'can an MLT become an MLS?',
    'what specializations are there?',
    'what is the ASCP exam?',
];
const LICENSURE = 'crash-licensure';

const textOf = (replies: Partial<Activity>[]) => replies.map(activityText).join('\n').toLowerCase();
/** What the transcript keeps of a reply: typing is not logged, and text is stored redacted. */
const logged = (replies: Partial<Activity>[]) => replies.filter((r) => r.type !== 'typing' && r.type !== 'trace');

/** An activity as the transcript holds it, with the role the log recorded for it (`user` or `bot`). */
interface Logged {
    role: string;
    activity: Partial<Activity>;
}

/** Every activity the transcript holds for each conversation, oldest first, read from the database file itself. */
function readTranscripts(file: string, conversationIds: string[]): Map<string, Logged[]> {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
        const select = db.prepare(`SELECT role, body FROM transcript_activities WHERE channel_id = 'webchat' AND conversation_id = ? ORDER BY seq`);
        const rows = (id: string) => select.all(id) as { role: string; body: string }[];
        return new Map(conversationIds.map((id) => [id, rows(id).map((r) => ({ role: r.role, activity: JSON.parse(r.body) as Partial<Activity> }))]));
    } finally {
        db.close();
    }
}

/** What of a received turn is missing from its conversation's transcript: the incoming activity, or any reply. */
function missingFromTranscript(turn: ReceivedTurn, transcript: Logged[]): string[] {
    const missing: string[] = [];
    const at = transcript.findIndex((l) => l.role === 'user' && l.activity.id === turn.id);
    const incoming = transcript[at]?.activity;
    if (!incoming || incoming.type !== turn.type || (turn.text !== undefined && incoming.text !== redactPersonalData(turn.text))) {
        missing.push(`${turn.conversationId}: the incoming ${turn.type} ${turn.id} (${turn.text ?? ''})`);
    }
    // A reply names the activity it answers, except the welcome: it is then the bot's activity logged after the incoming
    // one and before the visitor's next (one conversation's turns run one after another).
    const next = transcript.findIndex((l, i) => i > at && l.role === 'user');
    const logReplies = transcript
        .filter((l, i) => l.role === 'bot' && (l.activity.replyToId === turn.id || (!l.activity.replyToId && at !== -1 && i > at && (next === -1 || i < next))))
        .map((l) => l.activity);
    for (const reply of logged(turn.replies)) {
        const text = reply.text === undefined ? undefined : redactPersonalData(reply.text);
        const index = logReplies.findIndex((a) => a.type === reply.type && a.text === text);
        if (index === -1) missing.push(`${turn.conversationId}: a reply to ${turn.id}: ${String(reply.text).slice(0, 80)}`);
        else logReplies.splice(index, 1);
    }
    return missing;
}

describe('the started bot process, killed under load (SIGKILL)', () => {
    let first: StartedServer | undefined;
    let second: StartedServer | undefined;
    afterAll(async () => {
        for (const server of [first, second]) {
            if (server && server.process.exitCode === null && server.process.signalCode === null) {
                server.process.kill('SIGKILL');
                await server.exited;
            }
        }
    });

    it('keeps every answered turn in the transcript, and every conversation resumes after a restart', async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'bot-crash-'));
        const port = await freePort();
        first = startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, port);
        await waitUntilReady(first);
        const client = createRecordingBotClient(`${first.url}/api/messages`);
        const loadIds = Array.from({ length: LOAD.clients }, (_, i) => `crash-load-${i + 1}`);

        let stopping = false;
        const failures: string[] = [];
        const worker = async (conversationId: string, offset: number) => {
            try {
                await client.join(conversationId);
                for (let turn = 0; !stopping; turn++) await client.say(conversationId, QUESTIONS[(offset + turn) % QUESTIONS.length]);
            } catch (err) {
                // Expected once the process is killed: the request in flight gets no answer.
                if (!stopping) failures.push(`${conversationId}: ${(err as Error).message}`);
            }
        };
        const workers = loadIds.map((id, i) => worker(id, i));

        // The licensure dialog starts in the middle of the load and is left waiting for a state.
        await client.join(LICENSURE);
        expect(textOf(await client.say(LICENSURE, 'do lab techs need a state license?'))).toMatch(/which state/);

        while (client.received.length < LOAD.repliesBeforeKill && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
        expect(failures).toEqual([]);
        const inFlightAtKill = client.inFlight();
        stopping = true;
        first.process.kill('SIGKILL');
        await first.exited;
        await Promise.all(workers);
        expect(first.process.signalCode).toBe('SIGKILL');
        // The kill landed in the middle of the load: requests were waiting for their turn to finish.
        expect(inFlightAtKill).toBeGreaterThan(0);
        const answered = [...client.received];

        second = startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, port);
        await waitUntilReady(second);

        const transcripts = readTranscripts(join(dataDir, 'bot.sqlite'), [...loadIds, LICENSURE]);
        const missing = answered.flatMap((turn) => missingFromTranscript(turn, transcripts.get(turn.conversationId) ?? []));
        expect({ answeredTurns: answered.length, missing }).toEqual({ answeredTurns: expect.any(Number), missing: [] });
        expect(answered.length).toBeGreaterThanOrEqual(LOAD.repliesBeforeKill);

        const resumed = createRecordingBotClient(`${second.url}/api/messages`);
        // The dialog was waiting for a state when the process died; it still is.
        expect(textOf(await resumed.say(LICENSURE, 'Hawaii'))).toContain('hawaii requires a license');
        for (const id of loadIds) {
            const replies = await resumed.say(id, 'how long is an MLT program?');
            expect({ id, answer: replies.find((r) => r.type === 'message')?.channelData?.answer }).toEqual({
                id,
                answer: expect.objectContaining({ source: 'knowledge', ids: ['education-program-length'] }),
            });
        }

        second.process.kill('SIGTERM');
        expect(await second.exited).toBe(0);
    }, 90_000);
});
