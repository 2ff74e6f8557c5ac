import { existsSync } from 'node:fs';
import { chromium, Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestApp } from '../helpers/testApp';

/** Debian's Chromium (`apt-get install chromium`); playwright-core drives it, no browser is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless run in a container: no sandbox (no user namespaces there), no GPU, no calls home. */
const CHROMIUM_ARGS = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/** The Chromium to drive, or undefined when it is not installed. */
export function chromiumPath(): string | undefined {
    return existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
}

/** Starts headless Chromium; call only inside a suite from `browserDescribe`. */
export function launchChromium(): Promise<Browser> {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error(`launchChromium(): no Chromium at ${CHROMIUM_PATH}; install it with: apt-get install chromium`);
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * `describe` when Chromium is installed. Without it the suite fails in CI (`CI=true`), so a broken CI image
 * cannot pass by running nothing, and elsewhere it is skipped with a loud warning.
 */
export function browserDescribe(name: string, body: () => void): void {
    if (chromiumPath()) {
        describe(name, body);
        return;
    }
    const reason = `no Chromium at ${CHROMIUM_PATH}; install it with: apt-get install chromium`;
    if (process.env.CI === 'true') {
        describe(name, () => {
            it('needs Chromium to run', () => {
                throw new Error(`Browser tests cannot run in CI: ${reason}`);
            });
        });
        return;
    }
    console.warn(`BROWSER TESTS SKIPPED: ${name}: ${reason}`);
    describe.skip(name, body);
}

/** A page a test drives, with what it did: every request, the activities it posted, and the errors it reported. */
export interface WatchedPage {
    page: Page;
    requests: string[];
    /** The bodies of the activities it posted to Direct Line. */
    posted: string[];
    /** Uncaught page errors, and the console's errors and warnings. */
    problems: string[];
}

/**
 * A browser suite's fixtures, registered in the suite that calls it (inside `browserDescribe`): the app `start` starts
 * and one Chromium, both for the whole suite, and `newPage`, a page in a fresh context (no storage, no cache) closed
 * after the test that opened it.
 */
export function browserFixtures(start: () => Promise<TestApp>, defaults: BrowserContextOptions = {}): { newPage(options?: BrowserContextOptions): Promise<WatchedPage> } {
    let app: TestApp | undefined;
    let browser: Browser | undefined;
    // Every context a test opened (a test may drive two pages at once), closed after it.
    let contexts: BrowserContext[] = [];
    beforeAll(async () => {
        app = await start();
        browser = await launchChromium();
    });
    afterAll(async () => {
        await browser?.close();
        await app?.close();
    });
    afterEach(async () => {
        await Promise.all(contexts.map((c) => c.close()));
        contexts = [];
    });
    return {
        async newPage(options: BrowserContextOptions = {}): Promise<WatchedPage> {
            if (!browser) throw new Error('newPage(): the suite has not started its browser');
            const context = await browser.newContext({ ...defaults, ...options });
            contexts.push(context);
            const page = await context.newPage();
            const watched: WatchedPage = { page, requests: [], posted: [], problems: [] };
            page.on('request', (request) => {
                watched.requests.push(request.url());
                if (request.method() === 'POST' && /\/activities$/.test(request.url())) watched.posted.push(request.postData() ?? '');
            });
            page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
            page.on('console', (message) => {
                if (message.type() === 'error' || message.type() === 'warning') watched.problems.push(`console ${message.type()}: ${message.text()}`);
            });
            return watched;
        },
    };
}

/** One finding of axe-core, as its `run` reports it. */
interface AxeViolation {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the whole page (WCAG 2.0–2.2 A and AA, and best practice); returns its serious and critical findings,
 * one readable paragraph each, or '' when there are none. The page's policy must allow axe's injected script.
 */
export async function seriousAxeFindings(page: Page): Promise<string> {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
        const g = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
        const { violations } = await g.axe.run(g.document, { runOnly: { type: 'tag', values: tags } });
        return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
    });
    return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  at ${n.target.join(' ')}\n    ${n.failureSummary ?? ''}`).join('\n')}`)
        .join('\n\n');
}
