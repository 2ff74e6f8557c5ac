import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config/config';

/** An advisor's name and password, as the console's sign-in form posts them. */
export interface AdvisorAccount {
    username: string;
    password: string;
}

/** The real application listening on a free local port, and what a test does with it over HTTP. */
export interface TestApp {
    app: App;
    /** `http://127.0.0.1:<port>`. */
    base: string;
    /** Posts the console's sign-in form from its own page (with its Origin), as a browser does; the response as it came. */
    postSignIn(account: AdvisorAccount): Promise<Response>;
    /** Signs in and returns the session cookie (`name=value`); throws, naming the status and where it was sent, when refused. */
    signIn(account: AdvisorAccount): Promise<string>;
    /** Stops the app and closes its storage. */
    close(): Promise<void>;
}

/** How long `close` waits for requests in flight: a test's turns take milliseconds. */
const SHUTDOWN_MS = 2000;

/** The settings that make `account` the first admin, created when the app starts. */
export const bootstrapAdmin = (account: AdvisorAccount): Record<string, string> => ({
    ADVISOR_BOOTSTRAP_USER: account.username,
    ADVISOR_BOOTSTRAP_PASSWORD: account.password,
});

/**
 * Builds the application as `npm start` does (in-memory storage unless `env` says otherwise, `env` overriding
 * the rest), waits for its start-up work, and listens on a free port of 127.0.0.1. The logger is silent unless
 * `options` gives one.
 */
export async function startTestApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestApp> {
    const app = createApp(loadConfig({ STORAGE: 'memory', PORT: '0', ...env }), { logger: pino({ level: 'silent' }), ...options });
    try {
        await app.ready();
        await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    } catch (error) {
        // The storage is open: close it, or jest waits on its handles.
        await app.shutdown(SHUTDOWN_MS);
        throw error;
    }
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const postSignIn = (account: AdvisorAccount) =>
        fetch(`${base}/advisor/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
            body: new URLSearchParams({ username: account.username, password: account.password }).toString(),
            redirect: 'manual',
        });
    const signIn = async (account: AdvisorAccount) => {
        const response = await postSignIn(account);
        const location = response.headers.get('location');
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
        // A refused sign-in is a 303 as well: back to the form, with the reason in the query and no cookie.
        if (response.status !== 303 || location !== '/advisor' || !cookie) {
            throw new Error(`signIn(${account.username}): refused with ${response.status} to ${location ?? '(no location)'}: ${await response.text()}`);
        }
        return cookie;
    };
    return { app, base, postSignIn, signIn, close: () => app.shutdown(SHUTDOWN_MS) };
}
