import type { Request, Response } from 'restify';

/**
 * Paths a page on another site calls: the widget's token, the built-in Direct Line and the privacy notice it shows.
 * @remarks They authenticate with a bearer token in a header, never a cookie (the notice is public), so any origin may
 * call them: the widget is meant to be embedded on any site with one script tag.
 */
const CROSS_ORIGIN_PATHS = [/^\/v3\/directline(\/|$)/, /^\/api\/directline\/token$/, /^\/api\/privacy$/];

/** Adds CORS headers on the cross-origin paths, and answers their preflight requests itself; true when it did. */
export function handleCors(req: Request, res: Response): boolean {
    if (!CROSS_ORIGIN_PATHS.some((p) => p.test(req.path()))) return false;
    res.header('access-control-allow-origin', '*');
    res.header('access-control-expose-headers', 'retry-after');
    if (req.method !== 'OPTIONS') return false;
    res.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.header('access-control-allow-headers', 'authorization, content-type, x-ms-bot-agent, x-requested-with');
    res.header('access-control-max-age', '600');
    res.send(204);
    return true;
}
