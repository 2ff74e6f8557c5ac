import { toHttpError } from '../../src/http/route';
import { KNOWN_ERRORS, STORE_RETRY_AFTER_S } from '../../src/server/knownErrors';
import { StorageConflictError } from '../../src/stores/shared/storageConflictError';
import { StorageUnavailableError } from '../../src/stores/shared/storageUnavailableError';

describe('KNOWN_ERRORS', () => {
    it('answers a database that does not answer with 503 and Retry-After, without the database’s message', () => {
        const answer = toHttpError(new StorageUnavailableError('PgGate: connect ECONNREFUSED 10.1.2.3:5432'), KNOWN_ERRORS);
        expect(answer.status).toBe(503);
        expect(answer.headers).toEqual({ 'retry-after': String(STORE_RETRY_AFTER_S) });
        expect(answer.toBody()).toEqual({ error: { code: 'ServiceError', message: expect.stringMatching(/try again/) } });
        expect(answer.message).not.toMatch(/PgGate|ECONNREFUSED/);
        expect(answer.cause).toBeInstanceOf(StorageUnavailableError);
    });

    it('answers a write that lost a race with 409, without the storage key', () => {
        const answer = toHttpError(new StorageConflictError('webchat/conversations/secret-id'), KNOWN_ERRORS);
        expect(answer.status).toBe(409);
        expect(answer.code).toBe('Conflict');
        expect(answer.message).not.toContain('secret-id');
    });

    it('leaves any other error to the generic 500', () => {
        expect(toHttpError(new Error('disk full'), KNOWN_ERRORS).toBody()).toEqual({ error: { code: 'ServiceError', message: 'something went wrong on the server; try again' } });
    });
});
