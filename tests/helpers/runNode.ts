import { spawnSync, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns } from 'node:child_process';

/**
 * A script that has not ended after this long hangs. spawnSync blocks the test process until its child ends, so
 * without a bound no jest timeout can stop it and a hung child holds CI until CI's own limit.
 */
export const SCRIPT_TIMEOUT_MS = 120_000;

/** Runs `node <args>` to its end (at most SCRIPT_TIMEOUT_MS, then it is killed and `error` says so); its output as text. */
export function runNode(args: string[], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, args, { timeout: SCRIPT_TIMEOUT_MS, killSignal: 'SIGKILL', ...options, encoding: 'utf8' });
}
