import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { DEFAULT_KNOWLEDGE_DIR } from '../config/paths';
import { KnowledgeBase, loadKnowledge } from '../knowledge/loader';
import { formatProblem, KnowledgeLoadError } from '../knowledge/knowledgeLoadError';
import { applyLayer, type LayerItem } from '../authoring/knowledgeLayer';
import { planKnowledgeFiles, type KnowledgeFileChange } from '../authoring/knowledgeFiles';
import { createStorage, type BotStorage } from '../stores/createStorage';

const USAGE = `usage: npm run knowledge:export -- [--out <dir>] [--version <n> | --draft]
  Writes the advisors' live knowledge into the knowledge folder (KNOWLEDGE_DIR, or knowledge/) as YAML, to commit.
  --out <dir>      write a full copy of the knowledge folder into <dir> (new or empty) instead
  --version <n>    export published version <n> instead of the live one
  --draft          export the advisors' working draft instead of the live version
The advisors' changes stay in the database as they are.`;

/** What the export reads of the bot's storage: the advisors' layer. */
export type LayerStorage = Pick<BotStorage, 'knowledgeLayer' | 'ready' | 'close'>;

/** How the export opens the bot's storage (the server's own factory), which folder it writes, and where it talks. */
export interface KnowledgeExportIo {
    open: () => LayerStorage;
    knowledgeDir: string;
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
}

/** A refusal the command explains and exits 1 for. */
class CliError extends Error {
    override readonly name = 'CliError';
}

interface Options {
    out?: string;
    version?: number;
    draft: boolean;
}

/**
 * `npm run knowledge:export`: lays the live version of the advisors' layer (or another, or the draft) over the shipped
 * knowledge and writes the result into the knowledge folder's YAML files, so `git diff knowledge/` shows what advisors
 * changed. Resolves to the exit code.
 * @remarks The files are written only once a copy written the same way loads back to exactly that knowledge.
 */
export async function runKnowledgeExport(argv: string[], io: KnowledgeExportIo): Promise<number> {
    if (isHelp(argv)) {
        io.stdout.write(`${USAGE}\n`);
        return 0;
    }
    try {
        const options = parseArgs(argv);
        const base = loadShipped(io.knowledgeDir);
        const { label, items } = await readLayer(io.open, options);
        const layered = applyLayer(base, items);
        if (layered.problems.length > 0) throw new CliError(`${label} does not load over ${io.knowledgeDir}:\n${layered.problems.map(formatProblem).join('\n')}`);
        const changes = planKnowledgeFiles(io.knowledgeDir, base, layered.kb);
        checkReloads(io.knowledgeDir, changes, layered.kb, label);
        const target = options.out === undefined ? io.knowledgeDir : copyFolder(io.knowledgeDir, options.out);
        writeChanges(target, changes);
        const say = (line: string) => io.stdout.write(`${line}\n`);
        say(changes.length === 0 ? `${target} already holds ${label}: nothing changed` : `wrote ${label} to ${target}:`);
        for (const change of changes) say(`  ${change.file}: ${change.text === null ? `removed the file (${change.summary})` : change.summary}`);
        return 0;
    } catch (err) {
        if (!(err instanceof CliError)) throw err;
        io.stderr.write(`knowledge:export: ${err.message}\n`);
        return 1;
    }
}

const isHelp = (argv: string[]) => argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';

function parseArgs(argv: string[]): Options {
    const options: Options = { draft: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const next = argv[++i];
            if (next === undefined || next.startsWith('--')) throw new CliError(`${arg} needs a value\n${USAGE}`);
            return next;
        };
        if (arg === '--out') options.out = resolve(value());
        else if (arg === '--draft') options.draft = true;
        else if (arg === '--version') {
            const text = value();
            if (!/^\d+$/.test(text)) throw new CliError(`--version expects a version number such as 3, not "${text}"`);
            options.version = Number(text);
        } else throw new CliError(`unknown option ${arg}\n${USAGE}`);
    }
    if (options.draft && options.version !== undefined) throw new CliError('choose --version or --draft, not both');
    return options;
}

/** The knowledge folder the layer goes over; a refusal listing its problems when it does not load. */
function loadShipped(dir: string): KnowledgeBase {
    try {
        return loadKnowledge(dir);
    } catch (err) {
        if (!(err instanceof KnowledgeLoadError)) throw err;
        throw new CliError(`the knowledge folder ${dir} does not load:\n${err.problems.map(formatProblem).join('\n')}`);
    }
}

