import { join } from 'node:path';
import { MemoryStorage, Storage } from 'botbuilder';
import type { AppConfig } from '../config/config';
import { SqliteStorage } from './sqliteStorage';

/** Bot state storage plus what the server needs to know about it. */
export interface BotStorage {
    readonly storage: Storage;
    readonly kind: AppConfig['STORAGE'];
    /** True when the store answers; `/readyz` reports it. */
    isHealthy(): Promise<boolean>;
    close(): Promise<void>;
}

/** Opens the storage the configuration names: a SQLite file in `DATA_DIR` unless told otherwise. */
export function createStorage(config: Pick<AppConfig, 'STORAGE' | 'DATA_DIR'>): BotStorage {
    switch (config.STORAGE) {
        case 'memory': {
            const storage = new MemoryStorage();
            return { storage, kind: 'memory', isHealthy: async () => true, close: async () => undefined };
        }
        case 'sqlite': {
            const storage = new SqliteStorage(join(config.DATA_DIR, 'bot.sqlite'));
            return {
                storage,
                kind: 'sqlite',
                isHealthy: () => storage.ping().catch(() => false),
                close: async () => storage.close(),
            };
        }
        case 'postgres':
            throw new Error('createStorage(): STORAGE=postgres is not available in this version yet; use STORAGE=sqlite (the default)');
    }
}
