/**
 * How long the search part of one message's handling takes, however many questions it holds: finding its questions,
 * searching each (up to `MAX_SEARCHED_PARTS`) and composing the one reply (`dialogs/severalQuestions.ts`), in process,
 * with no HTTP, storage or dialog stack around it.
 *
 * `npm run bench:questions` (builds dist-bench/ first). Times every turn of the tuning half of the
 * questions people really posted (never the held-out half), and separately the messages holding 2 and 3+ questions.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { DEFAULT_KNOWLEDGE_DIR } from '../config/paths';
import { loadKnowledge } from '../knowledge/loader';
import { createSearchIndex } from '../knowledge/searchIndex';
import { createSmallTalk } from '../knowledge/smallTalk';
import { findQuestions } from '../knowledge/questionFinder';
import { createReplies } from '../replies/replies';
import { renderReply } from '../channels/renderReplies';
import { answerQuestions } from '../../dialogs/severalQuestions';
import type { DialogDeps } from '../../dialogs/dialogDeps';
import { percentile } from './benchProcess';
import { realTuningTurns } from './searchBenchmark';

async function main(rounds = 50, warmupRounds = 10): Promise<void> {
    const turns = realTuningTurns();
    const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const search = createSearchIndex(kb);
    // Only what answerQuestions uses: the reply is built, rendered as Web Chat shows it, and dropped.
    const deps = {
        search,
        smallTalk: createSmallTalk(kb.smallTalk),
        facts: kb.facts,
        replies: createReplies(search, kb.sources, kb.gaps),
        unanswered: { record: async () => undefined },
    } as unknown as DialogDeps;
    const context = { sendActivity: async (reply: Partial<Activity>) => void renderReply('webchat', reply) } as unknown as TurnContext;
    const byCount = new Map<string, number[]>([['every turn', []], ['2 questions', []], ['3+ questions', []]]);
    for (let r = 0; r < warmupRounds + rounds; r++) {
        for (const text of turns) {
            const started = process.hrtime.bigint();
            await answerQuestions(context, text, deps, {});
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            if (r < warmupRounds) continue;
            byCount.get('every turn')!.push(ms);
            const count = findQuestions(text).questions.length;
            if (count === 2) byCount.get('2 questions')!.push(ms);
            if (count >= 3) byCount.get('3+ questions')!.push(ms);
        }
    }
    console.log(`answerQuestions over ${turns.length} turns of the tuning half, ${rounds} rounds:`);
    for (const [label, list] of byCount) {
        const mean = list.reduce((a, b) => a + b, 0) / list.length;
        console.log(`  ${label.padEnd(14)} n=${String(list.length).padStart(6)}  mean ${mean.toFixed(3)} ms  p50 ${percentile(list, 50).toFixed(3)} ms  p99 ${percentile(list, 99).toFixed(3)} ms`);
    }
}

if (require.main === module) void main();
