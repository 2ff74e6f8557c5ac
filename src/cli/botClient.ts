import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Talks to a running bot over `/api/messages` with `deliveryMode: "expectReplies"`, as a channel would. */
export interface BotClient {
    /** Sends the conversationUpdate a channel sends when the user joins; returns the replies. */
    join(conversationId: string): Promise<Partial<Activity>[]>;
    /** Sends a message (text, or a button's value); returns the replies. */
    say(conversationId: string, text: string, value?: unknown): Promise<Partial<Activity>[]>;
}

/** Creates a client for the bot at `url` (e.g. http://localhost:3978/api/messages). */
export function createBotClient(url: string, channelId = 'webchat'): BotClient {
    const user = { id: 'user-1', name: 'Visitor', role: 'user' };
    const bot = { id: 'bot', name: 'MLT career bot', role: 'bot' };
    const post = async (conversationId: string, activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
        const body = {
            id: randomUUID(),
            channelId,
            serviceUrl: 'http://localhost/replies-are-returned-in-the-response',
            conversation: { id: conversationId },
            from: user,
            recipient: bot,
            timestamp: new Date().toISOString(),
            locale: 'en-US',
            deliveryMode: 'expectReplies',
            ...activity,
        };
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`BotClient.post(): ${response.status} ${await response.text()}`);
        const text = await response.text();
        return text ? ((JSON.parse(text) as { activities?: Partial<Activity>[] }).activities ?? []) : [];
    };
    return {
        join: (conversationId) => post(conversationId, { type: 'conversationUpdate', membersAdded: [user] }),
        say: (conversationId, text, value) => post(conversationId, { type: 'message', text, ...(value === undefined ? {} : { value }) }),
    };
}
