import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createBotClient } from '../../src/cli/botClient';
import { bootstrapAdmin, startTestApp } from '../helpers/testApp';
import { browserDescribe, browserFixtures, seriousAxeFindings } from './browser';

/** Web Chat's bundle, Direct Line's polls and a publication picked up by the bot: allow for all three. */
const TEST_TIMEOUT = 120_000;
const WAIT = { timeout: 30_000 };
const ADMIN = { username: 'ada', password: 'correct horse battery' };
const READER = { username: 'grace', password: 'grace reads the knowledge' };
/** A question no shipped entry answers: a visitor asks it, and the advisor adds it to ENTRY_TITLE's phrasings. */
const QUESTION = 'which zorblax talents should a lab tech have';
const ENTRY_ID = 'skills-soft-skills';
const ENTRY_TITLE = 'What skills does an MLT need?';
const ANSWER_START = 'Beyond technical know-how';
const CHANNEL = 'webchat';
const RUN = Date.now().toString(36);
const VISITOR_ID = `e2e:knowledge;${RUN}@visitor`;
const SENDBOX = '[data-id="webchat-sendbox-input"]';
const shot = (name: string) => join(__dirname, '..', '..', 'test-results', `knowledge-${name}.png`);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The browser globals the page functions below read (these tests compile without the DOM library). */
interface PageGlobals {
    __pwned?: unknown;
    document: { documentElement: { scrollWidth: number } };
    innerWidth: number;
}

let origin: string;

async function signIn(page: Page, account = ADMIN): Promise<void> {
    await page.goto(`${origin}/advisor/sign-in`);
    await page.locator('input[name="username"]').fill(account.username);
    await page.locator('input[name="password"]').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor(WAIT);
}

/** Asks the widget on the site's home page, on `page` (its own browser context); resolves with every bot message's text once the answer settled. */
async function askWidget(page: Page, question: string): Promise<{ page: Page; botTexts: string[] }> {
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: /^Open chat: / }).click();
    await page.locator(SENDBOX).waitFor(WAIT);
    const bot = page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
    await bot.first().waitFor(WAIT);
    await page.waitForTimeout(1_500);
    const before = await bot.count();
    await page.locator(SENDBOX).fill(question);
    await page.locator(SENDBOX).press('Enter');
    await page.locator('.webchat__bubble--from-user', { hasText: question }).waitFor(WAIT);
    for (const deadline = Date.now() + WAIT.timeout; (await bot.count()) <= before; ) {
        if (Date.now() > deadline) throw new Error(`the widget did not answer "${question}"`);
        await page.waitForTimeout(200);
    }
    // Two Direct Line polls, so that every message of the answer has arrived.
    await page.waitForTimeout(2_500);
    return { page, botTexts: (await bot.allTextContents()).slice(before) };
}

/** The message of the field problem that describes `control` (its aria-describedby), or '' when none does. */
async function problemOf(page: Page, control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"].field-error`).allTextContents()));
    return texts.flat().join(' ');
}

const fitsWidth = (page: Page) =>
    page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return g.document.documentElement.scrollWidth <= g.innerWidth;
    });

