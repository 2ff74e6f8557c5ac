import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBotClient } from '../../src/cli/botClient';
import { activityText } from '../../src/bot/activityText';
import { PROJECT_ROOT } from '../../src/config/paths';
import { KNOWLEDGE_DIR } from '../helpers/botHarness';
import { freePort, startServer, waitUntilReady } from './startedServer';
import { botMessages, directLineClient } from '../helpers/directLineClient';
import { startConnectorStandIn } from '../helpers/connectorStandIn';

const built = existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.js'));
if (!built) throw new Error('tests/e2e/process.test.ts needs the built bot: run `npm run build` first (npm install does it)');

const textOf = (replies: object[]) => replies.map(activityText).join('\n').toLowerCase();

describe('the started bot process (npm start)', () => {
    it('keeps a conversation on SQLite across a SIGTERM and a restart', async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'bot-data-'));
        const port = await freePort();
        const first = startServer({ DATA_DIR: dataDir }, port);
        await waitUntilReady(first);
        const client = createBotClient(`${first.url}/api/messages`);
        await client.join('restart-1');
        expect(textOf(await client.say('restart-1', 'do lab techs need a state license?'))).toMatch(/which state/);

        first.process.kill('SIGTERM');
        expect(await first.exited).toBe(0);
        expect(first.output()).toContain('shutting down');
        expect(existsSync(join(dataDir, 'bot.sqlite'))).toBe(true);

        const second = startServer({ DATA_DIR: dataDir }, port);
        await waitUntilReady(second);
        // The dialog was waiting for a state before the restart; it still is.
        const answer = textOf(await createBotClient(`${second.url}/api/messages`).say('restart-1', 'Hawaii'));
        expect(answer).toContain('hawaii requires a license');
        second.process.kill('SIGTERM');
        expect(await second.exited).toBe(0);
    });

    it('serves the chat page, the built-in Direct Line and Teams traffic', async () => {
        const server = startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bot-data-')) }, await freePort());
        const teams = await startConnectorStandIn();
        try {
            await waitUntilReady(server);
            const page = await fetch(`${server.url}/`);
            expect(page.status).toBe(200);
            expect(await page.text()).toContain('/widget.js');

            const dl = directLineClient(`${server.url}/v3/directline`);
            const c = await dl.open();
            await dl.post(c.token, c.conversationId, { type: 'message', text: 'how much do MLTs make?' });
            const page1 = await dl.pollUntil(c.token, c.conversationId, c.watermark, (a) => botMessages(a).length > 0);
            expect(textOf(botMessages(page1.activities))).toContain('57,380');

            const teamsActivity = {
                channelId: 'msteams', serviceUrl: teams.url, from: { id: '29:s' }, recipient: { id: '28:bot', name: 'MLT Career Assistant' },
                conversation: { id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel' }, channelData: { tenant: { id: 't' } },
            };
            const search = await fetch(`${server.url}/api/messages`, {
                method: 'POST', headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ ...teamsActivity, type: 'invoke', name: 'composeExtension/query', value: { commandId: 'searchQuestions', parameters: [{ name: 'searchQuery', value: 'license' }] } }),
            });
            expect(search.status).toBe(200);
            expect(await search.json()).toMatchObject({ composeExtension: { type: 'result' } });
            const mention = { type: 'mention', mentioned: teamsActivity.recipient, text: '<at>MLT Career Assistant</at>' };
            await fetch(`${server.url}/api/messages`, {
                method: 'POST', headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ ...teamsActivity, type: 'message', text: '<at>MLT Career Assistant</at> what does an MLT do?', entities: [mention] }),
            });
            expect(teams.delivered.map((d) => d.conversationId)).toEqual(['19:c@thread.tacv2;messageid=1']);
        } finally {
            server.process.kill('SIGTERM');
            await server.exited;
            await teams.close();
        }
    });

    it('refuses to start on a broken content file, naming the file, the entry and the field', async () => {
        const dir = join(mkdtempSync(join(tmpdir(), 'kb-')), 'knowledge');
        cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
        const file = join(dir, 'faq', 'licensure.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace('topic: licensure', 'topic: licensing'));
        const server = startServer({ KNOWLEDGE_DIR: dir, STORAGE: 'memory' }, await freePort());
        expect(await server.exited).toBe(1);
        expect(server.output()).toMatch(/knowledge\/faq\/licensure\.yaml › entry "[a-z-]+"\n\s+✖ .* → at topic/);
    });

    it('refuses to start on a bad environment, naming the key', async () => {
        const server = startServer({ STORAGE: 'mongodb' }, await freePort());
        expect(await server.exited).toBe(1);
        expect(server.output()).toContain('STORAGE');
    });
});
