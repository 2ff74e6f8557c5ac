/** What every route tells a client when the server failed: nothing about why (that goes to the log). */
export const SERVER_ERROR_MESSAGE = 'something went wrong on the server; try again';

/** The error body of a 500, in the shape every route uses: `{"error":{"code","message"}}`. */
export function serverErrorBody(): { error: { code: 'ServiceError'; message: string } } {
    return { error: { code: 'ServiceError', message: SERVER_ERROR_MESSAGE } };
}
