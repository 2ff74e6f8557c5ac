import { ConfigError, loadConfig } from '../config/config';
import { AccountError, type AdvisorRole } from '../advisor/accounts';
import { isRole, normalizeUsername, ROLE_MESSAGE } from '../advisor/accountRules';
import { createStorage, type BotStorage } from '../stores/createStorage';

const USAGE = `usage: npm run advisor -- <command>
  add <username> [--editor|--admin]       add an account (an advisor, or an editor or admin); asks for its password
  list                                    list the accounts
  disable <username>                      refuse the account's sign-ins and end its sessions
  enable <username>                       allow the account again
  password <username>                     set a new password (ends the account's sessions)
  role <username> advisor|editor|admin    change what the account may do
An advisor reads conversations; an editor also drafts changes to the knowledge; an admin also publishes them and
manages accounts.
The password is asked twice, hidden, in a terminal; from a pipe, the first line of stdin is the password.`;

/** The stores the CLI changes: the accounts, their sessions and the audit log of the bot's storage. */
export type AccountStores = Pick<BotStorage, 'accounts' | 'sessions' | 'audit' | 'ready' | 'close'>;

/** The streams the CLI talks through, and how it opens the bot's storage (the server's own factory). */
export interface AdvisorCliIo {
    open: () => AccountStores;
    stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
}

/** A refusal the CLI explains in one line and exits 1 for. */
class CliError extends Error {
    override readonly name = 'CliError';
}

