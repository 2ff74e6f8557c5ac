import { existsSync } from 'node:fs';
import { chromium, Browser, type Page } from 'playwright-core';

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
