/** Raised when a write carries an eTag that no longer matches the stored item (someone wrote in between). */
export class StorageConflictError extends Error {
    override readonly name = 'StorageConflictError';

    constructor(readonly key: string) {
        super(`Storage.write(): eTag conflict on "${key}": the item changed since it was read`);
    }
}
