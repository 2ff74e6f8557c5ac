import type { ActivityFacts } from './activityFacts';

/** The first question keeps at most this many characters (code points): enough to tell conversations apart in a list. */
export const FIRST_QUESTION_CHARS = 200;

/**
 * Characters that do not make a message a question: a message of only these is blank. The migrations that backfill
 * `first_question` trim the same four (SQL's trim functions take a list of characters, not a class), so a
 * conversation gets the same first question whether it was logged before or after them.
 */
export const BLANK_CHARS = ' \t\r\n';

/**
 * What a conversation's summary keeps as its first question when `facts` are of the first such activity: the
 * (redacted) text of a visitor's message that is not blank, cut to FIRST_QUESTION_CHARS; undefined for anything else.
 * @remarks Shared by every `ConversationLog`, which keeps the first value it is given (`COALESCE`).
 */
export function firstQuestionOf(facts: Pick<ActivityFacts, 'role' | 'type'>, text: unknown): string | undefined {
    if (facts.role !== 'user' || facts.type !== 'message' || typeof text !== 'string') return undefined;
    if (![...text].some((c) => !BLANK_CHARS.includes(c))) return undefined;
    return [...text].slice(0, FIRST_QUESTION_CHARS).join('');
}
