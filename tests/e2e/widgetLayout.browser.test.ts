import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../helpers/testApp';
import { browserDescribe, browserFixtures } from './browser';

/** The first visit parses Web Chat's 4 MB bundle and Direct Line polls once a second: allow for both. */
const TEST_TIMEOUT = 90_000;
const WAIT = { timeout: 30_000 };
const SENDBOX = '[data-id="webchat-sendbox-input"]';
const WELCOME = 'I answer questions about becoming a medical laboratory technician';
const BLS_MEDIAN = '57,380';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-results');
const SIZES = [
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
];

/** The browser globals the page functions below read (these tests compile without the DOM library). */
interface PageGlobals {
    document: { createRange(): DomRange; querySelectorAll(selector: string): ArrayLike<DomNode> };
    sessionStorage: { getItem(key: string): string | null };
}
interface DomNode {
    textContent: string | null;
    childNodes: ArrayLike<DomNode>;
    nodeType: number;
}
interface DomRange {
    setStart(node: DomNode, offset: number): void;
    setEnd(node: DomNode, offset: number): void;
    getClientRects(): ArrayLike<unknown>;
}

let botOrigin: string;

const panel = (page: Page) => page.getByRole('dialog', { name: 'MLT Career Assistant' });
const botArticles = (page: Page) => page.locator('article.webchat__basic-transcript__activity').filter({ hasNot: page.locator('[class*="--from-user"]') });
const botSaid = (page: Page, text: string) => botArticles(page).filter({ hasText: text });
const youSaid = (page: Page, text: string) => page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: text });
const thumbs = (article: Locator) => article.locator('button.webchat__thumb-button');
const storedConversation = (page: Page) =>
    page.evaluate((key) => JSON.parse((globalThis as unknown as PageGlobals).sessionStorage.getItem(key) ?? '{}').conversationId as string | undefined, `mltcb:${botOrigin}`);

/** Starts the bot for a suite; the page helpers above read its origin. */
async function startWidgetApp(env: Record<string, string>): ReturnType<typeof startTestApp> {
    const started = await startTestApp(env);
    botOrigin = started.base;
    return started;
}

async function openChat(page: Page): Promise<void> {
    await page.goto(`${botOrigin}/`);
    await page.locator('#mltcb-launcher').click();
    await page.locator(SENDBOX).waitFor(WAIT);
    await botSaid(page, WELCOME).waitFor(WAIT);
}

async function ask(page: Page, question: string): Promise<void> {
    await page.locator(SENDBOX).fill(question);
    await page.locator(SENDBOX).press('Enter');
}

/** Lets two polls pass, so anything the server still had to send has arrived and Web Chat has scrolled. */
const settle = (page: Page) => page.waitForTimeout(2_500);

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    const b = await locator.boundingBox();
    if (!b) throw new Error(`no box for ${locator.toString()}`);
    return b;
}

async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

