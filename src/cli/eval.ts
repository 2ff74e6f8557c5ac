import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { activityText } from '../bot/activityText';
import { createBotClient } from './botClient';
import { EvalItem, judge, summarise } from './evalJudge';

/**
 * `npm run eval -- <questions.jsonl> [--url http://localhost:3978/api/messages] [--min 0.9]`:
 * asks a started bot every question of the set, each in a new conversation, and prints accuracy by topic
 * and every failure. Exits 1 when accuracy is below `--min`.
 */
async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { url: { type: 'string', default: 'http://localhost:3978/api/messages' }, min: { type: 'string' } },
    });
    if (positionals.length !== 1) {
        console.error('usage: npm run eval -- <questions.jsonl> [--url URL] [--min 0.9]');
        return 2;
    }
    const items = readFileSync(positionals[0], 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalItem);
    const client = createBotClient(values.url!);
    const outcomes = [];
    for (const item of items) {
        const conversationId = `eval-${item.id}-${randomUUID()}`;
        await client.join(conversationId);
        let replies: string[] = [];
        for (const turn of item.turns) replies = (await client.say(conversationId, turn)).filter((a) => a.type === 'message').map(activityText);
        outcomes.push(judge(item, replies.join('\n')));
    }
    const summary = summarise(outcomes);
    console.log(summary.report);
    const min = values.min === undefined ? undefined : Number(values.min);
    return min !== undefined && summary.accuracy < min ? 1 : 0;
}

main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
        console.error(`eval: ${err instanceof Error ? err.message : String(err)} (is the bot running? npm start)`);
        process.exitCode = 1;
    },
);
