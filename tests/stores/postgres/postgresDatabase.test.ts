import type { Pool } from 'pg';
import { inTransaction, longStatements, migrate, openPgPool, PG_POOL_DEFAULTS, type Migration } from '../../../src/stores/postgres/pgDatabase';
import { MIGRATIONS } from '../../../src/stores/postgres/migrations';
import { describeWithPostgres } from '../../helpers/postgres';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithPostgres('pgDatabase on PostgreSQL', (db) => {
    describe('migrate', () => {
        let schemas = 0;
        let pools: Pool[];
        let schema: string;
        /** A pool on an empty schema of this test's own, as a new instance on a new database would have. */
        const instance = () => {
            const pool = openPgPool(db().url, { max: 2, options: `-c search_path=${schema}` });
            pools.push(pool);
            return pool;
        };
        const tables = async () =>
            (await db().pool.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [schema])).rows.map((r) => r.t);
        const recorded = async () => (await instance().query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY applied_at, id')).rows.map((r) => r.id);

        beforeEach(async () => {
            pools = [];
            schema = `${db().schema}_m${++schemas}`;
            await db().pool.query(`CREATE SCHEMA ${schema}`);
        });
        afterEach(async () => {
            await Promise.allSettled(pools.map((p) => p.end()));
            await db().pool.query(`DROP SCHEMA ${schema} CASCADE`);
        });

        const one: Migration = { id: 'one', sql: 'CREATE TABLE one (id int PRIMARY KEY); CREATE TABLE one_more (id int)' };
        const two: Migration = { id: 'two', sql: 'CREATE TABLE two (id int)' };

        it('applies the migrations in order, records each, and applies nothing the second time', async () => {
            expect(await migrate(instance(), [one, two])).toEqual(['one', 'two']);
            expect(await tables()).toEqual(['one', 'one_more', 'schema_migrations', 'two']);
            expect(await migrate(instance(), [one, two])).toEqual([]);
            expect(await recorded()).toEqual(['one', 'two']);
        });

        it('applies only a migration added since the last run', async () => {
            await migrate(instance(), [one]);
            expect(await migrate(instance(), [one, two])).toEqual(['two']);
        });

        it('lets two instances starting at once migrate without colliding: each migration runs once', async () => {
            // Not idempotent on purpose (a second CREATE TABLE fails), and slow, so the two runs overlap.
            const slow: Migration = { id: 'slow', sql: 'SELECT pg_sleep(0.3); CREATE TABLE slow (id int)' };
            const results = await Promise.all([migrate(instance(), [slow, one, two]), migrate(instance(), [slow, one, two])]);
            expect(results.map((r) => r.length).sort()).toEqual([0, 3]);
            expect(await recorded()).toEqual(['slow', 'one', 'two']);
        });

        it('rolls back the whole run when a migration fails, naming it', async () => {
            const broken: Migration = { id: 'broken', sql: 'CREATE TABLE broken (id int); SELECT * FROM no_such_table' };
            await expect(migrate(instance(), [one, broken, two])).rejects.toThrow(/migration "broken" failed: .*no_such_table/);
            expect(await tables()).toEqual([]);
            expect(await migrate(instance(), [one, two])).toEqual(['one', 'two']);
        });

        it('refuses a database that records a migration it does not know (a later release applied it), naming both versions, and applies nothing', async () => {
            await migrate(instance(), [one, two]);
            const three: Migration = { id: 'three', sql: 'CREATE TABLE three (id int)' };
            await expect(migrate(instance(), [one, three])).rejects.toThrow(
                'the PostgreSQL database is at schema version 2 (its schema_migrations records "two", which this release does not know); this release knows up to 2: upgrade the bot or restore a backup',
            );
            await expect(migrate(instance(), [one])).rejects.toThrow(/^the PostgreSQL database is at schema version 2 \(.*"two".*\); this release knows up to 1: /);
            expect(await tables()).toEqual(['one', 'one_more', 'schema_migrations', 'two']);
            expect(await recorded()).toEqual(['one', 'two']);
        });

        it('refuses a list with a repeated or empty id before touching the database', async () => {
            await expect(migrate(instance(), [one, { ...two, id: 'one' }])).rejects.toThrow(/unique; "one"/);
            await expect(migrate(instance(), [{ id: '', sql: 'SELECT 1' }])).rejects.toThrow(/present and unique/);
            expect(await tables()).toEqual([]);
        });

        it('creates every store’s tables from the project’s list, with the conversation log’s', async () => {
            await migrate(instance(), MIGRATIONS);
            expect(await tables()).toEqual(
                expect.arrayContaining(['bot_state', 'unanswered_questions', 'directline_conversations', 'directline_activities', 'directline_keys',
                    'advisor_accounts', 'advisor_sessions', 'advisor_audit', 'advisor_follow_ups', 'conversation_summaries', 'transcript_activities']),
            );
            expect(await recorded()).toEqual(MIGRATIONS.map((m) => m.id));
        });
    });

    describe('openPgPool', () => {
        it('names its connections and uses the shared defaults', async () => {
            const pool = db().openPool();
            expect((await pool.query('SHOW application_name')).rows[0].application_name).toBe('mlt-career-bot');
            const bare = openPgPool(db().url);
            expect((bare as unknown as { options: object }).options).toMatchObject(PG_POOL_DEFAULTS);
            await bare.end();
        });

        it('logs a connection dropped while idle, and keeps serving', async () => {
            const errors: string[] = [];
            const pool = db().openPool({ max: 1, logger: { error: (_details, message) => errors.push(message) } });
            const pid = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
            await db().pool.query('SELECT pg_terminate_backend($1)', [pid]);
            for (let i = 0; i < 50 && errors.length === 0; i++) await pause(20);
            expect(errors).toEqual([expect.stringMatching(/idle connection failed/)]);
            expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
        });

        it('does not end the process when a checked-out connection drops between queries', async () => {
            const pool = db().openPool({ max: 1, logger: { error: () => undefined } });
            const client = await pool.connect();
            const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
            await db().pool.query('SELECT pg_terminate_backend($1)', [pid]);
            await pause(200);
            await expect(client.query('SELECT 1')).rejects.toThrow();
            client.release(true);
            expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
        });

        it('lets background work run past the turn-sized statement timeout for one transaction only', async () => {
            const pool = db().openPool({ max: 1, statement_timeout: 100, logger: { error: () => undefined } });
            await expect(pool.query('SELECT pg_sleep(0.3)')).rejects.toThrow();
            await pause(1_500); // the gate re-opens once the database answers its check again
            await inTransaction(pool, async (client) => {
                const long = await longStatements(client, 10_000);
                await long('SELECT pg_sleep(0.3)');
            });
            expect((await pool.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('100ms');
        });
    });
});
