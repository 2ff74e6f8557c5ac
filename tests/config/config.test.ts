import { loadConfig, ConfigError } from '../../src/config/config';

describe('loadConfig', () => {
    it('defaults to SQLite on 127.0.0.1:3978', () => {
        expect(loadConfig({})).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', STORAGE: 'sqlite', DATA_DIR: './data', LOG_LEVEL: 'info' });
    });

    it('listens on every interface once app credentials are set', () => {
        expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).HOST).toBe('0.0.0.0');
    });

    it('treats empty values as unset', () => {
        expect(loadConfig({ MicrosoftAppId: '', HOST: ' ' })).toMatchObject({ MicrosoftAppId: undefined, HOST: '127.0.0.1' });
    });

    it.each([
        [{ PORT: 'eighty' }, 'PORT'],
        [{ STORAGE: 'mongo' }, 'STORAGE'],
        [{ STORAGE: 'postgres' }, 'DATABASE_URL'],
        [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
        [{ TRANSCRIPT_RETENTION_DAYS: '-1' }, 'TRANSCRIPT_RETENTION_DAYS'],
        [{ BOT_DOMAIN: 'https://bot.example.org' }, 'BOT_DOMAIN'],
        [{ BOT_DOMAIN: 'bot.example.org/api/messages' }, 'BOT_DOMAIN'],
        [{ BOT_DOMAIN: 'bot.example.org:99999' }, 'BOT_DOMAIN'],
        [{ BOT_DOMAIN: 'bot example.org' }, 'BOT_DOMAIN'],
        [{ TEAMS_APP_ID: 'my-teams-app' }, 'TEAMS_APP_ID'],
    ])('rejects %j, naming %s', (env, key) => {
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(new RegExp(`✖ ${key}:`));
    });

    describe('for the Teams app package', () => {
        const appId = '00000000-0000-0000-0000-000000000001';

        it.each(['bot.example.org', 'BOT.example.org:8443', ' bot.example.org '])('accepts the host name %j', (domain) => {
            expect(loadConfig({ BOT_DOMAIN: domain }).BOT_DOMAIN).toBe(domain.trim());
        });

        it('uses MicrosoftAppId as the Teams app id unless TEAMS_APP_ID is set', () => {
            expect(loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'pw' }).TEAMS_APP_ID).toBe(appId);
            const teamsAppId = '11111111-2222-3333-4444-555555555555';
            expect(loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'pw', TEAMS_APP_ID: teamsAppId }).TEAMS_APP_ID).toBe(teamsAppId);
        });

        it('leaves both unset by default', () => {
            expect(loadConfig({ BOT_DOMAIN: '', TEAMS_APP_ID: '' })).toMatchObject({ BOT_DOMAIN: undefined, TEAMS_APP_ID: undefined });
        });
    });

    it('never echoes a secret in its error', () => {
        const secret = 'sup3r-s3cret-value';
        try {
            loadConfig({ MicrosoftAppPassword: secret, MicrosoftAppType: 'Nonsense' });
            throw new Error('expected a ConfigError');
        } catch (err) {
            expect((err as Error).message).not.toContain(secret);
        }
    });
});
