import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../config/paths';
import { lazyAsset, sendAsset } from '../http/staticAssets';
import type { AdvisorRole } from './accounts';

/** The console's pages, scripts and styles: plain files, no build step. */
const CONSOLE_DIR = join(PROJECT_ROOT, 'src', 'web', 'advisor');

/** The console's own scripts (ES modules), each served as `/advisor/assets/<name>`. */
export const CONSOLE_SCRIPTS = Object.freeze([
    'console.js',
    'api.js',
    'dom.js',
    'conversations.js',
    'conversation.js',
    'transcript.js',
    'insights.js',
    'followUps.js',
    'admin.js',
]);

/**
 * Every console response carries this policy: nothing inline, nothing from another origin. Chart.js draws on a
 * canvas and sets sizes through the CSSOM, which `style-src 'self'` allows; `data:` images are the empty favicon.
 */
export const CONSOLE_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
].join('; ');

const SIGN_IN_PATH = '/advisor/sign-in';
const JS = 'application/javascript; charset=utf-8';

/** What the console's routes need: who is signed in, from the request's session cookie. */
export interface ConsoleRouteDeps {
    authenticate(req: Request): Promise<{ username: string; role: AdvisorRole } | undefined>;
}

/**
 * Adds the advisor console's browser side: `GET /advisor` (signed-in advisors only, others are sent to sign in),
 * `GET /advisor/sign-in` and the scripts and styles under `/advisor/assets/`.
 * @remarks The pages hold no data: the console reads everything from `/api/advisor/...`, which checks the session
 * on every call, so the HTML may be served to anyone; `/advisor` redirects only to spare a flash of an empty console.
 */
export function addConsoleRoutes(server: Server, deps: ConsoleRouteDeps): void {
    // Pages are never stored (they follow a session); scripts revalidate with their ETag so a deployment shows at once.
    const consolePage = lazyAsset(() => join(CONSOLE_DIR, 'index.html'), 'text/html; charset=utf-8', 'no-store');
    const signInPage = lazyAsset(() => join(CONSOLE_DIR, 'sign-in.html'), 'text/html; charset=utf-8', 'no-store');
    const styles = lazyAsset(() => join(CONSOLE_DIR, 'console.css'), 'text/css; charset=utf-8', 'private, no-cache');
    // Chart.js changes only with the package version.
    const chart = lazyAsset(findChartJsBundle, JS, 'private, max-age=86400');

    server.get('/advisor/sign-in', async (req: Request, res: Response) => {
        secureHeaders(res);
        await sendAsset(req, res, signInPage());
    });
    for (const path of ['/advisor', '/advisor/']) {
        server.get(path, async (req: Request, res: Response) => {
            secureHeaders(res);
            const advisor = await deps.authenticate(req);
            if (!advisor) {
                res.header('cache-control', 'no-store');
                res.writeHead(303, { location: SIGN_IN_PATH });
                res.end();
                return;
            }
            await sendAsset(req, res, consolePage());
        });
    }
    server.get('/advisor/assets/console.css', async (req: Request, res: Response) => {
        secureHeaders(res);
        await sendAsset(req, res, styles());
    });
    server.get('/advisor/assets/chart.umd.min.js', async (req: Request, res: Response) => {
        secureHeaders(res);
        await sendAsset(req, res, chart());
    });
    for (const name of CONSOLE_SCRIPTS) {
        const script = lazyAsset(() => join(CONSOLE_DIR, name), JS, 'private, no-cache');
        server.get(`/advisor/assets/${name}`, async (req: Request, res: Response) => {
            secureHeaders(res);
            await sendAsset(req, res, script());
        });
    }
}

/** Finds `chart.js/dist/chart.umd.min.js` the way Node finds the package (its exports hide the file). */
export function findChartJsBundle(): string {
    for (const dir of require.resolve.paths('chart.js') ?? []) {
        const file = join(dir, 'chart.js', 'dist', 'chart.umd.min.js');
        if (existsSync(file)) return file;
    }
    throw new Error('findChartJsBundle(): chart.js is not installed; run npm install');
}

function secureHeaders(res: Response): void {
    res.header('content-security-policy', CONSOLE_CSP);
    res.header('x-frame-options', 'DENY');
    // Not no-referrer: under it browsers send `Origin: null` with the console's own form posts and fetches, and the
    // origin check (consoleOrigin.ts) needs the real one. Other sites still get no referrer.
    res.header('referrer-policy', 'same-origin');
}
