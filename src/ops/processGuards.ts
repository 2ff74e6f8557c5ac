import type { Logger } from 'pino';
import { currentTurn } from './turnScope';

/** How long an uncaught exception leaves turns in flight to finish before the process exits anyway. */
export const CRASH_DRAIN_MS = 10_000;

/** What the guards act on; `npm start` passes the process and the app, a test passes stand-ins. */
export interface ProcessGuardDeps {
    logger: Pick<Logger, 'error' | 'fatal'>;
    /** Stops taking requests and waits (up to `timeoutMs`) for those in flight: the app's `shutdown`. */
    shutdown(timeoutMs: number): Promise<void>;
    /** Ends the process: `process.exit`. */
    exit(code: number): void;
    /** Where `unhandledRejection` and `uncaughtException` are emitted: `process`. */
    target?: Pick<NodeJS.Process, 'on' | 'off'>;
    drainMs?: number;
}

/**
 * The process's policy for errors nothing caught (issue 12, finding 3):
 * - an unhandled rejection is logged, with the conversation of the turn it came from, and the process goes on
 *   serving: a promise nobody awaited has nobody waiting on it, and every other conversation is fine;
 * - an uncaught exception is logged, the server stops taking requests, turns in flight finish (up to `drainMs`),
 *   and the process exits with 1 for its supervisor to restart: a synchronous throw may have left shared state
 *   half-changed, so it is not safe to keep serving.
 * @returns a function that removes the guards.
 * @remarks Installed by `src/index.ts` alone: library code and tests that build the app leave the process as it is.
 */
export function installProcessGuards(deps: ProcessGuardDeps): () => void {
    const target = deps.target ?? process;
    const drainMs = deps.drainMs ?? CRASH_DRAIN_MS;
    let exiting = false;
    const onRejection = (reason: unknown) => {
        deps.logger.error({ err: reason, ...currentTurn() }, 'unhandled promise rejection: logged, and the process goes on serving');
    };
    const onException = (err: Error) => {
        if (exiting) {
            deps.logger.error({ err, ...currentTurn() }, 'uncaught exception while exiting after another');
            return;
        }
        exiting = true;
        deps.logger.fatal({ err, ...currentTurn() }, 'uncaught exception: finishing the turns in flight, then exiting with 1 for the supervisor to restart');
        // Should draining hang, the process still exits; the timer is not unref'd, so it always fires.
        const deadline = setTimeout(() => deps.exit(1), drainMs + 2_000);
        deps.shutdown(drainMs)
            .catch((shutdownError: unknown) => deps.logger.error({ err: shutdownError }, 'shutdown after an uncaught exception failed'))
            .finally(() => {
                clearTimeout(deadline);
                deps.exit(1);
            });
    };
    target.on('unhandledRejection', onRejection);
    target.on('uncaughtException', onException);
    return () => {
        target.off('unhandledRejection', onRejection);
        target.off('uncaughtException', onException);
    };
}
