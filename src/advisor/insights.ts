import { stringify } from 'yaml';
import type { KnowledgeSearch } from '../knowledge/searchIndex';
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
    const groups: { terms: Set<string>; items: UnansweredQuestion[] }[] = [];
    for (const item of questions) {
        const terms = new Set(search.normalizer.terms(item.question));
        const home = groups.find((g) => jaccard(g.terms, terms) >= SAME_QUESTION);
        if (home) home.items.push(item);
        else groups.push({ terms, items: [item] });
    }
    return groups
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

/** A schema-shaped entry with the visitors' wordings as its questions and TODOs where an author must write. */
function yamlStub(question: string, wordings: string[], search: KnowledgeSearch): string {
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

function mostCommon(values: string[]): string {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1])[0][0];
}
