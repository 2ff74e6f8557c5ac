import { MemoryStorage } from 'botbuilder';
import type { BotStorage } from './botStorage';
import { openSqliteStores } from './createSqliteStorage';
import { MemoryConversationEraser } from './memory/memoryConversationEraser';

/**
 * `STORAGE=memory` (tests and trials): bot state in botbuilder's `MemoryStorage`, every other store its own private
 * in-memory SQLite database; nothing outlives the process.
 */
export function createMemoryStorage(): BotStorage {
    const storage = new MemoryStorage();
    const { close, ...stores } = openSqliteStores(':memory:');
    const eraser = new MemoryConversationEraser({ storage, ...stores });
    return {
        ...stores,
        storage,
        eraser,
        kind: 'memory',
        ready: async () => undefined,
        isHealthy: async () => true,
        close: async () => {
            await eraser.close();
            await close();
        },
    };
}
