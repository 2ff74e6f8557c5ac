import { stringify } from 'yaml';
import { LOW_CONFIDENCE_BELOW, type KnowledgeSearch } from '../knowledge/searchIndex';
import type { Topic } from '../knowledge/schema';
import type { TextNormalizer } from '../knowledge/textNormalizer';
import type { ActivityFact, ConversationFacts, ConversationFactsPage, ConversationStats, TraceFact } from '../transcripts/conversationLog';
import type { UnansweredQuestion } from '../transcripts/unansweredQuestions';

/** Unanswered questions that say the same thing, with a ready knowledge entry to answer them. */
export interface UnansweredGroup {
    /** The most common wording. */
    question: string;
    count: number;
    /** Up to five of the conversations it was asked in, with the wording used there. */
    examples: { channelId: string; conversationId: string; question: string }[];
    /** A knowledge entry to fill in and paste into `knowledge/faq/<topic>.yaml`. */
    yamlStub: string;
}

/** Questions asked on one known gap (`knowledge/gaps.yaml`): what advisors answer by hand until the sources cover it. */
export interface GapGroup {
    /** The gap's name, as traces carry it (`gap`). */
    gap: string;
    count: number;
    /** Up to five of the most recent questions on it, with the conversations they were asked in. */
    examples: { channelId: string; conversationId: string; question: string }[];
}

/** Two questions join a group when this share of their words (after normalising) is the same. */
const SAME_QUESTION = 0.5;
const MAX_EXAMPLES = 5;

/**
 * Groups the unanswered questions by similarity (Jaccard overlap of their normalised terms, the same
 * normalising the search uses), most asked first, each with a YAML stub for a new entry.
 */
export function groupUnanswered(questions: UnansweredQuestion[], search: KnowledgeSearch): UnansweredGroup[] {
    return groupSimilar(questions, (item) => item.question, search.normalizer)
        .sort((a, b) => b.items.length - a.items.length)
        .map(({ items }) => {
            const wordings = [...new Set(items.map((i) => i.question.trim()))];
            const question = mostCommon(items.map((i) => i.question.trim()));
            return {
                question,
                count: items.length,
                examples: items.slice(-MAX_EXAMPLES).reverse().map(({ channelId, conversationId, question: q }) => ({ channelId, conversationId, question: q })),
                yamlStub: yamlStub(question, wordings, search),
            };
        });
}

/**
 * Groups the questions asked on known gaps by gap, most asked first (ties by name). Questions without a gap are left
 * to `groupUnanswered`: a gap is a subject someone has looked at, not a question nobody has.
 */
export function groupGaps(questions: UnansweredQuestion[]): GapGroup[] {
    const byGap = new Map<string, UnansweredQuestion[]>();
    for (const item of questions) {
        if (!item.gap) continue;
        const items = byGap.get(item.gap);
        if (items) items.push(item);
        else byGap.set(item.gap, [item]);
    }
    return [...byGap]
        .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
        .map(([gap, items]) => ({
            gap,
            count: items.length,
            examples: items.slice(-MAX_EXAMPLES).reverse().map(({ channelId, conversationId, question }) => ({ channelId, conversationId, question })),
        }));
}

/**
 * Groups `items` by the similarity of their text, in the order given: an item joins the first group whose first item's
 * normalised terms overlap its own by SAME_QUESTION (Jaccard), or starts a group. Insights and the review inbox share it.
 */
export function groupSimilar<T>(items: readonly T[], textOf: (item: T) => string, normalizer: TextNormalizer): { terms: Set<string>; items: T[] }[] {
    const groups: { terms: Set<string>; items: T[] }[] = [];
    for (const item of items) {
        const terms = new Set(normalizer.terms(textOf(item)));
        const home = groups.find((g) => similarTerms(g.terms, terms));
        if (home) home.items.push(item);
        else groups.push({ terms, items: [item] });
    }
    return groups;
}

/** True when two sets of normalised terms say the same thing (see groupSimilar). */
export function similarTerms(a: Set<string>, b: Set<string>): boolean {
    return jaccard(a, b) >= SAME_QUESTION;
}

