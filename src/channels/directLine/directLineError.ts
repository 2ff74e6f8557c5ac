/** Error codes of the Bot Framework's error bodies, plus the token cases the built-in Direct Line adds. */
export type DirectLineErrorCode =
    | 'BadArgument'
    | 'BadSyntax'
    | 'MissingProperty'
    | 'MessageSizeTooBig'
    | 'Unauthorized'
    | 'TokenExpired'
    | 'Forbidden'
    | 'NotFound'
    | 'BotError'
    | 'ServiceError';

/** A refusal with its HTTP status; the routes answer it as `{"error":{"code","message"}}`. */
export class DirectLineError extends Error {
    override readonly name = 'DirectLineError';
    constructor(readonly status: number, readonly code: DirectLineErrorCode, message: string) {
        super(message);
    }

    /** The response body, as Direct Line 3.0 gives errors. */
    toBody(): { error: { code: DirectLineErrorCode; message: string } } {
        return { error: { code: this.code, message: this.message } };
    }
}
