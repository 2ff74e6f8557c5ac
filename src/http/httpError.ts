import type { Response } from 'restify';
import { SERVER_ERROR_MESSAGE, type ErrorBody, type ErrorProblem } from './errorBody';

/** What an HttpError may carry besides its status, code and message. */
export interface HttpErrorOptions {
    /** Headers sent with the error, such as `retry-after`. */
    headers?: Record<string, string>;
    /** What went wrong underneath: logged with the error, never sent. */
    cause?: unknown;
    /** Each fault of refused content, sent in the body as `problems` (written for the client, like the message). */
    problems?: readonly ErrorProblem[];
}

/**
 * A request refused or failed, with the status, code and message its client is told, as `{"error":{"code","message"}}`.
 * @remarks The message goes to the client as it is, so it is written for them from the start: it names the field or
 * parameter at fault and holds no internals (no class or method name, no database message); those travel in `cause`,
 * which only the log sees.
 */
export class HttpError<Code extends string = string> extends Error {
    override readonly name: string = 'HttpError';
    readonly headers: Readonly<Record<string, string>>;
    readonly problems: readonly ErrorProblem[] | undefined;

    constructor(
        readonly status: number,
        readonly code: Code,
        message: string,
        options: HttpErrorOptions = {},
    ) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.headers = Object.freeze({ ...options.headers });
        this.problems = options.problems === undefined ? undefined : Object.freeze(options.problems.map((p) => ({ ...p })));
    }

    /** The response body. */
    toBody(): ErrorBody<Code> {
        return { error: { code: this.code, message: this.message, ...(this.problems ? { problems: [...this.problems] } : {}) } };
    }
}

/** The 500 every route answers for a failure it does not know: the same body everywhere, nothing about the cause. */
export function serverError(cause?: unknown): HttpError<'ServiceError'> {
    return new HttpError(500, 'ServiceError', SERVER_ERROR_MESSAGE, { cause });
}

/** Answers `error` with its status, headers and body; an error is never cached (it may be gone on the next try). */
export function sendError(res: Response, error: HttpError): void {
    // setHeader, not restify's res.header, which appends to a header already set ("no-store, no-store").
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    res.send(error.status, error.toBody());
}
