import { Channels, Storage, StoreItems } from 'botbuilder';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Request, Response, Server } from 'restify';
import type { AnswerTrace } from '../replies/answerTrace';

/** What an instrumented storage operation was. */
export type StorageOperation = 'read' | 'write' | 'delete';

/** What failed, for `mltbot_errors_total`. */
export type ErrorKind = 'turn' | 'storage';

/** The bot's Prometheus metrics, in a registry of their own (with Node's default process metrics). */
export interface Metrics {
    readonly registry: Registry;
    /** `mltbot_turns_total{channel}`: turns handled, failed ones included. */
    readonly turns: Counter<'channel'>;
    /** `mltbot_turn_duration_seconds{channel}`: from the first middleware to the end of the turn. */
    readonly turnSeconds: Histogram<'channel'>;
    /** `mltbot_answers_total{source}`: replies sent, by the `source` of their `channelData.answer`. */
    readonly answers: Counter<'source'>;
    /** `mltbot_errors_total{kind}`: failed turns and failed storage operations. */
    readonly errors: Counter<'kind'>;
    /** `mltbot_storage_duration_seconds{operation}`: bot state reads, writes and deletes. */
    readonly storageSeconds: Histogram<'operation'>;
    /** The content type of `render()`'s text (Prometheus text format 0.0.4). */
    readonly contentType: string;
    /** Every metric in the Prometheus text format. */
    render(): Promise<string>;
}

/** Histogram buckets, in seconds. */
const BUCKETS = Object.freeze({
    // A knowledge answer takes a few milliseconds and a dialog turn with a state round trip tens of them;
    // the top buckets are there to show a stalled database or a slow channel, not normal turns.
    turn: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    // SQLite answers in well under a millisecond and PostgreSQL on a nearby host in a few; past 1 s something is wrong.
    storage: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
});

const ANSWER_SOURCES: readonly AnswerTrace['source'][] = ['knowledge', 'dialog', 'fallback'];
const ERROR_KINDS: readonly ErrorKind[] = ['turn', 'storage'];

/**
 * The channel ids the Bot Framework defines. Any other id is counted as `other`: without app credentials
 * a caller chooses the id, and every new label value would be a new time series.
 */
const KNOWN_CHANNELS: ReadonlySet<string> = new Set(Object.values(Channels));

/** The `channel` label for a channel id: the id itself when the Bot Framework defines it, `other` otherwise. */
export function channelLabel(channelId: string | undefined): string {
    return channelId && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

/** True for the answer sources the `source` label takes. */
export function isAnswerSource(source: unknown): source is AnswerTrace['source'] {
    return ANSWER_SOURCES.includes(source as AnswerTrace['source']);
}

/** Creates the bot's metrics in a new registry, with Node's default process metrics beside them. */
export function createMetrics(): Metrics {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const turns = new Counter({ name: 'mltbot_turns_total', help: 'Turns handled, by channel.', labelNames: ['channel'], registers: [registry] });
    const turnSeconds = new Histogram({
        name: 'mltbot_turn_duration_seconds',
        help: 'Time a turn took, from the first middleware to the end of the turn, by channel.',
        labelNames: ['channel'],
        buckets: BUCKETS.turn,
        registers: [registry],
    });
    const answers = new Counter({
        name: 'mltbot_answers_total',
        help: 'Replies sent, by the source of their answer trace (knowledge, dialog or fallback).',
        labelNames: ['source'],
        registers: [registry],
    });
    const errors = new Counter({ name: 'mltbot_errors_total', help: 'Failed turns and storage operations, by kind.', labelNames: ['kind'], registers: [registry] });
    const storageSeconds = new Histogram({
        name: 'mltbot_storage_duration_seconds',
        help: 'Time a bot state operation took, by operation (read, write, delete).',
        labelNames: ['operation'],
        buckets: BUCKETS.storage,
        registers: [registry],
    });
    // Series that exist from the start, at 0, so a rate or an alert sees them before the first event.
    ANSWER_SOURCES.forEach((source) => answers.inc({ source }, 0));
    ERROR_KINDS.forEach((kind) => errors.inc({ kind }, 0));
    return { registry, turns, turnSeconds, answers, errors, storageSeconds, contentType: registry.contentType, render: () => registry.metrics() };
}

/**
 * Wraps bot state storage so each read, write and delete is timed, and each failure counted (then rethrown).
 * @remarks An eTag conflict on write is a failure too, and is counted as a storage error.
 */
export function instrumentStorage(storage: Storage, metrics: Pick<Metrics, 'storageSeconds' | 'errors'>): Storage {
    const timed = async <T>(operation: StorageOperation, run: () => Promise<T>): Promise<T> => {
        const end = metrics.storageSeconds.startTimer({ operation });
        try {
            return await run();
        } catch (err) {
            metrics.errors.inc({ kind: 'storage' });
            throw err;
        } finally {
            end();
        }
    };
    return {
        read: (keys: string[]) => timed('read', () => storage.read(keys)),
        write: (changes: StoreItems) => timed('write', () => storage.write(changes)),
        delete: (keys: string[]) => timed('delete', () => storage.delete(keys)),
    };
}

/** Adds `GET /metrics`: every metric in the Prometheus text format. */
export function addMetricsRoute(server: Server, metrics: Pick<Metrics, 'render' | 'contentType'>): void {
    server.get('/metrics', async (_req: Request, res: Response) => {
        const body = await metrics.render();
        res.sendRaw(200, body, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
    });
}
