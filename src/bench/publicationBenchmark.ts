import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../config/paths';
import { createBotClient } from '../cli/botClient';
import { activityText } from '../bot/activityText';
import { startBenchProcess, type BenchProcess } from './benchProcess';

/**
 * `npm run bench:publication`: how long a publication takes to be live, measured from outside against started bots.
 * Issue 15 asks for "a new version live on every running instance within 5 seconds". Two instances share a PostgreSQL
 * schema of their own (BENCH_DATABASE_URL, default the local test database); an admin adds a phrasing on one and
 * publishes; the time is from the publish answering 201 until each instance answers the phrasing from that entry,
 * asked every 50 ms in a new conversation. Then the same with a restore. One SQLite instance is measured the same way.
 */

const ADMIN = { username: 'bench-admin', password: 'a long benchmark password 1' };
const ENTRY = 'skills-advice-new-techs';
const ROUNDS = Number(process.env.BENCH_PUBLICATION_ROUNDS ?? 8);
const POLL_MS = 50;
const GIVE_UP_MS = 30_000;

/** What the bot answered a question with: its text, and the trace's source and entry ids. */
export interface TracedAnswer {
    text: string;
    source?: string;
    ids: string[];
}

/** Asks `text` in a new conversation on the bot at `baseUrl`. */
export async function askOnce(baseUrl: string, conversation: string, text: string): Promise<TracedAnswer> {
    const client = createBotClient(`${baseUrl}/api/messages`);
    await client.join(conversation);
    const replies = await client.say(conversation, text);
    const traced = replies.map((r) => (r as { channelData?: { answer?: { source?: string; ids?: string[] } } }).channelData?.answer).find(Boolean);
    return { text: replies.map(activityText).join('\n'), source: traced?.source, ids: traced?.ids ?? [] };
}

/** Asks until `check` holds (a new conversation each time); the milliseconds it took, or a throw after `giveUpMs`. */
export async function askUntil(baseUrl: string, text: string, check: (a: TracedAnswer) => boolean, giveUpMs = GIVE_UP_MS, pollMs = POLL_MS): Promise<number> {
    const started = performance.now();
    let last: TracedAnswer | undefined;
    for (let i = 0; performance.now() - started < giveUpMs; i++) {
        last = await askOnce(baseUrl, `live-${randomBytes(6).toString('hex')}-${i}`, text);
        if (check(last)) return Math.round(performance.now() - started);
        await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error(`not seen within ${giveUpMs} ms on ${baseUrl}; last reply: ${JSON.stringify(last)}`);
}

/** Signs in to the console of `baseUrl`; the session cookie. */
export async function signIn(baseUrl: string, account: { username: string; password: string }): Promise<string> {
    const response = await fetch(`${baseUrl}/advisor/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: new URLSearchParams(account).toString(),
        redirect: 'manual',
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie.includes('=')) throw new Error(`signIn(): no session from ${baseUrl} (${response.status})`);
    return cookie;
}

/** The knowledge API of `baseUrl` as the console calls it (its origin, the session). */
export function knowledgeApi(baseUrl: string, cookie: string) {
    return (path: string, init: RequestInit = {}) =>
        fetch(`${baseUrl}/api/advisor/knowledge${path}`, { ...init, headers: { cookie, origin: baseUrl, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
}

/** Adds `question` to ENTRY's phrasings in the draft and publishes; the version published. */
export async function publishPhrasing(api: ReturnType<typeof knowledgeApi>, entryId: string, question: string): Promise<number> {
    const entry = (await (await api(`/entries/${entryId}`)).json()) as { version: number; questions: string[] };
    const saved = await api(`/entries/${entryId}`, { method: 'PUT', headers: { 'if-match': `"${entry.version}"` }, body: JSON.stringify({ ...entry, questions: [...entry.questions, question] }) });
    if (saved.status !== 200) throw new Error(`saving the phrasing: ${saved.status} ${await saved.text()}`);
    const published = await api('/publish', { method: 'POST', body: '{}' });
    if (published.status !== 201) throw new Error(`publishing: ${published.status} ${await published.text()}`);
    return ((await published.json()) as { version: number }).version;
}

async function restore(api: ReturnType<typeof knowledgeApi>, version: number): Promise<void> {
    const restored = await api(`/versions/${version}/restore`, { method: 'POST', body: '{}' });
    if (restored.status !== 201) throw new Error(`restoring ${version}: ${restored.status} ${await restored.text()}`);
}

/** Publishes and restores ROUNDS times on the first instance; how long each took to be live on every instance. */
async function measure(instances: BenchProcess[]): Promise<{ publish: number[]; restore: number[] }> {
    const cookie = await signIn(instances[0].baseUrl, ADMIN);
    const api = knowledgeApi(instances[0].baseUrl, cookie);
    const publish: number[] = [];
    const restored: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        const question = `my zorblax glimmerstat lab quandary ${randomBytes(3).toString('hex')}`;
        const byEntry = (a: TracedAnswer) => a.source === 'knowledge' && a.ids[0] === ENTRY;
        const version = await publishPhrasing(api, ENTRY, question);
        publish.push(Math.max(...(await Promise.all(instances.map((i) => askUntil(i.baseUrl, question, byEntry))))));
        await restore(api, version - 1);
        restored.push(Math.max(...(await Promise.all(instances.map((i) => askUntil(i.baseUrl, question, (a) => !byEntry(a)))))));
    }
    return { publish, restore: restored };
}

const summary = (ms: number[]) => {
    const sorted = [...ms].sort((x, y) => x - y);
    return `mean ${Math.round(ms.reduce((s, x) => s + x, 0) / ms.length)} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms (${ms.length} rounds)`;
};

async function main(): Promise<void> {
    const script = join(PROJECT_ROOT, 'dist', 'src', 'index.js');
    const env = { RATE_LIMITS: 'off', LOG_LEVEL: 'warn', ADVISOR_BOOTSTRAP_USER: ADMIN.username, ADVISOR_BOOTSTRAP_PASSWORD: ADMIN.password };
    const port = Number(process.env.BENCH_PORT ?? 3990);

    const sqlite = await startBenchProcess({ script, port, env: { ...env, STORAGE: 'sqlite' }, withDataDir: true });
    try {
        process.stdout.write(`SQLite, one instance: publish ${summary((await measure([sqlite])).publish)}\n`);
    } finally {
        await sqlite.stop();
    }

    const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_pub_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const inSchema = new URL(url);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);
    const pgEnv = { ...env, STORAGE: 'postgres', DATABASE_URL: inSchema.toString() };
    const instances: BenchProcess[] = [];
    try {
        // One after the other: both migrating at once is tested elsewhere, and would only slow the start here.
        instances.push(await startBenchProcess({ script, port: port + 1, env: pgEnv }));
        instances.push(await startBenchProcess({ script, port: port + 2, env: pgEnv }));
        const { publish, restore: back } = await measure(instances);
        process.stdout.write(`PostgreSQL, two instances: publish live on both ${summary(publish)}; restore live on both ${summary(back)}\n`);
    } finally {
        await Promise.all(instances.map((i) => i.stop()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
    }
}

if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(`${(err as Error).stack ?? err}\n`);
        process.exit(1);
    });
}
