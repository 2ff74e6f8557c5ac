import { join } from 'node:path';
import type { Migration } from './pgDatabase';
import { loadMigrations, type Numbered } from '../shared/migrations';

/**
 * The schema of every PostgreSQL store, in the order `migrate` applies it: the files of `migrations/`, one
 * migration each, numbered as SQLite's are (src/stores/sqlite/migrations).
 * @remarks Append only: an applied migration is recorded by its `id` in `schema_migrations` and never runs again,
 * so a change to the schema is a new file, never an edit of an old one, and an id is never renamed or reused (the
 * files before 0011 keep the ids databases recorded before migrations were files). Times written from JavaScript are
 * `timestamptz(3)` (milliseconds, what a `Date` holds); names that are sorted are `COLLATE "C"`, so they sort as in
 * SQLite whatever the locale.
 */
export const MIGRATIONS: readonly Numbered<Migration>[] = Object.freeze(loadMigrations<Migration>(join(__dirname, 'migrations')));
