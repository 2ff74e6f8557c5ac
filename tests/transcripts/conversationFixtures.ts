import { ActivityTypes, type Activity } from 'botbuilder';
import { FEEDBACK_EVENT } from '../../src/replies/answerFeedback';
import type { AnswerTrace } from '../../src/replies/answerTrace';
import type { Topic } from '../../src/knowledge/schema';

/** Activities as `TranscriptMiddleware` hands them to a `ConversationLog`, built for the contract tests. */

export const BOT = { id: 'bot-1', name: 'MLT Career Assistant', role: 'bot' };
export const VISITOR = { id: 'visitor-1', role: 'user' };

const T0 = Date.parse('2025-03-10T12:00:00.000Z');

/** A moment `minutes` after the fixtures' start (negative for before). */
export const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

let counter = 0;
const nextId = () => `act-${++counter}`;

interface Where {
    channelId?: string;
}

function base(conversationId: string, minutes: number, where: Where): Pick<Activity, 'channelId' | 'conversation' | 'serviceUrl' | 'timestamp'> {
    return {
        channelId: where.channelId ?? 'webchat',
        conversation: { id: conversationId } as Activity['conversation'],
        serviceUrl: 'http://localhost',
        timestamp: at(minutes),
    };
}

/** A message the visitor typed. */
export function visitorSays(conversationId: string, text: string, minutes: number, where: Where = {}): Activity {
    return { ...base(conversationId, minutes, where), type: ActivityTypes.Message, id: nextId(), from: VISITOR, recipient: BOT, text } as Activity;
}

/** The visitor joining: the activity a welcome replies to. */
export function visitorJoins(conversationId: string, minutes: number, where: Where = {}): Activity {
    return {
        ...base(conversationId, minutes, where),
        type: ActivityTypes.ConversationUpdate,
        id: nextId(),
        from: VISITOR,
        recipient: BOT,
        membersAdded: [{ id: VISITOR.id }],
    } as Activity;
}

/** A thumbs up or down on the answer to `replyToId`, as Web Chat posts it. */
export function visitorRates(conversationId: string, rating: 'up' | 'down', minutes: number, where: Where = {}): Activity {
    const action = { '@type': rating === 'up' ? 'LikeAction' : 'DislikeAction', '@id': `urn:mlt-career-bot:rating:${rating}?reply=x&ids=salary-median` };
    return {
        ...base(conversationId, minutes, where),
        type: ActivityTypes.Event,
        name: FEEDBACK_EVENT,
        id: nextId(),
        from: VISITOR,
        recipient: BOT,
        entities: [action],
    } as unknown as Activity;
}

/** A bot reply to `replyTo`, with a trace when one is given (`topics` as the middleware adds them). */
export function botSays(
    conversationId: string,
    text: string,
    minutes: number,
    replyTo: Activity | undefined,
    trace?: AnswerTrace & { topics?: Topic[] },
    where: Where = {},
): Activity {
    return {
        ...base(conversationId, minutes, where),
        type: ActivityTypes.Message,
        from: BOT,
        recipient: { id: VISITOR.id },
        replyToId: replyTo?.id,
        text,
        ...(trace ? { channelData: { answer: trace } } : {}),
    } as Activity;
}

export const knowledgeTrace = (topics: Topic[], ids = ['entry']): AnswerTrace & { topics: Topic[] } => ({ source: 'knowledge', ids, score: 0.9, topics });
export const dialogTrace = (topics: Topic[]): AnswerTrace & { topics: Topic[] } => ({ source: 'dialog', dialog: 'salaryCheck', ids: ['d'], score: 1, topics });
export const noMatchTrace = (): AnswerTrace => ({ source: 'fallback', reason: 'no-match', ids: [], score: 0 });
export const suggestionsTrace = (topics: Topic[]): AnswerTrace & { topics: Topic[] } => ({ source: 'fallback', reason: 'suggestions', ids: ['s'], score: 0.4, topics });

/** Options of `converse`: what happens in a short conversation starting `minutes` after the start. */
export interface Exchange extends Where {
    minutes: number;
    question?: string;
    topics?: Topic[];
    unanswered?: boolean;
    rating?: 'up' | 'down';
}

/** Logs a question and its answer (and a rating): the smallest realistic conversation. */
export function exchange(conversationId: string, e: Exchange): Activity[] {
    const question = visitorSays(conversationId, e.question ?? 'what do MLTs earn?', e.minutes, e);
    const trace = e.unanswered ? noMatchTrace() : knowledgeTrace(e.topics ?? ['salary']);
    const out = [question, botSays(conversationId, e.unanswered ? 'Sorry, I do not know that one.' : 'The median is $57,380.', e.minutes, question, trace, e)];
    if (e.rating) out.push(visitorRates(conversationId, e.rating, e.minutes, e));
    return out;
}
