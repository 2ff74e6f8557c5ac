import { existsSync } from 'node:fs';
import { chromium, Browser } from 'playwright-core';

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
