import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../config/paths';
import { lazyAsset, sendAsset } from '../http/staticAssets';
import type { PrivacyStatement } from './privacyNotice';

/** The page and scripts the bot serves to browsers, all from this machine: no CDN, no web fonts. */
const WEB_DIR = join(PROJECT_ROOT, 'src', 'web');

/**
 * The landing page's policy: everything from this origin. Web Chat writes its styles into `<style>` elements
 * at run time, hence `'unsafe-inline'` for styles only; scripts stay strictly same-origin.
 */
const PAGE_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    "form-action 'self'",
].join('; ');

/** Where index.html takes the privacy notice of the running configuration. */
const PRIVACY_PLACEHOLDER = '<!--privacy-notice-->';

/**
 * Adds `GET /` (the page with the widget, its privacy section written from `privacy`), `GET /widget.js` (the embed
 * script), `GET /assets/webchat.js` and `GET /api/privacy` (the privacy notice as JSON, for the widget).
 */
export function addWebRoutes(server: Server, deps: { privacy: PrivacyStatement }): void {
    const page = lazyAsset(() => join(WEB_DIR, 'index.html'), 'text/html; charset=utf-8', 'no-cache', (file) => Buffer.from(withPrivacyNotice(file.toString('utf8'), deps.privacy)));
    const widget = lazyAsset(() => join(WEB_DIR, 'widget.js'), 'application/javascript; charset=utf-8', 'public, max-age=300');
    // Web Chat's bundle changes only with the package version: browsers may keep it for a day.
    const webChat = lazyAsset(findWebChatBundle, 'application/javascript; charset=utf-8', 'public, max-age=86400');

    server.get('/', (req: Request, res: Response, next) => {
        res.header('content-security-policy', PAGE_CSP);
        res.header('referrer-policy', 'no-referrer');
        void sendAsset(req, res, page()).then(() => next(), next);
    });
    server.get('/widget.js', (req: Request, res: Response, next) => void sendAsset(req, res, widget()).then(() => next(), next));
    server.get('/assets/webchat.js', (req: Request, res: Response, next) => void sendAsset(req, res, webChat()).then(() => next(), next));
    const { notice, text } = deps.privacy;
    server.get('/api/privacy', (_req: Request, res: Response, next) => {
        res.header('cache-control', 'no-cache');
        res.send(200, { notice, text });
        next();
    });
}

/** The page with its privacy section written in, as escaped paragraphs; throws when the page has no place for it. */
export function withPrivacyNotice(html: string, privacy: PrivacyStatement): string {
    if (!html.includes(PRIVACY_PLACEHOLDER)) throw new Error(`withPrivacyNotice(): src/web/index.html has no ${PRIVACY_PLACEHOLDER} for the privacy notice`);
    const paragraphs = privacy.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n      ');
    return html.replace(PRIVACY_PLACEHOLDER, () => paragraphs);
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Finds `botframework-webchat/dist/webchat.js` the way Node finds the package (its exports hide the file). */
export function findWebChatBundle(): string {
    for (const dir of require.resolve.paths('botframework-webchat') ?? []) {
        const file = join(dir, 'botframework-webchat', 'dist', 'webchat.js');
        if (existsSync(file)) return file;
    }
    throw new Error('findWebChatBundle(): botframework-webchat is not installed; run npm install');
}
