import { generateKeyPairSync, JsonWebKey } from 'node:crypto';
import { SIGNING_KEY_TUNING, SigningKeys } from '../../src/channels/signingKeys';

const METADATA_URL = 'https://login.example.test/v1/.well-known/openidconfiguration';
const KEYS_URL = 'https://login.example.test/v1/keys';

const rsaJwk = (kid: string) => ({ ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as JsonWebKey), kid, endorsements: ['msteams'] });
const FIRST = rsaJwk('first-key');
const ROTATED = rsaJwk('rotated-key');

/** A stand-in for the metadata endpoint: what it publishes can change, it can fail, and it counts fetches of the document. */
function endpoint() {
    const state = { keys: [FIRST] as object[], failing: false, documentFetches: 0, release: Promise.resolve() };
    const fetchImpl = (async (input: string | URL | Request) => {
        const url = String(input);
        await state.release;
        if (url === METADATA_URL) state.documentFetches++;
        if (state.failing) return new Response('unavailable', { status: 503 });
        if (url === METADATA_URL) return Response.json({ issuer: 'https://api.example.test', jwks_uri: KEYS_URL });
        if (url === KEYS_URL) return Response.json({ keys: state.keys });
        return new Response('not found', { status: 404 });
    }) as typeof fetch;
    return { state, fetchImpl };
}

function lookup() {
    const { state, fetchImpl } = endpoint();
    const clock = { now: 1_000_000 };
    const keys = new SigningKeys(METADATA_URL, { fetchImpl, now: () => clock.now });
    return { keys, state, clock };
}

describe('SigningKeys (the shared lookup of the Bot Framework signing keys)', () => {
    it('gives a published RSA key as PEM with its endorsements, and null for a key id not published', async () => {
        const { keys } = lookup();
        expect(await keys.getKey('first-key')).toEqual({ key: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/), endorsements: ['msteams'] });
        expect(await keys.getKey('made-up')).toBeNull();
    });

    it('fetches once for 100 concurrent checks naming unknown keys, and not again for the next 100', async () => {
        const { keys, state } = lookup();
        let release!: () => void;
        state.release = new Promise((resolve) => (release = resolve));
        const first = Promise.all(Array.from({ length: 100 }, (_, i) => keys.getKey(`forged-${i}`)));
        release();
        expect(await first).toEqual(Array(100).fill(null));
        expect(await Promise.all(Array.from({ length: 100 }, (_, i) => keys.getKey(`forged-again-${i}`)))).toEqual(Array(100).fill(null));
        expect(state.documentFetches).toBe(1);
    });

    it('looks for an unknown key again only once the set is older than the unknown-key period, and then finds a rotated key', async () => {
        const { keys, state, clock } = lookup();
        await keys.getKey('first-key');
        state.keys = [FIRST, ROTATED];
        clock.now += SIGNING_KEY_TUNING.unknownKeyRefetchAfterMs - 1;
        expect(await keys.getKey('rotated-key')).toBeNull();
        expect(state.documentFetches).toBe(1);
        clock.now += 1;
        expect(await keys.getKey('rotated-key')).toMatchObject({ key: expect.any(String) });
        expect(state.documentFetches).toBe(2);
        // A known key never fetches before the set is a day old.
        clock.now += SIGNING_KEY_TUNING.refreshEveryMs - 1;
        await keys.getKey('first-key');
        expect(state.documentFetches).toBe(2);
    });

    it('remembers a failed fetch for the backoff period, then tries again', async () => {
        const { keys, state, clock } = lookup();
        state.failing = true;
        expect(await Promise.all(Array.from({ length: 100 }, () => keys.getKey('first-key')))).toEqual(Array(100).fill(null));
        expect(state.documentFetches).toBe(1);
        clock.now += SIGNING_KEY_TUNING.failureBackoffMs - 1;
        expect(await keys.getKey('first-key')).toBeNull();
        expect(state.documentFetches).toBe(1);
        clock.now += 1;
        state.failing = false;
        expect(await keys.getKey('first-key')).toMatchObject({ key: expect.any(String) });
        expect(state.documentFetches).toBe(2);
    });

    it('keeps using the keys it holds when a refresh fails', async () => {
        const { keys, state, clock } = lookup();
        await keys.getKey('first-key');
        state.failing = true;
        clock.now += SIGNING_KEY_TUNING.refreshEveryMs;
        expect(await keys.getKey('first-key')).toMatchObject({ key: expect.any(String) });
        expect(state.documentFetches).toBe(2);
    });

    it('gives null for a published key that is not an RSA key, as botbuilder does', async () => {
        const { keys, state } = lookup();
        state.keys = [{ kid: 'ec-key', kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, { kid: 'rsa-without-modulus', kty: 'RSA', e: 'AQAB' }];
        expect(await keys.getKey('ec-key')).toBeNull();
        expect(await keys.getKey('rsa-without-modulus')).toBeNull();
    });

    it('counts a metadata document that is not one as a failed fetch', async () => {
        const keys = new SigningKeys(METADATA_URL, { fetchImpl: (async () => Response.json({ nothing: true })) as typeof fetch });
        expect(await keys.getKey('first-key')).toBeNull();
        expect(await keys.getKey('first-key')).toBeNull();
        expect(keys.fetches).toBe(1);
    });
});
