import { mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../helpers/testApp';
import { browserDescribe, browserFixtures } from './browser';

/** The first visit parses Web Chat's 4 MB bundle and Direct Line polls once a second: allow for both. */
const TEST_TIMEOUT = 60_000;
const WAIT = { timeout: 30_000 };
const TITLE = 'MLT Career Assistant';
const SENDBOX = '[data-id="webchat-sendbox-input"]';
const WELCOME = 'I answer questions about becoming a medical laboratory technician';
const BLS_MEDIAN = '57,380';
const SCREENSHOT = join(__dirname, '..', '..', 'test-results', 'widget.png');

/** The browser globals the page functions below read (these tests compile without the DOM library). */
interface PageGlobals {
    __xss?: unknown;
    axe: { run(options: object): Promise<{ violations: AxeViolation[] }> };
    getComputedStyle(element: unknown): { backgroundColor: string };
}
interface AxeViolation {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
}

let botOrigin: string;

const launcher = (page: Page, title = TITLE) => page.getByRole('button', { name: `Open chat: ${title}` });
const panel = (page: Page, title = TITLE) => page.getByRole('dialog', { name: title });
const botSaid = (page: Page, text: string) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', { hasText: text });
const youSaid = (page: Page, text: string) => page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: text });
const backgroundOf = (locator: Locator) => locator.evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).backgroundColor);

/** Opens the chat the way a keyboard user does, and waits for Web Chat's send box. */
async function openChat(page: Page, title = TITLE): Promise<void> {
    await launcher(page, title).focus();
    await page.keyboard.press('Enter');
    await page.locator(SENDBOX).waitFor(WAIT);
}

async function ask(page: Page, question: string): Promise<void> {
    await page.locator(SENDBOX).fill(question);
    await page.locator(SENDBOX).press('Enter');
}

