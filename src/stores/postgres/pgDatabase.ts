import { Client, Pool, type ClientConfig, type PoolClient, type PoolConfig, type QueryConfig, type QueryResult } from 'pg';
import { StorageUnavailableError } from '../shared/storageUnavailableError';
import { schemaTooNewError } from '../shared/migrations';

/**
 * The pool every instance opens; each value is why a busy instance and a database that stops answering both stay
 * manageable. Together they bound how long a turn waits on a database that does not answer: the first query of a
 * turn fails after at most 3.5 s (`query_timeout`, or 3 s to connect), the gate (`PgGate`) then fails every other
 * query at once, so the visitor has the apology within about 3.5 s, inside the 5 s promised (issue 12, finding 7).
 */
export const PG_POOL_DEFAULTS = Object.freeze({
    /** Queries are short; 20 connections per instance leaves room for several instances under PostgreSQL's default of 100. */
    max: 20,
    /**
     * A connection takes milliseconds on a local network and a few hundred with TLS to a cloud database: one not made
     * in 3 s (nor a free one found in the pool in that time) will not be made in time for the turn waiting for it.
     */
    connectionTimeoutMillis: 3_000,
    /**
     * Server side: the bot's queries are keyed reads and single-row writes that take milliseconds, so one still running
     * after 3 s is stuck (a lock, a runaway plan); PostgreSQL cancels it rather than let it hold a turn and a connection.
     */
    statement_timeout: 3_000,
    /**
     * Client side: how long pg waits for any answer to a query. It is what ends a query on a database whose packets are
     * dropped (no error ever comes: a turn waited 170 s). Half a second over `statement_timeout`, so a server that does
     * answer reports its own cancellation first; the connection is then destroyed (see `releaseAfter`), never reused.
     */
    query_timeout: 3_500,
    /**
     * A transaction left open this long by a client that vanished (its packets dropped) is ended by PostgreSQL, with its
     * locks; the bot's transactions hold a few statements each and last milliseconds.
     */
    idle_in_transaction_session_timeout: 10_000,
    /**
     * TCP keepalive from 5 s of idleness: an idle pooled connection to a peer that is gone is found and dropped while
     * idle, rather than by the next turn's query.
     */
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    /** Idle connections go after 30 s, so a quiet instance does not hold connections others could use. */
    idleTimeoutMillis: 30_000,
    /** Names the bot's connections in `pg_stat_activity`. */
    application_name: 'mlt-career-bot',
});

/** How often a gate that found the database down asks it again; it lets queries through once it answers. */
export const GATE_PROBE_MS = 1_000;

/**
 * Two 32-bit keys of the advisory lock migrations hold: "mltb" and 1. The two-key form is its own key space,
 * so it never meets the one-key (`bigint`) locks taken elsewhere, such as per-conversation locks.
 */
const MIGRATION_LOCK = Object.freeze({ classId: 0x6d6c7462, objectId: 1 });

/** Where pool errors go; a pino logger fits. */
export interface PgLogger {
    error(details: object, message: string): void;
    warn?(details: object, message: string): void;
    info?(details: object, message: string): void;
}

/** Pool settings beyond the defaults (a test's `options: '-c search_path=…'`), and where errors are logged. */
export type PgPoolOptions = Omit<PoolConfig, 'connectionString'> & {
    logger?: PgLogger;
    /** The gate the pool's queries pass; pools on one database share one. A gate of its own otherwise. */
    gate?: PgGate;
    /**
     * How long making a new connection may take, when it differs from `connectionTimeoutMillis` (which pg-pool also
     * uses for waiting for a free connection): a pool whose callers may wait long for a free connection still gives
     * up on an unanswered connection attempt soon.
     */
    connectTimeoutMillis?: number;
};

/** pg's errors whose `code` is a network failure: the database is out of reach. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True for an error that says the database did not answer, as opposed to one that answered with an error:
 * a connection refused, dropped or not made in time, a query with no answer in time (`query_timeout`), the server
 * shutting down or not yet taking connections (SQLSTATE class 08, 57P01-57P03), or a statement it cancelled
 * (57014, `statement_timeout`).
 */
export function isUnavailable(err: unknown): boolean {
    if (err instanceof StorageUnavailableError) return true;
    if (!(err instanceof Error)) return false;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_ERRORS.has(code) || code.startsWith('08') || /^57(P0[123]|014)$/.test(code))) return true;
    return /^(Query read timeout|Connection terminated|timeout expired|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(err.message);
}

/** True for a failure that says the database as a whole is not answering (not one connection or one statement). */
function meansDown(err: unknown): boolean {
    if (!(err instanceof Error)) return false;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_ERRORS.has(code) || /^57P0[123]$/.test(code))) return true;
    // Not pg-pool's "timeout exceeded when trying to connect": that is every connection busy, not the database down.
    // "timeout expired" is pg's own connection timeout (`connectTimeoutMillis`), "due to connection timeout" pg-pool's.
    return /^(Query read timeout|Connection terminated due to connection timeout|timeout expired)/.test(err.message);
}

