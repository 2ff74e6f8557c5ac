import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { App } from '../../src/app';
import { privacyStatement } from '../../src/server/privacyNotice';
import { withPrivacyNotice } from '../../src/server/webRoutes';
import { startTestApp } from '../helpers/testApp';

let app: App;
let port: number;

beforeAll(async () => {
    const started = await startTestApp();
    app = started.app;
    port = Number(new URL(started.base).port);
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

describe('the privacy notice, written from the running configuration', () => {
    let other: App;
    let base: string;
    beforeAll(async () => {
        ({ app: other, base } = await startTestApp({ TRANSCRIPT_RETENTION_DAYS: '30' }));
    });
    afterAll(() => other.shutdown(2000));

    /** The page's privacy section, as text. */
    const privacySection = (html: string) =>
        (/<section aria-labelledby="privacy">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '').replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

    it('says on the page, with TRANSCRIPT_RETENTION_DAYS=30, that advisors read conversations kept 30 days, what is removed and the day-long replay copy', async () => {
        const html = await (await fetch(`${base}/`)).text();
        const section = privacySection(html);
        expect(section).toMatch(/career advisors can read it in full[^.]*\. It is kept for 30 days, then deleted\./);
        expect(section).toMatch(/email addresses, phone numbers, numbers that look like card, social-security, account or IP numbers, and street addresses and PO boxes are removed/);
        expect(section).toMatch(/deleted after 30 days/);
        expect(section).toMatch(/deletes that copy after 1 day without messages/);
        expect(section).toMatch(/type “delete my chat”/);
        expect(section).not.toMatch(/365/);
        expect(html).not.toContain('<!--privacy-notice-->');
    });

    it('serves the notice as JSON at /api/privacy, for the widget', async () => {
        // From a page on another site too: the widget is embedded anywhere with one script tag.
        const response = await fetch(`${base}/api/privacy`, { headers: { origin: 'https://college.example' } });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        const body = await response.json();
        expect(body).toEqual({
            notice: {
                retentionDays: 30,
                followUpDays: 30,
                replayCopyHours: 24,
                redacted: expect.arrayContaining(['email addresses', 'phone numbers']),
                readBy: 'career advisors',
                deleteCommand: 'delete my chat',
            },
            text: expect.stringMatching(/^Career advisors can read this conversation; it is kept for 30 days, .*Type “delete my chat” to delete it\.$/),
        });
    });

    it('says 365 days by default', async () => {
        const body = (await (await fetch(`http://127.0.0.1:${port}/api/privacy`)).json()) as { notice: { retentionDays: number } };
        expect(body.notice.retentionDays).toBe(365);
        expect(privacySection((await get('/')).body.toString())).toMatch(/kept for 365 days/);
    });

    it('names Azure’s Direct Line instead of the built-in copy when DIRECT_LINE_SECRET is set', () => {
        const statement = privacyStatement({ TRANSCRIPT_RETENTION_DAYS: 7, DIRECT_LINE_SECRET: 'secret' });
        expect(statement.notice.replayCopyHours).toBeUndefined();
        expect(statement.paragraphs.join(' ')).toMatch(/Azure Bot Service/);
        expect(statement.paragraphs.join(' ')).not.toMatch(/secret/);
    });

    it('writes the notice as text, never markup, and refuses a page with no place for it', () => {
        const statement = privacyStatement({ TRANSCRIPT_RETENTION_DAYS: 5, DIRECT_LINE_SECRET: undefined });
        const html = withPrivacyNotice('<p>x</p><!--privacy-notice-->', { ...statement, paragraphs: ['<b>a</b> & "b"'] });
        expect(html).toBe('<p>x</p><p>&#60;b&#62;a&#60;/b&#62; &#38; &#34;b&#34;</p>');
        expect(() => withPrivacyNotice('<p>x</p>', statement)).toThrow(/no <!--privacy-notice-->/);
    });
});
