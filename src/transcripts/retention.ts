import type { Logger } from 'pino';

/** Something that deletes what is older than a cutoff and says how much it deleted. */
export type Deleter = { name: string; deleteOlderThan(cutoff: Date): Promise<number> | number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes conversations (and what belongs to them) older than `days`, once shortly after start and then
 * daily. Returns a function that stops it.
 */
export function scheduleRetention(days: number, deleters: Deleter[], logger: Logger, firstRunMs = 60_000): () => void {
    const run = async () => {
        const cutoff = new Date(Date.now() - days * DAY_MS);
        for (const deleter of deleters) {
            try {
                const deleted = await deleter.deleteOlderThan(cutoff);
                if (deleted > 0) logger.info({ deleted, store: deleter.name, cutoff: cutoff.toISOString() }, 'retention: deleted old records');
            } catch (err) {
                logger.error({ err, store: deleter.name }, 'retention: could not delete old records');
            }
        }
    };
    const first = setTimeout(() => void run(), firstRunMs).unref();
    const daily = setInterval(() => void run(), DAY_MS).unref();
    return () => {
        clearTimeout(first);
        clearInterval(daily);
    };
}
