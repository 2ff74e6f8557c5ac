import type { Request } from 'restify';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../http/jsonDepth';
import { MAX_VISITOR_TEXT, overlongSubmittedField } from '../replies/submittedText';

const string = (field: string) => z.string({ message: `expected "${field}" to be a string` });
const optionalString = (field: string) => string(field).optional();
const nonEmpty = (field: string) =>
    z
        .string({ error: (issue) => (issue.input === undefined ? `expected the activity to have a "${field}"` : `expected "${field}" to be a string`) })
        .min(1, `expected the activity to have a "${field}"`);
/** A timestamp botbuilder turns into a Date: one that is not a date would make an Invalid Date that breaks logging. */
const timestamp = (field: string) =>
    string(field)
        .refine((value) => !Number.isNaN(Date.parse(value)), `expected "${field}" to be a date and time (ISO 8601)`)
        .optional();
const object = <T extends z.ZodRawShape>(field: string, shape: T) =>
    z.object(shape, { error: (issue) => (issue.input === undefined ? `expected the activity to have a "${field}"` : `expected "${field}" to be an object`) }).loose();
const account = (field: string) =>
    object(field, {
        id: optionalString(`${field}.id`),
        name: optionalString(`${field}.name`),
        role: optionalString(`${field}.role`),
        aadObjectId: optionalString(`${field}.aadObjectId`),
    });
const members = (field: string) =>
    z.array(object(`${field}[]`, { id: string(`${field}[].id`), name: optionalString(`${field}[].name`) }), { message: `expected "${field}" to be a list` }).optional();
const record = (field: string) => z.record(z.string(), z.unknown(), { message: `expected "${field}" to be an object` });

/**
 * The Bot Framework activity schema, as far as this bot and botbuilder read it: every field a turn reads has the
 * type the schema gives it, so a malformed activity is refused here with a 400 naming the field, instead of
 * failing deep in a turn (or in `String()` of an object). Other fields pass through untouched.
 */
const ChannelActivitySchema = object('the body', {
    type: nonEmpty('type'),
    channelId: nonEmpty('channelId'),
    serviceUrl: nonEmpty('serviceUrl'),
    conversation: object('conversation', {
        id: nonEmpty('conversation.id'),
        conversationType: optionalString('conversation.conversationType'),
        tenantId: optionalString('conversation.tenantId'),
        name: optionalString('conversation.name'),
        isGroup: z.boolean({ message: 'expected "conversation.isGroup" to be true or false' }).optional(),
    }),
    id: optionalString('id'),
    name: optionalString('name'),
    text: string('text').max(MAX_VISITOR_TEXT, `expected "text" to be at most ${MAX_VISITOR_TEXT} characters`).optional(),
    textFormat: optionalString('textFormat'),
    locale: optionalString('locale'),
    replyToId: optionalString('replyToId'),
    deliveryMode: optionalString('deliveryMode'),
    callerId: optionalString('callerId'),
    action: optionalString('action'),
    inputHint: optionalString('inputHint'),
    speak: optionalString('speak'),
    summary: optionalString('summary'),
    label: optionalString('label'),
    valueType: optionalString('valueType'),
    timestamp: timestamp('timestamp'),
    localTimestamp: timestamp('localTimestamp'),
    expiration: timestamp('expiration'),
    from: account('from').optional(),
    recipient: account('recipient').optional(),
    membersAdded: members('membersAdded'),
    membersRemoved: members('membersRemoved'),
    entities: z
        .array(object('entities[]', { type: optionalString('entities[].type'), mentioned: account('entities[].mentioned').optional() }), {
            message: 'expected "entities" to be a list',
        })
        .optional(),
    attachments: z.array(object('attachments[]', { contentType: optionalString('attachments[].contentType') }), { message: 'expected "attachments" to be a list' }).optional(),
    channelData: object('channelData', { tenant: object('channelData.tenant', { id: optionalString('channelData.tenant.id') }).optional() }).optional(),
    suggestedActions: record('suggestedActions').optional(),
    relatesTo: record('relatesTo').optional(),
    semanticAction: record('semanticAction').optional(),
}).superRefine((activity, ctx) => {
    // A button press's value becomes the message's text (CareerBot reads it), so it is held to the same limit.
    const overlong = overlongSubmittedField(activity.value);
    if (overlong) ctx.addIssue({ code: 'custom', path: overlong.split('.'), message: `expected "${overlong}" to be at most ${MAX_VISITOR_TEXT} characters` });
});

/** A request to `/api/messages` that carries an activity, or why it does not. */
export type CheckedActivity = { ok: true; activity: Activity } | { ok: false; message: string };

/**
 * Checks a request to `/api/messages`: a JSON body that is an activity of the Bot Framework schema.
 * @remarks Checked before the adapter so that a malformed request gets a clear 400 instead of an error deep in a turn.
 * Timestamps are turned into Dates, as botbuilder's CloudAdapter does (keeping the raw text beside them).
 */
export function checkActivity(req: Request): CheckedActivity {
    if (!req.is('json')) return { ok: false, message: 'expected a JSON body (Content-Type: application/json)' };
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: 'expected the body to be an activity object' };
    if (nestedDeeperThan(body)) return { ok: false, message: `expected the activity to nest at most ${MAX_JSON_DEPTH} levels deep` };
    const parsed = ChannelActivitySchema.safeParse(body);
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
    return { ok: true, activity: withDates(parsed.data as unknown as Record<string, unknown>) };
}

function withDates(activity: Record<string, unknown>): Activity {
    for (const [field, raw] of [
        ['timestamp', 'rawTimestamp'],
        ['localTimestamp', 'rawLocalTimestamp'],
        ['expiration', 'rawExpiration'],
    ] as const) {
        const value = activity[field];
        if (typeof value === 'string') {
            activity[raw] = value;
            activity[field] = new Date(value);
        }
    }
    return activity as unknown as Activity;
}
