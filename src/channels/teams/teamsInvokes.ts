import type { Activity, InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { MAX_VISITOR_TEXT } from '../../replies/submittedText';

/**
 * The value of each invoke this bot handles, as Teams sends it; every other invoke is one it does not handle.
 * @remarks Checked before botbuilder dispatches an invoke: TeamsActivityHandler reads fields of the value before it
 * knows whether a handler exists (`adaptiveCard/action` with a string value, `fileConsent/invoke` with none threw a
 * TypeError, a 500). Unknown fields pass, as Teams adds fields over time.
 */
export const HANDLED_INVOKES: Readonly<Record<string, z.ZodType>> = Object.freeze({
    /** Typing in the compose box (see KnowledgeSearchExtension.query); `initialRun` comes as `{ name, value: "true" }`. */
    'composeExtension/query': z
        .object({
            commandId: z.string().max(64).optional(),
            parameters: z
                .array(z.object({ name: z.string().max(64), value: z.string().max(MAX_VISITOR_TEXT) }).loose())
                .max(5)
                .optional(),
            queryOptions: z.object({ skip: z.number().int().min(0).optional(), count: z.number().int().min(0).optional() }).loose().optional(),
            state: z.string().max(4096).optional(),
        })
        .loose(),
    /** A result chosen from the list: the `tap.value` the bot put in its preview (see KnowledgeSearchExtension.result). */
    'composeExtension/selectItem': z.object({ entryId: z.string().min(1).max(200) }).loose(),
});

/**
 * What to answer an invoke before it reaches the bot's handlers: 501 (which the server answers as a 400 saying the
 * bot does not handle it) for an invoke not in HANDLED_INVOKES, 400 with the error body naming the field for a
 * value that is not what the invoke carries, or undefined when the handler may take it.
 */
export function refuseInvoke(activity: Pick<Activity, 'name' | 'value'>): InvokeResponse | undefined {
    const schema = typeof activity.name === 'string' && Object.hasOwn(HANDLED_INVOKES, activity.name) ? HANDLED_INVOKES[activity.name] : undefined;
    if (!schema) return { status: 501 };
    const parsed = schema.safeParse(activity.value, { reportInput: true });
    if (parsed.success) return undefined;
    return { status: 400, body: { error: { code: 'BadArgument', message: describeIssue(parsed.error.issues[0]) } } };
}

/** A zod issue as the error body words it: `expected "value.parameters[0].value" to be a string`. */
function describeIssue(issue: z.core.$ZodIssue): string {
    const field = issue.path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${String(key)}`), 'value');
    switch (issue.code) {
        case 'invalid_type':
            return issue.input === undefined ? `expected the invoke to have a "${field}"` : `expected "${field}" to be ${article(issue.expected)}`;
        case 'too_big':
            return `expected "${field}" to be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
        case 'too_small':
            return issue.origin === 'string' && issue.minimum === 1 ? `expected "${field}" not to be empty` : `expected "${field}" to be at least ${String(issue.minimum)}`;
        default:
            return `expected "${field}" to be valid: ${issue.message}`;
    }
}

function article(type: string): string {
    if (type === 'array') return 'a list';
    if (type === 'int') return 'a whole number';
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
