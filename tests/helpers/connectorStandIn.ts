import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** What the bot sent to the channel, as the channel received it. */
export interface Delivered {
    method: string;
    conversationId: string;
    replyToId?: string;
    activity: Activity;
    /** The id the channel gave the activity (its ResourceResponse). */
    id: string;
}

/**
 * A stand-in for a channel's Bot Connector service (Teams, here): the bot sends its replies to the
 * activity's `serviceUrl`, and this server records them, as Teams would receive them.
 */
export async function startConnectorStandIn(): Promise<{ url: string; delivered: Delivered[]; close(): Promise<void> }> {
    const delivered: Delivered[] = [];
    let next = 1;
    const server: Server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
            const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
            if (!match) {
                res.writeHead(404);
                res.end();
                return;
            }
            const id = `reply-${next++}`;
            delivered.push({
                method: req.method ?? '',
                conversationId: decodeURIComponent(match[1]),
                replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
                activity: JSON.parse(body || '{}') as Activity,
                id,
            });
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        delivered,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
