import { HttpError } from '../../http/httpError';

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

/** A refusal with its HTTP status and one of Direct Line's error codes; the routes answer it as every HttpError. */
export class DirectLineError extends HttpError<DirectLineErrorCode> {
    override readonly name: string = 'DirectLineError';
}
