import { SignInThrottle, THROTTLE_DEFAULTS } from '../../src/advisor/signInThrottle';

const MINUTE = 60 * 1000;
const IP = '203.0.113.7';

describe('SignInThrottle', () => {
    let now: number;
    let throttle: SignInThrottle;
    beforeEach(() => {
        now = Date.parse('2025-03-01T09:00:00Z');
        throttle = new SignInThrottle({ now: () => now });
    });

    /** One failed attempt; its delay, or the refusal. */
    function fail(username = 'jo', ip = IP) {
        const decision = throttle.begin(username, ip);
        return decision.allowed ? throttle.failed(username, ip) : decision;
    }

    it('makes each failure wait longer, 0.5 s more each time, up to 5 s', () => {
        const wide = new SignInThrottle({ now: () => now, maxUsernameFailures: 100, maxIpFailures: 100 });
        const delays = Array.from({ length: 12 }, () => {
            expect(wide.begin('jo', IP)).toEqual({ allowed: true });
            return wide.failed('jo', IP);
        });
        expect(delays.slice(0, 4)).toEqual([500, 1000, 1500, 2000]);
        expect(delays.at(-1)).toBe(THROTTLE_DEFAULTS.maxDelayMs);
    });

    it('locks a username for 15 minutes after 5 failures, and unlocks it after', () => {
        for (let i = 0; i < 5; i++) expect(typeof fail()).toBe('number');
        expect(throttle.begin('jo', IP)).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
        // The lock is on the name, from any address.
        expect(throttle.begin('jo', '198.51.100.1')).toMatchObject({ allowed: false });
        expect(throttle.begin('sam', '198.51.100.1')).toEqual({ allowed: true });

        now += 10 * MINUTE;
        expect(throttle.begin('jo', IP)).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
        now += 5 * MINUTE;
        expect(throttle.begin('jo', IP)).toEqual({ allowed: true });
    });

    it('counts only the failures of the last 15 minutes', () => {
        for (let i = 0; i < 4; i++) fail();
        now += 16 * MINUTE;
        expect(fail()).toBe(500);
        expect(throttle.begin('jo', IP)).toEqual({ allowed: true });
    });

    it('forgets a username’s failures after a success', () => {
        for (let i = 0; i < 4; i++) fail();
        expect(throttle.begin('jo', IP)).toEqual({ allowed: true });
        throttle.succeeded('jo', IP);
        expect(throttle.failures('jo', IP)).toEqual({ username: 0, ip: 4 });
        for (let i = 0; i < 4; i++) expect(typeof fail()).toBe('number');
        expect(throttle.begin('jo', IP)).toEqual({ allowed: true });
    });

    it('locks an address after 20 failures across usernames', () => {
        for (let i = 0; i < 20; i++) expect(typeof fail(`user${i}`)).toBe('number');
        expect(throttle.begin('someone-new', IP)).toMatchObject({ allowed: false, retryAfterSeconds: 15 * 60 });
        expect(throttle.begin('someone-new', '198.51.100.1')).toEqual({ allowed: true });
    });

    it('counts attempts still being checked, so parallel guesses cannot pass the limit', () => {
        const decisions = Array.from({ length: 7 }, () => throttle.begin('jo', IP));
        expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
        expect(decisions[6]).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    });

    it('remembers a bounded number of keys', () => {
        const small = new SignInThrottle({ now: () => now, maxTrackedKeys: 50 });
        for (let i = 0; i < 500; i++) {
            small.begin(`user${i}`, `10.0.${i >> 8}.${i & 255}`);
            small.failed(`user${i}`, `10.0.${i >> 8}.${i & 255}`);
        }
        const sizes = small as unknown as { usernames: Map<string, unknown>; addresses: Map<string, unknown> };
        expect(sizes.usernames.size).toBeLessThanOrEqual(50);
        expect(sizes.addresses.size).toBeLessThanOrEqual(50);
    });
});
