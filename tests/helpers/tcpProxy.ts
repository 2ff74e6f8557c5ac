import { createServer, Server, Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy in front of a server, which a test can cut (an outage) and restore. */
export interface TcpProxy {
    port: number;
    /** Drops every connection and refuses new ones. */
    cut(): void;
    restore(): void;
    close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
    const sockets = new Set<Socket>();
    let up = true;
    const server: Server = createServer((client) => {
        if (!up) {
            client.destroy();
            return;
        }
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        port: (server.address() as AddressInfo).port,
        cut() {
            up = false;
            for (const s of sockets) s.destroy();
        },
        restore() {
            up = true;
        },
        close: () =>
            new Promise<void>((resolve) => {
                for (const s of sockets) s.destroy();
                server.close(() => resolve());
            }),
    };
}