/** A schema-shaped entry with the visitors' wordings as its questions and TODOs where an author must write. */
export function yamlStub(question: string, wordings: string[], search: KnowledgeSearch): string {
    const nearest = search.search(question).hits[0]?.entry;
    const entry = {
        id: slug(question),
        topic: nearest?.topic ?? 'TODO-topic',
        title: question.length <= 80 ? question : `${question.slice(0, 77)}…`,
        questions: [...wordings.slice(0, 5), ...Array.from({ length: Math.max(0, 3 - wordings.length) }, () => 'TODO: another way people ask this')],
        answer: 'TODO: a concise answer written from the source articles.\n',
        source: [{ doc: 'TODO: a doc id from knowledge/sources.yaml', section: 'TODO: the article section' }],
    };
    return stringify({ entries: [entry] }, { lineWidth: 0 });
}

function slug(text: string): string {
    return (
        text
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-+|-+$/g, '')
            .split('-')
            .slice(0, 6)
            .join('-') || 'new-entry'
    );
}

function jaccard(a: Set<string>, b: Set<string>): number {
    if (a.size === 0 && b.size === 0) return 1;
    let shared = 0;
    for (const t of a) if (b.has(t)) shared++;
    return shared / (a.size + b.size - shared);
}

export function mostCommon(values: string[]): string {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1])[0][0];
}

/** A share of conversations: `count` of `outOf`, and `rate` = count / outOf (null when there is none to share). */
export interface Rate {
    rate: number | null;
    count: number;
    outOf: number;
}

/** Visitor messages per conversation, over the conversations in which the visitor wrote. */
export interface ConversationLength {
    conversations: number;
    visitorMessages: number;
    mean: number | null;
    median: number | null;
}

/** Thumbs on one answer: the knowledge entries it came from, as its rating named them. */
export interface RatedAnswer {
    /** The entry ids of the answer rated (its key: an answer from two entries is one answer). */
    ids: string[];
    /** The entries' titles, as the console names the answer; an id when the entry no longer exists. */
    title: string;
    topics: Topic[];
    up: number;
    down: number;
}

export interface RatedTopic {
    topic: Topic;
    up: number;
    down: number;
}

/** Answers scored in [SEARCH_TUNING.answerAt, LOW_CONFIDENCE_BELOW): answered, but on the thinnest evidence. */
export interface LowConfidenceAnswers {
    /** Answers from knowledge scored below `below`. */
    count: number;
    /** Every answer from knowledge (the share's denominator). */
    outOf: number;
    below: number;
    /** The entries they came from, most often first (at most `MAX_RANKED`). */
    entries: { id: string; title: string; answers: number }[];
}

/** The figures that are read per conversation, for all channels or one. */
export interface ConversationFigures {
    /** Conversations of the period in which the visitor sent at least one message: every rate's denominator. */
    conversations: number;
    /**
     * Resolved: the bot gave at least one answer (a reply that is no fallback and cites its sources, as the ones
     * visitors can rate), no reply of the conversation was a fallback of any reason ("Did you mean", no match, a known
     * gap, out of scope …), and no follow-up was requested. count = resolved conversations, outOf = `conversations`.
     */
    resolutionRate: Rate;
    /** Escalated: the visitor asked for an advisor (a follow-up was requested). count = such conversations, outOf = `conversations`. */
    escalationRate: Rate;
    /**
     * Abandoned: a reply to the visitor's last message was a fallback (a "Did you mean" included), and the visitor
     * sent no message after it. count = such conversations, outOf = `conversations`.
     */
    abandonmentRate: Rate;
    conversationLength: ConversationLength;
    /** Thumbs given in these conversations. */
    ratings: { up: number; down: number };
    lowConfidenceAnswers: { count: number; outOf: number };
}

/** Every per-conversation figure of one period. */
export interface PeriodFigures extends ConversationFigures {
    /** [from, to), ISO 8601. */
    from: string;
    to: string;
    /** The period held more conversations than Insights read (`INSIGHT_LIMITS`): the figures are of the newest. */
    truncated: boolean;
    /** Thumbs per UTC day of the rating, oldest first; days without a rating are left out. */
    ratingsPerDay: { day: string; up: number; down: number }[];
    /** Rated answers, most thumbs down first (then fewest up, then title). */
    answersByThumbsDown: RatedAnswer[];
    /** Topics of the rated answers, most thumbs down first; an answer on two topics counts in both. */
    topicsByThumbsDown: RatedTopic[];
    lowConfidenceAnswers: LowConfidenceAnswers;
    /** The per-conversation figures of each channel, by channel id. */
    byChannel: ({ channelId: string } & ConversationFigures)[];
}

