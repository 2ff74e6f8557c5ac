import Database from 'better-sqlite3';
import { migrate } from '../../src/stores/postgres/pgDatabase';
import { MIGRATIONS } from '../../src/stores/postgres/migrations';
import { migrateSqlite, sqliteMigrations } from '../../src/stores/sqlite/sqliteMigrations';
import { describeWithPostgres, unmigratedSchema } from '../helpers/postgres';

const SQLITE_VERSION = sqliteMigrations().findIndex((m) => m.name === '0008-editor-role') + 1;
const PG_ID = '0014-editor-role';

/** Two accounts as the stores of then wrote them: an admin and a disabled advisor. */
const ACCOUNTS = [
    { username: 'ada', password_hash: 'scrypt$ada', role: 'admin', created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-02T00:00:00.000Z', disabled: 0 },
    { username: 'joe', password_hash: 'scrypt$joe', role: 'advisor', created_at: '2026-11-03T00:00:00.000Z', updated_at: '2026-11-03T00:00:00.000Z', disabled: 1 },
];
const insertAccount = (db: Database.Database, role: string) =>
    db.prepare("INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at) VALUES ('eve', 'scrypt$eve', ?, 'now', 'now')").run(role);

describe('migration 0008 (SQLite) lets an account be an editor', () => {
    let db: Database.Database;
    /** A database at the version before the migration, with the accounts, a session and an audit entry. */
    beforeEach(() => {
        expect(SQLITE_VERSION).toBe(8);
        db = new Database(':memory:');
        migrateSqlite(db, sqliteMigrations().slice(0, SQLITE_VERSION - 1), 'old');
        const insert = db.prepare('INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at, disabled) VALUES (@username, @password_hash, @role, @created_at, @updated_at, @disabled)');
        for (const account of ACCOUNTS) insert.run(account);
        db.exec(`INSERT INTO advisor_sessions (token_hash, username, created_at, idle_expires_at, expires_at) VALUES ('h1', 'ada', 1, 2, 3);
            INSERT INTO advisor_audit (at, username, action) VALUES ('2026-11-04T00:00:00.000Z', 'ada', 'sign-in');`);
    });
    afterEach(() => db.close());

    const schemaOf = (names: string[]) =>
        db.prepare<[], { name: string; sql: string }>('SELECT name, sql FROM sqlite_master ORDER BY name').all().filter((r) => names.includes(r.name));

    it('refused an editor before', () => {
        expect(() => insertAccount(db, 'editor')).toThrow(/CHECK constraint failed/);
    });

    it('keeps every account as it was, and the sessions and audit that name them; admits editor and nothing unknown', () => {
        expect(migrateSqlite(db, sqliteMigrations(), 'old')).toEqual(sqliteMigrations().slice(SQLITE_VERSION - 1).map((m) => m.version));
        expect(db.prepare('SELECT * FROM advisor_accounts ORDER BY username').all()).toEqual(ACCOUNTS);
        expect(db.prepare('SELECT a.username, a.role FROM advisor_sessions AS s JOIN advisor_accounts AS a USING (username)').all()).toEqual([{ username: 'ada', role: 'admin' }]);
        expect(db.prepare('SELECT username, action FROM advisor_audit').all()).toEqual([{ username: 'ada', action: 'sign-in' }]);

        insertAccount(db, 'editor');
        expect(db.prepare("SELECT role FROM advisor_accounts WHERE username = 'eve'").get()).toEqual({ role: 'editor' });
        expect(() => db.prepare("UPDATE advisor_accounts SET role = 'root' WHERE username = 'eve'").run()).toThrow(/CHECK constraint failed/);
        // The primary key still refuses a second account of one name, and the default still applies.
        expect(() => insertAccount(db, 'advisor')).toThrow(/UNIQUE constraint failed: advisor_accounts.username/);
        expect(db.prepare("SELECT disabled FROM advisor_accounts WHERE username = 'eve'").get()).toEqual({ disabled: 0 });
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('keeps the table’s indexes and triggers, and the views and other tables’ triggers that name it, working', () => {
        db.exec(`CREATE INDEX advisor_accounts_role ON advisor_accounts (role, username);
            CREATE TABLE role_changes (username TEXT, role TEXT);
            CREATE TRIGGER advisor_accounts_role_changed AFTER UPDATE OF role ON advisor_accounts BEGIN
                INSERT INTO role_changes VALUES (new.username, new.role);
            END;
            CREATE TABLE leavers (username TEXT);
            CREATE TRIGGER leavers_disable AFTER INSERT ON leavers BEGIN
                UPDATE advisor_accounts SET disabled = 1 WHERE username = new.username;
            END;
            CREATE VIEW enabled_accounts AS SELECT username, role FROM advisor_accounts WHERE disabled = 0;
            CREATE VIEW enabled_admins AS SELECT username FROM enabled_accounts WHERE role = 'admin';`);
        const names = ['advisor_accounts_role', 'advisor_accounts_role_changed', 'leavers_disable', 'enabled_accounts', 'enabled_admins'];
        const before = schemaOf(names);
        expect(before).toHaveLength(names.length);

        migrateSqlite(db, sqliteMigrations(), 'old');
        expect(schemaOf(names)).toEqual(before);
        insertAccount(db, 'editor');
        db.prepare("UPDATE advisor_accounts SET role = 'editor' WHERE username = 'joe'").run();
        expect(db.prepare('SELECT * FROM role_changes').all()).toEqual([{ username: 'joe', role: 'editor' }]);
        db.prepare("INSERT INTO leavers VALUES ('eve')").run();
        expect(db.prepare('SELECT username, role FROM enabled_accounts ORDER BY username').all()).toEqual([{ username: 'ada', role: 'admin' }]);
        expect(db.prepare('SELECT username FROM enabled_admins').all()).toEqual([{ username: 'ada' }]);
        expect(db.prepare("EXPLAIN QUERY PLAN SELECT username FROM advisor_accounts WHERE role = 'editor'").all()).toEqual([
            expect.objectContaining({ detail: expect.stringContaining('USING COVERING INDEX advisor_accounts_role') }),
        ]);
    });

    it('refuses a file where a foreign key refers to the accounts, changing nothing: the drop would run its ON DELETE', () => {
        db.exec(`CREATE TABLE account_notes (username TEXT REFERENCES advisor_accounts (username) ON DELETE CASCADE, note TEXT);
            INSERT INTO account_notes VALUES ('ada', 'kept');`);
        expect(() => migrateSqlite(db, sqliteMigrations(), 'old')).toThrow(
            'migrateSqlite(): migration 0008-editor-role failed on old: advisor_accounts cannot be rebuilt while foreign keys refer to it (from account_notes)',
        );
        expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_VERSION - 1);
        expect(db.prepare('SELECT * FROM account_notes').all()).toEqual([{ username: 'ada', note: 'kept' }]);
        expect(() => insertAccount(db, 'editor')).toThrow(/CHECK constraint failed/);
    });
});

describeWithPostgres('migration 0014 (PostgreSQL) lets an account be an editor', (db) => {
    const emptyPool = unmigratedSchema(db, 'er');

    const insertAccount = (role: string) =>
        emptyPool().query("INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at) VALUES ('eve', 'scrypt$eve', $1, now(), now())", [role]);
    const roleChecks = async () =>
        (
            await emptyPool().query<{ name: string; definition: string }>(
                "SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'advisor_accounts'::regclass AND contype = 'c'",
            )
        ).rows;

    it('replaces the role check, keeping every account', async () => {
        const before = MIGRATIONS.findIndex((m) => m.id === PG_ID);
        expect(before).toBe(13);
        await migrate(emptyPool(), MIGRATIONS.slice(0, before));
        // The name PostgreSQL gave migration 0004's unnamed check, which the migration drops.
        expect(await roleChecks()).toEqual([{ name: 'advisor_accounts_role_check', definition: "CHECK ((role = ANY (ARRAY['advisor'::text, 'admin'::text])))" }]);
        await emptyPool().query(
            `INSERT INTO advisor_accounts (username, password_hash, role, created_at, updated_at, disabled) VALUES
             ('ada', 'scrypt$ada', 'admin', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', false),
             ('joe', 'scrypt$joe', 'advisor', '2026-11-03T00:00:00Z', '2026-11-03T00:00:00Z', true)`,
        );
        const accounts = (await emptyPool().query('SELECT * FROM advisor_accounts ORDER BY username')).rows;
        await expect(insertAccount('editor')).rejects.toMatchObject({ code: '23514', constraint: 'advisor_accounts_role_check' });

        expect(await migrate(emptyPool(), MIGRATIONS)).toEqual(MIGRATIONS.slice(before).map((m) => m.id));
        expect(await roleChecks()).toEqual([
            { name: 'advisor_accounts_role_check', definition: "CHECK ((role = ANY (ARRAY['advisor'::text, 'editor'::text, 'admin'::text])))" },
        ]);
        expect((await emptyPool().query('SELECT * FROM advisor_accounts ORDER BY username')).rows).toEqual(accounts);
        await insertAccount('editor');
        expect((await emptyPool().query("SELECT role FROM advisor_accounts WHERE username = 'eve'")).rows).toEqual([{ role: 'editor' }]);
        await expect(emptyPool().query("UPDATE advisor_accounts SET role = 'root' WHERE username = 'eve'")).rejects.toMatchObject({ code: '23514', constraint: 'advisor_accounts_role_check' });
    });
});