/** `err` as the stores report it: a `StorageUnavailableError` when the database did not answer, itself otherwise. */
export function storageError(err: unknown): unknown {
    if (err instanceof StorageUnavailableError || !isUnavailable(err)) return err;
    return new StorageUnavailableError(`the database did not answer: ${(err as Error).message}`, { cause: err });
}

/**
 * Knows whether a database is answering, for every pool on it. When a query gets no answer in time or a connection
 * cannot be made, the gate closes: every query then fails at once with `StorageUnavailableError`, those already
 * waiting included, instead of each waiting out its own timeout (a turn makes several: its lock, its state, its
 * transcript, the apology's transcript, clearing its state), so a turn apologises within one timeout. While closed it
 * asks the database every `GATE_PROBE_MS` and opens again when it answers: the bot recovers by itself, no restart.
 */
export class PgGate {
    private down?: { since: number; error: StorageUnavailableError };
    private readonly waiting = new Set<(err: StorageUnavailableError) => void>();
    private probe?: NodeJS.Timeout;
    private prober?: () => Promise<void>;
    private closed = false;

    constructor(private readonly logger: PgLogger = consoleLogger) {}

    /** True while the database is known to be down. */
    get isDown(): boolean {
        return this.down !== undefined;
    }

    /** Reports a failure; closes the gate when it means the database is down, failing what waits on it. */
    failed(err: unknown): void {
        if (this.down || this.closed || !meansDown(err)) return;
        const error = new StorageUnavailableError('the database is not answering; it is asked again every second', { cause: err });
        this.down = { since: Date.now(), error };
        this.logger.error({ err }, 'postgres: the database is not answering; queries fail at once until it answers again');
        for (const fail of [...this.waiting]) fail(error);
        this.schedule();
    }

    /**
     * `start()`'s outcome, unless the database is known to be down (then it is not started) or found down before it
     * settles (then it fails at once, and what it later yields is handed to `discard`). A failure is reported.
     */
    guard<T>(start: () => Promise<T>, discard?: (late: T) => void): Promise<T> {
        if (this.down) return Promise.reject(this.down.error);
        return new Promise<T>((resolve, reject) => {
            let settled = false;
            const fail = (err: StorageUnavailableError) => {
                settled = true;
                this.waiting.delete(fail);
                reject(err);
            };
            this.waiting.add(fail);
            start().then(
                (value) => {
                    this.waiting.delete(fail);
                    if (settled) discard?.(value);
                    else resolve(value);
                    settled = true;
                },
                (err: unknown) => {
                    this.waiting.delete(fail);
                    this.failed(err);
                    if (!settled) reject(storageError(err));
                    settled = true;
                },
            );
        });
    }

    /** Sets how the gate asks the database (the first pool opened on it sets it). */
    setProber(prober: () => Promise<void>): void {
        this.prober ??= prober;
    }

    /** Stops asking (the storage is closing). */
    close(): void {
        this.closed = true;
        clearTimeout(this.probe);
    }

    private schedule(): void {
        clearTimeout(this.probe);
        this.probe = setTimeout(() => void this.ask(), GATE_PROBE_MS);
        this.probe.unref();
    }

    private async ask(): Promise<void> {
        if (!this.down || this.closed) return;
        try {
            await this.prober?.();
            const downMs = Date.now() - this.down.since;
            this.down = undefined;
            (this.logger.warn ?? this.logger.error)({ downMs }, 'postgres: the database answers again');
        } catch {
            this.schedule();
        }
    }
}

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/** A pool whose connections and queries pass its gate (see `PgGate`). */
class GatedPool extends Pool {
    constructor(
        config: PoolConfig,
        private readonly gate: PgGate,
    ) {
        super(config);
        // A client released with an error is destroyed by pg-pool; the gate hears why.
        this.on('release', (err: unknown) => {
            if (err) this.gate.failed(err);
        });
        gate.setProber(async () => {
            const client = await super.connect();
            let failure: Error | undefined;
            try {
                await client.query('SELECT 1');
            } catch (err) {
                failure = err instanceof Error ? err : new Error(String(err));
                throw err;
            } finally {
                client.release(failure);
            }
        });
    }

    override connect(): Promise<PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
        // A connection that comes after the gate gave up on it goes straight back to the pool.
        const connected = this.gate.guard(() => super.connect(), (late) => late.release());
        if (!callback) return connected;
        // pg-pool's own `query` connects this way.
        connected.then(
            (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
            (err: Error) => callback(err, undefined, () => undefined),
        );
    }

    // pg types `query` with a dozen overloads; this passes every call on and only guards its promise.
    override query(...args: unknown[]): never {
        const run = () => (super.query as (...a: unknown[]) => unknown).apply(this, args);
        if (typeof args[args.length - 1] === 'function' || typeof (args[0] as { submit?: unknown })?.submit === 'function') return run() as never;
        return this.gate.guard(() => run() as Promise<unknown>) as never;
    }
}

