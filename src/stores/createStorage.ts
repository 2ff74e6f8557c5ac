import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import type { BotStorage } from './botStorage';
import { createSqliteStorage } from './createSqliteStorage';
import { createMemoryStorage } from './createMemoryStorage';
import { createPostgresStorage } from './createPostgresStorage';

export type { BotStorage } from './botStorage';

/**
 * Opens the storage the configuration names: one SQLite file in `DATA_DIR` unless told otherwise.
 * `STORAGE=memory` keeps bot state in memory and everything else in private in-memory SQLite databases;
 * `STORAGE=postgres` keeps everything in the database at `DATABASE_URL`, shared by every instance.
 * @remarks The only place a backend is chosen: the server, the command-line tools and the tests all open their stores
 * here (or through one backend's own factory beside it), never by constructing a store.
 */
export function createStorage(config: Pick<AppConfig, 'STORAGE' | 'DATA_DIR' | 'DATABASE_URL'>, logger?: Logger): BotStorage {
    switch (config.STORAGE) {
        case 'postgres':
            return createPostgresStorage(config, { logger });
        case 'sqlite':
            return createSqliteStorage(join(config.DATA_DIR, 'bot.sqlite'), { logger });
        case 'memory':
            return createMemoryStorage();
    }
}
