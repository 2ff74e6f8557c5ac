import type { Pool } from 'pg';
import type { ReviewDismissal, ReviewDismissals } from '../../advisor/review';
import { nulSafe } from './nulSafe';

/**
 * The review inbox's dismissals in PostgreSQL (table `review_dismissals`), shared by every instance.
 * @remarks The pool is the caller's: `close` leaves it open.
 */
export class PgReviewDismissals implements ReviewDismissals {
    constructor(private readonly pool: Pool) {}

    async dismiss({ kind, key, dismissedAt, dismissedBy }: ReviewDismissal): Promise<void> {
        await this.pool.query(
            `INSERT INTO review_dismissals (kind, key, dismissed_at, dismissed_by) VALUES ($1, $2, $3, $4)
                ON CONFLICT (kind, key) DO UPDATE SET dismissed_at = excluded.dismissed_at, dismissed_by = excluded.dismissed_by
                WHERE excluded.dismissed_at >= review_dismissals.dismissed_at`,
            nulSafe([kind, key, new Date(dismissedAt), dismissedBy]),
        );
    }

    async list(): Promise<ReviewDismissal[]> {
        const { rows } = await this.pool.query<Omit<ReviewDismissal, 'dismissedAt'> & { dismissedAt: Date }>(
            'SELECT kind, key, dismissed_at AS "dismissedAt", dismissed_by AS "dismissedBy" FROM review_dismissals ORDER BY dismissed_at DESC, kind, key',
        );
        return rows.map((r) => ({ ...r, dismissedAt: r.dismissedAt.toISOString() }));
    }

    async close(): Promise<void> {}
}
