import type { ConversationPage, ConversationSummary } from './conversationLog';

/** Turns a keyset position into an opaque token, and back. */
export function encodeToken(position: readonly (string | number)[]): string {
    return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * A page of the conversation list from up to `limit + 1` summaries, newest first: the extra one only tells that
 * another page follows, whose token is the last summary's place in the keyset order.
 */
export function conversationPage(summaries: ConversationSummary[], limit: number): ConversationPage {
    const conversations = summaries.slice(0, limit);
    const last = conversations[conversations.length - 1];
    return summaries.length > limit
        ? { conversations, continuationToken: encodeToken([last.lastActivityAt, last.channelId, last.conversationId]) }
        : { conversations };
}

/**
 * Reads a token made by `encodeToken` with `shape` (one `typeof` per field).
 * @throws RangeError when the token was not made here (the caller answers 400, not 500).
 */
export function decodeToken(token: string, shape: readonly ('string' | 'number')[], where: string): (string | number)[] {
    let position: unknown;
    try {
        position = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
        position = undefined;
    }
    if (!Array.isArray(position) || position.length !== shape.length || position.some((v, i) => typeof v !== shape[i])) {
        throw new RangeError(`${where}: the continuation token is not one this store gave`);
    }
    return position as (string | number)[];
}

/** An instant as `Date.prototype.toISOString` writes it for years 1 to 9999, the only form the tables hold. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Reads a token of the conversation list (`conversationPage` makes them for both logs): the last activity, channel
 * and conversation of the previous page's last summary.
 * @throws RangeError when the token was not made here, including one whose time is not a real instant or whose ids
 * hold a NUL (PostgreSQL would refuse either with an error; the caller answers 400, not 500)
 */
export function decodeListToken(token: string, where: string): [string, string, string] {
    const [at, channelId, conversationId] = decodeToken(token, ['string', 'string', 'string'], where) as [string, string, string];
    const time = new Date(at);
    const real = ISO_INSTANT.test(at) && !Number.isNaN(time.getTime()) && time.toISOString() === at && !at.startsWith('0000');
    if (!real || !channelId || !conversationId || `${channelId}${conversationId}`.includes('\u0000')) {
        throw new RangeError(`${where}: the continuation token is not one this store gave`);
    }
    return [at, channelId, conversationId];
}

/** A date as the ISO text the tables hold. */
export function isoOf(date: Date, name: string, where: string): string {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${where}: ${name} is not a valid date`);
    return date.toISOString();
}
