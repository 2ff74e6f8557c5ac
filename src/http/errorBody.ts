/** What every route tells a client when the server failed: nothing about why (that goes to the log). */
export const SERVER_ERROR_MESSAGE = 'something went wrong on the server; try again';

/** The one shape of every error a route answers, Direct Line's: `{"error":{"code","message"}}`. */
export interface ErrorBody<Code extends string = string> {
    error: { code: Code; message: string };
}

/** The error body of a 500, in the shape every route uses. */
export function serverErrorBody(): ErrorBody<'ServiceError'> {
    return { error: { code: 'ServiceError', message: SERVER_ERROR_MESSAGE } };
}
