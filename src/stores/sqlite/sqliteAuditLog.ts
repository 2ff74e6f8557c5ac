import type Database from 'better-sqlite3';
import { openSqlite } from './openSqlite';
import { auditPage, type AuditEntry, type AuditLog, type AuditLogOptions } from '../../advisor/accounts';

interface AuditRow {
    at: string;
    username: string;
    action: string;
    target: string | null;
    detail: string | null;
}

/**
 * The audit log in a SQLite file (table `advisor_audit`); entries are only ever added.
 * @remarks `at` is stored as `toISOString()` (UTC, milliseconds), so text order is time order and `before`
 * pages with a plain comparison. Entries of the same millisecond come newest (highest id) first.
 */
export class SqliteAuditLog implements AuditLog {
    private readonly db: Database.Database;
    private readonly statements;
    private readonly now: () => number;

    /** Opens (and creates, with its folder) the database file; `:memory:` works for tests. */
    constructor(file: string, options: AuditLogOptions = {}) {
        this.now = options.now ?? Date.now;
        this.db = openSqlite(file);
        const columns = 'at, username, action, target, detail';
        this.statements = {
            insert: this.db.prepare<[string, string, string, string | null, string | null]>(
                'INSERT INTO advisor_audit (at, username, action, target, detail) VALUES (?, ?, ?, ?, ?)',
            ),
            newest: this.db.prepare<[number], AuditRow>(`SELECT ${columns} FROM advisor_audit ORDER BY at DESC, id DESC LIMIT ?`),
            before: this.db.prepare<[string, number], AuditRow>(
                `SELECT ${columns} FROM advisor_audit WHERE at < ? ORDER BY at DESC, id DESC LIMIT ?`,
            ),
        };
    }

    async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
        if (!entry.username || !entry.action) throw new Error('SqliteAuditLog.record(): an entry needs a username and an action');
        this.statements.insert.run(new Date(this.now()).toISOString(), entry.username, entry.action, entry.target ?? null, entry.detail ?? null);
    }

    /** Newest first: `limit` entries (100 unless given, at most 500) from before `before` (an ISO 8601 time), if given. */
    async list(options: { limit?: number; before?: string } = {}): Promise<AuditEntry[]> {
        const { limit, before } = auditPage(options, 'SqliteAuditLog.list()');
        const rows = before === undefined ? this.statements.newest.all(limit) : this.statements.before.all(before.toISOString(), limit);
        return rows.map(toEntry);
    }

    close(): void {
        if (this.db.open) this.db.close();
    }
}

function toEntry(row: AuditRow): AuditEntry {
    const entry: AuditEntry = { at: row.at, username: row.username, action: row.action };
    if (row.target !== null) entry.target = row.target;
    if (row.detail !== null) entry.detail = row.detail;
    return entry;
}
