import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { loadPackagingConfig } from '../../src/config/config';
import { buildTeamsPackage, TEAMS_TEMPLATE_DIR, TeamsPackageError } from '../../src/cli/teamsPackage';

const BOT_ID = '00000000-0000-0000-0000-000000000001';
const TEAMS_APP_ID = '11111111-2222-3333-4444-555555555555';
const ENV = { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'sup3r-s3cret-value', BOT_DOMAIN: 'bot.example.org' };

describe('buildTeamsPackage', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'teams-package-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Builds the package into the temp folder and returns its entries. */
    function build(env: Record<string, string>, templateDir?: string) {
        const result = buildTeamsPackage(loadPackagingConfig(env), { out: join(dir, 'out', 'teams.zip'), templateDir });
        return { ...result, entries: unzipSync(readFileSync(result.file)) };
    }

    describe('with the bot id and domain set', () => {
        it('writes a zip with exactly the manifest and the two icons at its root', () => {
            const { file, entries } = build(ENV);
            expect(file).toBe(join(dir, 'out', 'teams.zip'));
            expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
        });

        it('fills the manifest with the ids and the domain, leaving no placeholder', () => {
            const { entries, manifest } = build(ENV);
            const text = strFromU8(entries['manifest.json']);
            expect(text).not.toContain('{{');
            const zipped = JSON.parse(text);
            expect(zipped).toEqual(manifest);
            expect(zipped.id).toBe(BOT_ID);
            expect(zipped.bots[0].botId).toBe(BOT_ID);
            expect(zipped.composeExtensions[0].botId).toBe(BOT_ID);
            expect(zipped.validDomains).toEqual(['bot.example.org']);
            expect(zipped.developer.websiteUrl).toBe('https://bot.example.org/');
        });

        it('needs the bot’s id but not its password (whoever builds the package need not hold the secret)', () => {
            const { manifest } = build({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'bot.example.org' });
            expect(manifest.bots[0].botId).toBe(BOT_ID);
        });

        it('uses TEAMS_APP_ID for the app id when it is set', () => {
            const { manifest } = build({ ...ENV, TEAMS_APP_ID });
            expect(manifest.id).toBe(TEAMS_APP_ID);
            expect(manifest.bots[0].botId).toBe(BOT_ID);
        });

        it('copies the icons unchanged and never puts the password in the package', () => {
            const { entries } = build(ENV);
            expect(Buffer.from(entries['color.png']).equals(readFileSync(join(TEAMS_TEMPLATE_DIR, 'color.png')))).toBe(true);
            expect(Buffer.from(entries['outline.png']).equals(readFileSync(join(TEAMS_TEMPLATE_DIR, 'outline.png')))).toBe(true);
            expect(strFromU8(entries['manifest.json'])).not.toContain(ENV.MicrosoftAppPassword);
        });
    });

    describe('when a setting is missing', () => {
        it.each([
            ['MicrosoftAppId', { BOT_DOMAIN: 'bot.example.org' }],
            ['BOT_DOMAIN', { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'pw' }],
        ])('names %s and writes nothing', (key, env) => {
            expect(() => build(env)).toThrow(TeamsPackageError);
            expect(() => build(env)).toThrow(new RegExp(`✖ ${key} is not set: `));
            expect(() => readFileSync(join(dir, 'out', 'teams.zip'))).toThrow(/ENOENT/);
        });

        it('names both when both are missing', () => {
            expect(() => build({})).toThrow(/MicrosoftAppId is not set[^]*BOT_DOMAIN is not set/);
        });

        it('refuses an app id that is not a GUID without echoing it', () => {
            const env = { ...ENV, MicrosoftAppId: 'my-secret-ish-app-name' };
            expect(() => build(env)).toThrow(/✖ MicrosoftAppId is not a GUID/);
            expect(() => build(env)).not.toThrow(/my-secret-ish-app-name/);
        });
    });

    describe('when the template or an icon is broken', () => {
        /** A copy of deployment/teams/ with one file replaced. */
        function templateWith(file: string, content: string | Buffer): string {
            const copy = mkdtempSync(join(dir, 'template-'));
            for (const name of ['manifest.json', 'color.png', 'outline.png']) copyFileSync(join(TEAMS_TEMPLATE_DIR, name), join(copy, name));
            writeFileSync(join(copy, file), content);
            return copy;
        }

        it('lists the manifest problems', () => {
            const template = readFileSync(join(TEAMS_TEMPLATE_DIR, 'manifest.json'), 'utf8').replace('"MLT Career Assistant"', `"${'x'.repeat(31)}"`);
            expect(() => build(ENV, templateWith('manifest.json', template))).toThrow(/is not a valid Teams manifest\n {2}✖ name\.short: expected at most 30 characters/);
        });

        it('refuses an outline icon of the wrong size', () => {
            const colour = readFileSync(join(TEAMS_TEMPLATE_DIR, 'color.png'));
            expect(() => build(ENV, templateWith('outline.png', colour))).toThrow(
                /icons\.outline \(outline\.png\): expected 32×32 pixels, found 192×192[^]*icons\.outline \(outline\.png\): expected a transparent background/,
            );
        });

        it('refuses an icon that is not a PNG', () => {
            expect(() => build(ENV, templateWith('color.png', 'not a png'))).toThrow(/icons\.color \(color\.png\): readPngSize\(\): not a PNG file/);
        });
    });
});
