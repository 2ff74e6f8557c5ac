import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** One turn whose replies the client received: what it sent (with the id it gave the activity) and what came back. */
export interface ReceivedTurn {
    conversationId: string;
    id: string;
    type: string;
    text?: string;
    replies: Partial<Activity>[];
}

/**
 * A channel's side of `/api/messages` with `expectReplies`, like `createBotClient`, that gives each activity its own
 * id and records every turn whose replies arrived, so a test can look for those turns in the transcript later.
 */
export function createRecordingBotClient(url: string, channelId = 'webchat') {
    const received: ReceivedTurn[] = [];
    let inFlight = 0;
    const user = { id: 'user-1', name: 'Visitor', role: 'user' };
    const send = async (conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
        const id = randomUUID();
        const body = {
            id,
            channelId,
            serviceUrl: 'http://localhost/replies-are-returned-in-the-response',
            conversation: { id: conversationId },
            from: user,
            recipient: { id: 'bot', name: 'MLT career bot', role: 'bot' },
            timestamp: new Date().toISOString(),
            locale: 'en-US',
            deliveryMode: 'expectReplies',
            ...activity,
        };
        inFlight++;
        try {
            const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
            if (!response.ok) throw new Error(`RecordingBotClient.send(): ${response.status} ${await response.text()}`);
            const replies = ((await response.json()) as { activities?: Partial<Activity>[] }).activities ?? [];
            received.push({ conversationId, id, type: body.type ?? 'message', text: activity.text, replies });
            return replies;
        } finally {
            inFlight--;
        }
    };
    return {
        /** Turns whose replies arrived, in the order they arrived. */
        received,
        /** Requests sent and not yet answered. */
        inFlight: () => inFlight,
        join: (conversationId: string) => send(conversationId, { type: 'conversationUpdate', membersAdded: [user] }),
        say: (conversationId: string, text: string) => send(conversationId, { type: 'message', text }),
    };
}
