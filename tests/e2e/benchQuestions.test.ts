import type { App } from '../../src/app';
import { createBotClient } from '../../src/cli/botClient';
import { BENCH_QUESTIONS } from '../../src/bench/benchQuestions';
import { checkCareerBotReply } from '../../src/bench/replyChecks';
import { startTestApp } from '../helpers/testApp';

/**
 * `npm run bench` counts a reply as an answer only when its trace names an entry of the question's topic. These
 * are the conversations it runs (a join, then the ten questions in turn, from each starting point), asked of the
 * bot over HTTP once: a benchmark whose turns fall back would measure the wrong thing.
 */
let app: App;
let url: string;

beforeAll(async () => {
    const started = await startTestApp();
    app = started.app;
    url = `${started.base}/api/messages`;
});
afterAll(() => app.shutdown(2000));

describe('the benchmark’s conversations', () => {
    it.each(BENCH_QUESTIONS.map((_q, start) => [start]))('starting at question %i, every turn gets an answer of its topic', async (start) => {
        const client = createBotClient(url);
        const conversationId = `bench-${start}`;
        const verdicts: string[] = [];
        const join = await client.join(conversationId);
        verdicts.push(`join: ${checkCareerBotReply({ conversationId, kind: 'join' }, JSON.stringify({ activities: join }))}`);
        for (let asked = 0; asked < BENCH_QUESTIONS.length; asked++) {
            const question = BENCH_QUESTIONS[(start + asked) % BENCH_QUESTIONS.length];
            const replies = await client.say(conversationId, question.text);
            verdicts.push(`${question.text}: ${checkCareerBotReply({ conversationId, kind: 'question', question }, JSON.stringify({ activities: replies }))}`);
        }
        expect(verdicts).toEqual(['join: answer', ...BENCH_QUESTIONS.map((_q, i) => `${BENCH_QUESTIONS[(start + i) % BENCH_QUESTIONS.length].text}: answer`)]);
    });
});
