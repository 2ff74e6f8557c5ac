import { join } from 'node:path';
import { MemoryStorage, Middleware, Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { SqliteStorage } from './sqliteStorage';
import { SqliteUnansweredQuestions, UnansweredQuestionStore } from '../transcripts/sqliteUnansweredQuestions';
import type { DirectLineStore } from '../channels/directLine/directLineStore';
import { SqliteDirectLineStore } from '../channels/directLine/sqliteDirectLineStore';
import type { ConversationLog } from '../transcripts/conversationLog';
import { SqliteConversationLog } from '../transcripts/sqliteConversationLog';
import type { AdvisorAccounts, AdvisorSessions, AuditLog } from '../advisor/accounts';
import { SqliteAdvisorAccounts } from '../advisor/sqliteAdvisorAccounts';
import { SqliteAdvisorSessions } from '../advisor/sqliteAdvisorSessions';
import { SqliteAuditLog } from '../advisor/sqliteAuditLog';
import type { FollowUps } from '../advisor/followUps';
import { SqliteFollowUps } from '../advisor/sqliteFollowUps';
import { createPostgresStorage } from './postgres/createPostgresStorage';
import { PgConversationLog } from '../transcripts/pgConversationLog';
import { startWalCheckpointer } from './walCheckpointer';
import { ConversationEraser, MemoryConversationEraser } from './conversationEraser';
import { SqliteConversationEraser } from './sqliteConversationEraser';

/** Everything the bot keeps, and what the server needs to know about it. */
export interface BotStorage {
    /** Bot state (dialog stacks, conversation memory). */
    readonly storage: Storage;
    readonly kind: AppConfig['STORAGE'];
    /** Questions the bot could not answer, redacted, for the advisors' report. */
    readonly unanswered: UnansweredQuestionStore;
    /** The built-in Direct Line's conversations and activities. */
    readonly directLine: DirectLineStore;
    /** Every activity in and out, redacted, with a summary per conversation. */
    readonly conversationLog: ConversationLog;
    /** Visitors' requests to be contacted by an advisor. */
    readonly followUps: FollowUps;
    readonly accounts: AdvisorAccounts;
    readonly sessions: AdvisorSessions;
    readonly audit: AuditLog;
    /** Deletes a conversation from every table and store (an advisor's delete), or everything older than a cutoff (retention). */
    readonly eraser: ConversationEraser;
    /** Settles once the stores can be used (schema migrations on a shared database). */
    ready(): Promise<void>;
    /** True when the store answers; `/readyz` reports it. */
    isHealthy(): Promise<boolean>;
    /**
     * Keeps one conversation's turns in order across instances sharing the store (PostgreSQL); absent when
     * one process owns the store and its in-process turn queue is enough.
     */
    readonly conversationLock?: Middleware;
    close(): Promise<void>;
}

/**
 * Opens the storage the configuration names: one SQLite file in `DATA_DIR` unless told otherwise.
 * `STORAGE=memory` keeps bot state in memory and everything else in private in-memory SQLite databases;
 * `STORAGE=postgres` keeps everything in the database at `DATABASE_URL`, shared by every instance.
 */
export function createStorage(config: Pick<AppConfig, 'STORAGE' | 'DATA_DIR' | 'DATABASE_URL'>, logger?: Logger): BotStorage {
    if (config.STORAGE === 'postgres') return createPostgresStorage(config, { conversationLog: (pool) => new PgConversationLog(pool), logger });
    const file = config.STORAGE === 'sqlite' ? join(config.DATA_DIR, 'bot.sqlite') : ':memory:';
    const state = config.STORAGE === 'sqlite' ? new SqliteStorage(file) : undefined;
    const accounts = new SqliteAdvisorAccounts(file);
    const stores = {
        storage: state ?? new MemoryStorage(),
        unanswered: new SqliteUnansweredQuestions(file),
        directLine: new SqliteDirectLineStore(file),
        conversationLog: new SqliteConversationLog(file),
        followUps: new SqliteFollowUps(file),
        accounts,
        sessions: new SqliteAdvisorSessions(file, accounts),
        audit: new SqliteAuditLog(file),
    };
    // After the stores have created the file and its tables, which it lists (and refuses to start on one it does not know).
    const eraser =
        config.STORAGE === 'sqlite' ? new SqliteConversationEraser(file, { emptyWal: async () => checkpointer?.truncate() }) : new MemoryConversationEraser(stores);
    // After the stores have created the file and its schema; only a file has a WAL to checkpoint.
    const checkpointer = config.STORAGE === 'sqlite' ? startWalCheckpointer(file, { logger }) : undefined;
    return {
        ...stores,
        eraser,
        kind: config.STORAGE,
        ready: async () => undefined,
        isHealthy: async () => (state ? state.ping().catch(() => false) : true),
        close: async () => {
            await checkpointer?.stop();
            await eraser.close();
            await Promise.all([stores.unanswered.close(), stores.directLine.close(), stores.conversationLog.close(), stores.followUps.close(), accounts.close()]);
            stores.sessions.close();
            stores.audit.close();
            state?.close();
        },
    };
}
