import { Pool, type PoolClient, type PoolConfig } from 'pg';

/** The pool every instance opens; each value is why a busy instance and a restarting database both stay manageable. */
export const PG_POOL_DEFAULTS = Object.freeze({
    /** Queries are short; 20 connections per instance leaves room for several instances under PostgreSQL's default of 100. */
    max: 20,
    /** A database that has not answered in 5 s is down for this request; failing lets `/readyz` and the visitor know. */
    connectionTimeoutMillis: 5_000,
    /** Idle connections go after 30 s, so a quiet instance does not hold connections others could use. */
    idleTimeoutMillis: 30_000,
    /** Names the bot's connections in `pg_stat_activity`. */
    application_name: 'mlt-career-bot',
});

/**
 * Two 32-bit keys of the advisory lock migrations hold: "mltb" and 1. The two-key form is its own key space,
 * so it never meets the one-key (`bigint`) locks taken elsewhere, such as per-conversation locks.
 */
const MIGRATION_LOCK = Object.freeze({ classId: 0x6d6c7462, objectId: 1 });

/** Where pool errors go; a pino logger fits. */
export interface PgLogger {
    error(details: object, message: string): void;
}

/** Pool settings beyond the defaults (a test's `options: '-c search_path=…'`), and where errors are logged. */
export type PgPoolOptions = Omit<PoolConfig, 'connectionString'> & { logger?: PgLogger };

/** One schema change: `id` is recorded once applied, so it is never renamed or reused; `sql` may hold several statements. */
export interface Migration {
    readonly id: string;
    readonly sql: string;
}

const consoleLogger: PgLogger = { error: (details, message) => console.error(message, details) };

/**
 * Opens a connection pool on the database at `url`.
 * @remarks A connection that fails while idle is logged and dropped (pg would otherwise raise an unhandled
 * `error` event and end the process); one that fails while checked out rejects the query using it.
 */
export function openPgPool(url: string, options: PgPoolOptions = {}): Pool {
    const { logger = consoleLogger, ...config } = options;
    const pool = new Pool({ ...PG_POOL_DEFAULTS, ...config, connectionString: url });
    pool.on('error', (err) => logger.error({ err }, 'postgres: an idle connection failed and was dropped'));
    // A checked-out client has no listener of pg's own: without this one, a connection lost between two
    // queries of a transaction would be an unhandled `error` event. Its next query rejects with the error.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction.
 * @remarks The transaction holds an advisory lock first, so instances starting together take turns: the
 * first applies everything, the others then find it all recorded. A failing migration rolls back the lot.
 * Returns the ids applied by this call.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[]): Promise<string[]> {
    const seen = new Set<string>();
    for (const { id } of migrations) {
        if (!id || seen.has(id)) throw new Error(`migrate(): migration ids must be present and unique; "${id}" is not`);
        seen.add(id);
    }
    return inTransaction(pool, async (client) => {
        let applied: Set<string>;
        try {
            await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
            await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
                id text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
            )`);
            applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
        } catch (err) {
            throw new Error(`migrate(): could not read schema_migrations: ${(err as Error).message}`, { cause: err });
        }
        const done: string[] = [];
        for (const migration of migrations) {
            if (applied.has(migration.id)) continue;
            try {
                await client.query(migration.sql);
            } catch (err) {
                throw new Error(`migrate(): migration "${migration.id}" failed: ${(err as Error).message}`, { cause: err });
            }
            await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
            done.push(migration.id);
        }
        return done;
    });
}

/**
 * Runs `work` in a transaction on one connection: committed when it resolves, rolled back when it throws.
 * A connection whose rollback failed is discarded rather than returned to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
    } catch (err) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw err;
    } finally {
        client.release(broken);
    }
}
