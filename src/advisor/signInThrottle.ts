/** How hard the sign-in form pushes back on guessing. */
export interface ThrottleOptions {
    /** Failures older than this no longer count. */
    windowMs: number;
    /** How long a username or an address is refused once it reaches its limit. */
    lockMs: number;
    /** Failures for one username within the window before it is locked. */
    maxUsernameFailures: number;
    /** Failures from one client address within the window before it is locked (higher: an office shares one address). */
    maxIpFailures: number;
    /** Added to the answer's delay per failure counted. */
    delayStepMs: number;
    /** The longest delay: long enough to make guessing slow, short enough that a person who mistyped still waits it out. */
    maxDelayMs: number;
    /** Usernames and addresses remembered at most, so a flood of made-up names cannot fill the memory. */
    maxTrackedKeys: number;
}

/** The limits: 5 failures a username or 20 an address in 15 minutes lock it for 15 minutes; 0.5 s more delay per failure, up to 5 s. */
export const THROTTLE_DEFAULTS: Readonly<ThrottleOptions> = Object.freeze({
    windowMs: 15 * 60 * 1000,
    lockMs: 15 * 60 * 1000,
    maxUsernameFailures: 5,
    maxIpFailures: 20,
    delayStepMs: 500,
    maxDelayMs: 5000,
    maxTrackedKeys: 10_000,
});

/** Whether a sign-in attempt may go ahead. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface KeyState {
    failures: number[];
    lockedUntil: number;
    /** Attempts begun and not yet ended: counted so that parallel guesses cannot all slip in before the lock. */
    pending: number;
}

/**
 * Slows and then refuses repeated failed sign-ins, counted per username and per client address.
 * @remarks Kept in memory: right for one instance; with several, each counts its own failures (so the limits
 * multiply by the number of instances) and a restart forgets them. Each attempt is `begin`, then exactly one
 * of `failed` or `succeeded`. A success clears its username's failures, not its address's.
 */
export class SignInThrottle {
    private readonly options: ThrottleOptions;
    private readonly now: () => number;
    private readonly usernames = new Map<string, KeyState>();
    private readonly addresses = new Map<string, KeyState>();

    constructor(options: Partial<ThrottleOptions> & { now?: () => number } = {}) {
        const { now, ...rest } = options;
        this.options = { ...THROTTLE_DEFAULTS, ...rest };
        this.now = now ?? Date.now;
    }

    /** Before checking a password: refuses while the username or the address is locked; otherwise counts an attempt in progress. */
    begin(username: string, ip: string): ThrottleDecision {
        const now = this.now();
        const checks = [
            [this.state(this.usernames, username, now), this.options.maxUsernameFailures],
            [this.state(this.addresses, ip, now), this.options.maxIpFailures],
        ] as const;
        let waitMs = 0;
        for (const [state, limit] of checks) {
            if (state.lockedUntil > now) waitMs = Math.max(waitMs, state.lockedUntil - now);
            else if (state.failures.length + state.pending >= limit) waitMs = Math.max(waitMs, this.options.maxDelayMs);
        }
        if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
        for (const [state] of checks) state.pending += 1;
        return { allowed: true };
    }

    /** After a wrong password: counts the failure (locking at the limit) and returns how long to wait, in ms, before answering. */
    failed(username: string, ip: string): number {
        const now = this.now();
        const counts = [
            this.recordFailure(this.state(this.usernames, username, now), this.options.maxUsernameFailures, now),
            this.recordFailure(this.state(this.addresses, ip, now), this.options.maxIpFailures, now),
        ];
        return Math.min(this.options.maxDelayMs, this.options.delayStepMs * Math.max(...counts));
    }

    /** After a right password: forgets the username's failures. */
    succeeded(username: string, ip: string): void {
        this.usernames.delete(username);
        const address = this.addresses.get(ip);
        if (address) address.pending = Math.max(0, address.pending - 1);
    }

    /** The failures counted for the username and for the address, as of now (for tests and diagnostics). */
    failures(username: string, ip: string): { username: number; ip: number } {
        const now = this.now();
        return { username: this.state(this.usernames, username, now).failures.length, ip: this.state(this.addresses, ip, now).failures.length };
    }

    /** Records one failure; returns how many failures the key had counted with it (before a lock clears them). */
    private recordFailure(state: KeyState, limit: number, now: number): number {
        state.pending = Math.max(0, state.pending - 1);
        state.failures.push(now);
        const count = state.failures.length;
        if (count >= limit) {
            state.lockedUntil = now + this.options.lockMs;
            state.failures = [];
        }
        return count;
    }

    /** The key's state with old failures dropped, created when missing. */
    private state(map: Map<string, KeyState>, key: string, now: number): KeyState {
        let state = map.get(key);
        if (state) {
            state.failures = state.failures.filter((at) => at > now - this.options.windowMs);
            return state;
        }
        if (map.size >= this.options.maxTrackedKeys) this.sweep(map, now);
        state = { failures: [], lockedUntil: 0, pending: 0 };
        map.set(key, state);
        return state;
    }

    /** Drops keys with nothing left to remember; if still full, the oldest keys. */
    private sweep(map: Map<string, KeyState>, now: number): void {
        for (const [key, state] of map) {
            if (state.pending === 0 && state.lockedUntil <= now && state.failures.every((at) => at <= now - this.options.windowMs)) map.delete(key);
        }
        for (const key of map.keys()) {
            if (map.size < this.options.maxTrackedKeys) break;
            map.delete(key);
        }
    }
}
