import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { loadConfig } from '../../src/config/config';
import { createApp, App } from '../../src/app';

let app: App;
let port: number;

beforeAll(async () => {
    app = createApp(loadConfig({ STORAGE: 'memory', PORT: '0' }), { logger: pino({ level: 'silent' }) });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.shutdown(2000));

/** A raw GET (fetch would unzip and hide the encoding). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
    });
}

describe('the web routes', () => {
    it('serves the page at / with the widget, a same-origin content policy and nothing from elsewhere', async () => {
        const page = await get('/');
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
        expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/);
        const html = page.body.toString();
        expect(html).toMatch(/<script src="\/widget\.js"[^>]*async/);
        // Real tags only: the embed snippet shown on the page is escaped text.
        expect(html).not.toMatch(/<[a-z]+\s[^>]*(src|href)="(https?:)?\/\//);
    });

    it('serves the embed script', async () => {
        const script = await get('/widget.js');
        expect(script.status).toBe(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
        expect(script.body.toString()).toContain('/api/directline/token');
    });

    describe('Web Chat’s bundle, from the installed botframework-webchat package', () => {
        it('is served gzipped to browsers that accept it, with a validator', async () => {
            const zipped = await get('/assets/webchat.js', { 'accept-encoding': 'gzip, br' });
            expect(zipped.status).toBe(200);
            expect(zipped.headers['content-encoding']).toBe('gzip');
            const plain = gunzipSync(zipped.body);
            expect(plain.length).toBeGreaterThan(zipped.body.length * 2);
            expect(plain.includes('createDirectLine')).toBe(true);
            expect(zipped.headers.etag).toBeTruthy();
            expect(zipped.headers['cache-control']).toMatch(/max-age=\d+/);
        });

        it('is served whole to clients that do not accept gzip, and answers 304 to a matching If-None-Match', async () => {
            const whole = await get('/assets/webchat.js');
            expect(whole.headers['content-encoding']).toBeUndefined();
            expect(Number(whole.headers['content-length'])).toBe(whole.body.length);
            const again = await get('/assets/webchat.js', { 'if-none-match': String(whole.headers.etag) });
            expect(again.status).toBe(304);
            expect(again.body.length).toBe(0);
        });
    });

    it('answers an unknown path with 404 in the error shape every route uses', async () => {
        const missing = await get('/nothing-here');
        expect(missing.status).toBe(404);
        expect(JSON.parse(missing.body.toString())).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
    });
});
