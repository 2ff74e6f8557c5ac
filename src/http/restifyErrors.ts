import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { SERVER_ERROR_MESSAGE } from './errorBody';

/** restify's error codes, as the Bot Framework's error codes name them. */
const ERROR_CODES: Record<string, string> = {
    InvalidContent: 'BadSyntax',
    PayloadTooLarge: 'MessageSizeTooBig',
    RequestEntityTooLarge: 'MessageSizeTooBig',
    ResourceNotFound: 'NotFound',
    MethodNotAllowed: 'BadArgument',
    UnsupportedMediaType: 'BadArgument',
};

/**
 * Gives the errors restify answers itself (no such route, a body too large or not JSON, a handler outside `route`
 * that threw) the error body every route uses, `{"error":{"code","message"}}`; a 5xx never shows internals.
 */
export function formatRestifyErrors(server: Server, logger: Logger): void {
    server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
        const status = err.statusCode ?? 500;
        if (status >= 500) logger.error({ err, method: req.method, path: req.path() }, 'request failed');
        const code = ERROR_CODES[err.body?.code ?? ''] ?? (status >= 500 ? 'ServiceError' : 'BadArgument');
        const message = status >= 500 ? SERVER_ERROR_MESSAGE : err.message;
        // An error thrown by a handler (not a restify error) has no statusCode: restify would then send a new
        // InternalError carrying the thrown error's message. With one, restify sends this error, in this shape.
        Object.assign(err, { statusCode: status, toJSON: () => ({ error: { code, message } }) });
        callback();
    });
}
