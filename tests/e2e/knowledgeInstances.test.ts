import { askOnce, askUntil, knowledgeApi, signIn, type TracedAnswer } from '../../src/bench/publicationBenchmark';
import { describeWithPostgres } from '../helpers/postgres';
import { freePort, startServer, waitUntilReady, StartedServer } from './startedServer';

/**
 * Issue 15's check: "On two instances sharing PostgreSQL both answer it within 5 s. Restoring the previous version takes
 * it back." Two bot processes as `npm start` runs them; an admin publishes on one; the visitor asks the other.
 * @remarks The 5 s is measured from outside in BENCHMARKS.md ("Knowledge publication"); here the bound is wide (15 s) so a
 * busy machine cannot fail it, and the time taken is printed.
 */
const ADMIN = { username: 'pat-admin', password: 'a long admin password 1' };
/** Words no shipped entry uses: only the phrasing added here answers them. */
const QUESTION = 'my zorblax glimmerstat lab quandary';
const ENTRY = 'skills-advice-new-techs';
const WIDE_BOUND_MS = 15_000;

function inSchema(url: string, schema: string): string {
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
}

describeWithPostgres('a publication on two instances sharing PostgreSQL', (db) => {
    let a: StartedServer;
    let b: StartedServer;
    let cookie = '';
    const answeredByEntry = (x: TracedAnswer) => x.source === 'knowledge' && x.ids[0] === ENTRY;

    beforeAll(async () => {
        const env = { STORAGE: 'postgres', DATABASE_URL: inSchema(db().url, db().schema), RATE_LIMITS: 'off', ADVISOR_BOOTSTRAP_USER: ADMIN.username, ADVISOR_BOOTSTRAP_PASSWORD: ADMIN.password };
        [a, b] = [startServer(env, await freePort()), startServer(env, await freePort())];
        await Promise.all([waitUntilReady(a), waitUntilReady(b)]);
        cookie = await signIn(a.url, ADMIN);
    }, 60_000);
    afterAll(async () => {
        for (const server of [a, b]) server?.process.kill('SIGTERM');
        await Promise.all([a?.exited, b?.exited]);
    });

    const api = (path: string, init?: RequestInit) => knowledgeApi(a.url, cookie)(path, init);
    const ask = (server: StartedServer, conversation: string) => askOnce(server.url, conversation, QUESTION);
    const until = (server: StartedServer, check: (x: TracedAnswer) => boolean) => askUntil(server.url, QUESTION, check, WIDE_BOUND_MS);

    it('answers a phrasing published on one instance from the other, and stops once the previous version is restored', async () => {
        expect(answeredByEntry(await ask(b, 'before'))).toBe(false);

        const entry = (await (await api(`/entries/${ENTRY}`)).json()) as { version: number; questions: string[] };
        const saved = await api(`/entries/${ENTRY}`, { method: 'PUT', headers: { 'if-match': `"${entry.version}"` }, body: JSON.stringify({ ...entry, questions: [...entry.questions, QUESTION] }) });
        expect(saved.status).toBe(200);
        // A draft is not live: neither instance answers from it.
        expect(answeredByEntry(await ask(b, 'draft'))).toBe(false);

        const published = await api('/publish', { method: 'POST', body: '{}' });
        expect(published.status).toBe(201);
        const { version } = (await published.json()) as { version: number };
        const [onA, onB] = await Promise.all([until(a, answeredByEntry), until(b, answeredByEntry)]);
        process.stdout.write(`publication live on A after ${onA} ms, on B after ${onB} ms\n`);

        const restored = await api(`/versions/${version - 1}/restore`, { method: 'POST', body: '{}' });
        expect(restored.status).toBe(201);
        const [backA, backB] = await Promise.all([until(a, (x) => !answeredByEntry(x)), until(b, (x) => !answeredByEntry(x))]);
        process.stdout.write(`restore live on A after ${backA} ms, on B after ${backB} ms\n`);
    }, 90_000);
});