browserDescribe('the chat widget’s layout, menu and answers in a browser', () => {
    const { newPage } = browserFixtures(() => startWidgetApp({ TRANSCRIPT_RETENTION_DAYS: '30' }));

    for (const size of SIZES) {
        const name = `${size.width}x${size.height}`;
        it(`at ${name}: the privacy notice says 30 days, the conversation keeps half the panel, a new answer shows from its start, the comparison card breaks no word`, async () => {
            const { page, problems } = await newPage({ viewport: size });
            await openChat(page);

            // The notice comes from the running configuration (TRANSCRIPT_RETENTION_DAYS=30), as text.
            const notice = panel(page).locator('.mltcb-privacy');
            await notice.locator('summary').click();
            await expect(notice.textContent()).resolves.toContain('30 days');
            await notice.locator('summary').click();

            // With the welcome's suggested actions showing, the conversation keeps at least half of the panel.
            const actions = page.locator('.webchat__suggested-actions__flow-box');
            await actions.locator('button').first().waitFor(WAIT);
            await settle(page);
            const panelBox = await box(panel(page));
            const transcriptBox = await box(page.locator('.webchat__basic-transcript'));
            expect(transcriptBox.height).toBeGreaterThanOrEqual(panelBox.height / 2);
            expect((await box(actions)).height).toBeGreaterThan(0);
            if (size.width > 600) expect(panelBox.height).toBeGreaterThan(600);
            // The welcome opens with its first line showing.
            expect((await box(botSaid(page, WELCOME))).y).toBeGreaterThanOrEqual(transcriptBox.y - 1);
            await screenshot(page, `widget-welcome-${name}`);

            // A long answer opens at its top, not scrolled to its source line.
            await ask(page, 'how much does an MLT earn?');
            const answer = botSaid(page, BLS_MEDIAN).last();
            await answer.waitFor(WAIT);
            await settle(page);
            const answerBox = await box(answer);
            const scrollable = await box(page.locator('.webchat__basic-transcript__scrollable'));
            expect(answerBox.height).toBeGreaterThan(scrollable.height / 2);
            expect(answerBox.y).toBeGreaterThanOrEqual(scrollable.y - 1);
            expect(answerBox.y).toBeLessThan(scrollable.y + scrollable.height / 4);
            await screenshot(page, `widget-answer-${name}`);

            // The comparison card: every word in its columns sits on one line.
            await ask(page, 'what is the difference between an MLT and an MLS?');
            await page.locator('.ac-adaptiveCard').first().waitFor(WAIT);
            await settle(page);
            const broken = await page.evaluate(() => {
                const doc = (globalThis as unknown as PageGlobals).document;
                const words: string[] = [];
                const brokenWords: string[] = [];
                const visit = (node: DomNode) => {
                    if (node.nodeType === 3) {
                        const text = node.textContent ?? '';
                        for (const match of text.matchAll(/\S+/g)) {
                            const range = doc.createRange();
                            range.setStart(node, match.index ?? 0);
                            range.setEnd(node, (match.index ?? 0) + match[0].length);
                            words.push(match[0]);
                            if (range.getClientRects().length > 1) brokenWords.push(match[0]);
                        }
                    }
                    Array.from(node.childNodes).forEach(visit);
                };
                Array.from(doc.querySelectorAll('.ac-adaptiveCard .ac-columnSet .ac-textBlock')).forEach(visit);
                return { words: words.length, brokenWords };
            });
            expect(broken.words).toBeGreaterThan(20);
            expect(broken.brokenWords).toEqual([]);
            await page.locator('.ac-adaptiveCard').first().scrollIntoViewIfNeeded();
            await screenshot(page, `widget-card-${name}`);
            expect(problems).toEqual([]);
        }, TEST_TIMEOUT);
    }

    it('shows thumbs only on answers (replies that cite sources), shows their sources on demand, and keeps a pressed thumb after a reload', async () => {
        const { page, posted } = await newPage();
        await openChat(page);
        await ask(page, 'how much does an MLT earn?');
        const answer = botSaid(page, BLS_MEDIAN).last();
        await answer.waitFor(WAIT);
        await ask(page, 'talk to an advisor');
        await youSaid(page, 'talk to an advisor').waitFor(WAIT);
        await settle(page);

        // Every bot reply: two thumbs when it cites sources ("Source details"), none otherwise.
        const replies = await botArticles(page).all();
        const counts = await Promise.all(replies.map(async (r) => ({ thumbs: await thumbs(r).count(), cites: await r.locator('.mltcb-sources').count() })));
        expect(counts.filter((c) => c.cites === 1).length).toBeGreaterThan(0);
        expect(counts.filter((c) => c.cites === 0).length).toBeGreaterThan(0);
        for (const c of counts) expect(c.thumbs).toBe(c.cites === 1 ? 2 : 0);

        // The section is there on demand, as text.
        const details = answer.locator('.mltcb-sources');
        await expect(details.locator('.mltcb-sources-list').isVisible()).resolves.toBe(false);
        await details.getByText('Source details').click();
        await expect(details.locator('.mltcb-sources-item').first().isVisible()).resolves.toBe(true);
        await expect(details.locator('cite').first().textContent()).resolves.toMatch(/\w/);

        await thumbs(answer).first().click();
        await answer.locator('button.webchat__thumb-button[aria-pressed="true"]').waitFor(WAIT);
        await settle(page);
        const ratings = () => posted.filter((body) => body.includes('webchat:activity-status/feedback')).length;
        expect(ratings()).toBe(1);

        await page.reload();
        const again = botSaid(page, BLS_MEDIAN).last();
        await again.waitFor(WAIT);
        await again.locator('button.webchat__thumb-button[aria-pressed="true"]').waitFor(WAIT);
        await expect(thumbs(again).first().getAttribute('aria-pressed')).resolves.toBe('true');
        await expect(thumbs(again).last().getAttribute('aria-pressed')).resolves.toBe('false');
        await settle(page);
        // Showing the stored rating again did not rate the answer a second time.
        expect(ratings()).toBe(1);
    }, TEST_TIMEOUT);

    it('has a header menu that works from the keyboard and sends its commands', async () => {
        const { page } = await newPage();
        await openChat(page);
        const button = panel(page).getByRole('button', { name: 'Chat options' });
        await expect(button.getAttribute('aria-haspopup')).resolves.toBe('menu');
        await button.focus();
        await page.keyboard.press('Enter');
        const menu = panel(page).getByRole('menu');
        await menu.waitFor(WAIT);
        await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
        await page.locator('.mltcb-menu-item:focus', { hasText: 'Start over' }).waitFor(WAIT);
        await page.keyboard.press('ArrowDown');
        await page.locator('.mltcb-menu-item:focus', { hasText: 'Talk to an advisor' }).waitFor(WAIT);
        await page.keyboard.press('End');
        await page.locator('.mltcb-menu-item:focus', { hasText: 'Delete my chat' }).waitFor(WAIT);
        await page.keyboard.press('ArrowDown');
        await page.locator('.mltcb-menu-item:focus', { hasText: 'Start over' }).waitFor(WAIT);
        // Escape closes the menu, not the chat, and gives focus back to the menu button.
        await page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden', ...WAIT });
        await expect(panel(page).isVisible()).resolves.toBe(true);
        await page.locator('#mltcb-menu-button:focus').waitFor(WAIT);

        const before = await botArticles(page).count();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', ...WAIT });
        await youSaid(page, 'talk to an advisor').waitFor(WAIT);
        await botArticles(page).nth(before).waitFor(WAIT);
        await page.locator(`${SENDBOX}:focus`).waitFor(WAIT);

        await button.click();
        await menu.getByRole('menuitem', { name: 'Start over' }).click();
        await youSaid(page, 'start over').waitFor(WAIT);
    }, TEST_TIMEOUT);

    it('"delete my chat", confirmed, leaves the widget on a fresh conversation', async () => {
        const { page } = await newPage();
        await openChat(page);
        await ask(page, 'how much does an MLT earn?');
        await botSaid(page, BLS_MEDIAN).last().waitFor(WAIT);
        const deleted = await storedConversation(page);
        expect(deleted).toBeTruthy();

        await panel(page).getByRole('button', { name: 'Chat options' }).click();
        await panel(page).getByRole('menuitem', { name: 'Delete my chat' }).click();
        await youSaid(page, 'delete my chat').waitFor(WAIT);
        await page.locator('.webchat__suggested-actions__flow-box button', { hasText: /^\s*yes/i }).first().click();

        await panel(page).getByRole('status').filter({ hasText: 'Your chat was deleted' }).waitFor(WAIT);
        await botSaid(page, WELCOME).waitFor(WAIT);
        const fresh = await storedConversation(page);
        expect(fresh).toBeTruthy();
        expect(fresh).not.toBe(deleted);
        await settle(page);
        await expect(youSaid(page, 'how much does an MLT earn?').count()).resolves.toBe(0);
        await expect(botSaid(page, BLS_MEDIAN).count()).resolves.toBe(0);

        // A reload resumes the new conversation, not the deleted one.
        await page.reload();
        await botSaid(page, WELCOME).waitFor(WAIT);
        await settle(page);
        await expect(storedConversation(page)).resolves.toBe(fresh);
        await expect(youSaid(page, 'how much does an MLT earn?').count()).resolves.toBe(0);
        await screenshot(page, 'widget-after-delete');
    }, TEST_TIMEOUT);
});

