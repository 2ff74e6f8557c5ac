import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fillManifest, formatPath, readPngSize, validateManifest } from '../../../src/channels/teams/teamsManifest';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../../src/channels/teams/knowledgeSearchExtension';
import { PROJECT_ROOT } from '../../../src/config/paths';

const TEAMS_DIR = join(PROJECT_ROOT, 'deployment', 'teams');
const TEMPLATE = readFileSync(join(TEAMS_DIR, 'manifest.json'), 'utf8');
const VALUES = { teamsAppId: '11111111-2222-3333-4444-555555555555', botId: '00000000-0000-0000-0000-000000000001', botDomain: 'bot.example.org' };

/** The shipped template, filled, with one change applied. */
function manifestWith(change: (m: any) => void): unknown {
    const manifest = fillManifest(TEMPLATE, VALUES);
    change(manifest);
    return manifest;
}

describe('the shipped Teams manifest template', () => {
    const manifest = fillManifest(TEMPLATE, VALUES) as any;

    it('has only the three placeholders', () => {
        expect([...new Set(TEMPLATE.match(/\{\{\w+\}\}/g))].sort()).toEqual(['{{BOT_DOMAIN}}', '{{BOT_ID}}', '{{TEAMS_APP_ID}}']);
    });

    it('validates once filled', () => {
        expect(validateManifest(manifest)).toEqual([]);
    });

    it('is on manifest schema 1.17', () => {
        expect(manifest.manifestVersion).toBe('1.17');
        expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    });

    it('puts the ids and the domain where Teams reads them', () => {
        expect(manifest.id).toBe(VALUES.teamsAppId);
        expect(manifest.bots[0].botId).toBe(VALUES.botId);
        expect(manifest.composeExtensions[0].botId).toBe(VALUES.botId);
        expect(manifest.validDomains).toEqual(['bot.example.org']);
        expect(manifest.developer.privacyUrl).toBe('https://bot.example.org/#privacy');
    });

    it('names the search command and parameter the bot handles', () => {
        const command = manifest.composeExtensions[0].commands[0];
        expect(command).toMatchObject({ id: SEARCH_COMMAND_ID, type: 'query', initialRun: true, context: ['compose', 'commandBox'] });
        expect(command.parameters.map((p: { name: string }) => p.name)).toEqual([SEARCH_PARAMETER]);
    });

    it('lists the commands in every scope', () => {
        const scopes = manifest.bots[0].commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort();
        expect(scopes).toEqual(['groupChat', 'personal', 'team']);
        const titles = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
        expect(titles).toEqual(['help', 'menu', 'salary', 'licensure', 'certification', 'mlt vs mls', 'start over']);
    });
});

describe('fillManifest', () => {
    it('JSON-escapes the values, so a quote cannot change the structure', () => {
        const manifest = fillManifest(TEMPLATE, { ...VALUES, botDomain: 'evil.org", "x": "y' }) as any;
        expect(manifest.validDomains).toEqual(['evil.org", "x": "y']);
        expect(manifest.x).toBeUndefined();
        expect(validateManifest(manifest)).toContain('validDomains[0]: expected a host name without https:// or a path, such as bot.example.org');
    });

    it('says so when the template is not JSON', () => {
        expect(() => fillManifest('{"id": {{TEAMS_APP_ID}}', VALUES)).toThrow(/^fillManifest\(\): the filled template is not JSON/);
    });
});

