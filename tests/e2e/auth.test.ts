import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer, Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import type { App } from '../../src/app';
import { isErrorBody, parseJson } from '../helpers/activityFuzz';
import { startTestApp } from '../helpers/testApp';

/** A registered bot's app id (any GUID: nothing here reaches Azure). */
const APP_ID = '5c1b9d2e-8f43-4a6b-9e21-3d7f0a6c4b18';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
/** A refusal is prompt: botbuilder may look for Microsoft's signing keys, and this machine has no route to them. */
const PROMPT_MS = 5_000;

let app: App;
let base: string;

beforeAll(async () => {
    ({ app, base } = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }));
});
afterAll(() => app.shutdown(2000));

/** What a channel would post: a Teams message to this bot. */
const activity = {
    type: 'message',
    id: 'forged-1',
    text: 'how much do MLTs make?',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    conversation: { id: 'a:forged-conversation', conversationType: 'personal' },
    from: { id: '29:someone' },
    recipient: { id: `28:${APP_ID}` },
};

/** The claims the Bot Framework Service puts in its tokens to a bot. */
function botFrameworkClaims(): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600 };
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Forged tokens: right claims, wrong signer or no signature at all. */
const FORGED: [name: string, authorization: string | undefined][] = [
    ['no Authorization header', undefined],
    ['an RS256 token signed by a key that is not Microsoft’s', `Bearer ${jwt.sign(botFrameworkClaims(), privateKey, { algorithm: 'RS256', keyid: 'my-own-key' })}`],
    ['an unsigned token (alg: none)', `Bearer ${jwt.sign(botFrameworkClaims(), null as unknown as string, { algorithm: 'none' })}`],
    ['an HS256 token signed with the app password', `Bearer ${jwt.sign(botFrameworkClaims(), 'x', { algorithm: 'HS256', keyid: 'my-own-key' })}`],
    ['a token that is not a JWT', 'Bearer not.a.jwt'],
];

async function postWith(authorization: string | undefined): Promise<{ status: number; text: string; elapsedMs: number }> {
    const started = Date.now();
    const response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(PROMPT_MS * 3),
    });
    const text = await response.text();
    return { status: response.status, text, elapsedMs: Date.now() - started };
}

describe('POST /api/messages with app credentials set', () => {
    // botbuilder's CloudAdapter writes each refusal to console.error, outside the JSON log: kept out of the test output.
    beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
    afterAll(() => jest.restoreAllMocks());

    it.each(FORGED)('refuses %s with a prompt 401, and runs no turn', async (_name, authorization) => {
        const { status, elapsedMs, text } = await postWith(authorization);
        // One object, so a failure shows status, timing and body together.
        expect({ status, prompt: elapsedMs < PROMPT_MS, body: text.slice(0, 200) }).toEqual({ status: 401, prompt: true, body: expect.any(String) });
        expect(await app.storage.conversationLog.activities('msteams', activity.conversation.id)).toEqual([]);
    });

    it.each(FORGED)('refuses %s with the error body every route uses, naming nothing internal', async (_name, authorization) => {
        const { text } = await postWith(authorization);
        const body = parseJson(text);
        expect({ errorShape: body.ok && isErrorBody(body.value), body: text.slice(0, 200) }).toEqual({
            errorShape: true,
            body: expect.not.stringMatching(/botframework\.com|ENOTFOUND|getaddrinfo|Error/),
        });
    });

    it('stays healthy after the forged requests', async () => {
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
    });
});

describe('the Bot Framework signing keys, looked up from a stand-in for Microsoft’s OpenID metadata endpoint', () => {
    const { privateKey: standInKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const KID = 'stand-in-key';
    let metadata: HttpServer;
    let metadataUrl: string;
    let documentFetches = 0;
    let keyApp: App;
    let keyBase: string;

    beforeAll(async () => {
        metadata = createHttpServer((req, res) => {
            const origin = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
            res.setHeader('content-type', 'application/json');
            if (req.url === '/v1/.well-known/openidconfiguration') {
                documentFetches++;
                // As slow as a far-away endpoint, so that concurrent checks overlap the fetch.
                setTimeout(() => res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${origin}/v1/keys` })), 200);
            } else if (req.url === '/v1/keys') {
                res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', endorsements: ['msteams'] }] }));
            } else {
                res.statusCode = 404;
                res.end('{}');
            }
        });
        await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
        metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
        ({ app: keyApp, base: keyBase } = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', BotOpenIdMetadata: metadataUrl }));
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
    });
    afterAll(async () => {
        jest.restoreAllMocks();
        await keyApp.shutdown(2000);
        await new Promise((resolve) => metadata.close(resolve));
    });

    const post = async (token: string, conversationId: string, extra: Record<string, unknown> = {}) => {
        const response = await fetch(`${keyBase}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ ...activity, conversation: { id: conversationId, conversationType: 'personal' }, ...extra }),
            signal: AbortSignal.timeout(PROMPT_MS * 3),
        });
        return { status: response.status, text: await response.text() };
    };
    const forged = (i: number) => jwt.sign(botFrameworkClaims(), privateKey, { algorithm: 'RS256', keyid: `forged-key-${i}` });

    it('fetches the keys at most twice for 200 forged tokens naming unknown keys, 100 of them at once (it was once a token)', async () => {
        const first = await Promise.all(Array.from({ length: 100 }, (_, i) => post(forged(i), `a:forged-${i}`)));
        expect(first.map((r) => r.status)).toEqual(Array(100).fill(401));
        const second = await Promise.all(Array.from({ length: 100 }, (_, i) => post(forged(100 + i), `a:forged-${100 + i}`)));
        expect(second.map((r) => r.status)).toEqual(Array(100).fill(401));
        expect(documentFetches).toBeGreaterThanOrEqual(1);
        expect(documentFetches).toBeLessThanOrEqual(2);
    });

    it('still takes a token signed with a published key, without fetching again', async () => {
        const before = documentFetches;
        const token = jwt.sign(botFrameworkClaims(), standInKey, { algorithm: 'RS256', keyid: KID });
        // expectReplies: the replies come back in the response, so nothing is sent to the (unreachable) service URL.
        const { status, text } = await post(token, 'a:genuine', { deliveryMode: 'expectReplies' });
        expect({ status, body: text.slice(0, 100) }).toEqual({ status: 200, body: expect.stringMatching(/^\{"activities":\[/) });
        expect(documentFetches).toBe(before);
    });
});
