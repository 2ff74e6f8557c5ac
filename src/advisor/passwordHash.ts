import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt's cost, stored with every hash (`scrypt$N$r$p$salt$hash`) so it can be raised later without
 * invalidating existing passwords.
 */
export const SCRYPT_PARAMS = Object.freeze({
    /** 2^15: about 80 ms on one core here, OWASP's minimum for scrypt with r=8, p=1. */
    N: 2 ** 15,
    r: 8,
    p: 1,
    saltBytes: 16,
    keyBytes: 32,
});

/** A hash scrypt may need more memory than Node's 32 MiB default for (128·N·r bytes, plus headroom). */
const maxmemFor = (N: number, r: number) => 256 * N * r;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash in base64). */
export async function hashPassword(password: string): Promise<string> {
    const { N, r, p } = SCRYPT_PARAMS;
    const salt = randomBytes(SCRYPT_PARAMS.saltBytes);
    const key = await derive(password, salt, SCRYPT_PARAMS.keyBytes, { N, r, p });
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when the password matches the stored hash; false for a malformed hash. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
    return timingSafeEqual(key, parsed.hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Makes the hash unknown accounts are checked against, once per process, ahead of the first check
 * (which would otherwise take twice as long, telling that the account does not exist).
 */
export function prepareDummyHash(): Promise<string> {
    if (!dummyHash) {
        dummyHash = hashPassword('not a password: an unknown account is checked against this');
        dummyHash.catch(() => (dummyHash = undefined));
    }
    return dummyHash;
}

/** Spends the time a real check would, for an unknown account, so timing does not tell which usernames exist. */
export async function verifyNothing(password: string): Promise<false> {
    await verifyPassword(password, await prepareDummyHash());
    return false;
}

function parseHash(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } | undefined {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    // Bounds keep a damaged or tampered row from asking scrypt for gigabytes.
    if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
    const salt = Buffer.from(parts[4], 'base64');
    const hash = Buffer.from(parts[5], 'base64');
    if (salt.length === 0 || hash.length < 16) return undefined;
    return { params: { N, r, p }, salt, hash };
}

function derive(password: string, salt: Buffer, keyBytes: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
    const options: ScryptOptions = { ...params, maxmem: maxmemFor(params.N, params.r) };
    return new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))),
    );
}
