import { HttpError } from '../http/httpError';
import type { ErrorMapper } from '../http/route';
import { StorageConflictError } from '../stores/shared/storageConflictError';
import { StorageUnavailableError } from '../stores/shared/storageUnavailableError';

/** Seconds a client is asked to wait before trying again when the database does not answer. */
export const STORE_RETRY_AFTER_S = 5;

/**
 * The storage errors any route may meet, and what its client is told; every surface answers them alike.
 * @remarks The database that does not answer may answer in a minute, so it is a 503 with `Retry-After` (DirectLineJS
 * and the console retry), not a 500. A write that lost a race is a 409: reading again and retrying succeeds.
 */
export const KNOWN_ERRORS: readonly ErrorMapper[] = Object.freeze([
    (err: unknown) =>
        err instanceof StorageUnavailableError
            ? new HttpError(503, 'ServiceError', 'the service is briefly unavailable; please try again in a few seconds', {
                  headers: { 'retry-after': String(STORE_RETRY_AFTER_S) },
                  cause: err,
              })
            : undefined,
    (err: unknown) =>
        err instanceof StorageConflictError ? new HttpError(409, 'Conflict', 'this changed while the request was made; read it again and retry', { cause: err }) : undefined,
]);
