import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createBotClient } from './botClient';
import { judge, summarise } from './evalJudge';
import { readQuestionSet, SPLITS, type Split } from '../knowledge/questionCase';


/**
 * `npm run eval -- <questions.jsonl> [--split tuning|heldout] [--url http://localhost:3978/api/messages] [--min 0.9]`:
 * asks a started bot every question of the set, each in a new conversation, judges the replies to the last turn
 * strictly (a fallback or "Did you mean" answers nothing; buttons are not read), and prints accuracy by topic and
 * phrasing and every failure. `--split` keeps one half of a set that has a `split.json` beside it (the real
 * questions: tune on `tuning`, only report `heldout`). Exits 1 when accuracy is below `--min`.
 */
async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { url: { type: 'string', default: 'http://localhost:3978/api/messages' }, min: { type: 'string' }, split: { type: 'string' } },
    });
    if (positionals.length !== 1 || (values.split !== undefined && !(SPLITS as readonly string[]).includes(values.split))) {
        console.error('usage: npm run eval -- <questions.jsonl> [--split tuning|heldout] [--url URL] [--min 0.9]');
        return 2;
    }
    const file = positionals[0];
    let items;
    try {
        items = readQuestionSet(file, values.split as Split | undefined);
    } catch (err) {
        console.error(`eval: ${(err as Error).message}`);
        return 2;
    }
    const client = createBotClient(values.url!);
    const outcomes = [];
    for (const item of items) {
        const conversationId = `eval-${item.id}-${randomUUID()}`;
        await client.join(conversationId);
        let replies: Awaited<ReturnType<typeof client.say>> = [];
        for (const turn of item.turns) replies = await client.say(conversationId, turn);
        outcomes.push(judge(item, replies));
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
