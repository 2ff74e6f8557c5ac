import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import { createBotClient } from './botClient';
import { DEFAULT_KNOWLEDGE_DIR } from '../config/paths';
import { loadKnowledge } from '../knowledge/loader';
import { TopicSchema, type Topic } from '../knowledge/schema';
import { traceOf, type AnswerTrace } from '../replies/answerTrace';

/**
 * `npm run eval:topics -- tests/eval/allied-questions.jsonl [--url …/api/messages] [--list]`: asks a started bot every
 * question of a topic-labelled development set (`tests/eval/allied-questions.jsonl`: career questions people posted about
 * other allied-health jobs, rewritten only in the job's name), each in a new conversation, and counts how each was met:
 * answered from an entry of a labelled topic, answered from another topic, a "Did you mean", a known gap's reply, or no
 * answer. A rough judge (by topic, not by fact): it is for development, beside the strict `npm run eval`, never instead.
 */

/** A label: a knowledge topic, or `gap:<name>` for a subject the sources do not cover (`gap:other` when no gap fits). */
const LabelSchema = z.union([TopicSchema, z.string().regex(/^gap:[a-z]+(?:-[a-z]+)*$/)]);

/** One line of a topic-labelled set. */
export const TopicQuestionSchema = z.object({
    id: z.string().regex(/^[a-z]+-\d{3}$/),
    url: z.url(),
    source: z.string().min(1),
    /** The job the poster asked about. */
    profession: z.string().min(1),
    /** The poster's words, verbatim (a very long post trimmed to its asking part). */
    text: z.string().min(1),
    /** `text` with only the job's names and its own credential words made the MLT ones: what the bot is asked. */
    mlt: z.string().min(1).max(5000),
    /** What a right answer comes from, first asked first: topics whose entries answer it, or the gaps it asks about. */
    topics: z.array(LabelSchema).min(1),
    phrasing: z.array(z.enum(['long', 'several', 'informal'])),
});
export type TopicQuestion = z.infer<typeof TopicQuestionSchema>;

/** How one question was met. */
export type TopicOutcome = 'right' | 'other-topic' | 'suggestions' | 'gap' | 'no-answer' | 'held-back' | 'answered-gap-question';

/** The topics a reply answered from, as the knowledge names them. */
export interface TopicLookup {
    /** The topic of an FAQ entry. */
    entryTopic(id: string): Topic | undefined;
    /** The topic of the entries that hand their question to a topic dialog. */
    dialogTopic(dialog: string): Topic | undefined;
}

/** Getting hired is answered by the job-outlook entries (`knowledge/language.yaml`, `gethired`): the two count as one. */
const SAME_SUBJECT: ReadonlyArray<readonly [Topic, Topic]> = [['job-outlook', 'job-search']];
const sameTopic = (a: string, b: string) => a === b || SAME_SUBJECT.some(([x, y]) => (a === x && b === y) || (a === y && b === x));

