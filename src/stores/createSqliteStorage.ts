import type { Logger } from 'pino';
import type { BotStorage } from './botStorage';
import { SqliteStorage } from './sqlite/sqliteStorage';
import { SqliteUnansweredQuestions } from './sqlite/sqliteUnansweredQuestions';
import { SqliteDirectLineStore } from './sqlite/sqliteDirectLineStore';
import { SqliteConversationLog } from './sqlite/sqliteConversationLog';
import { SqliteAccountStore } from './sqlite/sqliteAdvisorAccounts';
import { AccountService } from '../advisor/accountService';
import { SqliteAdvisorSessions } from './sqlite/sqliteAdvisorSessions';
import { SqliteAuditLog } from './sqlite/sqliteAuditLog';
import { SqliteFollowUps } from './sqlite/sqliteFollowUps';
import { SqliteReviewDismissals } from './sqlite/sqliteReviewDismissals';
import { SqliteKnowledgeLayer } from './sqlite/sqliteKnowledgeLayer';
import { SqliteConversationEraser } from './sqlite/sqliteConversationEraser';
import { startWalCheckpointer } from './sqlite/walCheckpointer';

/** The stores of one SQLite file besides bot state, which `STORAGE=memory` keeps in memory instead. */
export function openSqliteStores(file: string) {
    const accounts = new AccountService(new SqliteAccountStore(file));
    const stores = {
        unanswered: new SqliteUnansweredQuestions(file),
        directLine: new SqliteDirectLineStore(file),
        conversationLog: new SqliteConversationLog(file),
        followUps: new SqliteFollowUps(file),
        accounts,
        sessions: new SqliteAdvisorSessions(file, accounts),
        audit: new SqliteAuditLog(file),
        reviewDismissals: new SqliteReviewDismissals(file),
        knowledgeLayer: new SqliteKnowledgeLayer(file),
    };
    const close = async (): Promise<void> => {
        const { unanswered, directLine, conversationLog, followUps, sessions, audit, reviewDismissals, knowledgeLayer } = stores;
        await Promise.all([unanswered.close(), directLine.close(), conversationLog.close(), followUps.close(), accounts.close(), reviewDismissals.close(), knowledgeLayer.close()]);
        sessions.close();
        audit.close();
    };
    return { ...stores, close };
}

/** Everything the bot keeps, in one SQLite file (`STORAGE=sqlite`, the default: `DATA_DIR/bot.sqlite`). */
export function createSqliteStorage(file: string, options: { logger?: Logger } = {}): BotStorage {
    const state = new SqliteStorage(file);
    const { close: closeStores, ...stores } = openSqliteStores(file);
    // It lists the file's tables (and refuses to start on one it does not know); opening the file migrated it.
    const eraser = new SqliteConversationEraser(file, { emptyWal: async () => checkpointer.truncate({ vacuum: true }) });
    // After the stores have created the file.
    const checkpointer = startWalCheckpointer(file, { logger: options.logger });
    return {
        ...stores,
        storage: state,
        eraser,
        kind: 'sqlite',
        ready: async () => undefined,
        isHealthy: async () => state.ping().catch(() => false),
        close: async () => {
            await checkpointer.stop();
            await eraser.close();
            await closeStores();
            state.close();
        },
    };
}
