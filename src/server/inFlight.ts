/** Counts requests in progress, so shutdown can wait for them to finish. */
export class InFlight {
    private count = 0;
    private waiters: Array<() => void> = [];

    start(): void {
        this.count++;
    }

    end(): void {
        this.count = Math.max(0, this.count - 1);
        if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
    }

    get size(): number {
        return this.count;
    }

    /** Resolves `true` once nothing is in progress, or `false` when `timeoutMs` passes first. */
    drain(timeoutMs: number): Promise<boolean> {
        if (this.count === 0) return Promise.resolve(true);
        return new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            this.waiters.push(() => {
                clearTimeout(timer);
                resolve(true);
            });
        });
    }
}
