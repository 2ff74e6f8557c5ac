import { createPublicKey } from 'node:crypto';
// Not exported from the package's index; the same module botbuilder's token checks load (one copy installed).
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import type { Logger } from 'pino';
import { z } from 'zod';

/** How the Bot Framework's signing keys are looked up, each with the reason for its value. */
export const SIGNING_KEY_TUNING = Object.freeze({
    /** Keys are fetched again after this long even when every token names a known one (botbuilder's own default). */
    refreshEveryMs: 24 * 60 * 60 * 1000,
    /**
     * A token naming a key not in the set fetches the set again only when the last fetch is older than this, so a
     * flood of tokens with made-up key ids costs at most one fetch per period. Microsoft publishes a signing key
     * days before signing with it, so a new key is seen in time (botbuilder waited an hour).
     */
    unknownKeyRefetchAfterMs: 5 * 60 * 1000,
    /** After a failed fetch, none is tried for this long: tokens are checked against the keys already held, if any. */
    failureBackoffMs: 30 * 1000,
    /** One fetch (the metadata document, then the key set) gives up after this long, so a hung endpoint cannot hold requests. */
    fetchTimeoutMs: 10 * 1000,
});

/** The tuned numbers (see SIGNING_KEY_TUNING). */
export type SigningKeyTuning = Record<keyof typeof SIGNING_KEY_TUNING, number>;

/** A key as botframework-connector's JwtTokenExtractor takes it (its IOpenIdMetadataKey). */
export interface SigningKey {
    /** The public key, PEM. */
    key: string;
    /** The channels the key may sign for; checked by botbuilder. */
    endorsements?: string[];
}

/** What a key lookup is built with. */
export interface SigningKeysOptions {
    logger?: Pick<Logger, 'warn' | 'info'>;
    /** Reaches the metadata endpoint; tests count the calls. */
    fetchImpl?: typeof fetch;
    /** The clock, in milliseconds; tests move it. */
    now?: () => number;
    tuning?: Partial<SigningKeyTuning>;
}

const OpenIdConfiguration = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const KeySet = z.object({
    keys: z.array(z.object({ kid: z.string(), kty: z.string().optional(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() }).loose()),
});

/**
 * The signing keys published at one OpenID metadata URL, fetched by one request at a time and shared by every
 * token check: concurrent checks wait for the fetch in progress, a key id not in a fresh set is answered "no such
 * key" without fetching again (see SIGNING_KEY_TUNING), and a failed fetch is not retried for a while.
 * @remarks It takes the place of botframework-connector's OpenIdMetadata (same `getKey`), which fetched again for
 * every token naming an unknown key while its last fetch had failed, and once per concurrent request: 196 fetches
 * for 196 forged tokens.
 */
export class SigningKeys {
    private keys = new Map<string, SigningKey | null>();
    private fetchedAt = Number.NEGATIVE_INFINITY;
    private failedAt = Number.NEGATIVE_INFINITY;
    private fetching?: Promise<void>;
    private readonly tuning: SigningKeyTuning;
    private readonly now: () => number;
    /** How many fetches of the metadata document were started; for tests and the log. */
    fetches = 0;

    constructor(readonly url: string, private readonly options: SigningKeysOptions = {}) {
        this.tuning = { ...SIGNING_KEY_TUNING, ...options.tuning };
        this.now = options.now ?? Date.now;
    }

    /** The key with this id, or null when the published set has none (or only one botbuilder cannot use: not RSA). */
    async getKey(keyId: string): Promise<SigningKey | null> {
        const age = this.now() - this.fetchedAt;
        if (age >= this.tuning.refreshEveryMs || (!this.keys.has(keyId) && age >= this.tuning.unknownKeyRefetchAfterMs)) await this.refresh();
        return this.keys.get(keyId) ?? null;
    }

    /** Fetches the set unless a fetch is in progress (then waits for it) or the last one failed moments ago. */
    private refresh(): Promise<void> {
        if (this.fetching) return this.fetching;
        if (this.now() - this.failedAt < this.tuning.failureBackoffMs) return Promise.resolve();
        this.fetches++;
        this.fetching = this.fetchKeys()
            .then(
                (keys) => {
                    this.keys = keys;
                    this.fetchedAt = this.now();
                },
                (err: unknown) => {
                    // Keys already held stay in use: a token they verify is still good while the endpoint is down.
                    this.failedAt = this.now();
                    this.options.logger?.warn({ err, url: this.url, keysHeld: this.keys.size }, 'could not fetch the Bot Framework signing keys');
                },
            )
            .finally(() => (this.fetching = undefined));
        return this.fetching;
    }

    private async fetchKeys(): Promise<Map<string, SigningKey | null>> {
        const fetchImpl = this.options.fetchImpl ?? fetch;
        const getJson = async (url: string) => {
            const response = await fetchImpl(url, { signal: AbortSignal.timeout(this.tuning.fetchTimeoutMs), headers: { accept: 'application/json' } });
            if (!response.ok) throw new Error(`${url} answered ${response.status}`);
            return (await response.json()) as unknown;
        };
        const { jwks_uri } = OpenIdConfiguration.parse(await getJson(this.url));
        const { keys } = KeySet.parse(await getJson(jwks_uri));
        return new Map(keys.map((jwk) => [jwk.kid, toSigningKey(jwk)]));
    }
}

/** A published key as botbuilder takes it; null for one that is not an RSA key (botbuilder refuses those too). */
function toSigningKey(jwk: z.infer<typeof KeySet>['keys'][number]): SigningKey | null {
    if (!jwk.n || !jwk.e || (jwk.kty !== undefined && jwk.kty !== 'RSA')) return null;
    try {
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
        return { key, ...(jwk.endorsements ? { endorsements: jwk.endorsements } : {}) };
    } catch {
        return null;
    }
}

/** One SigningKeys per metadata URL, made on first use: what JwtTokenExtractor looks its key sources up in. */
class SigningKeysByUrl extends Map<string, SigningKeys> {
    constructor(private readonly options: SigningKeysOptions) {
        super();
    }

    override get(url: string): SigningKeys {
        let keys = super.get(url);
        if (!keys) {
            keys = new SigningKeys(url, this.options);
            super.set(url, keys);
        }
        return keys;
    }
}

/** Where botframework-connector keeps one OpenIdMetadata per metadata URL, shared by all its token checks. */
const extractor = JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown };

/**
 * Makes every Bot Framework token check in this process (channel, Emulator and skill tokens, whatever their
 * metadata URL) look its signing keys up in a shared SigningKeys; idempotent, and the first call's options hold.
 * @remarks botbuilder has no option for this: its JwtTokenExtractor keeps its key sources in a static map by URL,
 * which this replaces with one that makes SigningKeys. botbuilder 4.23 is the last release (the SDK is archived),
 * and start-up fails loudly if the map is not where it is expected.
 * @returns the key sources, by metadata URL.
 */
export function shareSigningKeys(options: SigningKeysOptions = {}): ReadonlyMap<string, SigningKeys> {
    if (extractor.openIdMetadataCache instanceof SigningKeysByUrl) return extractor.openIdMetadataCache;
    if (!(extractor.openIdMetadataCache instanceof Map)) {
        throw new Error('botframework-connector no longer keeps its signing-key sources in JwtTokenExtractor.openIdMetadataCache: the shared key lookup cannot be installed');
    }
    const byUrl = new SigningKeysByUrl(options);
    extractor.openIdMetadataCache = byUrl;
    return byUrl;
}
