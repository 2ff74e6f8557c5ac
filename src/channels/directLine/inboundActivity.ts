import { z } from 'zod';
import { DirectLineError } from './directLineError';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../http/jsonDepth';
import { MAX_VISITOR_TEXT, overlongSubmittedField } from '../../replies/submittedText';

/**
 * What a client may post: the fields Web Chat sends, and nothing that would let it speak for the bot or
 * for another user (`from`, `recipient`, `conversation`, `id` and `timestamp` are set by the server).
 * Unknown fields are dropped.
 */
const InboundActivitySchema = z
    .object({
        type: z.enum(['message', 'event', 'typing'], { message: 'expected "type" to be "message", "event" or "typing"' }),
        text: z.string().max(MAX_VISITOR_TEXT, `expected "text" to be at most ${MAX_VISITOR_TEXT} characters`).optional(),
        locale: z.string().max(35).optional(),
        localTimestamp: z.string().max(64).optional(),
        localTimezone: z.string().max(64).optional(),
        name: z.string().min(1).max(256).optional(),
        value: z.unknown().optional(),
        channelData: z.record(z.string(), z.unknown()).optional(),
        entities: z.array(z.record(z.string(), z.unknown())).max(32).optional(),
        attachments: z.array(z.unknown()).max(0, 'this bot does not accept attachments or file uploads').optional(),
        from: z.object({ name: z.string().max(100).optional() }).optional(),
    })
    .superRefine((activity, ctx) => {
        if (activity.type === 'message' && !activity.text?.trim() && activity.value === undefined) {
            ctx.addIssue({ code: 'custom', path: ['text'], message: 'expected a message to have "text" or a "value"' });
        }
        const overlong = overlongSubmittedField(activity.value);
        if (overlong) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: MAX_VISITOR_TEXT, path: overlong.split('.'), message: `expected "${overlong}" to be at most ${MAX_VISITOR_TEXT} characters` });
        if (activity.type === 'event' && !activity.name) {
            ctx.addIssue({ code: 'custom', path: ['name'], message: 'expected an event to have a "name"' });
        }
    });

/** A client's activity after validation. */
export type InboundActivity = z.infer<typeof InboundActivitySchema>;

/** Validates a posted body; throws a 400 DirectLineError naming the first problem. */
export function parseInboundActivity(body: unknown): InboundActivity {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new DirectLineError(400, 'BadArgument', 'expected the body to be an activity object');
    }
    if (nestedDeeperThan(body)) throw new DirectLineError(400, 'BadArgument', `expected the activity to nest at most ${MAX_JSON_DEPTH} levels deep`);
    const parsed = InboundActivitySchema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const tooBig = issue.code === 'too_big' && (issue.path[0] === 'text' || issue.path[0] === 'value');
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    throw new DirectLineError(400, tooBig ? 'MessageSizeTooBig' : missing ? 'MissingProperty' : 'BadArgument', issue.message);
}
