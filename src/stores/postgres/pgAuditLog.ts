import type { Pool } from 'pg';
import { auditPage, type AuditEntry, type AuditLog, type AuditLogOptions } from '../../advisor/accounts';
import { nulSafe } from './nulSafe';

const COLUMNS = 'at, username, action, target, detail';

interface AuditRow {
    at: Date;
    username: string;
    action: string;
    target: string | null;
    detail: string | null;
}

/**
 * The audit log in PostgreSQL (table `advisor_audit`), shared by every instance; entries are only ever added.
 * @remarks `at` keeps milliseconds, as `SqliteAuditLog`'s ISO strings do, so `before` taken from a listed entry's
 * `at` pages exactly. Entries of the same millisecond come newest (highest id) first. The pool is the caller's.
 */
export class PgAuditLog implements AuditLog {
    private readonly now: () => number;

    constructor(
        private readonly pool: Pool,
        options: AuditLogOptions = {},
    ) {
        this.now = options.now ?? Date.now;
    }

    async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
        if (!entry.username || !entry.action) throw new Error('PgAuditLog.record(): an entry needs a username and an action');
        await this.pool.query(
            'INSERT INTO advisor_audit (at, username, action, target, detail) VALUES ($1, $2, $3, $4, $5)',
            nulSafe([new Date(this.now()), entry.username, entry.action, entry.target ?? null, entry.detail ?? null]),
        );
    }

    /** Newest first: `limit` entries (100 unless given, at most 500) from before `before` (an ISO 8601 time), if given. */
    async list(options: { limit?: number; before?: string } = {}): Promise<AuditEntry[]> {
        const { limit, before } = auditPage(options, 'PgAuditLog.list()');
        const { rows } =
            before === undefined
                ? await this.pool.query<AuditRow>(`SELECT ${COLUMNS} FROM advisor_audit ORDER BY at DESC, id DESC LIMIT $1`, [limit])
                : await this.pool.query<AuditRow>(`SELECT ${COLUMNS} FROM advisor_audit WHERE at < $1 ORDER BY at DESC, id DESC LIMIT $2`, [
                      before,
                      limit,
                  ]);
        return rows.map(toEntry);
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    close(): void {}
}

function toEntry(row: AuditRow): AuditEntry {
    const entry: AuditEntry = { at: row.at.toISOString(), username: row.username, action: row.action };
    if (row.target !== null) entry.target = row.target;
    if (row.detail !== null) entry.detail = row.detail;
    return entry;
}
