import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { ConfigError, loadPackagingConfig, type PackagingConfig } from '../config/config';
import { PROJECT_ROOT } from '../config/paths';
import { fillManifest, readPngSize, validateManifest, type ManifestValues, type TeamsManifest } from '../channels/teams/teamsManifest';

/** The folder holding the manifest template and the two icons. */
export const TEAMS_TEMPLATE_DIR = join(PROJECT_ROOT, 'deployment', 'teams');

/** Where `npm run teams:package` writes the package unless given `--out`. */
export const DEFAULT_PACKAGE_FILE = join(PROJECT_ROOT, 'dist', 'teams', 'mlt-career-bot-teams.zip');

/** The sizes Teams requires of the two icons. */
const ICON_RULES = Object.freeze({
    color: { width: 192, height: 192, needsAlpha: false },
    outline: { width: 32, height: 32, needsAlpha: true },
});

/** Where the package goes and, for tests, which template folder it is built from. */
export interface TeamsPackageOptions {
    out?: string;
    templateDir?: string;
}

/** The written package and the manifest inside it. */
export interface TeamsPackage {
    file: string;
    manifest: TeamsManifest;
}

/** Raised when the configuration, the template or an icon does not make a package Teams accepts. */
export class TeamsPackageError extends Error {
    override readonly name = 'TeamsPackageError';

    constructor(
        summary: string,
        readonly problems: string[],
    ) {
        super([`teams:package: ${summary}`, ...problems.map((p) => `  ✖ ${p}`)].join('\n'));
    }
}

/** Fills and checks `deployment/teams/manifest.json`, checks the icons, and writes the zip Teams uploads. */
export function buildTeamsPackage(
    config: PackagingConfig,
    options: TeamsPackageOptions = {},
): TeamsPackage {
    const values = requireSettings(config);
    const dir = options.templateDir ?? TEAMS_TEMPLATE_DIR;

    const filled = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), values);
    const problems = validateManifest(filled);
    if (problems.length > 0) throw new TeamsPackageError(`${join(dir, 'manifest.json')}, once filled, is not a valid Teams manifest`, problems);
    const manifest = filled as TeamsManifest;

    const icons = { color: readFileSync(join(dir, manifest.icons.color)), outline: readFileSync(join(dir, manifest.icons.outline)) };
    const iconProblems = (['color', 'outline'] as const).flatMap((kind) => checkIcon(kind, manifest.icons[kind], icons[kind]));
    if (iconProblems.length > 0) throw new TeamsPackageError('the icons are not the ones Teams accepts', iconProblems);

    // Teams wants the three files at the root of the zip, not in a folder.
    const zip = zipSync({
        'manifest.json': strToU8(`${JSON.stringify(filled, null, 2)}\n`),
        [manifest.icons.color]: icons.color,
        [manifest.icons.outline]: icons.outline,
    });
    const file = resolve(options.out ?? DEFAULT_PACKAGE_FILE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, zip);
    return { file, manifest };
}

/** The ids and domain the template needs; every missing or unusable key is named, never its value. */
function requireSettings(config: PackagingConfig): ManifestValues {
    const { MicrosoftAppId: botId, BOT_DOMAIN: botDomain } = config;
    const problems: string[] = [];
    if (!botId) problems.push("MicrosoftAppId is not set: the Azure Bot's Microsoft App ID (a GUID), e.g. MicrosoftAppId=<guid> npm run teams:package");
    else if (!z.guid().safeParse(botId).success) {
        problems.push("MicrosoftAppId is not a GUID: set it to the Azure Bot's Microsoft App ID, which looks like 00000000-0000-0000-0000-000000000000");
    }
    if (!botDomain) problems.push("BOT_DOMAIN is not set: the bot's public host name without https://, e.g. BOT_DOMAIN=bot.example.org npm run teams:package");
    if (problems.length > 0 || !botId || !botDomain) throw new TeamsPackageError('the configuration does not describe a Teams app', problems);
    return { botId, botDomain, teamsAppId: config.TEAMS_APP_ID ?? botId };
}

function checkIcon(kind: keyof typeof ICON_RULES, name: string, png: Buffer): string[] {
    const rule = ICON_RULES[kind];
    let size;
    try {
        size = readPngSize(png);
    } catch (err) {
        return [`icons.${kind} (${name}): ${(err as Error).message}`];
    }
    const problems: string[] = [];
    if (size.width !== rule.width || size.height !== rule.height) {
        problems.push(`icons.${kind} (${name}): expected ${rule.width}×${rule.height} pixels, found ${size.width}×${size.height}`);
    }
    if (rule.needsAlpha && !size.hasAlpha) problems.push(`icons.${kind} (${name}): expected a transparent background (an RGBA PNG)`);
    return problems;
}

/** `npm run teams:package [--out <file>]`: exits 1, printing every problem, when no usable package can be made. */
function main(argv: string[]): number {
    let out: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--out' && argv[i + 1]) out = argv[++i];
        else if (argv[i].startsWith('--out=')) out = argv[i].slice('--out='.length);
        else {
            console.error(`teams:package: unexpected argument ${JSON.stringify(argv[i])}; usage: npm run teams:package [-- --out <file.zip>]`);
            return 1;
        }
    }
    try {
        const { file, manifest } = buildTeamsPackage(loadPackagingConfig(process.env), { out });
        const shown = relative(process.cwd(), file);
        console.log(`Wrote ${shown.startsWith('..') ? file : shown}`);
        console.log(`  Teams app id ${manifest.id}, bot id ${manifest.bots[0].botId}, domain ${manifest.validDomains[0]}`);
        return 0;
    } catch (err) {
        if (err instanceof TeamsPackageError || err instanceof ConfigError) {
            console.error(err.message);
            return 1;
        }
        throw err;
    }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
