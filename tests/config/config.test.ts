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
    ])('rejects %j, naming %s', (env, key) => {
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(new RegExp(`✖ ${key}:`));
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
