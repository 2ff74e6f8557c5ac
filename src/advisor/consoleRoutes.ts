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
    'period.js',
    'conversations.js',
    'conversation.js',
    'transcript.js',
    'richText.js',
    'insights.js',
    'review.js',
    'reviewActions.js',
    'knowledge.js',
    'knowledgeEditor.js',
    'knowledgeForm.js',
    'knowledgeLists.js',
    'knowledgeChat.js',
    'knowledgeChanges.js',
    'knowledgeSynonyms.js',
    'followUps.js',
    'admin.js',
    'passwords.js',
    'roles.js',
]);

/**
 * Every console response carries this policy: nothing inline, nothing from another origin. Chart.js draws on a
 * canvas and sets sizes through the CSSOM, which `style-src 'self'` allows, as does the Adaptive Cards renderer, which
 * styles each element it makes through the CSSOM too; `data:` images are the empty favicon. Images a card names on
 * another site are not loaded (`img-src`): the card shows their alt text's place, and no visitor's chat makes the
 * advisor's browser call out.
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

/**
 * Libraries the console loads as classic scripts (each sets a global the modules read), served from the installed
 * packages as `/advisor/assets/<name>`: markdown-it renders the bot's Markdown, adaptivecards renders cards.
 */
export const CONSOLE_LIBRARIES: Readonly<Record<string, readonly [pkg: string, path: string]>> = Object.freeze({
    'markdown-it.min.js': ['markdown-it', 'dist/markdown-it.min.js'],
    'adaptivecards.min.js': ['adaptivecards', 'dist/adaptivecards.min.js'],
});

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
    // The libraries change only with their package's version.
    const chart = lazyAsset(findChartJsBundle, JS, 'private, max-age=86400');
    const libraries = Object.entries(CONSOLE_LIBRARIES).map(([name, [pkg, path]]) => [name, lazyAsset(() => findPackageFile(pkg, path), JS, 'private, max-age=86400')] as const);

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
    for (const [name, asset] of libraries) {
        server.get(`/advisor/assets/${name}`, async (req: Request, res: Response) => {
            secureHeaders(res);
            await sendAsset(req, res, asset());
        });
    }
    for (const name of CONSOLE_SCRIPTS) {
        const script = lazyAsset(() => join(CONSOLE_DIR, name), JS, 'private, no-cache');
        server.get(`/advisor/assets/${name}`, async (req: Request, res: Response) => {
            secureHeaders(res);
            await sendAsset(req, res, script());
        });
    }
}

/**
 * Finds `<pkg>/<path>` the way Node finds the package (an `exports` field may hide the file from `require.resolve`).
 * @throws naming the package, when it is not installed
 */
export function findPackageFile(pkg: string, path: string): string {
    for (const dir of require.resolve.paths(pkg) ?? []) {
        const file = join(dir, pkg, path);
        if (existsSync(file)) return file;
    }
    throw new Error(`findPackageFile(): ${pkg} is not installed (no ${path}); run npm install`);
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