/** Reads a set, naming the line and field of the first bad entry. */
export function readTopicQuestions(file: string): TopicQuestion[] {
    const seen = new Set<string>();
    return readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.trim(), number: index + 1 }))
        .filter(({ line }) => line !== '')
        .map(({ line, number }) => {
            let json: unknown;
            try {
                json = JSON.parse(line);
            } catch {
                throw new Error(`${file}:${number}: not JSON`);
            }
            const parsed = TopicQuestionSchema.safeParse(json);
            if (!parsed.success) {
                const issue = parsed.error.issues[0];
                throw new Error(`${file}:${number}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
            }
            if (seen.has(parsed.data.id)) throw new Error(`${file}:${number}: id ${parsed.data.id} is used twice`);
            seen.add(parsed.data.id);
            return parsed.data;
        });
}

/** The topics the reply answered from: its answered parts' entries, or the topic of the dialog that replied. */
export function answeredTopics(trace: AnswerTrace | undefined, lookup: TopicLookup): string[] {
    if (!trace) return [];
    if (trace.source === 'dialog') {
        const topic = trace.dialog ? lookup.dialogTopic(trace.dialog) : undefined;
        return topic ? [topic] : [];
    }
    if (trace.source !== 'knowledge') return [];
    const ids = trace.parts ? trace.parts.filter((p) => p.source === 'knowledge').flatMap((p) => p.ids) : trace.ids;
    return [...new Set(ids.map((id) => lookup.entryTopic(id)).filter((t): t is Topic => t !== undefined))];
}

/** How the reply (the last with a trace) met the question, judged by topic. */
export function topicOutcome(question: Pick<TopicQuestion, 'topics'>, trace: AnswerTrace | undefined, lookup: TopicLookup): TopicOutcome {
    const answerable = question.topics.filter((t) => !t.startsWith('gap:'));
    const got = answeredTopics(trace, lookup);
    if (answerable.length === 0) return got.length > 0 ? 'answered-gap-question' : 'held-back';
    if (got.some((g) => answerable.some((w) => sameTopic(g, w)))) return 'right';
    if (got.length > 0) return 'other-topic';
    const reasons = [trace?.reason, ...(trace?.parts ?? []).map((p) => p.reason)];
    if (reasons.includes('suggestions')) return 'suggestions';
    if (reasons.includes('gap')) return 'gap';
    return 'no-answer';
}

/** The knowledge's own topics, for judging replies. */
export function knowledgeTopics(dir = DEFAULT_KNOWLEDGE_DIR): TopicLookup {
    const kb = loadKnowledge(dir);
    const byId = new Map(kb.entries.map((e) => [e.id, e.topic]));
    const byDialog = new Map(kb.entries.filter((e) => e.dialog).map((e) => [e.dialog as string, e.topic]));
    return { entryTopic: (id) => byId.get(id), dialogTopic: (dialog) => byDialog.get(dialog) };
}

const ORDER: TopicOutcome[] = ['right', 'other-topic', 'suggestions', 'gap', 'no-answer', 'held-back', 'answered-gap-question'];

/** The counts, overall, by the first topic asked and by phrasing. */
export function topicReport(results: { question: TopicQuestion; outcome: TopicOutcome }[]): string {
    const answerable = results.filter((r) => r.question.topics.some((t) => !t.startsWith('gap:')));
    const right = answerable.filter((r) => r.outcome === 'right').length;
    const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
    const counts = (rs: typeof results) => ORDER.map((o) => [o, rs.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n > 0);
    const lines = [
        `${results.length} questions, ${answerable.length} answerable by the sources`,
        `answered from a labelled topic: ${right}/${answerable.length} (${pct(right, answerable.length)})`,
        ...counts(results).map(([o, n]) => `  ${o.padEnd(22)} ${n}`),
        '',
        'by the first topic asked (answerable questions): right / all',
    ];
    const groups = (key: (r: (typeof results)[number]) => string[]) => {
        const by = new Map<string, typeof results>();
        for (const r of answerable) for (const k of key(r)) by.set(k, [...(by.get(k) ?? []), r]);
        return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => `  ${k.padEnd(22)} ${rs.filter((r) => r.outcome === 'right').length}/${rs.length}`);
    };
    lines.push(...groups((r) => [r.question.topics.find((t) => !t.startsWith('gap:'))!]));
    lines.push('', 'by phrasing (answerable questions): right / all');
    lines.push(...groups((r) => (r.question.phrasing.length ? r.question.phrasing : ['plain'])));
    return lines.join('\n');
}

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: { url: { type: 'string', default: 'http://localhost:3978/api/messages' }, list: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) {
        console.error('usage: npm run eval:topics -- <questions.jsonl> [--url URL] [--list]');
        return 2;
    }
    let questions: TopicQuestion[];
    try {
        questions = readTopicQuestions(positionals[0]);
    } catch (err) {
        console.error(`eval:topics: ${(err as Error).message}`);
        return 2;
    }
    const lookup = knowledgeTopics();
    const client = createBotClient(values.url!);
    const results: { question: TopicQuestion; outcome: TopicOutcome; got: string[] }[] = [];
    for (const question of questions) {
        const conversationId = `eval-${question.id}-${randomUUID()}`;
        await client.join(conversationId);
        const replies: Partial<Activity>[] = await client.say(conversationId, question.mlt);
        const trace = replies.map(traceOf).filter((t) => t !== undefined).pop();
        results.push({ question, outcome: topicOutcome(question, trace, lookup), got: answeredTopics(trace, lookup) });
    }
    console.log(topicReport(results));
    if (values.list) {
        console.log('');
        for (const { question, outcome, got } of results) {
            console.log(`${outcome.padEnd(22)} ${question.id} [${question.topics.join(', ')}] got [${got.join(', ')}] ${question.mlt.replace(/\s+/g, ' ').slice(0, 140)}`);
        }
    }
    return 0;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (err: unknown) => {
            console.error(`eval:topics: ${err instanceof Error ? err.message : String(err)} (is the bot running? npm start)`);
            process.exitCode = 1;
        },
    );
}
