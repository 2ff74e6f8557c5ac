import type { Request } from 'restify';

/**
 * The console's paths: its pages and forms under `/advisor` (sign-in and sign-out included), its API under
 * `/api/advisor`. Matched without regard to case or repeated slashes, so no spelling of a path the router might
 * still take slips past the check.
 */
const CONSOLE_PATH = /^\/+(?:api\/+)?advisor(?:[/.]|$)/i;
const API_PATH = /^\/+api\/+advisor(?:[/.]|$)/i;

/** Methods that change nothing (the console's GET routes only read); every other method is a change. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A host as the Host or X-Forwarded-Host header gives it: a name, IPv4 or [IPv6] address, and an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Why a state-changing console request is refused, as the error body says it. */
export interface ConsoleRefusal {
    status: 403 | 415;
    code: 'CrossOrigin' | 'BadArgument';
    message: string;
}

/**
 * The console's own origin as the browser sees it (`https://bot.example.org`), or undefined when the request does
 * not say which host it was sent to.
 * @param trustProxy behind a proxy that ends TLS (`TRUST_PROXY`): the scheme and host are the ones it forwards in
 * `X-Forwarded-Proto` and `X-Forwarded-Host` (the first value: the one the browser used), falling back to the
 * connection's scheme and the Host header; without it those headers are ignored, since any client can write them.
 */
export function consoleOrigin(req: Request, trustProxy: boolean): string | undefined {
    let scheme = req.isSecure() ? 'https' : 'http';
    let host = req.header('host', '');
    if (trustProxy) {
        const proto = firstValue(req.header('x-forwarded-proto', '')).toLowerCase();
        if (proto === 'http' || proto === 'https') scheme = proto;
        host = firstValue(req.header('x-forwarded-host', '')) || host;
    }
    return HOST.test(host) ? originOf(`${scheme}://${host}`) : undefined;
}

/**
 * Checks a request to the console before anything reads its body: a change (any method but GET, HEAD and OPTIONS)
 * must come from the console's own pages, and a change to the API must be JSON. Undefined when it may go on.
 * @remarks The session cookie is SameSite=Strict, but "site" is the registrable domain without port or scheme: a page
 * on the same host at another port, or on another subdomain, is the same site and its form posts carry the cookie.
 * The origin is what tells them apart. A browser sends `Origin` with every POST, PATCH and DELETE; one that sends
 * `Origin: null` (a no-referrer policy, a sandboxed frame) or none is let through only with
 * `Sec-Fetch-Site: same-origin`, which scripts cannot set. A request with neither is refused: a script or curl
 * must send `Origin: <the console's origin>`. The JSON requirement keeps plain HTML forms out of the API even if
 * a proxy in front dropped or rewrote the headers.
 */
export function checkConsoleRequest(req: Request, trustProxy: boolean): ConsoleRefusal | undefined {
    const path = req.path();
    if (SAFE_METHODS.has((req.method ?? '').toUpperCase()) || !(CONSOLE_PATH.test(path) || CONSOLE_PATH.test(decoded(path)))) return undefined;
    const expected = consoleOrigin(req, trustProxy);
    const origin = req.header('origin', '');
    if (origin && origin !== 'null') {
        if (expected === undefined || originOf(origin) !== expected) {
            return crossOrigin(`this request came from ${JSON.stringify(origin.slice(0, 200))}, not from the console's own origin${expected ? ` ${expected}` : ''}: the console accepts changes only from its own pages`);
        }
    } else {
        const site = req.header('sec-fetch-site', '').toLowerCase();
        if (site !== 'same-origin') {
            return crossOrigin(
                site
                    ? `this request came from another origin (Sec-Fetch-Site: ${site.slice(0, 40)}): the console accepts changes only from its own pages`
                    : `this request names no origin: send the header Origin: ${expected ?? '<the console\'s origin>'} (browsers send it themselves)`,
            );
        }
    }
    if ((API_PATH.test(path) || API_PATH.test(decoded(path))) && !req.is('json')) {
        return { status: 415, code: 'BadArgument', message: 'expected a JSON body (Content-Type: application/json): the console API takes no form posts' };
    }
    return undefined;
}

function crossOrigin(message: string): ConsoleRefusal {
    return { status: 403, code: 'CrossOrigin', message };
}

/** The first of a header's comma-separated values, trimmed. */
function firstValue(header: string): string {
    return header.split(',')[0].trim();
}

/** `scheme://host[:port]` with the default port dropped and the host lower-cased, or undefined when it is not an origin. */
function originOf(text: string): string | undefined {
    // Only scheme, host and port: a path, query, credentials or spaces mean it is not an origin.
    if (!/^https?:\/\/[^/?#@\s\\]+\/?$/i.test(text)) return undefined;
    try {
        return new URL(text).origin;
    } catch {
        return undefined;
    }
}

function decoded(path: string): string {
    try {
        return decodeURIComponent(path);
    } catch {
        return path;
    }
}
