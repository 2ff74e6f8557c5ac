import { join } from 'node:path';
import { MemoryStorage, Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import { SqliteStorage } from './sqliteStorage';
import { SqliteUnansweredQuestions } from '../transcripts/sqliteUnansweredQuestions';
import type { DirectLineStore } from '../channels/directLine/directLineStore';
import { SqliteDirectLineStore } from '../channels/directLine/sqliteDirectLineStore';

/** Bot state storage plus what the server needs to know about it. */
export interface BotStorage {
    readonly storage: Storage;
    readonly kind: AppConfig['STORAGE'];
    /** Questions the bot could not answer, redacted, for the advisors' report. */
    readonly unanswered: SqliteUnansweredQuestions;
    /** The built-in Direct Line's conversations and activities. */
    readonly directLine: DirectLineStore;
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
            const directLine = new SqliteDirectLineStore(':memory:');
            return {
                storage,
                unanswered,
                directLine,
                kind: 'memory',
                isHealthy: async () => true,
                close: async () => {
                    unanswered.close();
                    await directLine.close();
                },
            };
        }
        case 'sqlite': {
            const file = join(config.DATA_DIR, 'bot.sqlite');
            const storage = new SqliteStorage(file);
            const unanswered = new SqliteUnansweredQuestions(file);
            const directLine = new SqliteDirectLineStore(file);
            return {
                storage,
                unanswered,
                directLine,
                kind: 'sqlite',
                isHealthy: () => storage.ping().catch(() => false),
                close: async () => {
                    unanswered.close();
                    await directLine.close();
                    storage.close();
                },
            };
        }
        case 'postgres':
            throw new Error('createStorage(): STORAGE=postgres is not available in this version yet; use STORAGE=sqlite (the default)');
    }
}
