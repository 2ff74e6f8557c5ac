import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json, found the same way from `src/` (tests) and `dist/src/` (built). */
export const PROJECT_ROOT = findRoot(__dirname);

/** The content folder shipped with the bot. */
export const DEFAULT_KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge');

function findRoot(from: string): string {
    for (let dir = from; ; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json'))) return dir;
        if (dirname(dir) === dir) throw new Error(`paths: no package.json above ${from}`);
    }
}
