import type { SqliteMigration } from '../sqliteMigrations';

/**
 * The known gap a question was on (knowledge/gaps.yaml); NULL for a question nothing matched, as every question
 * recorded before has.
 * @remarks Files written between known gaps and migrations (at version 0) have the column already: SQLite has no
 * `ADD COLUMN IF NOT EXISTS`, so it is looked for.
 */
export default {
    up(db) {
        const columns = db.prepare<[], { name: string }>('PRAGMA table_info(unanswered_questions)').all();
        if (!columns.some((c) => c.name === 'gap')) db.exec('ALTER TABLE unanswered_questions ADD COLUMN gap TEXT');
    },
} satisfies SqliteMigration;
