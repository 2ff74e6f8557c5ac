import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { HttpError, sendError, serverError } from './httpError';
import { zodRefusal } from './parseInput';

/** What a handler answers: a status and, unless it is empty, a JSON body; undefined when it answered itself (a file, a 429). */
export type RouteAnswer = readonly [status: number, body?: unknown] | undefined;

/** A route's work: it returns its answer, or throws an HttpError (or any error) for the route to answer. */
export type RouteHandler = (req: Request, res: Response) => Promise<RouteAnswer>;

/** The answer to a domain error a surface meets (a database that does not answer), or undefined for one it does not know. */
export type ErrorMapper = (err: unknown) => HttpError | undefined;

/** What the routes of one surface (`/api/messages`, Direct Line, the advisor API) share. */
export interface RouteContext {
    logger: Logger;
    /** Names the surface in the log: "directline", "advisor api". */
    surface: string;
    /** Domain errors and their answers, tried in order before an error counts as unknown (a 500). */
    knownErrors?: readonly ErrorMapper[];
}

/** A restify handler that runs `handler` and answers whatever it returns or throws (see `respond`). */
export function route(context: RouteContext, handler: RouteHandler): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
        await respond(context, handler, req, res);
    };
}

/**
 * Runs `handler` and answers for it, the same way on every surface: its answer as JSON; an HttpError with its status,
 * headers and error body; a known domain error as its mapper says; a zod error as a 400 naming the field; anything
 * else as a 500 that says nothing about the cause. Every answer is `cache-control: no-store`, and every 5xx is
 * logged once, with its cause.
 * @returns the status sent, for a caller that counts requests by their outcome.
 */
export async function respond(context: RouteContext, handler: RouteHandler, req: Request, res: Response): Promise<number> {
    let answer: RouteAnswer;
    try {
        answer = await handler(req, res);
    } catch (err) {
        return answerFailure(context, err, req, res);
    }
    if (!answer) return res.statusCode;
    const [status, body] = answer;
    res.setHeader('cache-control', 'no-store');
    res.send(status, body);
    return status;
}

/** What the client is told about `err`. */
export function toHttpError(err: unknown, knownErrors: readonly ErrorMapper[] = []): HttpError {
    if (err instanceof HttpError) return err;
    for (const known of knownErrors) {
        const answer = known(err);
        if (answer) return answer;
    }
    if (err instanceof z.ZodError) return zodRefusal(err);
    return serverError(err);
}

function answerFailure(context: RouteContext, err: unknown, req: Request, res: Response): number {
    const answer = toHttpError(err, context.knownErrors);
    if (answer.status >= 500) context.logger.error({ err, status: answer.status, method: req.method, path: req.path() }, `${context.surface}: request failed`);
    if (res.headersSent) {
        // The handler had begun its answer (a file's headers): a half-sent body must not pass for a whole one.
        res.destroy();
        return res.statusCode;
    }
    sendError(res, answer);
    return answer.status;
}
