import type { Logger } from 'pino';
import type { KnowledgeBase } from '../knowledge/loader';
import type { KnowledgeProblem } from '../knowledge/knowledgeLoadError';
import { applyLayer } from './knowledgeLayer';
import type { KnowledgeLayerStore } from './knowledgeStore';

/** How often each instance asks the store which version is live: a publication is answered everywhere within about this. */
export const LIVE_POLL_MS = 1_000;

/** A published version that did not load, so the instance kept the last good one. */
export interface BrokenVersion {
    n: number;
    problems: KnowledgeProblem[];
    /** ISO 8601: when this instance found it. */
    at: string;
}

/** Where the instance's knowledge stands, for the console. */
export interface LiveStatus {
    /** The version this instance answers from (0: the shipped folder alone). */
    version: number;
    /** The newest published version, as last read. */
    published: number;
    /** Published versions newer than `version` that did not load. */
    broken: BrokenVersion[];
}

/**
 * The knowledge an instance answers from: the shipped folder with the live version of advisors' layer on top, built
 * into whatever the bot needs (search, dialogs) by `build`. Every LIVE_POLL_MS it reads the live version's number and,
 * when it changed, loads that version, checks it as the files are checked and swaps it in between turns; no restart.
 * @remarks A version that does not load (a release changed the schema under it) is skipped for the newest one before
 * it that does, and said loudly: an error in the log, and `status().broken` in the console. A database that does not
 * answer leaves the instance on what it has.
 */
export class LiveKnowledge<T> {
    private built: T;
    private loaded = 0;
    private published = 0;
    private readonly broken = new Map<number, BrokenVersion>();
    private timer: NodeJS.Timeout | undefined;
    private refreshing: Promise<void> | undefined;
    private unavailable = false;

    constructor(
        private readonly options: {
            base: KnowledgeBase;
            store: Pick<KnowledgeLayerStore, 'liveVersion' | 'version'>;
            build: (kb: KnowledgeBase) => T;
            logger: Logger;
            pollMs?: number;
        },
    ) {
        this.built = options.build(options.base);
    }

    /** What the instance answers from now. */
    get current(): T {
        return this.built;
    }

    status(): LiveStatus {
        return { version: this.loaded, published: this.published, broken: [...this.broken.values()].filter((b) => b.n > this.loaded).sort((a, b) => b.n - a.n) };
    }

    /** Loads the live version now, then keeps checking. */
    async start(): Promise<void> {
        await this.refresh();
        this.timer ??= setInterval(() => void this.refresh(), this.options.pollMs ?? LIVE_POLL_MS);
        this.timer.unref();
    }

    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
    }

    /** Reads the live version's number and swaps in that version when it is new; one refresh at a time. */
    refresh(): Promise<void> {
        return (this.refreshing ??= this.check().finally(() => (this.refreshing = undefined)));
    }

    private async check(): Promise<void> {
        const { store, logger } = this.options;
        let newest: number;
        try {
            newest = await store.liveVersion();
            if (this.unavailable) logger.info('live knowledge: the store answers again');
            this.unavailable = false;
        } catch (err) {
            if (!this.unavailable) logger.warn({ err }, 'live knowledge: could not read the live version; answering from the one loaded');
            this.unavailable = true;
            return;
        }
        this.published = newest;
        if (newest === this.loaded) return;
        // From the newest down: the first that loads is used; broken ones are remembered, not tried again each second.
        for (let n = newest; n > 0; n--) {
            if (n === this.loaded) return;
            if (this.broken.has(n)) continue;
            const loaded = await this.load(n);
            if (loaded) return;
        }
        if (this.loaded !== 0) this.swap(this.options.base, 0);
    }

    private async load(n: number): Promise<boolean> {
        const { store, base, logger } = this.options;
        let version;
        try {
            version = await store.version(n);
        } catch (err) {
            logger.warn({ err, version: n }, 'live knowledge: could not read a version; trying again shortly');
            return true;
        }
        if (!version) return false;
        const layered = applyLayer(base, version.items);
        if (layered.problems.length > 0) {
            this.broken.set(n, { n, problems: layered.problems, at: new Date().toISOString() });
            logger.error({ version: n, problems: layered.problems.slice(0, 10) }, `live knowledge: published version ${n} does not load; skipped for the last good one`);
            return false;
        }
        if (layered.baseChanged.length > 0) logger.warn({ version: n, items: layered.baseChanged }, 'live knowledge: shipped entries changed since advisors changed them; advisors\u2019 text stays live');
        try {
            this.swap(layered.kb, n);
        } catch (err) {
            this.broken.set(n, { n, problems: [{ file: 'knowledge', message: (err as Error).message }], at: new Date().toISOString() });
            logger.error({ err, version: n }, `live knowledge: published version ${n} could not be built; skipped for the last good one`);
            return false;
        }
        return true;
    }

    private swap(kb: KnowledgeBase, n: number): void {
        const started = performance.now();
        this.built = this.options.build(kb);
        this.loaded = n;
        this.options.logger.info({ version: n, entries: kb.entries.length, buildMs: Math.round(performance.now() - started) }, 'live knowledge: now answering from this version');
    }
}
