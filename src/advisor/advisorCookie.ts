import type { Request } from 'restify';

/** Every value the Cookie header gives the name (a browser can send one name twice, from different paths). */
export function readCookies(header: string | undefined, name: string): string[] {
    if (!header) return [];
    const values: string[] = [];
    for (const pair of header.split(';')) {
        const eq = pair.indexOf('=');
        if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
        const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
        if (value) values.push(value);
    }
    return values;
}

/** The session cookie: script cannot read it, no other site's request carries it, and over HTTPS it never travels in the clear. */
export function sessionCookie(name: string, token: string, maxAgeSeconds: number, secure: boolean): string {
    return [`${name}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(name: string, secure: boolean): string {
    return sessionCookie(name, '', 0, secure);
}

/** True when the browser reached us over HTTPS, directly or through a proxy that ends TLS. */
export function isHttps(req: Request): boolean {
    const forwarded = req.header('x-forwarded-proto', '');
    return req.isSecure() || forwarded.split(',')[0].trim().toLowerCase() === 'https';
}
