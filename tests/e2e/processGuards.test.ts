import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBotClient } from '../../src/cli/botClient';
import { activityText } from '../../src/bot/activityText';
import { PROJECT_ROOT } from '../../src/config/paths';
import { freePort, startServer, StartedServer, waitUntilReady } from './startedServer';

if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'index.js'))) {
    throw new Error('tests/e2e/processGuards.test.ts needs the built bot: run `npm run build` first (npm install does it)');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const textOf = (replies: object[]) => replies.map(activityText).join('\n').toLowerCase();
const logLines = (bot: StartedServer) =>
    bot.output().split('\n').flatMap((line) => {
        try {
            return [JSON.parse(line) as { level: number; msg: string; conversationId?: string; err?: { message?: string } }];
        } catch {
            return [];
        }
    });

/**
 * Issue 12, finding 3: the process's policy for errors nothing caught, in the started bot (`src/index.ts` installs it).
 * tests/helpers/turnFaults.cjs makes a turn leave an unhandled rejection or throw from a timer, on request.
 */
describe('the started bot, when a turn leaves an error nobody caught', () => {
    let bot: StartedServer;
    beforeEach(async () => {
        const faults = join(PROJECT_ROOT, 'tests', 'helpers', 'turnFaults.cjs');
        bot = startServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'bot-data-')), NODE_OPTIONS: `--require ${faults}` }, await freePort());
        await waitUntilReady(bot);
    });
    afterEach(async () => {
        if (bot.process.exitCode === null) {
            bot.process.kill('SIGKILL');
            await bot.exited;
        }
    });

    it('logs an unhandled rejection with the conversation it came from, and goes on serving', async () => {
        const client = createBotClient(`${bot.url}/api/messages`);
        await client.say('leaves-a-rejection', 'leave a rejection');
        await sleep(500);
        expect(bot.process.exitCode).toBeNull();
        expect(textOf(await client.say('another-conversation', 'how much do MLTs make?'))).toContain('57,380');
        expect(logLines(bot)).toContainEqual(
            expect.objectContaining({ level: 50, conversationId: 'leaves-a-rejection', msg: expect.stringMatching(/unhandled promise rejection/), err: expect.objectContaining({ message: 'turn fault: a promise nobody awaited' }) }),
        );
    });

    it('on an uncaught exception, logs it, lets the turn in flight finish, and exits with 1', async () => {
        const client = createBotClient(`${bot.url}/api/messages`);
        // A turn that takes a second is in flight when another turn's timer throws.
        const inFlight = client.say('in-flight', 'take your time: how much do MLTs make?');
        await sleep(200);
        await client.say('throws', 'throw from a timer');
        expect(textOf(await inFlight)).toContain('57,380');
        expect(await Promise.race([bot.exited, sleep(15_000).then(() => 'still running')])).toBe(1);
        expect(logLines(bot)).toContainEqual(expect.objectContaining({ level: 60, conversationId: 'throws', err: expect.objectContaining({ message: 'turn fault: a throw from a timer' }) }));
    });
});
