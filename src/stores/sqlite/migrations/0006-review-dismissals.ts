import type { SqliteMigration } from '../sqliteMigrations';

/**
 * Groups of the review inbox advisors dismissed (`ReviewDismissals`): one row per kind and key, with the latest
 * dismissal. A group stays out of the inbox until an example newer than `dismissed_at` arrives.
 * @remarks `IF NOT EXISTS`: a file at version 0 written by this release (its version reset) has the table already.
 */
export default {
    sql: `
CREATE TABLE IF NOT EXISTS review_dismissals (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    dismissed_by TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
`,
} satisfies SqliteMigration;
