/** Longest text accepted from a visitor, typed or submitted, on every channel; the bot reads questions up to MAX_QUESTION_LENGTH. */
export const MAX_VISITOR_TEXT = 10_000;

/**
 * The fields of a message's `value` that the bot reads as the visitor's words when the message has no text
 * (an Adaptive Card `Action.Submit`, a `messageBack`), in the order it looks for them.
 */
export const SUBMITTED_TEXT_FIELDS = ['text', 'question', 'query'] as const;

/** The text a button press carries in its value: the first of SUBMITTED_TEXT_FIELDS that is set, when it is a string. */
export function submittedText(value: unknown): string | undefined {
    if (!value || typeof value !== 'object') return undefined;
    const fields = value as Record<string, unknown>;
    const text = SUBMITTED_TEXT_FIELDS.map((field) => fields[field]).find((v) => v !== undefined && v !== null);
    return typeof text === 'string' ? text : undefined;
}

/**
 * The first field of `value` the bot could read as text that is longer than `max` characters, named as a client
 * wrote it (`value.text`), or undefined. Every such field is held to the limit of `text`, as each can become it.
 */
export function overlongSubmittedField(value: unknown, max = MAX_VISITOR_TEXT): string | undefined {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const fields = value as Record<string, unknown>;
    const field = SUBMITTED_TEXT_FIELDS.find((name) => typeof fields[name] === 'string' && (fields[name] as string).length > max);
    return field && `value.${field}`;
}
