import type { AddressInfo } from 'node:net';
import restify, { Server } from 'restify';
import pino from 'pino';
import { z } from 'zod';
import { HttpError } from '../../src/http/httpError';
import { SERVER_ERROR_MESSAGE } from '../../src/http/errorBody';
import { parseInput } from '../../src/http/parseInput';
import { route, type ErrorMapper, type RouteHandler } from '../../src/http/route';

/** A failure only this test's mapper knows. */
class TeapotError extends Error {}
const teapot: ErrorMapper = (err) => (err instanceof TeapotError ? new HttpError(418, 'Teapot', 'short and stout', { headers: { 'x-spout': 'yes' } }) : undefined);

let server: Server;
let base: string;
let logs: Array<Record<string, any>>;
let handler: RouteHandler;

beforeAll(async () => {
    const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.get('/thing', route({ logger, surface: 'test surface', knownErrors: [teapot] }, (req, res) => handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
    logs = [];
});

async function call(path = '/thing') {
    const response = await fetch(`${base}${path}`);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('route', () => {
    it('sends the handler’s answer as JSON, never cached', async () => {
        handler = async () => [201, { made: 'it' }];
        const reply = await call();
        expect(reply.status).toBe(201);
        expect(reply.body).toEqual({ made: 'it' });
        expect(reply.headers.get('cache-control')).toBe('no-store');
        expect(logs).toEqual([]);
    });

    it('leaves the response to a handler that answered itself', async () => {
        handler = async (_req, res) => {
            res.writeHead(202, { 'content-type': 'text/plain' });
            res.end('mine');
            return undefined;
        };
        const reply = await fetch(`${base}/thing`);
        expect(reply.status).toBe(202);
        expect(await reply.text()).toBe('mine');
    });

    it('answers an HttpError with its status, code, message and headers, and does not log a refusal', async () => {
        handler = async () => {
            throw new HttpError(429, 'TooManyRequests', 'slow down', { headers: { 'retry-after': '7' } });
        };
        const reply = await call();
        expect(reply.status).toBe(429);
        expect(reply.body).toEqual({ error: { code: 'TooManyRequests', message: 'slow down' } });
        expect(reply.headers.get('retry-after')).toBe('7');
        expect(reply.headers.get('cache-control')).toBe('no-store');
        expect(logs).toEqual([]);
    });

    it('sets no-store once, also when the handler had set it before it refused', async () => {
        handler = async (_req, res) => {
            res.header('cache-control', 'no-store');
            throw new HttpError(401, 'Unauthorized', 'sign in first');
        };
        expect((await call()).headers.get('cache-control')).toBe('no-store');
        handler = async (_req, res) => {
            res.header('cache-control', 'no-store');
            return [200, {}];
        };
        expect((await call()).headers.get('cache-control')).toBe('no-store');
    });

    it('answers an unknown error with a 500 that says nothing about it, and logs it once with its cause', async () => {
        handler = async () => {
            throw new Error('SqliteThing.read(): SQLITE_CORRUPT at /var/lib/bot/data.sqlite');
        };
        const reply = await call();
        expect(reply.status).toBe(500);
        expect(reply.body).toEqual({ error: { code: 'ServiceError', message: SERVER_ERROR_MESSAGE } });
        expect(reply.text).not.toMatch(/Sqlite|CORRUPT|data\.sqlite/);
        expect(logs).toHaveLength(1);
        expect(logs[0]).toMatchObject({ level: 50, msg: 'test surface: request failed', status: 500, method: 'GET', path: '/thing' });
        expect(logs[0].err.message).toContain('SQLITE_CORRUPT');
    });

    it('answers a thrown value that is not an Error as a 500 too', async () => {
        handler = async () => {
            throw 'a string';
        };
        const reply = await call();
        expect(reply.status).toBe(500);
        expect(reply.body.error.code).toBe('ServiceError');
    });

    it('answers a domain error its surface knows as the mapper says', async () => {
        handler = async () => {
            throw new TeapotError('internal detail');
        };
        const reply = await call();
        expect(reply.status).toBe(418);
        expect(reply.body).toEqual({ error: { code: 'Teapot', message: 'short and stout' } });
        expect(reply.headers.get('x-spout')).toBe('yes');
        expect(reply.text).not.toContain('internal detail');
    });

    it('answers a zod error as a 400 naming the field', async () => {
        handler = async (req) => [200, z.object({ size: z.coerce.number().int() }).parse(req.query)];
        const reply = await call('/thing?size=big');
        expect(reply.status).toBe(400);
        expect(reply.body).toEqual({ error: { code: 'BadArgument', message: expect.stringMatching(/^size: /) } });
        expect((await call('/thing?size=3')).body).toEqual({ size: 3 });
    });

    it('answers a 5xx HttpError with its own message and logs it with its cause', async () => {
        handler = async () => {
            throw new HttpError(502, 'BotError', 'the upstream is down', { cause: new Error('ECONNREFUSED 10.0.0.1:443') });
        };
        const reply = await call();
        expect(reply.status).toBe(502);
        expect(reply.body).toEqual({ error: { code: 'BotError', message: 'the upstream is down' } });
        expect(reply.text).not.toContain('ECONNREFUSED');
        expect(logs).toHaveLength(1);
        expect(logs[0].err.message).toContain('ECONNREFUSED');
    });
});

describe('parseInput', () => {
    const Query = z.strictObject({ limit: z.coerce.number().int().min(1), nested: z.object({ day: z.string().regex(/^\d+$/, 'expected digits') }).optional() });

    it('gives the value as the schema reads it', () => {
        expect(parseInput(Query, { limit: '5' })).toEqual({ limit: 5 });
    });

    it('refuses with a 400 that begins with the field’s path', () => {
        const refusal = (() => {
            try {
                parseInput(Query, { limit: '2', nested: { day: 'monday' } });
            } catch (err) {
                return err;
            }
        })();
        expect(refusal).toBeInstanceOf(HttpError);
        expect(refusal).toMatchObject({ status: 400, code: 'BadArgument', message: 'nested.day: expected digits' });
    });

    it('names unknown parameters, and a bare value by the name it is given', () => {
        expect(() => parseInput(Query, { limit: '1', limt: '2' })).toThrow('"limt": not a parameter of this request');
        expect(() => parseInput(z.string().regex(/^\d+$/, 'expected a number'), 'x', 'id')).toThrow(/^id: expected a number$/);
    });
});
