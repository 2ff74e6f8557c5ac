import type { Request } from 'restify';

/**
 * Says what is wrong with a request to `/api/messages`, or `undefined` when it carries an activity.
 * @remarks Checked before the adapter so that a malformed request gets a clear 400 instead of an error deep in a turn.
 */
export function invalidActivityReason(req: Request): string | undefined {
    if (!req.is('json')) return 'expected a JSON body (Content-Type: application/json)';
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return 'expected the body to be an activity object';
    const activity = body as Record<string, unknown>;
    if (typeof activity.type !== 'string' || activity.type === '') return 'expected the activity to have a "type"';
    const conversation = activity.conversation as Record<string, unknown> | undefined;
    if (!conversation || typeof conversation.id !== 'string' || conversation.id === '') return 'expected the activity to have a "conversation.id"';
    if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') return 'expected the activity to have a "serviceUrl"';
    if (activity.text !== undefined && typeof activity.text !== 'string') return 'expected "text" to be a string';
    return undefined;
}
