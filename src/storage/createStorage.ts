import { join } from 'node:path';
import { MemoryStorage, Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import { SqliteStorage } from './sqliteStorage';
import { SqliteUnansweredQuestions } from '../transcripts/sqliteUnansweredQuestions';

/** Bot state storage plus what the server needs to know about it. */
export interface BotStorage {
    readonly storage: Storage;
    readonly kind: AppConfig['STORAGE'];
    /** Questions the bot could not answer, redacted, for the advisors' report. */
    readonly unanswered: SqliteUnansweredQuestions;
    /** True when the store answers; `/readyz` reports it. */
    isHealthy(): Promise<boolean>;
    close(): Promise<void>;
}

/** Opens the storage the configuration names: a SQLite file in `DATA_DIR` unless told otherwise. */
export function createStorage(config: Pick<AppConfig, 'STORAGE' | 'DATA_DIR'>): BotStorage {
    switch (config.STORAGE) {
        case 'memory': {
            const storage = new MemoryStorage();
            const unanswered = new SqliteUnansweredQuestions(':memory:');
            return { storage, unanswered, kind: 'memory', isHealthy: async () => true, close: async () => unanswered.close() };
        }
        case 'sqlite': {
            const file = join(config.DATA_DIR, 'bot.sqlite');
            const storage = new SqliteStorage(file);
            const unanswered = new SqliteUnansweredQuestions(file);
            return {
                storage,
                unanswered,
                kind: 'sqlite',
                isHealthy: () => storage.ping().catch(() => false),
                close: async () => {
                    unanswered.close();
                    storage.close();
                },
            };
        }
        case 'postgres':
            throw new Error('createStorage(): STORAGE=postgres is not available in this version yet; use STORAGE=sqlite (the default)');
    }
}
