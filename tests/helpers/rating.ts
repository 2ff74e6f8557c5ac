import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { FEEDBACK_EVENT } from '../../src/replies/answerFeedback';

/**
 * Presses a thumbs under an answer the way Web Chat does: posts to `/api/messages` (expectReplies) the feedback event
 * whose first entity is the pressed action, its `@id` naming the answer. `replies` are the bot's replies to a question;
 * the action is taken from the one that carries the thumbs.
 * @throws when none of `replies` has that action (the answer was given no thumbs)
 */
export async function pressThumb(origin: string, where: { channelId: string; conversationId: string }, replies: readonly Partial<Activity>[], rating: 'up' | 'down'): Promise<void> {
    const type = rating === 'up' ? 'LikeAction' : 'DislikeAction';
    const action = replies
        .flatMap((r) => (r.entities ?? []) as { potentialAction?: { '@type': string; '@id': string }[] }[])
        .flatMap((e) => e.potentialAction ?? [])
        .find((a) => a['@type'] === type);
    if (!action) throw new Error(`pressThumb(): no ${type} on ${JSON.stringify(replies.map((r) => r.channelData))}`);
    const response = await fetch(`${origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
            id: randomUUID(),
            type: 'event',
            name: FEEDBACK_EVENT,
            channelId: where.channelId,
            serviceUrl: 'http://localhost/replies-are-returned-in-the-response',
            conversation: { id: where.conversationId },
            from: { id: 'user-1', role: 'user' },
            recipient: { id: 'bot', role: 'bot' },
            timestamp: new Date().toISOString(),
            deliveryMode: 'expectReplies',
            entities: [{ '@type': action['@type'], '@id': action['@id'] }],
            value: { action },
        }),
    });
    if (!response.ok) throw new Error(`pressThumb(): /api/messages answered ${response.status}`);
}
