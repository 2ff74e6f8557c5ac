/**
 * Raised when the database does not answer: it refused the connection, dropped it, did not answer in time, or is
 * known to be down (see `PgGate`). The request cannot be served now but may be in a minute: routes answer 503,
 * a turn apologises.
 */
export class StorageUnavailableError extends Error {
    override readonly name = 'StorageUnavailableError';

    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
    }
}