/** Ranked lists (answers, topics, low-confidence entries) keep at most this many rows. */
export const MAX_RANKED = 50;

/**
 * Computes every per-conversation figure of a period from the facts a log returned.
 * @param entryTitle the title of a knowledge entry, or undefined when there is no such entry
 * @remarks The one place these figures are counted: each store only returns the facts, so none can count differently.
 */
export function periodFigures(page: ConversationFactsPage, from: Date, to: Date, entryTitle: (id: string) => string | undefined): PeriodFigures {
    const conversations = page.conversations;
    const title = (ids: string[]) => (ids.length ? ids.map((id) => entryTitle(id) ?? id).join(' + ') : '(no entry)');
    const perDay = new Map<string, { up: number; down: number }>();
    const answers = new Map<string, RatedAnswer>();
    const topics = new Map<Topic, RatedTopic>();
    const lowEntries = new Map<string, number>();
    for (const conversation of conversations) {
        for (const rated of ratedAnswers(conversation)) {
            const day = rated.at.slice(0, 10);
            const counts = perDay.get(day) ?? { up: 0, down: 0 };
            counts[rated.rating]++;
            perDay.set(day, counts);
            const answerKey = JSON.stringify(rated.ids);
            const answer = answers.get(answerKey) ?? { ids: rated.ids, title: title(rated.ids), topics: rated.topics, up: 0, down: 0 };
            answer[rated.rating]++;
            answers.set(answerKey, answer);
            for (const topic of rated.topics) {
                const t = topics.get(topic) ?? { topic, up: 0, down: 0 };
                t[rated.rating]++;
                topics.set(topic, t);
            }
        }
        for (const fact of lowConfidence(conversation)) for (const id of fact.ids) lowEntries.set(id, (lowEntries.get(id) ?? 0) + 1);
    }
    const all = figuresOf(conversations);
    const channels = [...new Set(conversations.map((c) => c.channelId))].sort();
    return {
        from: from.toISOString(),
        to: to.toISOString(),
        truncated: page.truncated,
        ...all,
        ratingsPerDay: [...perDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, counts]) => ({ day, ...counts })),
        answersByThumbsDown: [...answers.values()]
            .sort((a, b) => b.down - a.down || a.up - b.up || compare(a.title, b.title))
            .slice(0, MAX_RANKED),
        topicsByThumbsDown: [...topics.values()].sort((a, b) => b.down - a.down || a.up - b.up || compare(a.topic, b.topic)).slice(0, MAX_RANKED),
        lowConfidenceAnswers: {
            ...all.lowConfidenceAnswers,
            below: LOW_CONFIDENCE_BELOW,
            entries: [...lowEntries]
                .sort(([a, x], [b, y]) => y - x || compare(a, b))
                .slice(0, MAX_RANKED)
                .map(([id, count]) => ({ id, title: entryTitle(id) ?? id, answers: count })),
        },
        byChannel: channels.map((channelId) => ({ channelId, ...figuresOf(conversations.filter((c) => c.channelId === channelId)) })),
    };
}

/** The per-conversation figures of `conversations` (see ConversationFigures for each definition). */
function figuresOf(conversations: ConversationFacts[]): ConversationFigures {
    let resolved = 0;
    let escalated = 0;
    let abandoned = 0;
    let up = 0;
    let down = 0;
    let low = 0;
    let knowledgeAnswers = 0;
    const lengths: number[] = [];
    for (const conversation of conversations) {
        const facts = conversation.activities;
        const visitorMessages = facts.filter(isVisitorMessage).length;
        for (const fact of facts) {
            if (fact.rating?.rating === 'up') up++;
            else if (fact.rating?.rating === 'down') down++;
            if (isKnowledgeAnswer(fact)) knowledgeAnswers++;
        }
        low += lowConfidence(conversation).length;
        if (visitorMessages === 0) continue;
        lengths.push(visitorMessages);
        const replies = facts.filter((f) => f.role === 'bot' && f.trace);
        const answered = replies.some((f) => f.trace!.isAnswer);
        const fellBack = replies.some((f) => f.trace!.source === 'fallback');
        if (answered && !fellBack && !conversation.followUpRequested) resolved++;
        if (conversation.followUpRequested) escalated++;
        if (leftAfterFallback(facts)) abandoned++;
    }
    const n = lengths.length;
    const total = lengths.reduce((sum, l) => sum + l, 0);
    const sorted = [...lengths].sort((a, b) => a - b);
    return {
        conversations: n,
        resolutionRate: rate(resolved, n),
        escalationRate: rate(escalated, n),
        abandonmentRate: rate(abandoned, n),
        conversationLength: {
            conversations: n,
            visitorMessages: total,
            mean: n ? round(total / n) : null,
            median: n ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : null,
        },
        ratings: { up, down },
        lowConfidenceAnswers: { count: low, outOf: knowledgeAnswers },
    };
}

