import type Database from 'better-sqlite3';
import type { SqliteMigration } from '../sqliteMigrations';

const TABLE = 'advisor_accounts';
const REBUILT = 'advisor_accounts_new';
const COLUMNS = 'username, password_hash, role, created_at, updated_at, disabled';

/** The schema objects the rebuild drops and makes again, in the order the file holds them. */
interface Dependent {
    type: 'index' | 'trigger' | 'view';
    name: string;
    tblName: string;
    sql: string;
}

/**
 * Lets an account have the role `editor`: `advisor_accounts` is rebuilt with `CHECK (role IN ('advisor', 'editor',
 * 'admin'))`, every row kept as it is.
 * @remarks SQLite cannot change a CHECK constraint in place, so this follows its documented procedure for other schema
 * changes (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy the rows, drop the old
 * one, rename the new one to the old name, and make again the indexes, triggers and views that the drop removed or
 * that would fail the rename. It runs inside `migrateSqlite`'s transaction, so a failure leaves the file untouched.
 * Sessions and the audit log name an account by its username alone, with no foreign key, so they keep working.
 * Foreign keys are on in every connection (better-sqlite3 turns them on) and cannot be turned off inside a
 * transaction: dropping a table that a foreign key referenced would run that key's ON DELETE action, so a file where one
 * does is refused rather than rebuilt (none of this release's tables has one).
 */
export default {
    up(db) {
        refuseForeignKeysTo(db);
        const dependents = dependentsOf(db);
        // A view, or another table's trigger, naming the table would make the rename fail; they go and come back.
        for (const d of dependents) if (d.type === 'view' || (d.type === 'trigger' && d.tblName !== TABLE)) db.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
        db.exec(`
CREATE TABLE ${REBUILT} (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('advisor', 'editor', 'admin')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
INSERT INTO ${REBUILT} (${COLUMNS}) SELECT ${COLUMNS} FROM ${TABLE};
DROP TABLE ${TABLE};
ALTER TABLE ${REBUILT} RENAME TO ${TABLE};
`);
        for (const d of dependents) db.exec(d.sql);
    },
} satisfies SqliteMigration;

/** Throws when a table has a foreign key to the accounts (see the remarks above). */
function refuseForeignKeysTo(db: Database.Database): void {
    const referencing = db
        .prepare<[string], { name: string }>(
            "SELECT DISTINCT m.name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' AND lower(f.\"table\") = ?",
        )
        .all(TABLE);
    if (referencing.length > 0) {
        throw new Error(`${TABLE} cannot be rebuilt while foreign keys refer to it (from ${referencing.map((r) => r.name).join(', ')})`);
    }
}

/**
 * The table's own indexes and triggers (which the drop removes), the triggers of other tables that name it, and every
 * view (one may read the table through another view), each with the statement that made it.
 */
function dependentsOf(db: Database.Database): Dependent[] {
    return db
        .prepare<[string, string], Dependent>(
            `SELECT type, name, tbl_name AS tblName, sql FROM sqlite_master
             WHERE sql IS NOT NULL AND (
                 (type IN ('index', 'trigger') AND tbl_name = ?)
                 OR (type = 'trigger' AND instr(lower(sql), ?) > 0)
                 OR type = 'view')
             ORDER BY rowid`,
        )
        .all(TABLE, TABLE);
}
