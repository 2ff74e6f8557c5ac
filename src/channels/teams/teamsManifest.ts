import { z } from 'zod';

/** The values `deployment/teams/manifest.json` leaves as `{{PLACEHOLDERS}}`. */
export interface ManifestValues {
    teamsAppId: string;
    botId: string;
    botDomain: string;
}

const PLACEHOLDERS: Readonly<Record<string, keyof ManifestValues>> = Object.freeze({
    '{{TEAMS_APP_ID}}': 'teamsAppId',
    '{{BOT_ID}}': 'botId',
    '{{BOT_DOMAIN}}': 'botDomain',
});

// Limits and patterns are those of the Teams manifest schema v1.16/1.17; the Teams admin center refuses a package past them.
const guid = z.guid('expected a GUID such as 00000000-0000-0000-0000-000000000000');
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).max(2048);
const text = (max: number) => z.string().trim().min(1, 'expected a non-empty text').max(max, `expected at most ${max} characters`);
const scope = z.enum(['personal', 'team', 'groupChat']);
const manifestVersion = z.string().refine((v) => {
    const m = /^(\d+)\.(\d+)$/.exec(v);
    return m !== null && (Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) >= 16));
}, 'expected manifest version 1.16 or later, such as "1.17"');
/** A host name with an optional port or leading `*.` wildcard; Teams wants no scheme and no path here. */
const validDomain = z
    .string()
    .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i, 'expected a host name without https:// or a path, such as bot.example.org');
const ICON_FILE = 'expected the name of a PNG file at the package root, such as color.png';
const iconFile = z.string(ICON_FILE).regex(/^[\w.-]+\.png$/, ICON_FILE);

const BotCommandSchema = z.object({ title: text(32), description: text(128) });

const BotSchema = z.object({
    botId: guid,
    scopes: z.array(scope).min(1, 'expected at least one scope'),
    supportsFiles: z.boolean().optional(),
    isNotificationOnly: z.boolean().optional(),
    commandLists: z
        .array(z.object({ scopes: z.array(scope).min(1, 'expected at least one scope'), commands: z.array(BotCommandSchema).min(1).max(10) }))
        .max(3)
        .optional(),
});

const ParameterSchema = z.object({
    name: text(64),
    title: text(32),
    description: text(128).optional(),
    inputType: z.enum(['text', 'textarea', 'number', 'date', 'time', 'toggle', 'choiceset']).optional(),
});

const ComposeCommandSchema = z.object({
    id: text(64),
    type: z.enum(['query', 'action']).optional(),
    title: text(32),
    description: text(128).optional(),
    initialRun: z.boolean().optional(),
    context: z.array(z.enum(['compose', 'commandBox', 'message'])).min(1).optional(),
    parameters: z.array(ParameterSchema).min(1).max(5).optional(),
});

/** The manifest fields the Teams app package uses, as strict as the Teams admin center is about them. */
export const TeamsManifestSchema = z
    .object({
        $schema: httpsUrl.optional(),
        manifestVersion,
        version: z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'expected a version such as 1.0.0'),
        id: guid,
        developer: z.object({ name: text(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl }),
        name: z.object({ short: text(30), full: text(100) }),
        description: z.object({ short: text(80), full: text(4000) }),
        icons: z.object({ color: iconFile, outline: iconFile }),
        accentColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'expected a colour such as #0B5CAD'),
        bots: z.array(BotSchema).length(1, 'expected exactly one bot'),
        composeExtensions: z
            .array(z.object({ botId: guid, commands: z.array(ComposeCommandSchema).min(1).max(10) }))
            .max(1)
            .optional(),
        permissions: z.array(z.enum(['identity', 'messageTeamMembers'])).optional(),
        validDomains: z.array(validDomain).min(1, 'expected at least one domain (the bot\'s host name)'),
    })
    .superRefine((manifest, ctx) => {
        const botId = manifest.bots[0]?.botId;
        manifest.composeExtensions?.forEach((ext, i) => {
            if (ext.botId !== botId) {
                ctx.addIssue({ code: 'custom', path: ['composeExtensions', i, 'botId'], message: `expected the bot's botId (${botId})` });
            }
        });
    });

/** A manifest that passed {@link validateManifest}. */
export type TeamsManifest = z.infer<typeof TeamsManifestSchema>;

/**
 * Replaces the template's `{{TEAMS_APP_ID}}`, `{{BOT_ID}}` and `{{BOT_DOMAIN}}` and parses the result.
 * @remarks Values are JSON-escaped, so a stray quote in one cannot change the manifest's structure.
 */
export function fillManifest(template: string, values: ManifestValues): unknown {
    let filled = template;
    for (const [placeholder, key] of Object.entries(PLACEHOLDERS)) {
        filled = filled.split(placeholder).join(JSON.stringify(values[key]).slice(1, -1));
    }
    try {
        return JSON.parse(filled) as unknown;
    } catch (err) {
        throw new Error(`fillManifest(): the filled template is not JSON: ${(err as Error).message}`);
    }
}

/** Checks a filled manifest; returns one readable line per problem (`bots[0].botId: expected a GUID …`), none when it is usable. */
export function validateManifest(manifest: unknown): string[] {
    const problems = unfilledPlaceholders(manifest, []).map((path) => `${formatPath(path)}: expected no {{placeholder}} left unfilled`);
    const parsed = TeamsManifestSchema.safeParse(manifest);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
    return problems;
}

/** `['bots', 0, 'botId']` → `bots[0].botId`, the way zod's issue paths read in JavaScript. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
    const out = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
    return out || '(manifest)';
}

function unfilledPlaceholders(value: unknown, path: PropertyKey[]): PropertyKey[][] {
    if (typeof value === 'string') return /\{\{\w+\}\}/.test(value) ? [path] : [];
    if (Array.isArray(value)) return value.flatMap((v, i) => unfilledPlaceholders(v, [...path, i]));
    if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) => unfilledPlaceholders(v, [...path, k]));
    }
    return [];
}

/** The size of a PNG image and whether its colour type carries an alpha channel. */
export interface PngSize {
    width: number;
    height: number;
    hasAlpha: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads a PNG's width, height and alpha from its IHDR chunk, which the format requires to come first.
 * @remarks Only colour types 4 (grey + alpha) and 6 (RGBA) count as having alpha; a `tRNS` chunk is not looked for.
 */
export function readPngSize(buffer: Uint8Array): PngSize {
    const png = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
        throw new Error('readPngSize(): not a PNG file (the PNG signature is missing)');
    }
    if (png.length < 33 || png.toString('latin1', 12, 16) !== 'IHDR') {
        throw new Error('readPngSize(): a damaged PNG file (no IHDR chunk after the signature)');
    }
    const colourType = png.readUInt8(25);
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), hasAlpha: colourType === 4 || colourType === 6 };
}