const isVisitorMessage = (f: ActivityFact) => f.role === 'user' && f.type === 'message';
const isKnowledgeAnswer = (f: ActivityFact) => f.role === 'bot' && f.trace?.source === 'knowledge' && f.trace.isAnswer;

/** The visitor's last message got a fallback among its replies (the bot's traced messages after it), and nothing followed from them. */
function leftAfterFallback(facts: ActivityFact[]): boolean {
    let last = -1;
    facts.forEach((f, i) => {
        if (isVisitorMessage(f)) last = i;
    });
    return last >= 0 && facts.slice(last + 1).some((f) => f.role === 'bot' && f.trace?.source === 'fallback');
}

/** Answers from knowledge scored in the low-confidence band (at or above answerAt, as every answer is, and below LOW_CONFIDENCE_BELOW). */
function lowConfidence(conversation: ConversationFacts): TraceFact[] {
    return conversation.activities.filter((f) => isKnowledgeAnswer(f) && f.trace!.score < LOW_CONFIDENCE_BELOW).map((f) => f.trace!);
}

/**
 * Each thumbs of a conversation with the answer it rates: the bot's answer replying to the visitor's message the rating
 * names, with the rating's entry ids (the first answer to it when none has those ids). A rating whose answer is not in
 * the conversation counts under the ids it names, without topics.
 */
function ratedAnswers(conversation: ConversationFacts): { rating: 'up' | 'down'; at: string; ids: string[]; topics: Topic[] }[] {
    const out: { rating: 'up' | 'down'; at: string; ids: string[]; topics: Topic[] }[] = [];
    for (const fact of conversation.activities) {
        if (!fact.rating) continue;
        const { rating, replyToId, ids } = fact.rating;
        const candidates = conversation.activities.filter((f) => f.role === 'bot' && f.trace?.isAnswer && replyToId && f.replyToId === replyToId);
        const answer = candidates.find((f) => sameIds(f.trace!.ids, ids)) ?? candidates[0];
        out.push({ rating, at: fact.at, ids: answer ? answer.trace!.ids : ids, topics: answer ? answer.trace!.topics : [] });
    }
    return out;
}

function sameIds(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every((id, i) => id === b[i]);
}

function rate(count: number, outOf: number): Rate {
    return { rate: outOf ? round(count / outOf) : null, count, outOf };
}

