/** What every route tells a client when the server failed: nothing about why (that goes to the log). */
export const SERVER_ERROR_MESSAGE = 'something went wrong on the server; try again';

/** One thing a refused change got wrong, naming its place: the item (`entryId`) and the field, as the client sent them. */
export interface ErrorProblem {
    entryId?: string;
    field?: string;
    message: string;
}

/**
 * The one shape of every error a route answers, Direct Line's: `{"error":{"code","message"}}`; a refusal of content
 * with several faults (a knowledge entry) lists each in `problems`, so an editor can mark every field at once.
 */
export interface ErrorBody<Code extends string = string> {
    error: { code: Code; message: string; problems?: ErrorProblem[] };
}

/** The error body of a 500, in the shape every route uses. */
export function serverErrorBody(): ErrorBody<'ServiceError'> {
    return { error: { code: 'ServiceError', message: SERVER_ERROR_MESSAGE } };
}