/** `npm run advisor -- <command>`: manages advisor accounts in the bot's storage (SQLite or PostgreSQL). Resolves to the exit code. */
export async function runAdvisorCli(argv: string[], io: AdvisorCliIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
        (command === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`);
        return command === undefined ? 1 : 0;
    }
    // The sessions are opened with the accounts, so a password change or a disabling ends the account's sessions.
    const storage = io.open();
    const { accounts, audit } = storage;
    const say = (line: string) => io.stdout.write(`${line}\n`);
    const record = (target: string, detail: string) => audit.record({ username: 'cli', action: 'account', target, detail });
    try {
        // Applies the schema migrations first, as the server does (PostgreSQL; SQLite migrates on opening).
        await storage.ready();
        switch (command) {
            case 'add': {
                const [name, ...flags] = args(rest, 1, ['--editor', '--admin']);
                const role = roleOfFlags(flags);
                const username = requireName(name);
                if (await accounts.find(username)) throw new CliError(`the username "${username}" is taken`);
                const created = await accounts.create(username, await readNewPassword(io, username), role);
                await record(created.username, `created (${role})`);
                say(`added ${created.username} (${role})`);
                break;
            }
            case 'list': {
                args(rest, 0);
                const all = await accounts.list();
                if (all.length === 0) say('no advisor accounts yet; add one with: npm run advisor -- add <username> --admin');
                const width = Math.max(8, ...all.map((a) => a.username.length));
                if (all.length > 0) say(`${'USERNAME'.padEnd(width)}  ROLE     STATUS    CREATED`);
                for (const a of all) say(`${a.username.padEnd(width)}  ${a.role.padEnd(7)}  ${(a.disabled ? 'disabled' : 'enabled').padEnd(8)}  ${a.createdAt}`);
                break;
            }
            case 'disable':
            case 'enable': {
                const username = requireName(args(rest, 1)[0]);
                await accounts.setDisabled(username, command === 'disable');
                await record(username, command === 'disable' ? 'disabled' : 'enabled');
                say(command === 'disable' ? `disabled ${username}; its sessions have ended` : `enabled ${username}`);
                break;
            }
            case 'password': {
                const username = requireName(args(rest, 1)[0]);
                if (!(await accounts.find(username))) throw new CliError(`there is no account "${username}"`);
                await accounts.setPassword(username, await readNewPassword(io, username));
                await record(username, 'password changed');
                say(`changed the password of ${username}; its sessions have ended`);
                break;
            }
            case 'role': {
                const [name, role] = args(rest, 2);
                if (!isRole(role)) throw new CliError(`${ROLE_MESSAGE}, not "${role}"`);
                const username = requireName(name);
                await accounts.setRole(username, role);
                await record(username, `role set to ${role}`);
                // Every role begins with a vowel.
                say(`${username} is now an ${role}`);
                break;
            }
            default:
                throw new CliError(`unknown command "${command}"\n${USAGE}`);
        }
        return 0;
    } catch (err) {
        if (!(err instanceof CliError || err instanceof AccountError)) throw err;
        // An AccountError's message begins with the method that refused, for the log; the person at the terminal needs only the reason.
        io.stderr.write(`advisor: ${err instanceof AccountError ? err.reason : err.message}\n`);
        return 1;
    } finally {
        await storage.close();
    }
}

/** The positional arguments, exactly `count` of them, followed by any of the allowed flags. */
function args(rest: string[], count: number, allowedFlags: string[] = []): string[] {
    const flags = rest.filter((a) => a.startsWith('--'));
    const positional = rest.filter((a) => !a.startsWith('--'));
    const unknown = flags.find((f) => !allowedFlags.includes(f));
    if (unknown) throw new CliError(`unknown option ${unknown}\n${USAGE}`);
    if (positional.length !== count) throw new CliError(`expected ${count === 1 ? 'a username' : `${count} arguments`}\n${USAGE}`);
    return [...positional, ...flags];
}

/** The role `add` gives: an advisor, unless `--editor` or `--admin` says otherwise (not both). */
function roleOfFlags(flags: string[]): AdvisorRole {
    const roles = (['editor', 'admin'] as const).filter((role) => flags.includes(`--${role}`));
    if (roles.length > 1) throw new CliError(`give one of --editor and --admin, not both\n${USAGE}`);
    return roles[0] ?? 'advisor';
}

function requireName(name: string): string {
    const username = normalizeUsername(name);
    if (!username) throw new CliError(`"${name}" is not a valid username: 3 to 64 characters of a-z, 0-9, ".", "_", "@" and "-"`);
    return username;
}

/** The new password: typed twice, hidden, at a terminal; otherwise the first line of stdin. */
async function readNewPassword(io: AdvisorCliIo, username: string): Promise<string> {
    if (io.stdin.isTTY && io.stdin.setRawMode) {
        const first = await promptHidden(io, `New password for ${username} (at least 12 characters): `);
        const second = await promptHidden(io, 'Type it again: ');
        if (first !== second) throw new CliError('the two passwords differ; nothing was changed');
        return first;
    }
    const line = await readLine(io.stdin);
    if (!line) throw new CliError('no password on stdin: pipe it in as one line, or run this in a terminal to be asked');
    return line;
}

/** Reads a line from a terminal without echoing it. */
function promptHidden(io: AdvisorCliIo, question: string): Promise<string> {
    const { stdin } = io;
    return new Promise((resolve, reject) => {
        let value = '';
        const finish = (error?: CliError) => {
            stdin.removeListener('data', onData);
            stdin.setRawMode!(false);
            stdin.pause();
            io.stdout.write('\n');
            if (error) reject(error);
            else resolve(value);
        };
        const onData = (chunk: Buffer | string) => {
            for (const ch of chunk.toString()) {
                if (ch === '\r' || ch === '\n') return finish();
                if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(new CliError('cancelled; nothing was changed'));
                if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
                else if (ch >= ' ') value += ch;
            }
        };
        io.stdout.write(question);
        stdin.setRawMode!(true);
        stdin.on('data', onData);
        stdin.resume();
    });
}

/** The first line of a stream (without its line ending), or '' when it ends empty. */
function readLine(stream: NodeJS.ReadableStream): Promise<string> {
    return new Promise((resolve, reject) => {
        let text = '';
        const done = () => {
            stream.removeListener('data', onData);
            stream.removeListener('end', done);
            stream.removeListener('error', reject);
            stream.pause();
            resolve(text.split(/\r?\n/)[0]);
        };
        const onData = (chunk: Buffer | string) => {
            text += chunk.toString();
            if (text.includes('\n')) done();
        };
        stream.on('data', onData);
        stream.once('end', done);
        stream.once('error', reject);
    });
}

if (require.main === module) {
    let storage: AccountStores | undefined;
    try {
        const config = loadConfig(process.env);
        if (config.STORAGE === 'memory') {
            process.stderr.write('advisor: with STORAGE=memory the accounts live in the server process and end with it; there is nothing this command can change\n');
        } else storage = createStorage(config);
    } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`advisor: ${err.message}\n`);
    }
    if (storage === undefined) process.exitCode = 1;
    else {
        const opened = storage;
        runAdvisorCli(process.argv.slice(2), { open: () => opened, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
            (code) => (process.exitCode = code),
            (err: Error) => {
                process.stderr.write(`advisor: ${err.message}\n`);
                process.exitCode = 1;
            },
        );
    }
}