function round(value: number): number {
    return Math.round(value * 10000) / 10000;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** What `GET /api/advisor/insights` returns: the log's stats, the grouped questions, and the figures of this period and the one before. */
export interface Insights extends ConversationStats, PeriodFigures {
    unanswered: UnansweredGroup[];
    gaps: GapGroup[];
    previous: PeriodFigures;
}

/** The figures `GET /api/advisor/insights.csv?figure=` exports, by the name the JSON gives them. */
export const INSIGHT_FIGURES = [
    'resolutionRate',
    'escalationRate',
    'abandonmentRate',
    'conversationLength',
    'ratingsPerDay',
    'answersByThumbsDown',
    'topicsByThumbsDown',
    'lowConfidenceAnswers',
    'byChannel',
    'perDay',
    'perTopic',
    'replies',
    'ratings',
    'unanswered',
    'gaps',
] as const;
export type InsightFigure = (typeof INSIGHT_FIGURES)[number];

type Cell = string | number | boolean;

/**
 * One figure as a table: a `period` column first (`current`, then `previous` for the figures both periods have), the
 * period's bounds, then the figure's own columns. Rates come with their counts, as in the JSON.
 */
export function figureTable(figure: InsightFigure, insights: Insights): { header: string[]; rows: Cell[][] } {
    const periods: [string, PeriodFigures][] = [
        ['current', insights],
        ['previous', insights.previous],
    ];
    const each = (columns: string[], rowsOf: (p: PeriodFigures) => Cell[][]) => ({
        header: ['period', 'from', 'to', ...columns],
        rows: periods.flatMap(([name, p]) => rowsOf(p).map((row) => [name, p.from, p.to, ...row])),
    });
    const currentOnly = (columns: string[], rows: Cell[][]) => ({ header: ['period', 'from', 'to', ...columns], rows: rows.map((row) => ['current', insights.from, insights.to, ...row]) });
    const rateRow = (r: Rate): Cell[] => [r.rate ?? '', r.count, r.outOf];
    const lengthRow = (l: ConversationLength): Cell[] => [l.conversations, l.visitorMessages, l.mean ?? '', l.median ?? ''];
    switch (figure) {
        case 'resolutionRate':
        case 'escalationRate':
        case 'abandonmentRate':
            return each(['rate', 'count', 'outOf'], (p) => [rateRow(p[figure])]);
        case 'conversationLength':
            return each(['conversations', 'visitorMessages', 'mean', 'median'], (p) => [lengthRow(p.conversationLength)]);
        case 'ratingsPerDay':
            return each(['day', 'up', 'down'], (p) => p.ratingsPerDay.map((d) => [d.day, d.up, d.down]));
        case 'answersByThumbsDown':
            return each(['ids', 'title', 'topics', 'up', 'down'], (p) => p.answersByThumbsDown.map((a) => [a.ids.join(' '), a.title, a.topics.join(' '), a.up, a.down]));
        case 'topicsByThumbsDown':
            return each(['topic', 'up', 'down'], (p) => p.topicsByThumbsDown.map((t) => [t.topic, t.up, t.down]));
        case 'lowConfidenceAnswers':
            // The first row of each period is the total (no entry); the others are its entries, most often first.
            return each(['entryId', 'title', 'answers', 'outOf', 'scoreBelow'], (p) => {
                const low = p.lowConfidenceAnswers;
                return [['', 'all answers from knowledge', low.count, low.outOf, low.below], ...low.entries.map((e) => [e.id, e.title, e.answers, '', low.below])];
            });
        case 'byChannel':
            return each(
                ['channel', 'conversations', 'resolutionRate', 'resolved', 'escalationRate', 'escalated', 'abandonmentRate', 'abandoned', 'visitorMessages', 'meanLength', 'medianLength', 'up', 'down', 'lowConfidenceAnswers', 'knowledgeAnswers'],
                (p) =>
                    p.byChannel.map((c) => [
                        c.channelId,
                        c.conversations,
                        c.resolutionRate.rate ?? '',
                        c.resolutionRate.count,
                        c.escalationRate.rate ?? '',
                        c.escalationRate.count,
                        c.abandonmentRate.rate ?? '',
                        c.abandonmentRate.count,
                        c.conversationLength.visitorMessages,
                        c.conversationLength.mean ?? '',
                        c.conversationLength.median ?? '',
                        c.ratings.up,
                        c.ratings.down,
                        c.lowConfidenceAnswers.count,
                        c.lowConfidenceAnswers.outOf,
                    ]),
            );
        case 'perDay':
            return currentOnly(['day', 'conversations'], insights.perDay.map((d) => [d.day, d.conversations]));
        case 'perTopic':
            return currentOnly(['topic', 'answers'], insights.perTopic.map((t) => [t.topic, t.answers]));
        case 'replies':
            return currentOnly(['source', 'replies'], Object.entries(insights.replies));
        case 'ratings':
            return currentOnly(['up', 'down'], [[insights.ratings.up, insights.ratings.down]]);
        case 'unanswered':
            return currentOnly(['question', 'count'], insights.unanswered.map((g) => [g.question, g.count]));
        case 'gaps':
            return currentOnly(['gap', 'count'], insights.gaps.map((g) => [g.gap, g.count]));
    }
}
