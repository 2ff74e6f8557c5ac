import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A migration file's name: its four-digit number, then words (`0003-unanswered-questions-gap.ts`). */
const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.(?:ts|js)$/;

/** One schema change as its file declares it, and the number and name the file gives it. */
export type Numbered<T> = T & {
    /** The file's number: the schema version a database is at once this migration is applied. */
    readonly version: number;
    /** The file's name without its extension, for messages. */
    readonly name: string;
};

/**
 * The migrations of one backend: every `NNNN-words.ts` file in `folder` (`.js` once compiled), each exporting its
 * migration as `default`, in the order of their numbers.
 * @remarks The folder is read, not a list kept beside it, so adding a column is adding one file. Numbers start at
 * 0001 and leave no gap, so a file left out (or two given one number) stops the start-up rather than being skipped,
 * and the highest number is the schema version the code knows.
 */
export function loadMigrations<T extends object>(folder: string): Numbered<T>[] {
    const files = readdirSync(folder)
        .filter((file) => MIGRATION_FILE.test(file))
        .sort();
    return files.map((file, i) => {
        const version = Number(MIGRATION_FILE.exec(file)![1]);
        if (version !== i + 1) {
            const expected = String(i + 1).padStart(4, '0');
            throw new Error(`loadMigrations(): ${join(folder, file)} should be numbered ${expected}: migrations are numbered from 0001 with no gap or repeat`);
        }
        const migration = (require(join(folder, file)) as { default?: T }).default;
        if (!migration || typeof migration !== 'object') throw new Error(`loadMigrations(): ${join(folder, file)} has no default export (its migration)`);
        return { ...migration, version, name: file.replace(/\.(?:ts|js)$/, '') };
    });
}

/**
 * The refusal to open a database whose schema is newer than the code (a later release migrated it): running on it
 * would write rows the later schema does not expect, or fail on columns it does not know.
 */
export function schemaTooNewError(database: string, version: number, known: number, detail?: string): Error {
    const why = detail ? ` (${detail})` : '';
    return new Error(`${database} is at schema version ${version}${why}; this release knows up to ${known}: upgrade the bot or restore a backup`);
}