/** Waits until `condition` holds; throws after WAIT's timeout. */
async function until(condition: () => boolean): Promise<void> {
    for (const deadline = Date.now() + WAIT.timeout; !condition(); ) {
        if (Date.now() > deadline) throw new Error(`not so after ${WAIT.timeout} ms: ${condition.toString()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** Lets two polls pass, so anything the server still had to send has arrived. */
const settle = (page: Page) => page.waitForTimeout(2_500);

browserDescribe('the chat widget in a browser', () => {
    const { newPage } = browserFixtures(async () => {
        const started = await startTestApp();
        botOrigin = started.base;
        return started;
    });

    it('opens from the keyboard, answers, and shows the same conversation after a reload, all from the bot’s origin', async () => {
        const { page, requests, problems } = await newPage();
        await page.goto(`${botOrigin}/`);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);

        const button = launcher(page);
        await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
        await button.focus();
        await page.keyboard.press('Enter');
        await panel(page).waitFor(WAIT);
        await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
        await panel(page).locator(':focus').waitFor(WAIT);
        // Focus reaches the send box by itself, so the visitor can type at once.
        await page.locator(`${SENDBOX}:focus`).waitFor(WAIT);
        await botSaid(page, WELCOME).waitFor(WAIT);

        await page.keyboard.type('how much does an MLT earn?');
        await page.keyboard.press('Enter');
        await botSaid(page, BLS_MEDIAN).first().waitFor(WAIT);
        mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
        await page.screenshot({ path: SCREENSHOT });

        await page.reload();
        await panel(page).waitFor(WAIT);
        await youSaid(page, 'how much does an MLT earn?').waitFor(WAIT);
        await botSaid(page, BLS_MEDIAN).first().waitFor(WAIT);
        await settle(page);
        await expect(botSaid(page, WELCOME).count()).resolves.toBe(1);
        await expect(youSaid(page, 'how much does an MLT earn?').count()).resolves.toBe(1);

        const foreign = requests.filter((url) => !url.startsWith(`${botOrigin}/`) && !/^(data|blob):/.test(url));
        expect(foreign).toEqual([]);
        expect(problems).toEqual([]);
    }, TEST_TIMEOUT);

    it('goes on after its token is refreshed: on a reload near the token’s end, and by Web Chat every 15 minutes', async () => {
        const { page, problems } = await newPage();
        const authorizations: { url: string; authorization?: string }[] = [];
        page.on('request', (request) => {
            if (request.url().includes('/v3/directline/')) authorizations.push({ url: request.url(), authorization: request.headers().authorization });
        });
        await page.clock.install();
        await page.goto(`${botOrigin}/`);
        await openChat(page);
        await botSaid(page, WELCOME).waitFor(WAIT);
        const storageKey = `mltcb:${botOrigin}`;
        const stored = () => page.evaluate((key) => JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem(key)), storageKey);

        // A reload with plenty of token life left resumes with the stored token: no refresh.
        await page.reload();
        await botSaid(page, WELCOME).waitFor(WAIT);
        expect(authorizations.filter((r) => r.url.endsWith('/tokens/refresh'))).toEqual([]);

        // A reload with under 15 minutes left refreshes the stored token first; the one it replaced is then refused.
        const before = await stored();
        await page.evaluate(([key, value]) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(key, value), [
            storageKey,
            JSON.stringify({ ...before, expiresAt: Date.now() + 10 * 60 * 1000 }),
        ] as const);
        await page.reload();
        await botSaid(page, WELCOME).waitFor(WAIT);
        const after = await stored();
        expect(after.token).not.toBe(before.token);
        expect((await fetch(`${botOrigin}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${before.token}` } })).status).toBe(403);
        await ask(page, 'how much does an MLT earn?');
        await botSaid(page, BLS_MEDIAN).first().waitFor(WAIT);

        // Web Chat refreshes its own token every 15 minutes (and the widget its stored one every 10): it goes on
        // polling with the new token, so nothing breaks once the grace for the replaced one is over.
        const refreshesBefore = authorizations.filter((r) => r.url.endsWith('/tokens/refresh')).length;
        const webChatToken = () => authorizations.filter((r) => r.url.includes('/activities')).at(-1)?.authorization;
        const replaced = webChatToken();
        await page.clock.fastForward('15:01');
        await until(() => authorizations.filter((r) => r.url.endsWith('/tokens/refresh')).length >= refreshesBefore + 2);
        await until(() => webChatToken() !== replaced);
        await ask(page, 'do I need a license to work as an MLT?');
        await botSaid(page, 'state').first().waitFor(WAIT);
        expect(problems).toEqual([]);
    }, TEST_TIMEOUT);

    it('has no serious or critical accessibility problems with the chat open', async () => {
        // The page's Content Security Policy forbids inline scripts, which is how axe is injected.
        const { page } = await newPage({ bypassCSP: true });
        await page.goto(`${botOrigin}/`);
        await openChat(page);
        await ask(page, 'what is the difference between an MLT and an MLS?');
        await botSaid(page, 'MLS').first().waitFor(WAIT);
        await settle(page);
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const violations = await page.evaluate(async () => {
            // axe's default rules plus WCAG 2.1 and 2.2 AA (target size: the thumbs buttons must be big enough to tap).
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
            const { violations } = await (globalThis as unknown as PageGlobals).axe.run({ runOnly: { type: 'tag', values: tags } });
            return violations.map(({ id, impact, help, nodes }) => ({
                id,
                impact,
                help,
                nodes: nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
            }));
        });
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const report = serious
            .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  at ${n.target.join(' ')}\n    ${n.failureSummary ?? ''}`).join('\n')}`)
            .join('\n\n');
        expect(report).toBe('');
    }, TEST_TIMEOUT);

    it('closes on Escape and on the close button, and gives focus back to the launcher', async () => {
        const { page } = await newPage();
        await page.goto(`${botOrigin}/`);
        await openChat(page);
        await page.locator(SENDBOX).focus();
        await page.keyboard.press('Escape');
        await panel(page).waitFor({ state: 'hidden', ...WAIT });
        await expect(launcher(page).getAttribute('aria-expanded')).resolves.toBe('false');
        await page.locator('#mltcb-launcher:focus').waitFor(WAIT);

        await page.keyboard.press('Enter');
        await page.locator(`${SENDBOX}:focus`).waitFor(WAIT);
        await page.getByRole('button', { name: 'Close chat' }).click();
        await panel(page).waitFor({ state: 'hidden', ...WAIT });
        await page.locator('#mltcb-launcher:focus').waitFor(WAIT);
    }, TEST_TIMEOUT);

    it('fills a phone screen with the chat', async () => {
        const viewport = { width: 390, height: 844 };
        const { page } = await newPage({ viewport, hasTouch: true });
        await page.goto(`${botOrigin}/`);
        await launcher(page).tap();
        await page.locator(SENDBOX).waitFor(WAIT);
        const box = await panel(page).boundingBox();
        expect(box).not.toBeNull();
        expect(Math.abs(box!.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(box!.y)).toBeLessThanOrEqual(1);
        expect(Math.abs(box!.width - viewport.width)).toBeLessThanOrEqual(1);
        expect(Math.abs(box!.height - viewport.height)).toBeLessThanOrEqual(1);
        const input = await page.locator(SENDBOX).boundingBox();
        expect(input!.y + input!.height).toBeLessThanOrEqual(viewport.height);
    }, TEST_TIMEOUT);

    it('shows what a visitor types as text, never as HTML', async () => {
        const { page } = await newPage();
        await page.goto(`${botOrigin}/`);
        await openChat(page);
        await botSaid(page, WELCOME).waitFor(WAIT);
        const before = await botSaid(page, '').count();
        const attack = '<img src=x onerror="window.__xss=1">hello';
        await ask(page, attack);
        await youSaid(page, attack).waitFor(WAIT);
        await botSaid(page, '').nth(before).waitFor(WAIT);
        await settle(page);
        await expect(page.locator('.webchat__basic-transcript img[src="x"]').count()).resolves.toBe(0);
        await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).__xss)).resolves.toBeUndefined();
    }, TEST_TIMEOUT);

    it('lets a visitor rate an answer with the thumbs buttons', async () => {
        const { page } = await newPage();
        await page.goto(`${botOrigin}/`);
        await openChat(page);
        await ask(page, 'how much does an MLT earn?');
        await botSaid(page, BLS_MEDIAN).first().waitFor(WAIT);
        const thumb = page.locator('.webchat__thumb-button').first();
        await thumb.waitFor(WAIT);
        await expect(thumb.getAttribute('aria-pressed')).resolves.toBe('false');
        await thumb.click();
        await page.locator('.webchat__thumb-button[aria-pressed="true"]').first().waitFor(WAIT);
    }, TEST_TIMEOUT);

    it('works from a page on another site with the one-line embed', async () => {
        const site = await serveSite(`<script src="${botOrigin}/widget.js" data-title="Careers" data-accent="#8a1538" async></script>`);
        try {
            const { page, requests, problems } = await newPage();
            await page.goto(site.origin);
            await expect(backgroundOf(launcher(page, 'Careers'))).resolves.toBe('rgb(138, 21, 56)');
            await openChat(page, 'Careers');
            await panel(page, 'Careers').waitFor(WAIT);
            await ask(page, 'how much does an MLT earn?');
            // A CORS mistake shows only in the browser's console: say what it reported.
            await botSaid(page, BLS_MEDIAN)
                .first()
                .waitFor(WAIT)
                .catch((error: Error) => {
                    throw new Error(`${error.message}\nThe browser reported:\n${problems.join('\n')}`);
                });
            const elsewhere = requests.filter((url) => !url.startsWith(`${botOrigin}/`) && !url.startsWith(`${site.origin}/`) && !/^(data|blob):/.test(url));
            expect(elsewhere).toEqual([]);
        } finally {
            await new Promise((resolve) => site.server.close(resolve));
        }
    }, TEST_TIMEOUT);

    it('says so when the bot cannot be reached, and connects when the visitor tries again', async () => {
        const { page } = await newPage();
        await page.goto(`${botOrigin}/`);
        await page.route('**/api/directline/token', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"ServiceError","message":"down"}}' }));
        await launcher(page).click();
        await panel(page).getByRole('status').filter({ hasText: /not available/ }).waitFor(WAIT);
        await page.unroute('**/api/directline/token');
        await panel(page).getByRole('button', { name: 'Try again' }).click();
        await botSaid(page, WELCOME).waitFor(WAIT);
        await page.locator(`${SENDBOX}:focus`).waitFor(WAIT);
        await expect(panel(page).getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(false);
    }, TEST_TIMEOUT);
});

/** A one-page site on its own port (so its origin differs from the bot's) that embeds the widget. */
async function serveSite(embed: string): Promise<{ server: Server; origin: string }> {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner site</title><link rel="icon" href="data:,"></head>
<body><main><h1>Careers in the lab</h1><p>Questions about becoming a lab technician? Ask our assistant.</p></main>${embed}</body></html>`;
    const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
