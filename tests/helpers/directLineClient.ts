import type { Activity } from 'botbuilder';

/** A response with its status and parsed JSON body. */
export interface Answer<T = Record<string, unknown>> {
    status: number;
    body: T;
    headers: Headers;
}

/** A Direct Line 3.0 client for tests, speaking to `base` (e.g. `http://127.0.0.1:1234/v3/directline`). */
export function directLineClient(base: string) {
    const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> => {
        const response = await fetch(`${base}${path}`, {
            method,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
    };
    type Conversation = { conversationId: string; token: string; expires_in: number; streamUrl?: string };
    type Page = { activities: Activity[]; watermark: string };

    const client = {
        call,
        generate: () => call<Conversation>('POST', '/tokens/generate'),
        refresh: (token: string) => call<Conversation>('POST', '/tokens/refresh', token),
        start: (token: string) => call<Conversation>('POST', '/conversations', token),
        resume: (token: string, id: string) => call<Conversation>('GET', `/conversations/${encodeURIComponent(id)}`, token),
        post: (token: string, id: string, activity: unknown) => call<{ id: string }>('POST', `/conversations/${encodeURIComponent(id)}/activities`, token, activity),
        poll: (token: string, id: string, watermark = '') =>
            call<Page>('GET', `/conversations/${encodeURIComponent(id)}/activities?watermark=${encodeURIComponent(watermark)}`, token),
        /** A started conversation: its token, id, and the watermark after what the start produced. */
        async open(): Promise<Conversation & { watermark: string; activities: Activity[] }> {
            const { body: issued } = await client.generate();
            const { body: started } = await client.start(issued.token);
            const { body: page } = await client.poll(started.token, started.conversationId);
            return { ...started, watermark: page.watermark, activities: page.activities };
        },
        /** Polls until `done` holds for the activities after `watermark` (or gives up after `timeoutMs`). */
        async pollUntil(token: string, id: string, watermark: string, done: (activities: Activity[]) => boolean, timeoutMs = 5000): Promise<Page> {
            const seen: Activity[] = [];
            let mark = watermark;
            for (const until = Date.now() + timeoutMs; ; ) {
                const { body } = await client.poll(token, id, mark);
                seen.push(...body.activities);
                mark = body.watermark;
                if (done(seen) || Date.now() > until) return { activities: seen, watermark: mark };
                await new Promise((r) => setTimeout(r, 50));
            }
        },
    };
    return client;
}

/** Messages the bot sent, among `activities`. */
export const botMessages = (activities: Activity[]) => activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
