import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'restify';

/** A file held in memory with its validator and, once asked for, its gzip form. */
export interface Asset {
    body: Buffer;
    etag: string;
    type: string;
    cacheControl: string;
    gzipped?: Promise<Buffer>;
}

/**
 * The file `locate` names, read on first use and then held in memory (a missing file fails the first request, not
 * start-up); `fill`, when given, turns the file into what is served (a page with parts written by the server).
 */
export function lazyAsset(locate: () => string, type: string, cacheControl: string, fill?: (file: Buffer) => Buffer): () => Asset {
    let asset: Asset | undefined;
    return () => {
        if (!asset) {
            const file = readFileSync(locate());
            const body = fill ? fill(file) : file;
            asset = { body, type, cacheControl, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        }
        return asset;
    };
}

/** Sends `asset` with its validator and caching headers: 304 when the browser has it, gzip when it asks and it pays. */
export async function sendAsset(req: Request, res: Response, asset: Asset): Promise<void> {
    res.header('etag', asset.etag);
    res.header('cache-control', asset.cacheControl);
    res.header('x-content-type-options', 'nosniff');
    res.header('vary', 'accept-encoding');
    if (req.header('if-none-match') === asset.etag) {
        res.writeHead(304);
        res.end();
        return;
    }
    const useGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '') && asset.body.length > 1024;
    const body = useGzip ? await (asset.gzipped ??= promisify(gzip)(asset.body)) : asset.body;
    res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, ...(useGzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
}
