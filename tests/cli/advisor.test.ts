import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runAdvisorCli } from '../../src/cli/advisor';
import { PROJECT_ROOT } from '../../src/config/paths';
import { createStorage, type BotStorage } from '../../src/stores/createStorage';
import { createPostgresStorage } from '../../src/stores/createPostgresStorage';
import { describeWithPostgres } from '../helpers/postgres';
import { runNode } from '../helpers/runNode';

const PASSWORD = 'correct horse battery';

describe('npm run advisor', () => {
    let dir: string;
    let file: string;
    /** The bot's storage in `dir`, opened as the server opens it. */
    const open = () => createStorage({ STORAGE: 'sqlite', DATA_DIR: dir, DATABASE_URL: undefined });
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'advisor-cli-'));
        file = join(dir, 'bot.sqlite');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the CLI with `input` piped to stdin; what it printed and its exit code. */
    async function run(argv: string[], input = '') {
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        const out: string[] = [];
        const err: string[] = [];
        stdout.on('data', (c) => out.push(String(c)));
        stderr.on('data', (c) => err.push(String(c)));
        const code = await runAdvisorCli(argv, { open, stdin: Readable.from([input]), stdout, stderr });
        return { code, stdout: out.join(''), stderr: err.join('') };
    }

    /** Opens the file the CLI wrote, runs `use`, and closes it. */
    async function withStores<T>(use: (s: BotStorage) => Promise<T>) {
        const storage = open();
        try {
            return await use(storage);
        } finally {
            await storage.close();
        }
    }

    it('adds an advisor with the password from stdin, and audits it as "cli"', async () => {
        const result = await run(['add', 'Joe'], `${PASSWORD}\n`);
        expect(result).toEqual({ code: 0, stdout: 'added joe (advisor)\n', stderr: '' });
        await withStores(async ({ accounts, audit }) => {
            expect(await accounts.verify('joe', PASSWORD)).toMatchObject({ username: 'joe', role: 'advisor' });
            expect(await audit.list()).toEqual([expect.objectContaining({ username: 'cli', action: 'account', target: 'joe', detail: 'created (advisor)' })]);
        });
    });

    it('adds an admin with --admin, and takes a password line ending in \\r\\n or no newline', async () => {
        expect((await run(['add', 'amy', '--admin'], `${PASSWORD}\r\n`)).code).toBe(0);
        expect((await run(['add', 'sam'], PASSWORD)).code).toBe(0);
        await withStores(async ({ accounts }) => {
            expect(await accounts.verify('amy', PASSWORD)).toMatchObject({ role: 'admin' });
            expect(await accounts.verify('sam', PASSWORD)).toMatchObject({ role: 'advisor' });
        });
    });

    it('adds an editor with --editor, and refuses --editor with --admin', async () => {
        expect(await run(['add', 'eve', '--editor'], `${PASSWORD}\n`)).toEqual({ code: 0, stdout: 'added eve (editor)\n', stderr: '' });
        expect(await run(['add', 'max', '--editor', '--admin'], `${PASSWORD}\n`)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^advisor: give one of --editor and --admin, not both\nusage:/) });
        await withStores(async ({ accounts, audit }) => {
            expect(await accounts.verify('eve', PASSWORD)).toMatchObject({ role: 'editor' });
            expect(await accounts.find('max')).toBeUndefined();
            expect(await audit.list()).toEqual([expect.objectContaining({ username: 'cli', target: 'eve', detail: 'created (editor)' })]);
        });
        expect((await run(['list'])).stdout).toMatch(/^eve\s+editor\s+enabled\s+\d{4}-/m);
    });

    it('lists accounts without any password or hash', async () => {
        await run(['add', 'joe'], PASSWORD);
        await run(['add', 'amy', '--admin'], PASSWORD);
        await run(['disable', 'joe']);
        const { code, stdout } = await run(['list']);
        expect(code).toBe(0);
        const lines = stdout.trim().split('\n');
        expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+STATUS\s+CREATED$/);
        expect(lines[1]).toMatch(/^amy\s+admin\s+enabled\s+\d{4}-\d\d-\d\dT/);
        expect(lines[2]).toMatch(/^joe\s+advisor\s+disabled\s+/);
        expect(stdout).not.toContain(PASSWORD);
        expect(stdout).not.toContain('scrypt');
        const db = new Database(file, { readonly: true });
        const hashes = (db.prepare('SELECT password_hash FROM advisor_accounts').all() as { password_hash: string }[]).map((r) => r.password_hash);
        db.close();
        for (const hash of hashes) expect(stdout).not.toContain(hash.split('$')[5]);
    });

    it('says so when there is no account yet', async () => {
        expect((await run(['list'])).stdout).toMatch(/no advisor accounts yet/);
    });

    it('disables and enables an account, ending its sessions', async () => {
        await run(['add', 'joe'], PASSWORD);
        const token = await withStores(async ({ sessions }) => (await sessions.create('joe')).token);
        expect(await run(['disable', 'joe'])).toMatchObject({ code: 0, stdout: 'disabled joe; its sessions have ended\n' });
        await withStores(async ({ accounts, sessions }) => {
            expect(await accounts.verify('joe', PASSWORD)).toBeUndefined();
            expect(await sessions.find(token)).toBeUndefined();
        });
        expect((await run(['enable', 'joe'])).code).toBe(0);
        await withStores(async ({ accounts }) => expect(await accounts.verify('joe', PASSWORD)).toBeDefined());
    });

    it('sets a new password, ending the account’s sessions', async () => {
        await run(['add', 'joe'], PASSWORD);
        const token = await withStores(async ({ sessions }) => (await sessions.create('joe')).token);
        expect((await run(['password', 'joe'], 'a brand new passphrase\n')).code).toBe(0);
        await withStores(async ({ accounts, sessions, audit }) => {
            expect(await accounts.verify('joe', PASSWORD)).toBeUndefined();
            expect(await accounts.verify('joe', 'a brand new passphrase')).toBeDefined();
            expect(await sessions.find(token)).toBeUndefined();
            expect((await audit.list())[0]).toMatchObject({ username: 'cli', target: 'joe', detail: 'password changed' });
            expect(JSON.stringify(await audit.list())).not.toContain('passphrase');
        });
    });

    it('changes a role', async () => {
        await run(['add', 'joe'], PASSWORD);
        expect(await run(['role', 'joe', 'admin'])).toMatchObject({ code: 0, stdout: 'joe is now an admin\n' });
        await withStores(async ({ accounts }) => expect(await accounts.find('joe')).toMatchObject({ role: 'admin' }));
        await run(['add', 'amy', '--admin'], PASSWORD);
        expect(await run(['role', 'joe', 'editor'])).toMatchObject({ code: 0, stdout: 'joe is now an editor\n' });
        await withStores(async ({ accounts, audit }) => {
            expect(await accounts.find('joe')).toMatchObject({ role: 'editor' });
            expect((await audit.list())[0]).toMatchObject({ username: 'cli', target: 'joe', detail: 'role set to editor' });
        });
    });

    it('refuses to demote or disable the last enabled admin, whatever the case typed, and changes nothing', async () => {
        await run(['add', 'amy', '--admin'], PASSWORD);
        for (const argv of [['role', 'Amy', 'advisor'], ['disable', 'AMY'], ['role', 'amy', 'advisor'], ['role', 'amy', 'editor'], ['disable', 'amy']]) {
            expect(await run(argv)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^advisor: the last enabled admin cannot be disabled or made an advisor or editor/) });
        }
        await withStores(async ({ accounts }) => expect(await accounts.find('amy')).toMatchObject({ role: 'admin', disabled: false }));
        // With a second admin, it can.
        await run(['add', 'bob', '--admin'], PASSWORD);
        expect(await run(['role', 'Amy', 'advisor'])).toMatchObject({ code: 0, stdout: 'amy is now an advisor\n' });
        expect(await run(['disable', 'BOB'])).toMatchObject({ code: 1 });
    });

    it.each([
        ['a weak password', ['add', 'joe'], 'short\n', /^advisor: a password needs at least 12 characters\n$/],
        ['no password', ['add', 'joe'], '', /^advisor: no password on stdin/],
        ['a bad username', ['add', 'j o'], `${PASSWORD}\n`, /^advisor: "j o" is not a valid username/],
        ['an unknown account', ['disable', 'nobody'], '', /^advisor: there is no account "nobody"\n$/],
        ['an unknown account’s password', ['password', 'nobody'], `${PASSWORD}\n`, /^advisor: there is no account "nobody"\n$/],
        ['a bad role', ['role', 'joe', 'root'], '', /^advisor: a role is "advisor", "editor" or "admin", not "root"\n$/],
        ['an unknown command', ['remove', 'joe'], '', /^advisor: unknown command "remove"\nusage:/],
        ['an unknown option', ['add', 'joe', '--root'], '', /^advisor: unknown option --root/],
        ['a missing username', ['disable'], '', /^advisor: expected a username/],
    ])('exits 1 with a clear message for %s', async (_case, argv, input, message) => {
        const result = await run(argv, input);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(result.stdout).toBe('');
    });

    it('refuses a taken username without asking for a password', async () => {
        await run(['add', 'joe'], PASSWORD);
        expect(await run(['add', 'JOE'], 'another long password')).toMatchObject({ code: 1, stderr: 'advisor: the username "joe" is taken\n' });
    });

    it('prints its usage for help, and exits 1 without a command', async () => {
        expect(await run(['help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: npm run advisor -- <command>/) });
        expect(await run([])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^usage:/) });
    });

    describe('at a terminal', () => {
        /** A stand-in terminal: raw mode recorded, each line typed as its own keystrokes. */
        function terminal(lines: string[]) {
            const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: jest.fn() });
            for (const line of lines) stdin.write(`${line}\r`);
            return stdin;
        }

        async function runAt(stdin: ReturnType<typeof terminal>, argv: string[]) {
            const stdout = new PassThrough();
            const stderr = new PassThrough();
            const out: string[] = [];
            const err: string[] = [];
            stdout.on('data', (c) => out.push(String(c)));
            stderr.on('data', (c) => err.push(String(c)));
            const code = await runAdvisorCli(argv, { open, stdin, stdout, stderr });
            return { code, stdout: out.join(''), stderr: err.join('') };
        }

        it('asks twice without echoing, and accepts backspace', async () => {
            const stdin = terminal([`${PASSWORD}x\u007f`, PASSWORD]);
            const result = await runAt(stdin, ['add', 'joe']);
            expect(result.code).toBe(0);
            expect(result.stdout).toBe('New password for joe (at least 12 characters): \nType it again: \nadded joe (advisor)\n');
            expect(stdin.setRawMode.mock.calls).toEqual([[true], [false], [true], [false]]);
            await withStores(async ({ accounts }) => expect(await accounts.verify('joe', PASSWORD)).toBeDefined());
        });

        it('changes nothing when the two differ', async () => {
            const result = await runAt(terminal([PASSWORD, 'correct horse batterz']), ['add', 'joe']);
            expect(result).toMatchObject({ code: 1, stderr: 'advisor: the two passwords differ; nothing was changed\n' });
            expect(result.stdout).not.toContain('correct');
            await withStores(async ({ accounts }) => expect(await accounts.count()).toBe(0));
        });

        it('stops at Ctrl-C', async () => {
            const result = await runAt(terminal(['corr\u0003']), ['add', 'joe']);
            expect(result).toMatchObject({ code: 1, stderr: 'advisor: cancelled; nothing was changed\n' });
        });
    });

    const built = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'advisor.js');
    it('runs as the built script, with DATA_DIR from the environment and the password piped in', () => {
        expect({ built: existsSync(built), hint: 'npm run build first (npm test does)' }).toEqual({ built: true, hint: expect.any(String) });
        const env = { PATH: process.env.PATH, DATA_DIR: dir };
        const add = runNode([built, 'add', 'joe', '--admin'], { env, input: `${PASSWORD}\n` });
        expect({ status: add.status, stdout: add.stdout, stderr: add.stderr }).toEqual({ status: 0, stdout: 'added joe (admin)\n', stderr: '' });
        const list = runNode([built, 'list'], { env });
        expect(list.stdout).toMatch(/^joe\s+admin\s+enabled/m);
        const bad = runNode([built, 'disable', 'nobody'], { env });
        expect(bad.status).toBe(1);
        expect(bad.stderr).toBe('advisor: there is no account "nobody"\n');
    });
});

