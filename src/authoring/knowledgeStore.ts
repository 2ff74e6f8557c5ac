import type { DraftItem, LayerChange, LayerItem, PublishedVersion, VersionSummary } from './knowledgeLayer';

/** What a publication puts in its version, decided from the drafts and the live version read in the same transaction. */
export interface Publication {
    items: LayerItem[];
    changes: LayerChange[];
    restoredFrom?: number;
    /** Restoring: the drafts become exactly these items (each draft's version goes up, so an editor's stale copy is refused). */
    replaceDrafts?: boolean;
}

/**
 * Where the advisors' layer is kept (SQLite for one instance, PostgreSQL for several): the working draft, item by
 * item, and every published version. The rules (what may be saved, what a version changes) are `KnowledgeAuthoring`'s.
 */
export interface KnowledgeLayerStore {
    /** Every item of the working draft. */
    drafts(): Promise<DraftItem[]>;
    /**
     * Saves one draft item if its version is still `expectedVersion` (0: there is no draft of it yet), as version
     * `expectedVersion + 1`; throws StaleDraftError otherwise, so of two advisors saving one entry the later is refused.
     */
    saveDraft(item: LayerItem, expectedVersion: number, by: string): Promise<DraftItem>;
    /** Removes one draft item (back to the shipped one) if its version is still `expectedVersion`; StaleDraftError otherwise. */
    discardDraft(key: string, expectedVersion: number): Promise<void>;
    /**
     * Publishes the next version: in one transaction (under a lock on PostgreSQL, so two instances cannot both take
     * one number), `compose` reads the drafts and the live version and says what the new version holds.
     * `compose` may throw to publish nothing.
     */
    publish(by: string, compose: (drafts: DraftItem[], live: PublishedVersion | undefined) => Publication): Promise<PublishedVersion>;
    /** The live version's number, 0 before the first publication: instances poll it, so it must be cheap. */
    liveVersion(): Promise<number>;
    version(n: number): Promise<PublishedVersion | undefined>;
    /** Newest first. */
    versions(): Promise<VersionSummary[]>;
    close(): Promise<void>;
}

/** A save with an `If-Match` version that is no longer the draft's: another advisor saved first. */
export class StaleDraftError extends Error {
    override readonly name = 'StaleDraftError';
    constructor(
        readonly key: string,
        readonly expected: number,
        readonly actual: number,
    ) {
        super(`StaleDraftError: ${key} is at version ${actual}, not ${expected}: someone saved it since it was opened`);
    }
}
