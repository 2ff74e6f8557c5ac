import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrate, openPgPool, type PgPoolOptions } from '../../src/stores/postgres/pgDatabase';
import { MIGRATIONS } from '../../src/stores/postgres/migrations';

/** The database a PostgreSQL suite runs against: its own schema, migrated, dropped after the suite. */
export interface TestDatabase {
    /** `TEST_DATABASE_URL`. */
    readonly url: string;
    /** `t_<random>`: every pool of the suite works in it alone, so test files can run in parallel. */
    readonly schema: string;
    /** The suite's pool (search_path = the schema). */
    readonly pool: Pool;
    /** Settings that put a new pool in the suite's schema (for `openPgPool` or `createPostgresStorage`). */
    readonly poolOptions: PgPoolOptions;
    /** Another pool on the schema, as a second instance would have; ended after the suite. */
    openPool(options?: PgPoolOptions): Pool;
    /** Empties every table the migrations made, so each test starts from nothing. */
    reset(): Promise<void>;
}

/** How many connections a suite's pools hold at most: files run in parallel, and PostgreSQL allows 100 by default. */
const TEST_POOL_MAX = 4;

/**
 * Describes a suite that needs PostgreSQL. It runs when `TEST_DATABASE_URL` is set; otherwise it is skipped
 * with a loud warning, except in CI (`CI=true`), where a missing database is a failure: CI never skips them.
 */
export function describeWithPostgres(name: string, body: (db: () => TestDatabase) => void): void {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
        if (process.env.CI === 'true') {
            describe(name, () => {
                it('runs against PostgreSQL', () => {
                    throw new Error('TEST_DATABASE_URL is not set: .ci/run must set it (postgres://postgres@127.0.0.1:5432/test) so the PostgreSQL tests run in CI');
                });
            });
            return;
        }
        const warning = `POSTGRESQL TESTS SKIPPED: "${name}": set TEST_DATABASE_URL (such as postgres://postgres@127.0.0.1:5432/test) to run them`;
        console.warn(warning);
        // Jest prints no console output for a file whose tests were all skipped: say it on stderr as well.
        process.stderr.write(`\n⚠ ${warning}\n`);
        describe.skip(name, () => body(notSetUp));
        return;
    }

    describe(name, () => {
        let db: TestDatabase | undefined;
        const pools: Pool[] = [];
        const schema = `t_${randomBytes(6).toString('hex')}`;

        beforeAll(async () => {
            await adminQuery(url, `CREATE SCHEMA ${schema}`);
            const poolOptions: PgPoolOptions = { max: TEST_POOL_MAX, options: `-c search_path=${schema}` };
            const openPool = (options: PgPoolOptions = {}) => {
                const pool = openPgPool(url, { ...poolOptions, ...options });
                pools.push(pool);
                return pool;
            };
            const pool = openPool();
            await migrate(pool, MIGRATIONS);
            const { rows } = await pool.query<{ name: string }>(
                "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
                [schema],
            );
            // DELETE, not TRUNCATE: on a handful of rows it takes a millisecond where TRUNCATE takes a hundred.
            // Foreign keys here all cascade, so the order of the tables does not matter.
            const emptyAll = rows.map((r) => `DELETE FROM ${r.name};`).join('\n');
            db = { url, schema, pool, poolOptions, openPool, reset: async () => void (await pool.query(emptyAll)) };
        });

        afterAll(async () => {
            // A test may have ended a pool itself; ending it again is refused, which does not matter here.
            await Promise.allSettled(pools.map((pool) => pool.end()));
            await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        });

        body(() => db ?? notSetUp());
    });
}

function notSetUp(): never {
    throw new Error('describeWithPostgres(): the database is ready in beforeAll; call db() inside a hook or a test');
}

async function adminQuery(url: string, sql: string): Promise<void> {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
        await pool.query(sql);
    } finally {
        await pool.end();
    }
}

/**
 * A schema of its own beside the suite's, left empty (no migration applied), for a test that migrates step by step;
 * call inside a `describeWithPostgres` body. Returns its pool, set in `beforeAll`; the schema is dropped after the suite.
 */
export function unmigratedSchema(db: () => TestDatabase, suffix: string): () => Pool {
    let pool: Pool | undefined;
    const schema = () => `${db().schema}_${suffix}`;
    beforeAll(async () => {
        await db().pool.query(`CREATE SCHEMA ${schema()}`);
        pool = openPgPool(db().url, { max: 2, options: `-c search_path=${schema()}` });
    });
    afterAll(async () => {
        // With the test's own pool: the suite's ends first.
        await pool?.query(`DROP SCHEMA ${schema()} CASCADE`);
        await pool?.end();
    });
    return () => {
        if (!pool) throw new Error('unmigratedSchema(): the pool is set in beforeAll');
        return pool;
    };
}
