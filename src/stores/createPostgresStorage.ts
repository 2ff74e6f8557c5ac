import type { Pool, QueryConfig } from 'pg';
import type { AppConfig } from '../config/config';
import type { BotStorage } from './botStorage';
import { migrate, openPgPool, PgGate, PG_POOL_DEFAULTS, type PgLogger, type PgPoolOptions } from './postgres/pgDatabase';
import { MIGRATIONS } from './postgres/migrations';
import { PgStorage } from './postgres/pgStorage';
import { PgUnansweredQuestions } from './postgres/pgUnansweredQuestions';
import { PgDirectLineStore } from './postgres/pgDirectLineStore';
import { PgFollowUps } from './postgres/pgFollowUps';
import { PgAccountStore } from './postgres/pgAdvisorAccounts';
import { AccountService } from '../advisor/accountService';
import { PgAdvisorSessions } from './postgres/pgAdvisorSessions';
import { PgAuditLog } from './postgres/pgAuditLog';
import { PgConversationLock } from './postgres/pgConversationLock';
import { PgConversationEraser } from './postgres/pgConversationEraser';
import { PgConversationLog } from './postgres/pgConversationLog';
import { PgReviewDismissals } from './postgres/pgReviewDismissals';
import { PgKnowledgeLayer } from './postgres/pgKnowledgeLayer';

/** How long `isHealthy` waits for the database: well inside a load balancer's usual probe timeout. */
const HEALTH_TIMEOUT_MS = 2_000;

/** What the PostgreSQL storage is built with besides the configuration. */
export interface PostgresStorageOptions {
    /** Where pool errors are logged (the bot's pino logger); the console unless given. */
    logger?: PgLogger;
    /** Pool settings beyond the defaults, for tests (`options: '-c search_path=…'`). */
    pool?: Omit<PgPoolOptions, 'logger'>;
}

/**
 * Keeps everything in the PostgreSQL database at `DATABASE_URL`, on one pool, shared by every instance.
 * @remarks Nothing touches the database until used: `ready()` applies the migrations (once, whoever calls it;
 * a failed attempt can be retried). `isHealthy()` never throws: false when the database has not answered within
 * 2 s. `close()` ends the pool after the stores; the stores do not own it.
 */
/** Conversations one instance can have mid-turn at once; more wait for a lock connection. */
const LOCK_POOL_MAX = 40;
/** How long a turn waits for a free lock connection (when 40 conversations are mid-turn), not for a new connection. */
const LOCK_WAIT_MS = 15_000;
/**
 * A lock connection is idle in its transaction while the turn works (sending replies through a channel takes a
 * while); a turn still holding it after a minute has lost its client, and PostgreSQL ends it and frees its lock.
 */
const LOCK_IDLE_IN_TRANSACTION_MS = 60_000;

export function createPostgresStorage(config: Pick<AppConfig, 'DATABASE_URL'>, options: PostgresStorageOptions = {}): BotStorage {
    if (!config.DATABASE_URL) throw new Error('createPostgresStorage(): DATABASE_URL is required when STORAGE=postgres');
    // One gate for both pools: they reach one database, and when it stops answering both know at once.
    const gate = new PgGate(options.logger);
    const pool = openPgPool(config.DATABASE_URL, { ...options.pool, logger: options.logger, gate });
    // Conversation locks get their own pool: a turn holds its lock's connection while its reads and writes
    // take others, so sharing one pool would deadlock once every connection held a lock. A turn waiting
    // here for a free lock connection just waits its turn.
    const lockPool = openPgPool(config.DATABASE_URL, {
        ...options.pool,
        max: LOCK_POOL_MAX,
        connectionTimeoutMillis: LOCK_WAIT_MS,
        connectTimeoutMillis: options.pool?.connectionTimeoutMillis ?? PG_POOL_DEFAULTS.connectionTimeoutMillis,
        idle_in_transaction_session_timeout: LOCK_IDLE_IN_TRANSACTION_MS,
        application_name: 'mlt-career-bot-locks',
        logger: options.logger,
        gate,
    });
    const accounts = new AccountService(new PgAccountStore(pool));
    const stores = {
        storage: new PgStorage(pool),
        unanswered: new PgUnansweredQuestions(pool),
        directLine: new PgDirectLineStore(pool),
        conversationLog: new PgConversationLog(pool),
        followUps: new PgFollowUps(pool),
        accounts,
        sessions: new PgAdvisorSessions(pool, accounts),
        audit: new PgAuditLog(pool),
        reviewDismissals: new PgReviewDismissals(pool),
        knowledgeLayer: new PgKnowledgeLayer(pool),
    };
    const eraser = new PgConversationEraser(pool);
    let migrated: Promise<void> | undefined;
    let closed: Promise<void> | undefined;
    return {
        ...stores,
        eraser,
        kind: 'postgres',
        conversationLock: new PgConversationLock(lockPool),
        ready: () => {
            // Then the eraser lists the tables and refuses to start on one it does not know.
            migrated ??= migrate(pool, MIGRATIONS).then(
                () => eraser.check(),
                (err) => {
                    migrated = undefined;
                    throw err;
                },
            );
            return migrated;
        },
        isHealthy: () => isAnswering(pool),
        close: () => {
            closed ??= (async () => {
                stores.sessions.close();
                await Promise.allSettled([stores.conversationLog.close(), stores.storage.close(), stores.unanswered.close(), stores.directLine.close(), stores.followUps.close(), accounts.close(), stores.reviewDismissals.close()]);
                gate.close();
                await Promise.allSettled([pool.end(), lockPool.end()]);
            })();
            return closed;
        },
    };
}

async function isAnswering(pool: Pool): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS)));
    // pg reads query_timeout per query too, though its types list it only for the client; it ends a hung query.
    const probe: QueryConfig & { query_timeout: number } = { text: 'SELECT 1 AS ok', query_timeout: HEALTH_TIMEOUT_MS };
    const query = pool.query(probe).then(
        (result) => result.rows.length === 1,
        () => false,
    );
    try {
        return await Promise.race([query, timeout]);
    } finally {
        clearTimeout(timer);
    }
}