describeWithPostgres('npm run advisor on PostgreSQL (STORAGE=postgres)', (db) => {
    const PASSWORD = 'correct horse battery';
    const quiet = () => {
        const out: string[] = [];
        const stream = new PassThrough();
        stream.on('data', (c) => out.push(String(c)));
        return { stream, text: () => out.join('') };
    };

    it('adds, lists, re-passwords and disables accounts in the shared database, ending their sessions', async () => {
        await db().reset();
        const open = () => createPostgresStorage({ DATABASE_URL: db().url }, { pool: db().poolOptions });
        const run = async (argv: string[], input = '') => {
            const [stdout, stderr] = [quiet(), quiet()];
            const code = await runAdvisorCli(argv, { open, stdin: Readable.from([input]), stdout: stdout.stream, stderr: stderr.stream });
            return { code, stdout: stdout.text(), stderr: stderr.text() };
        };
        expect(await run(['add', 'amy', '--admin'], `${PASSWORD}\n`)).toEqual({ code: 0, stdout: 'added amy (admin)\n', stderr: '' });
        expect(await run(['add', 'joe'], `${PASSWORD}\n`)).toMatchObject({ code: 0 });
        // What the server would see: the same rows, through its own storage.
        const server = open();
        try {
            const { token } = await server.sessions.create('joe');
            expect((await run(['list'])).stdout).toMatch(/^amy\s+admin\s+enabled[\s\S]*^joe\s+advisor\s+enabled/m);
            expect(await run(['password', 'joe'], 'another long password\n')).toMatchObject({ code: 0 });
            expect(await server.accounts.verify('joe', 'another long password')).toMatchObject({ username: 'joe' });
            expect(await server.sessions.find(token)).toBeUndefined();
            expect(await run(['disable', 'amy'])).toMatchObject({ code: 1, stderr: expect.stringContaining('the last enabled admin') });
            expect(await run(['disable', 'joe'])).toMatchObject({ code: 0 });
            expect(await server.accounts.verify('joe', 'another long password')).toBeUndefined();
            expect((await server.audit.list()).map((e) => `${e.username} ${e.target} ${e.detail}`)).toEqual(
                expect.arrayContaining(['cli amy created (admin)', 'cli joe password changed', 'cli joe disabled']),
            );
        } finally {
            await server.close();
        }
    });

    it('runs as the built script with STORAGE=postgres and DATABASE_URL from the environment', () => {
        const built = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'advisor.js');
        // PGOPTIONS puts the script's connections in this suite's schema, as `search_path` does for the suite's pools.
        const env = { PATH: process.env.PATH, STORAGE: 'postgres', DATABASE_URL: db().url, PGOPTIONS: `-c search_path=${db().schema}` };
        const add = runNode([built, 'add', 'kim'], { env, input: `${PASSWORD}\n` });
        expect({ status: add.status, stdout: add.stdout, stderr: add.stderr }).toEqual({ status: 0, stdout: 'added kim (advisor)\n', stderr: '' });
        const list = runNode([built, 'list'], { env });
        expect(list.stdout).toMatch(/^kim\s+advisor\s+enabled/m);
    });
});
