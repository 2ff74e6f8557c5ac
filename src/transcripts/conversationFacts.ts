import { ActivityTypes, type Activity } from 'botbuilder';
import { isRateableAnswer, readAnswerRating } from '../replies/answerFeedback';
import type { AnswerPart, AnswerTrace } from '../replies/answerTrace';
import { TOPICS, type Topic } from '../knowledge/schema';
import { INSIGHT_LIMITS, type ActivityFact, type ConversationFacts, type ConversationFactsPage, type PartFact, type TraceFact } from './conversationLog';

/** One conversation of a period as a store reads it from its summary. */
export interface FactsConversationRow {
    channelId: string;
    conversationId: string;
    startedAt: string;
    lastActivityAt: string;
    followUpRequested: boolean;
}

/**
 * One stored message or event, as a store reads it: its columns, and the parts of its body Insights reads (the trace,
 * the entities and the event name), parsed from JSON or not yet.
 */
export interface FactsActivityRow {
    channelId: string;
    conversationId: string;
    role: string;
    type: string;
    at: string;
    activityId: string | null;
    replyToId: unknown;
    name: unknown;
    answer: unknown;
    entities: unknown;
    /** The message's text when it is a string (redacted, as logged); null otherwise. */
    text?: string | null;
}

const KNOWN_TOPICS: ReadonlySet<string> = new Set(TOPICS);

/**
 * The facts of a period from what a store read: `conversations` newest first (one more than the limit tells there are
 * more), `activities` in the order they were logged.
 * @remarks Shared by every `ConversationLog`, so that SQLite and PostgreSQL hand Insights the same facts.
 */
export function conversationFactsPage(conversations: FactsConversationRow[], activities: FactsActivityRow[]): ConversationFactsPage {
    const kept = conversations.slice(0, INSIGHT_LIMITS.conversations);
    const byKey = new Map<string, ConversationFacts>();
    const out = kept.map((c) => {
        const facts: ConversationFacts = { ...c, activities: [] };
        byKey.set(key(c.channelId, c.conversationId), facts);
        return facts;
    });
    for (const row of activities) {
        const facts = byKey.get(key(row.channelId, row.conversationId));
        const fact = facts && activityFact(row);
        if (fact) facts.activities.push(fact);
    }
    return { conversations: out, truncated: conversations.length > INSIGHT_LIMITS.conversations };
}

/** What Insights reads of one stored activity, or undefined for one it does not read (neither a message nor an event). */
export function activityFact(row: FactsActivityRow): ActivityFact | undefined {
    if (row.type !== ActivityTypes.Message && row.type !== ActivityTypes.Event) return undefined;
    const role = row.role === 'bot' ? 'bot' : 'user';
    const fact: ActivityFact = { role, type: row.type, at: row.at };
    if (row.activityId) fact.id = row.activityId;
    // The visitor's words (redacted when logged), for the review inbox; the bot's own text is not read.
    if (role === 'user' && row.type === ActivityTypes.Message && typeof row.text === 'string') fact.text = row.text;
    if (typeof row.replyToId === 'string' && row.replyToId) fact.replyToId = row.replyToId;
    if (role === 'bot' && row.type === ActivityTypes.Message) {
        const trace = traceFact(parsed(row.answer));
        if (trace) fact.trace = trace;
    }
    if (role === 'user' && row.type === ActivityTypes.Event) {
        const entities = parsed(row.entities);
        const rating = readAnswerRating({
            type: row.type,
            name: typeof row.name === 'string' ? row.name : undefined,
            entities: Array.isArray(entities) ? (entities as Activity['entities']) : undefined,
        });
        if (rating) fact.rating = rating;
    }
    return fact;
}

function traceFact(answer: unknown): TraceFact | undefined {
    const trace = answer as (Partial<AnswerTrace> & { topics?: unknown }) | null | undefined;
    if (!trace || typeof trace !== 'object' || !['knowledge', 'dialog', 'fallback'].includes(trace.source as string)) return undefined;
    const ids = Array.isArray(trace.ids) ? trace.ids.filter((id): id is string => typeof id === 'string') : [];
    const topics = Array.isArray(trace.topics) ? [...new Set(trace.topics.filter((t): t is Topic => KNOWN_TOPICS.has(t)))] : [];
    const fact: TraceFact = {
        source: trace.source as AnswerTrace['source'],
        score: typeof trace.score === 'number' && Number.isFinite(trace.score) ? trace.score : 0,
        ids,
        topics,
        isAnswer: isRateableAnswer({ ...(trace as AnswerTrace), citations: Array.isArray(trace.citations) ? trace.citations : undefined }),
    };
    if (typeof trace.reason === 'string') fact.reason = trace.reason;
    if (typeof trace.dialog === 'string') fact.dialog = trace.dialog;
    if (typeof trace.gap === 'string') fact.gap = trace.gap;
    const parts = Array.isArray(trace.parts) ? trace.parts.flatMap(partFact) : [];
    if (parts.length) fact.parts = parts;
    return fact;
}

function partFact(part: unknown): PartFact[] {
    const p = part as Partial<AnswerPart> | null | undefined;
    if (!p || typeof p !== 'object' || typeof p.question !== 'string' || (p.source !== 'knowledge' && p.source !== 'fallback')) return [];
    const fact: PartFact = {
        question: p.question,
        source: p.source,
        score: typeof p.score === 'number' && Number.isFinite(p.score) ? p.score : 0,
        ids: Array.isArray(p.ids) ? p.ids.filter((id): id is string => typeof id === 'string') : [],
    };
    if (typeof p.reason === 'string') fact.reason = p.reason;
    if (typeof p.gap === 'string') fact.gap = p.gap;
    return [fact];
}

/** SQLite's json_extract gives an object as JSON text, `pg` gives it parsed. */
function parsed(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

function key(channelId: string, conversationId: string): string {
    return JSON.stringify([channelId, conversationId]);
}
