import { LOW_CONFIDENCE_BELOW, type KnowledgeSearch } from '../knowledge/searchIndex';
import type { ActivityFact, ConversationFacts, ConversationFactsPage } from '../transcripts/conversationLog';
import { groupSimilar, mostCommon, similarTerms, yamlStub } from './insights';

/**
 * What the review inbox lists, in the order the console shows them: questions nothing matched, "Did you mean" turns,
 * answers below LOW_CONFIDENCE_BELOW, answers rated thumbs down, and questions on a known gap.
 */
export const REVIEW_KINDS = ['unanswered', 'did-you-mean', 'low-confidence', 'thumbs-down', 'gap'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** Kinds grouped by the similarity of the visitors' words; the others are grouped by the entry answered or the gap. */
const BY_SIMILARITY: ReadonlySet<ReviewKind> = new Set(['unanswered', 'did-you-mean']);

/** One question of a group, with where and when it was asked, so the console links to its conversation. */
export interface ReviewExample {
    /** The visitor's words, redacted as logged (plain text: never HTML). Empty when the message had no text. */
    text: string;
    /** When it was asked (for `thumbs-down`, when the answer was rated); ISO 8601. */
    at: string;
    channelId: string;
    conversationId: string;
    /** `did-you-mean` only: the titles of the suggestions offered, in order. */
    offered?: string[];
    /** `did-you-mean` only: the suggestion the visitor then pressed (their next message was its title), or null. */
    pressed?: string | null;
}

/** Questions of one kind that belong together, as the inbox lists them. */
export interface ReviewGroup {
    kind: ReviewKind;
    /**
     * Names the group for a dismissal: the entry ids (`+`-joined) for `low-confidence` and `thumbs-down`, the gap's name
     * for `gap`, and the normalised search terms of the most common wording (space-joined, sorted) for the others.
     */
    key: string;
    /** The most common wording, the entries' titles, or the gap's name. */
    title: string;
    count: number;
    /** The newest example's time; ISO 8601. */
    lastAt: string;
    /** Up to MAX_REVIEW_EXAMPLES, newest first. */
    examples: ReviewExample[];
    /** `low-confidence` and `thumbs-down`: the entries answered. */
    entries?: { id: string; title: string }[];
    /** `unanswered` and `did-you-mean`: a knowledge entry to fill in, until advisors can add answers themselves. */
    yamlStub?: string;
}

/** A group an advisor dismissed: it stays out of the inbox until an example newer than `dismissedAt` arrives. */
export interface ReviewDismissal {
    kind: ReviewKind;
    key: string;
    /** ISO 8601. */
    dismissedAt: string;
    dismissedBy: string;
}

/**
 * Where dismissals are kept. It holds a kind, a key and who dismissed when: a key names entries, a gap, or the search
 * terms of a group's wording (taken from redacted text), and no conversation.
 */
export interface ReviewDismissals {
    /** Records a dismissal of (kind, key); dismissing it again keeps the later time and who dismissed then. */
    dismiss(dismissal: ReviewDismissal): Promise<void>;
    /** Every dismissal, newest first. */
    list(): Promise<ReviewDismissal[]>;
    close(): Promise<void>;
}

/** What `GET /api/advisor/review` returns. */
export interface ReviewInbox {
    /** [from, to), ISO 8601. */
    from: string;
    to: string;
    /** The period held more conversations than were read (`INSIGHT_LIMITS`): the groups are of the newest. */
    truncated: boolean;
    /** LOW_CONFIDENCE_BELOW: answers scored below it are `low-confidence`. */
    lowConfidenceBelow: number;
    groups: ReviewGroup[];
}

export const MAX_REVIEW_EXAMPLES = 5;
/** The longest key a group gets (and a dismissal takes): far beyond the terms of any question a visitor can send. */
export const MAX_REVIEW_KEY = 1000;

/** One question to review, before grouping. */
interface Item extends ReviewExample {
    kind: ReviewKind;
    /** The entries answered or suggested. */
    ids: string[];
    gap?: string;
}

/**
 * The review inbox of a period from the facts a log returned, without the groups advisors dismissed (unless an example
 * came after the dismissal). Groups come by kind (REVIEW_KINDS' order), then most frequent, then newest.
 * @remarks The one place these groups are made: stores only return facts.
 */
export function reviewGroups(page: ConversationFactsPage, search: KnowledgeSearch, dismissals: readonly ReviewDismissal[] = []): ReviewGroup[] {
    const title = (id: string) => search.entry(id)?.title ?? id;
    const items = page.conversations.flatMap((c) => reviewItems(c, title));
    const groups = REVIEW_KINDS.flatMap((kind) => {
        const ofKind = items.filter((i) => i.kind === kind).sort((a, b) => compare(a.at, b.at));
        return BY_SIMILARITY.has(kind) ? similarityGroups(kind, ofKind, search) : keyedGroups(kind, ofKind, title);
    });
    return groups.filter((g) => !isDismissed(g, dismissals));
}

/** True when a dismissal of this group (its key, or for similarity kinds one saying the same) is no older than its newest example. */
function isDismissed(group: ReviewGroup, dismissals: readonly ReviewDismissal[]): boolean {
    const terms = BY_SIMILARITY.has(group.kind) ? keyTerms(group.key) : undefined;
    return dismissals.some((d) => {
        if (d.kind !== group.kind || d.dismissedAt < group.lastAt) return false;
        if (d.key === group.key) return true;
        // A similarity group's most common wording can change as questions arrive: a dismissal of the same question stays.
        return terms !== undefined && similarTerms(terms, keyTerms(d.key));
    });
}

const keyTerms = (key: string) => new Set(key.split(' ').filter(Boolean));

function similarityGroups(kind: ReviewKind, items: Item[], search: KnowledgeSearch): ReviewGroup[] {
    const groups = groupSimilar(
        items.filter((i) => i.text.trim()),
        (i) => i.text,
        search.normalizer,
    ).map(({ items: grouped }) => {
        const wordings = grouped.map((i) => i.text.trim());
        const question = mostCommon(wordings);
        return {
            ...groupOf(kind, ([...new Set(search.normalizer.terms(question))].sort().join(' ') || question.toLowerCase()).slice(0, MAX_REVIEW_KEY), question, grouped),
            yamlStub: yamlStub(question, [...new Set(wordings)], search),
        };
    });
    return ranked(groups);
}

function keyedGroups(kind: ReviewKind, items: Item[], title: (id: string) => string): ReviewGroup[] {
    const byKey = new Map<string, Item[]>();
    for (const item of items) {
        const key = (kind === 'gap' ? (item.gap ?? '') : item.ids.join('+')).slice(0, MAX_REVIEW_KEY);
        const grouped = byKey.get(key);
        if (grouped) grouped.push(item);
        else byKey.set(key, [item]);
    }
    return ranked(
        [...byKey].map(([key, grouped]) => {
            if (kind === 'gap') return groupOf(kind, key, key, grouped);
            const entries = grouped[0].ids.map((id) => ({ id, title: title(id) }));
            return { ...groupOf(kind, key, entries.map((e) => e.title).join(' + ') || '(no entry)', grouped), entries };
        }),
    );
}

/** A group of `items` (oldest first), its examples the newest. */
function groupOf(kind: ReviewKind, key: string, title: string, items: Item[]): ReviewGroup {
    const examples = items
        .slice(-MAX_REVIEW_EXAMPLES)
        .reverse()
        .map(({ kind: _kind, ids: _ids, gap: _gap, ...example }) => example);
    return { kind, key, title, count: items.length, lastAt: items[items.length - 1].at, examples };
}

/** Most frequent first, then newest, then by key (so the order never depends on the facts' order). */
function ranked(groups: ReviewGroup[]): ReviewGroup[] {
    return groups.sort((a, b) => b.count - a.count || compare(b.lastAt, a.lastAt) || compare(a.key, b.key));
}

/** The questions to review of one conversation, each with the visitor's words and where it was asked. */
function reviewItems(conversation: ConversationFacts, title: (id: string) => string): Item[] {
    const facts = conversation.activities;
    const where = { channelId: conversation.channelId, conversationId: conversation.conversationId };
    const out: Item[] = [];
    facts.forEach((fact, i) => {
        if (fact.role === 'bot' && fact.trace) {
            const trace = fact.trace;
            const asked = questionOf(facts, i);
            const at = asked?.at ?? fact.at;
            if (trace.parts) {
                // One message held several questions: each part is reviewed on its own, under the visitor's words for it.
                for (const part of trace.parts) {
                    const kind = kindOf(part.source, part.reason, part.score, true);
                    if (kind) out.push({ kind, text: part.question, at, ...where, ids: part.ids, ...(part.gap ? { gap: part.gap } : {}), ...offers(kind, part.ids, facts, i, title) });
                }
                return;
            }
            const kind = kindOf(trace.source, trace.reason, trace.score, trace.isAnswer);
            if (kind) out.push({ kind, text: asked?.text ?? '', at, ...where, ids: trace.ids, ...(trace.gap ? { gap: trace.gap } : {}), ...offers(kind, trace.ids, facts, i, title) });
        }
        if (fact.rating?.rating === 'down') {
            const { replyToId, ids } = fact.rating;
            // The answer rated: the one replying to the message the rating names, with its ids (as Insights reads it).
            const candidates = facts.filter((f) => f.role === 'bot' && f.trace?.isAnswer && f.replyToId === replyToId);
            const answer = candidates.find((f) => f.trace!.ids.join('+') === ids.join('+')) ?? candidates[0];
            const asked = facts.find((f) => f.role === 'user' && f.type === 'message' && f.id === replyToId);
            out.push({ kind: 'thumbs-down', text: asked?.text ?? '', at: fact.at, ...where, ids: answer ? answer.trace!.ids : ids });
        }
    });
    return out;
}

function kindOf(source: string, reason: string | undefined, score: number, isAnswer: boolean): ReviewKind | undefined {
    if (source === 'fallback' && reason === 'no-match') return 'unanswered';
    if (source === 'fallback' && reason === 'suggestions') return 'did-you-mean';
    if (source === 'fallback' && reason === 'gap') return 'gap';
    if (source === 'knowledge' && isAnswer && score < LOW_CONFIDENCE_BELOW) return 'low-confidence';
    return undefined;
}

/** The visitor's message a reply answers: the one it names, or else the last before it. */
function questionOf(facts: ActivityFact[], reply: number): ActivityFact | undefined {
    const isMessage = (f: ActivityFact) => f.role === 'user' && f.type === 'message';
    const replyToId = facts[reply].replyToId;
    const named = replyToId ? facts.find((f) => isMessage(f) && f.id === replyToId) : undefined;
    return named ?? facts.slice(0, reply).reverse().find(isMessage);
}

/**
 * For a "Did you mean": the suggestions offered, and the one the visitor pressed, which sends its title as their next
 * message (the buttons are imBack with the entry's title); null when their next message was something else, or none.
 */
function offers(kind: ReviewKind, ids: string[], facts: ActivityFact[], reply: number, title: (id: string) => string): Pick<ReviewExample, 'offered' | 'pressed'> {
    if (kind !== 'did-you-mean') return {};
    const offered = ids.map(title);
    const next = facts.slice(reply + 1).find((f) => f.role === 'user' && f.type === 'message');
    const said = next?.text?.trim().toLowerCase();
    return { offered, pressed: offered.find((t) => t.trim().toLowerCase() === said) ?? null };
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