/** The items to lay over the shipped knowledge, read from the database, and how to name them. */
async function readLayer(open: () => LayerStorage, options: Options): Promise<{ label: string; items: LayerItem[] }> {
    let storage: LayerStorage | undefined;
    try {
        storage = open();
        await storage.ready();
        const layer = storage.knowledgeLayer;
        if (options.draft) return { label: "the advisors' working draft", items: await layer.drafts() };
        const live = await layer.liveVersion();
        const n = options.version ?? live;
        if (n === 0) return { label: 'version 0 (the shipped knowledge: nothing is published)', items: [] };
        const version = await layer.version(n);
        if (!version) throw new CliError(`there is no version ${n} (the live version is ${live})`);
        return { label: `version ${n}${n === live ? ' (live)' : ''}, published by ${version.publishedBy} at ${version.publishedAt}`, items: version.items };
    } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`cannot read the advisors' changes from the database: ${(err as Error).message}`);
    } finally {
        await storage?.close().catch(() => undefined);
    }
}

/** Writes the changes into a scratch copy and loads it: the export must give back exactly the knowledge it exports. */
function checkReloads(dir: string, changes: readonly KnowledgeFileChange[], expected: KnowledgeBase, label: string): void {
    const scratch = mkdtempSync(join(tmpdir(), 'knowledge-export-'));
    try {
        const copy = join(scratch, 'knowledge');
        cpSync(dir, copy, { recursive: true });
        writeChanges(copy, changes);
        const loaded = loadKnowledge(copy);
        const want = new Map(expected.entries.map((e) => [e.id, e]));
        const got = new Map(loaded.entries.map((e) => [e.id, e]));
        const differs = [...new Set([...want.keys(), ...got.keys()])].filter((id) => !isDeepStrictEqual(want.get(id), got.get(id)));
        if (!isDeepStrictEqual(loaded.language, expected.language)) differs.push('synonyms');
        if (differs.length > 0) throw new CliError(`the files written would not load back as ${label} (${differs.join(', ')} differ); nothing was written`);
    } catch (err) {
        if (err instanceof KnowledgeLoadError) throw new CliError(`the files written would not load (nothing was written):\n${err.problems.map(formatProblem).join('\n')}`);
        throw err;
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

/** A full copy of the knowledge folder in `out`, which must be new or empty, so nothing of another folder is mixed in. */
function copyFolder(dir: string, out: string): string {
    if (existsSync(out) && readdirSync(out).length > 0) throw new CliError(`--out ${out} is not empty: choose a new or empty folder`);
    cpSync(dir, out, { recursive: true });
    return out;
}

function writeChanges(dir: string, changes: readonly KnowledgeFileChange[]): void {
    for (const { file, text } of changes) {
        const path = join(dir, file);
        if (text === null) rmSync(path);
        else {
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, text);
        }
    }
}

/** The bot's storage as the server opens it, or a refusal: nothing is created where no database is. */
function openConfigured(): { open: () => LayerStorage; knowledgeDir: string } {
    const config = loadConfig(process.env);
    if (config.STORAGE === 'memory') throw new CliError("with STORAGE=memory the advisors' changes live in the server process and end with it; there is nothing to export");
    const file = join(config.DATA_DIR, 'bot.sqlite');
    if (config.STORAGE === 'sqlite' && !existsSync(file)) throw new CliError(`there is no database at ${file} (DATA_DIR): nothing to export`);
    return { open: () => createStorage(config), knowledgeDir: config.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR };
}

if (require.main === module && isHelp(process.argv.slice(2))) process.stdout.write(`${USAGE}\n`);
else if (require.main === module) {
    try {
        const { open, knowledgeDir } = openConfigured();
        runKnowledgeExport(process.argv.slice(2), { open, knowledgeDir, stdout: process.stdout, stderr: process.stderr }).then(
            (code) => (process.exitCode = code),
            (err: Error) => {
                process.stderr.write(`knowledge:export: ${err.message}\n`);
                process.exitCode = 1;
            },
        );
    } catch (err) {
        if (!(err instanceof CliError || err instanceof ConfigError)) throw err;
        process.stderr.write(`knowledge:export: ${err.message}\n`);
        process.exitCode = 1;
    }
}
