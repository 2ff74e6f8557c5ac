import type { Request } from 'restify';

/**
 * The client's address for throttling: the socket's peer, or, behind a trusted proxy, the address that proxy
 * appended last to `X-Forwarded-For` (entries before it are whatever the client wrote).
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
    if (trustProxy) {
        const hops = req.header('x-forwarded-for', '').split(',').map((h) => h.trim()).filter(Boolean);
        if (hops.length > 0) return hops[hops.length - 1];
    }
    return req.socket?.remoteAddress ?? 'unknown';
}
