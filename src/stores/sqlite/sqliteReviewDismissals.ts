import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import type { ReviewDismissal, ReviewDismissals } from '../../advisor/review';

/** The review inbox's dismissals in SQLite (table `review_dismissals`). */
export class SqliteReviewDismissals implements ReviewDismissals {
    private readonly db: Database.Database;

    constructor(file: string) {
        this.db = openSqlite(file);
    }

    async dismiss({ kind, key, dismissedAt, dismissedBy }: ReviewDismissal): Promise<void> {
        // ISO 8601 text of one length compares as time: the later dismissal is kept.
        this.db
            .prepare(`INSERT INTO review_dismissals (kind, key, dismissed_at, dismissed_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, key) DO UPDATE SET dismissed_at = excluded.dismissed_at, dismissed_by = excluded.dismissed_by
                WHERE excluded.dismissed_at >= review_dismissals.dismissed_at`)
            .run(kind, key, new Date(dismissedAt).toISOString(), dismissedBy);
    }

    async list(): Promise<ReviewDismissal[]> {
        return this.db
            .prepare<[], ReviewDismissal>(
                'SELECT kind, key, dismissed_at AS dismissedAt, dismissed_by AS dismissedBy FROM review_dismissals ORDER BY dismissed_at DESC, kind, key',
            )
            .all();
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}