browserDescribe('the chat widget’s source details for a web page an advisor named', () => {
    const PAGE_TITLE = 'MLT Associate Degree – Example College';
    const PAGE_URL = 'https://www.example.edu/programs/mlt';

    const { newPage } = browserFixtures(() => {
        // The shipped knowledge, with the program-length answer citing the college's own page beside its article.
        const dir = join(mkdtempSync(join(tmpdir(), 'kb-web-')), 'knowledge');
        cpSync(join(__dirname, '..', '..', 'knowledge'), dir, { recursive: true });
        const faq = join(dir, 'faq', 'education.yaml');
        const page = `      - title: ${PAGE_TITLE}\n        url: ${PAGE_URL}\n        date: 2026-03\n`;
        writeFileSync(faq, readFileSync(faq, 'utf8').replace(/(id: education-program-length\n(?:.*\n)*?\s+source:\n)/, `$1${page}`));
        return startWidgetApp({ KNOWLEDGE_DIR: dir });
    });

    it('links the page’s title to its address, with its date, under the answer and in the details', async () => {
        const { page, problems } = await newPage();
        await openChat(page);
        await ask(page, 'how long does it take to become an MLT?');
        const answer = botSaid(page, 'two-year').last();
        await answer.waitFor(WAIT);
        await settle(page);

        // The source line Web Chat renders from the Markdown: the title is a link to the page.
        const inline = answer.locator(`.webchat__bubble__content a[href="${PAGE_URL}"]`);
        await expect(inline.textContent()).resolves.toBe(PAGE_TITLE);

        await answer.locator('.mltcb-sources').getByText('Source details').click();
        const link = answer.locator('.mltcb-sources-item a.mltcb-sources-link');
        await expect(link.textContent()).resolves.toBe(PAGE_TITLE);
        await expect(link.getAttribute('href')).resolves.toBe(PAGE_URL);
        await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
        await expect(answer.locator('.mltcb-sources-item').filter({ has: page.locator('a.mltcb-sources-link') }).textContent()).resolves.toMatch(/^MLT Associate Degree – Example College: as of \w+ 2026$/);
        // The article beside it is still named as text, with its section.
        await expect(answer.locator('.mltcb-sources-item').filter({ hasText: 'section “Laying the Educational Foundation”' }).count()).resolves.toBe(1);
        expect(problems).toEqual([]);
    }, TEST_TIMEOUT);
});
