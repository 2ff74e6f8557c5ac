import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createPostgresStorage } from '../../src/stores/createPostgresStorage';
import type { BotStorage } from '../../src/stores/createStorage';
import { describeWithPostgres } from '../helpers/postgres';

const quiet = { error: () => undefined };

describe('createPostgresStorage', () => {
    it('refuses to start without DATABASE_URL', () => {
        expect(() => createPostgresStorage({ DATABASE_URL: undefined }, {})).toThrow(/DATABASE_URL is required/);
    });

    describe('when the database does not answer', () => {
        let silent: Server;
        const sockets: Socket[] = [];
        beforeAll(async () => {
            // Accepts connections and never says a word, as a hung database or a dropped network does.
            silent = createServer((socket) => void sockets.push(socket));
            await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
        });
        afterAll(async () => {
            sockets.forEach((s) => s.destroy());
            await new Promise((resolve) => silent.close(resolve));
        });

        it('reports itself unhealthy within about 2 s, without throwing', async () => {
            const { port } = silent.address() as AddressInfo;
            const storage = createPostgresStorage(
                { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test` },
                // The connection attempt outlives the probe; a shorter one lets close() come sooner.
                { logger: quiet, pool: { connectionTimeoutMillis: 2_500 } },
            );
            const started = Date.now();
            await expect(storage.isHealthy()).resolves.toBe(false);
            expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
            expect(Date.now() - started).toBeLessThan(3_000);
            await storage.close();
        });

        it('reports itself unhealthy at once when nothing listens', async () => {
            const storage = createPostgresStorage({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }, { logger: quiet });
            await expect(storage.isHealthy()).resolves.toBe(false);
            await expect(storage.ready()).rejects.toThrow();
            await storage.close();
        });
    });
});

describeWithPostgres('createPostgresStorage on PostgreSQL', (db) => {
    let storage: BotStorage | undefined;
    afterEach(async () => storage?.close());

    it('builds every store on one pool, with the conversation lock', async () => {
        storage = createPostgresStorage({ DATABASE_URL: db().url }, { pool: db().poolOptions });
        expect(storage.kind).toBe('postgres');
        expect(storage.conversationLock).toBeDefined();
        await storage.ready();
        await db().reset();
        await storage.storage.write({ k: { v: 1 } });
        expect(await storage.directLine.startConversation({ conversationId: 'c1', userId: 'u1' }, new Date())).toBe(true);
        await storage.accounts.create('joe', 'correct horse battery', 'admin');
        const { token } = await storage.sessions.create('joe');
        expect(await storage.sessions.find(token)).toMatchObject({ username: 'joe' });
        await storage.conversationLog.logActivity({ type: 'message', id: 'm1', channelId: 'test', conversation: { id: 'c1' }, from: { id: 'u1', role: 'user' }, recipient: { id: 'bot' }, text: 'hello', timestamp: new Date() } as never);
        // Every store wrote through the one pool into the suite's schema.
        const counts = await db().pool.query(`SELECT (SELECT count(*) FROM bot_state WHERE key = 'k')::int AS state,
            (SELECT count(*) FROM advisor_accounts)::int AS accounts, (SELECT count(*) FROM transcript_activities)::int AS transcript`);
        expect(counts.rows[0]).toEqual({ state: 1, accounts: 1, transcript: 1 });
    });

    it('migrates on ready(), once however often it is called, and can retry after a failure', async () => {
        const schema = `${db().schema}_ready`;
        storage = createPostgresStorage({ DATABASE_URL: db().url }, { pool: { options: `-c search_path=${schema}` }, logger: quiet });
        // The schema does not exist yet: there is nowhere to create the tables.
        await expect(storage.ready()).rejects.toThrow(/^migrate\(\): could not read schema_migrations: no schema has been selected/);
        await db().pool.query(`CREATE SCHEMA ${schema}`);
        try {
            await Promise.all([storage.ready(), storage.ready()]);
            await storage.ready();
            const { rows } = await db().pool.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [schema]);
            expect(rows[0].n).toBeGreaterThan(8);
        } finally {
            await storage.close();
            await db().pool.query(`DROP SCHEMA ${schema} CASCADE`);
        }
    });

    it('is healthy while the database answers, and not once closed; closing twice is fine', async () => {
        storage = createPostgresStorage({ DATABASE_URL: db().url }, { pool: db().poolOptions });
        await expect(storage.isHealthy()).resolves.toBe(true);
        await storage.close();
        await storage.close();
        await expect(storage.isHealthy()).resolves.toBe(false);
    });
});