/**
 * One schema change, the default export of a file `migrations/NNNN-words.ts`: `id` is recorded once applied, so it is
 * never renamed or reused; `sql` may hold several statements.
 */
export interface Migration {
    readonly id: string;
    readonly sql: string;
}

const consoleLogger: PgLogger = { error: (details, message) => console.error(message, details) };

/**
 * Opens a connection pool on the database at `url`, with PG_POOL_DEFAULTS' timeouts, behind `options.gate`.
 * @remarks A connection that fails while idle is logged and dropped (pg would otherwise raise an unhandled
 * `error` event and end the process); one that fails while checked out rejects the query using it. A query or
 * connection that fails because the database did not answer rejects with `StorageUnavailableError`, and the client
 * it was on is destroyed, not reused (pg-pool destroys a client released with an error).
 */
export function openPgPool(url: string, options: PgPoolOptions = {}): Pool {
    const { logger = consoleLogger, gate = new PgGate(logger), connectTimeoutMillis, ...config } = options;
    const poolConfig: PoolConfig = { ...PG_POOL_DEFAULTS, ...config, connectionString: url };
    if (connectTimeoutMillis !== undefined) poolConfig.Client = clientConnectingWithin(connectTimeoutMillis);
    const pool = new GatedPool(poolConfig, gate);
    pool.on('error', (err) => logger.error({ err }, 'postgres: an idle connection failed and was dropped'));
    // A checked-out client has no listener of pg's own: without this one, a connection lost between two
    // queries of a transaction would be an unhandled `error` event. Its next query rejects with the error.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
}

/** A pg Client that gives up connecting after `ms`, whatever the pool's `connectionTimeoutMillis`. */
function clientConnectingWithin(ms: number): typeof Client {
    return class extends Client {
        constructor(config?: string | ClientConfig) {
            super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: ms });
        }
    };
}

/** How long a migration statement may run: schema changes on a large table take longer than a turn's queries. */
const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/**
 * Lifts the turn-sized timeouts for the rest of `client`'s transaction, for background work that may take minutes
 * (migrations, retention over large tables): returns a query function whose statements may run `timeoutMs`.
 * @remarks `SET LOCAL` ends with the transaction, so the pooled connection goes back with the usual limits.
 */
export async function longStatements(client: PoolClient, timeoutMs: number): Promise<(text: string, values?: unknown[]) => Promise<QueryResult>> {
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
    // pg reads query_timeout per query too, though its types list it only for the client.
    return (text, values) => client.query({ text, values, query_timeout: timeoutMs } as QueryConfig);
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction.
 * @remarks The transaction holds an advisory lock first, so instances starting together take turns: the
 * first applies everything, the others then find it all recorded. A failing migration rolls back the lot.
 * A database that records a migration not in `migrations` (applied by a later release) is refused, before anything
 * is applied: its schema version (how many migrations it records) is newer than the code's.
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
        // A migration may take minutes, and waiting for another instance's migrations too: beyond the turn's timeouts.
        let long: Awaited<ReturnType<typeof longStatements>>;
        try {
            long = await longStatements(client, MIGRATION_TIMEOUT_MS);
            await long('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK.classId, MIGRATION_LOCK.objectId]);
            await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
                id text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
            )`);
            applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
        } catch (err) {
            throw new Error(`migrate(): could not read schema_migrations: ${(err as Error).message}`, { cause: err });
        }
        const unknown = [...applied].filter((id) => !seen.has(id));
        if (unknown.length > 0) {
            const records = unknown.map((id) => `"${id}"`).join(', ');
            throw schemaTooNewError('the PostgreSQL database', applied.size, migrations.length, `its schema_migrations records ${records}, which this release does not know`);
        }
        const done: string[] = [];
        for (const migration of migrations) {
            if (applied.has(migration.id)) continue;
            try {
                await long(migration.sql);
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
 * @remarks When the database did not answer, the connection is not asked to roll back (it would wait out another
 * timeout): it is destroyed, and PostgreSQL rolls back a transaction whose connection ended. A connection whose
 * rollback failed is destroyed too. The error is then a `StorageUnavailableError`.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
    } catch (err) {
        broken = await rollBack(client, err);
        throw storageError(err);
    } finally {
        client.release(broken);
    }
}

/**
 * Rolls back `client`'s transaction after `err`, unless the database did not answer; returns the error to release the
 * client with (so pg-pool destroys it) when it must not be reused, undefined when the rollback left it clean.
 */
export async function rollBack(client: PoolClient, err: unknown): Promise<Error | undefined> {
    if (isUnavailable(err)) return err instanceof Error ? err : new Error(String(err));
    try {
        await client.query('ROLLBACK');
        return undefined;
    } catch (rollbackError) {
        return rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
}
