import { ActivityTypes, type Activity } from 'botbuilder';
import { readAnswerRating } from '../replies/answerFeedback';
import { traceOf, type AnswerTrace } from '../replies/answerTrace';
import { TOPICS, type Topic } from '../knowledge/schema';

/** What a conversation log keeps about one activity besides the activity itself, for summaries and stats. */
export interface ActivityFacts {
    channelId: string;
    conversationId: string;
    /** `bot` for what the bot sent, `user` for everything else. */
    role: 'bot' | 'user';
    type: string;
    /** ISO 8601, UTC: the activity's timestamp, or `now` when it has none (or a broken one). */
    at: string;
    /** The bot's id, when this activity tells it (the recipient of a visitor's activity, the sender of a bot's). */
    botId?: string;
    /** The trace of a bot's reply. */
    source?: AnswerTrace['source'];
    reason?: string;
    /** Topics of an answer from knowledge or a dialog (a fallback's suggestions are not answers). */
    topics: Topic[];
    /** A bot reply whose fallback reason is `no-match`: an unanswered question. */
    unanswered: boolean;
    /** A visitor's rating, read from a feedback event. */
    rating?: 'up' | 'down';
    /** The text full-text search indexes: a message's (redacted) text. */
    searchText?: string;
}

const KNOWN_TOPICS: ReadonlySet<string> = new Set(TOPICS);

/**
 * Reads what the summaries and stats need from an activity.
 * @param botId the conversation's bot id, when known: tells who sent an activity that carries no `from.role`
 * @remarks Shared by every `ConversationLog` implementation, so that they count alike.
 */
export function activityFacts(activity: Partial<Activity>, botId: string | undefined, now: Date = new Date()): ActivityFacts {
    const channelId = activity.channelId;
    const conversationId = activity.conversation?.id;
    if (!channelId || !conversationId) throw new Error('activityFacts(): the activity has no channelId or conversation.id');
    const role = roleOf(activity, botId);
    const type = activity.type ?? ActivityTypes.Message;
    const trace = role === 'bot' ? traceOf(activity) : undefined;
    const answered = trace !== undefined && trace.source !== 'fallback' && type === ActivityTypes.Message;
    const rawTopics = (trace as { topics?: unknown } | undefined)?.topics;
    const topics = answered && Array.isArray(rawTopics) ? [...new Set(rawTopics.filter((t): t is Topic => KNOWN_TOPICS.has(t)))] : [];
    const rating = role === 'user' ? readAnswerRating(activity)?.rating : undefined;
    return {
        channelId,
        conversationId,
        role,
        type,
        at: isoOf(activity.timestamp, now),
        botId: (role === 'bot' ? activity.from?.id : activity.recipient?.id) || undefined,
        source: trace?.source,
        reason: trace?.reason,
        topics,
        unanswered: trace?.source === 'fallback' && trace.reason === 'no-match',
        rating,
        searchText: type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text.trim() ? activity.text : undefined,
    };
}

function roleOf(activity: Partial<Activity>, botId: string | undefined): 'bot' | 'user' {
    const role = activity.from?.role;
    if (role) return role.toLowerCase() === 'bot' ? 'bot' : 'user';
    // Without a role, the first activity of a conversation comes from the visitor; its recipient names the bot.
    return botId !== undefined && activity.from?.id === botId ? 'bot' : 'user';
}

function isoOf(value: unknown, now: Date): string {
    const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date.toISOString() : now.toISOString();
}

/** Appends the topics not yet in `seen`, keeping first-seen order. */
export function mergeTopics(seen: readonly Topic[], more: readonly Topic[]): Topic[] {
    return [...new Set([...seen, ...more])];
}