describe('validateManifest', () => {
    it.each<[string, (m: any) => void, RegExp]>([
        ['a bot id that is not a GUID', (m) => (m.bots[0].botId = 'not-a-guid'), /^bots\[0\]\.botId: expected a GUID/m],
        ['an app id that is not a GUID', (m) => (m.id = '1234'), /^id: expected a GUID/m],
        ['an http URL', (m) => (m.developer.privacyUrl = 'http://bot.example.org/#privacy'), /^developer\.privacyUrl: expected an https:\/\/ URL/m],
        ['a short name over 30 characters', (m) => (m.name.short = 'M'.repeat(31)), /^name\.short: expected at most 30 characters/m],
        ['a short description over 80 characters', (m) => (m.description.short = 'd'.repeat(81)), /^description\.short: expected at most 80/m],
        ['a command title over 32 characters', (m) => (m.bots[0].commandLists[0].commands[0].title = 't'.repeat(33)), /^bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title: expected at most 32/m],
        ['an unknown scope', (m) => (m.bots[0].scopes = ['personal', 'channel']), /^bots\[0\]\.scopes\[1\]: /m],
        ['a search extension on another bot', (m) => (m.composeExtensions[0].botId = '99999999-9999-9999-9999-999999999999'), /^composeExtensions\[0\]\.botId: expected the bot's botId/m],
        ['manifest version 1.15', (m) => (m.manifestVersion = '1.15'), /^manifestVersion: expected manifest version 1\.16 or later/m],
        ['no valid domains', (m) => (m.validDomains = []), /^validDomains: expected at least one domain/m],
        ['a valid domain with a scheme', (m) => (m.validDomains = ['https://bot.example.org']), /^validDomains\[0\]: expected a host name/m],
        ['a valid domain with a path', (m) => (m.validDomains = ['bot.example.org/api']), /^validDomains\[0\]: expected a host name/m],
        ['no outline icon', (m) => delete m.icons.outline, /^icons\.outline: /m],
        ['a placeholder left unfilled', (m) => (m.name.full = 'MLT {{NAME}}'), /^name\.full: expected no \{\{placeholder\}\} left unfilled/m],
    ])('refuses %s, naming the field', (_, change, expected) => {
        expect(validateManifest(manifestWith(change)).join('\n')).toMatch(expected);
    });

    it('accepts a domain with a port and a later manifest version', () => {
        const manifest = manifestWith((m) => {
            m.validDomains = ['bot.example.org:8443'];
            m.manifestVersion = '1.19';
        });
        expect(validateManifest(manifest)).toEqual([]);
    });

    it('refuses something that is not a manifest at all', () => {
        expect(validateManifest('manifest')).toEqual(['(manifest): Invalid input: expected object, received string']);
    });
});

describe('formatPath', () => {
    it('reads like a JavaScript property path', () => {
        expect(formatPath(['bots', 0, 'commandLists', 1, 'scopes', 2])).toBe('bots[0].commandLists[1].scopes[2]');
    });
});

describe('readPngSize', () => {
    it('reads the size and alpha of the shipped icons', () => {
        expect(readPngSize(readFileSync(join(TEAMS_DIR, 'color.png')))).toEqual({ width: 192, height: 192, hasAlpha: false });
        expect(readPngSize(readFileSync(join(TEAMS_DIR, 'outline.png')))).toEqual({ width: 32, height: 32, hasAlpha: true });
    });

    it('refuses a file that is not a PNG', () => {
        expect(() => readPngSize(Buffer.from('GIF89a, not a png at all, honestly'))).toThrow('readPngSize(): not a PNG file');
        expect(() => readPngSize(Buffer.alloc(0))).toThrow('readPngSize(): not a PNG file');
    });

    it('refuses a PNG cut off before its IHDR chunk', () => {
        expect(() => readPngSize(readFileSync(join(TEAMS_DIR, 'color.png')).subarray(0, 20))).toThrow(/no IHDR chunk/);
    });
});

describe('the outline icon', () => {
    it('is white shapes on a transparent background', () => {
        const pixels = decodeRgba(readFileSync(join(TEAMS_DIR, 'outline.png')));
        const visible = pixels.filter((p) => p[3] > 0);
        expect(visible.length).toBeGreaterThan(50);
        expect(pixels.length - visible.length).toBeGreaterThan(500);
        expect(visible.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
        expect(pixels[0][3]).toBe(0);
    });
});

/** Decodes an 8-bit RGBA PNG into its pixels, undoing each row's filter. */
function decodeRgba(png: Buffer): number[][] {
    const { width, height } = readPngSize(png);
    expect([png[24], png[25]]).toEqual([8, 6]);
    const chunks: Buffer[] = [];
    for (let at = 8; at < png.length; ) {
        const length = png.readUInt32BE(at);
        if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
        at += length + 12;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    const stride = width * 4;
    const out = Buffer.alloc(stride * height);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        for (let x = 0; x < stride; x++) {
            const a = x >= 4 ? out[y * stride + x - 4] : 0;
            const b = y > 0 ? out[(y - 1) * stride + x] : 0;
            const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
            const p = a + b - c;
            const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
            const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
            out[y * stride + x] = (raw[y * (stride + 1) + 1 + x] + predictor) & 0xff;
        }
    }
    return Array.from({ length: width * height }, (_, i) => [...out.subarray(i * 4, i * 4 + 4)]);
}
