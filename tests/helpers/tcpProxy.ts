import { createServer, Server, Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy in front of a server, which a test can cut (an outage) and restore. */
export interface TcpProxy {
    port: number;
    /** Drops every connection and refuses new ones. */
    cut(): void;
    /**
     * Drops packets: connections stay open and new ones are accepted, but nothing is forwarded either way, as when a
     * network or a database host stops answering (no reset, no error: only silence).
     */
    blackhole(): void;
    /** Stops listening, so connections are refused (ECONNREFUSED), and drops the open ones. */
    refuse(): Promise<void>;
    /** Forwards again (connections opened during a blackhole stay silent: what they sent is lost). */
    restore(): Promise<void>;
    close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
    const sockets = new Set<Socket>();
    let mode: 'forward' | 'cut' | 'blackhole' | 'refuse' = 'forward';
    const track = (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
    };
    const server: Server = createServer((client) => {
        track(client);
        if (mode === 'cut' || mode === 'refuse') {
            client.destroy();
            return;
        }
        if (mode === 'blackhole') {
            // Accepted, and never answered: what the client sends goes nowhere.
            client.on('data', () => undefined);
            return;
        }
        const upstream = connect(target.port, target.host);
        track(upstream);
        // Bytes pass only while forwarding; in a blackhole they are read and dropped, the sockets left open.
        client.on('data', (chunk) => void (mode === 'forward' && upstream.write(chunk)));
        upstream.on('data', (chunk) => void (mode === 'forward' && client.write(chunk)));
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
    });
    const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await listen(0);
    const port = (server.address() as AddressInfo).port;
    return {
        port,
        cut() {
            mode = 'cut';
            for (const s of sockets) s.destroy();
        },
        blackhole() {
            mode = 'blackhole';
        },
        async refuse() {
            mode = 'refuse';
            for (const s of sockets) s.destroy();
            if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
        },
        async restore() {
            mode = 'forward';
            if (!server.listening) await listen(port);
        },
        close: () =>
            new Promise<void>((resolve) => {
                for (const s of sockets) s.destroy();
                if (server.listening) server.close(() => resolve());
                else resolve();
            }),
    };
}