browserDescribe('the knowledge editor in a browser', () => {
    const { newPage } = browserFixtures(async () => {
        const started = await startTestApp(bootstrapAdmin(ADMIN));
        origin = started.base;
        const visitor = createBotClient(`${origin}/api/messages`, CHANNEL);
        await visitor.join(VISITOR_ID);
        const replies = await visitor.say(VISITOR_ID, QUESTION);
        // A precondition: the shipped knowledge does not answer the question.
        expect(replies.map((r) => r.text ?? '').join('\n')).not.toContain(ANSWER_START);
        mkdirSync(join(shot('x'), '..'), { recursive: true });
        return started;
    }, { viewport: DESKTOP });

    it('takes a question from the inbox to an entry, tries it, publishes it so the widget answers it, and restores the version before', async () => {
        const { page, problems } = await newPage();
        await signIn(page);
        await page.getByRole('link', { name: 'Review' }).click();
        const group = page.locator('.review-item', { has: page.locator('.example-text', { hasText: QUESTION }) }).first();
        await group.waitFor(WAIT);
        await group.getByRole('button', { name: 'Add as phrasings of…' }).click();
        await group.getByLabel('Find the entry').fill('skills MLT need');
        await group.getByRole('button', { name: 'Find' }).click();
        await group.getByRole('button', { name: new RegExp(`^${ENTRY_TITLE.replace(/[?]/g, '\\?')}`) }).click();
        await group.getByText(`Added 1 phrasing to “${ENTRY_TITLE}”`).waitFor(WAIT);
        await page.screenshot({ path: shot('inbox-added'), fullPage: true });

        // The test chat asks the question at once, and the draft answers it from the entry.
        await group.getByRole('link', { name: 'Try it in the test chat' }).click();
        await page.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor(WAIT);
        await expect(page.getByLabel('Questions').inputValue()).resolves.toContain(QUESTION);
        const chat = page.getByRole('region', { name: 'Test chat' });
        await chat.locator('.msg--visitor .msg-text', { hasText: QUESTION }).waitFor(WAIT);
        const reply = chat.locator('.msg--bot', { hasText: ANSWER_START }).first();
        await reply.waitFor(WAIT);
        await expect(reply.locator('.trace').textContent()).resolves.toContain(ENTRY_ID);
        await expect(reply.locator('.msg-markdown').count()).resolves.toBe(1);
        await page.screenshot({ path: shot('editor-test-chat'), fullPage: true });

        // Publish: the pending change shows the phrasing added.
        await page.getByRole('link', { name: 'Publish' }).click();
        await page.getByRole('heading', { level: 1, name: 'Publish' }).waitFor(WAIT);
        const change = page.locator('.change', { hasText: ENTRY_TITLE });
        await change.locator('ins', { hasText: QUESTION }).waitFor(WAIT);
        // The check asks the question sets and every phrasing of live and draft: the added phrasing is now answered.
        await page.getByRole('button', { name: 'Check the draft' }).click();
        await page.locator('.check-summary').waitFor({ timeout: 60_000 });
        // (The draft may move other questions too: the summary names each entry that now answers some.)
        await expect(page.locator('.check-summary').textContent()).resolves.toMatch(/now answered by[^;]*“?What skills does an MLT need\?”?/);
        await page.locator('.check-result tr', { hasText: QUESTION }).locator('ins', { hasText: 'answered by' }).waitFor(WAIT);
        await page.screenshot({ path: shot('publish-pending'), fullPage: true });
        await page.getByRole('button', { name: 'Publish', exact: true }).click();
        await page.getByRole('status').filter({ hasText: /^Published: version 1 is live\./ }).waitFor(WAIT);

        const answered = await askWidget((await newPage()).page, QUESTION);
        expect(answered.botTexts.join('\n')).toContain(ANSWER_START);
        await answered.page.screenshot({ path: shot('widget-answers') });

        // Restoring the version before (the shipped knowledge) takes it back.
        await page.getByRole('link', { name: 'Versions' }).click();
        const version = page.locator('.version[data-version="1"]');
        await version.getByText('Live').waitFor(WAIT);
        await version.locator('summary').click();
        await version.locator('ins', { hasText: QUESTION }).waitFor(WAIT);
        const shipped = page.locator('.version[data-version="0"]');
        await shipped.getByRole('button', { name: 'Restore the shipped knowledge' }).click();
        await page.screenshot({ path: shot('versions-restore'), fullPage: true });
        await shipped.getByRole('button', { name: 'Restore the shipped knowledge' }).last().click();
        await page.getByRole('status').filter({ hasText: /^Restored the shipped knowledge as version 2/ }).waitFor(WAIT);
        await page.locator('.version[data-version="2"]').getByText('restored version 0').waitFor(WAIT);

        const restored = await askWidget((await newPage()).page, QUESTION);
        expect(restored.botTexts.length).toBeGreaterThan(0);
        expect(restored.botTexts.join('\n')).not.toContain(ANSWER_START);
        expect(problems).toEqual([]);
    }, TEST_TIMEOUT);

    it('refuses an entry with no source, an empty answer or a javascript: link, naming each field beside it', async () => {
        const { page } = await newPage({ bypassCSP: true });
        await signIn(page);
        await page.goto(`${origin}/advisor#/knowledge/new?question=${encodeURIComponent('<img src=x onerror="window.__pwned=1"> night pay?')}`);
        await page.getByRole('heading', { level: 1, name: 'New entry' }).waitFor(WAIT);
        // A question from the inbox arrives as text in the questions.
        await expect(page.getByLabel('Questions').inputValue()).resolves.toBe('<img src=x onerror="window.__pwned=1"> night pay?');
        await page.getByLabel('Title').fill('Night shift pay');
        await page.getByLabel('Topic').selectOption('salary');
        await page.getByLabel('Questions').fill('do night shifts pay more?\nnight shift differential for MLTs\nextra pay for nights');
        await page.getByRole('button', { name: 'Create entry' }).click();

        const answer = page.getByLabel('Answer');
        await page.locator('.field-error').first().waitFor(WAIT);
        await expect(answer.getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(problemOf(page, answer)).resolves.toMatch(/non-empty/);
        const addSource = page.getByRole('button', { name: 'Add a source' });
        await expect(addSource.getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(problemOf(page, addSource)).resolves.toMatch(/at least one source/);
        await page.screenshot({ path: shot('refused-empty'), fullPage: true });

        // A source, and an answer whose link runs script: the answer is refused, by name.
        await page.getByLabel('Answer').fill('Many labs pay more for nights: [see this](javascript:alert(1)).');
        // The preview draws the link as text, as the bot's renderer does.
        await expect(page.locator('.answer-preview a').count()).resolves.toBe(0);
        await addSource.click();
        await page.getByLabel('Kind').selectOption('web');
        await page.getByLabel('Page title').fill('Shift differentials');
        await page.getByLabel('Address').fill('https://example.org/shifts');
        await page.getByLabel('Date', { exact: true }).fill('2025-01');
        await page.getByRole('button', { name: 'Create entry' }).click();
        await page.getByRole('status').filter({ hasText: /^Not saved: answer: / }).waitFor(WAIT);
        await expect(answer.getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(problemOf(page, answer)).resolves.toMatch(/link/);
        await expect(addSource.getAttribute('aria-invalid')).resolves.toBeNull();
        await page.screenshot({ path: shot('refused-javascript-link'), fullPage: true });

        // Fixed, it is created and opens in the editor.
        await page.getByLabel('Answer').fill('Many labs pay more for nights: [see this](https://example.org/shifts).');
        await page.getByRole('button', { name: 'Create entry' }).click();
        await page.getByRole('heading', { level: 1, name: 'Night shift pay' }).waitFor(WAIT);
        await page.getByText('Entry created.').waitFor(WAIT);
        await expect(page.locator('.answer-preview a[href="https://example.org/shifts"]').count()).resolves.toBe(1);
        await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).resolves.toBeUndefined();
        await expect(seriousAxeFindings(page)).resolves.toBe('');
    }, TEST_TIMEOUT);

    it('keeps the advisor’s text when someone saved first, and reloads theirs on request', async () => {
        const { page, problems } = await newPage();
        await signIn(page);
        await page.goto(`${origin}/advisor#/knowledge/entry/${ENTRY_ID}`);
        await page.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor(WAIT);
        const questions = page.getByLabel('Questions');
        await questions.waitFor(WAIT);

        // Someone else saves the entry meanwhile.
        const entry = (await (await page.request.get(`${origin}/api/advisor/knowledge/entries/${ENTRY_ID}`)).json()) as { version: number; keywords: string[] };
        const theirs = await page.request.put(`${origin}/api/advisor/knowledge/entries/${ENTRY_ID}`, {
            headers: { origin, 'content-type': 'application/json', 'if-match': `"${entry.version}"` },
            data: { ...entry, keywords: [...entry.keywords, 'teamwork'] },
        });
        expect(theirs.status()).toBe(200);

        await questions.fill(`${await questions.inputValue()}\nmy own phrasing of it`);
        await page.getByRole('button', { name: 'Save to the draft' }).click();
        const stale = page.getByRole('alert').filter({ hasText: 'Someone else saved this entry since you opened it' });
        await stale.waitFor(WAIT);
        await expect(questions.inputValue()).resolves.toContain('my own phrasing of it');
        await page.screenshot({ path: shot('stale'), fullPage: true });
        await stale.getByRole('button', { name: 'Reload' }).click();
        await page.getByRole('status').filter({ hasText: 'Reloaded' }).waitFor(WAIT);
        await expect(page.getByLabel('Keywords').inputValue()).resolves.toContain('teamwork');
        await expect(page.locator('details.typed pre').textContent()).resolves.toContain('my own phrasing of it');
        expect(problems.filter((p) => !/412|Precondition/.test(p))).toEqual([]);
    }, TEST_TIMEOUT);

    it('shows an advisor the knowledge read-only, on a desktop and on a phone', async () => {
        const { page: admin } = await newPage();
        await signIn(admin);
        const created = await admin.request.post(`${origin}/api/advisor/accounts`, { headers: { origin, 'content-type': 'application/json' }, data: { ...READER, role: 'advisor' } });
        expect(created.status()).toBe(201);
        for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
            const { page, problems } = await newPage({ viewport, bypassCSP: true });
            await signIn(page, READER);
            await page.getByRole('link', { name: 'Knowledge' }).click();
            await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor(WAIT);
            await page.getByRole('link', { name: ENTRY_TITLE }).click();
            await page.getByRole('heading', { level: 1, name: ENTRY_TITLE }).waitFor(WAIT);
            await expect(page.getByLabel('Questions').isDisabled()).resolves.toBe(true);
            await expect(page.getByRole('button', { name: 'Save to the draft' }).count()).resolves.toBe(0);
            await expect(page.getByRole('region', { name: 'Test chat' }).count()).resolves.toBe(0);
            await page.getByRole('link', { name: 'Publish' }).click();
            await page.getByText('An admin publishes the draft.').waitFor(WAIT);
            await expect(page.getByRole('button', { name: 'Publish', exact: true }).count()).resolves.toBe(0);
            await page.getByRole('link', { name: 'Versions' }).click();
            await page.locator('.version').first().waitFor(WAIT);
            await expect(page.getByRole('button', { name: /^Restore/ }).count()).resolves.toBe(0);
            await expect(fitsWidth(page)).resolves.toBe(true);
            await page.screenshot({ path: shot(`versions-advisor-${size}`), fullPage: true });
            await expect(seriousAxeFindings(page)).resolves.toBe('');
            expect(problems).toEqual([]);
        }
    }, TEST_TIMEOUT);
});
