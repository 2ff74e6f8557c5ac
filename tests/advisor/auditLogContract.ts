import type { AuditLog } from '../../src/advisor/accounts';
import type { AuditLogOptions } from '../../src/advisor/accounts';

/**
 * The behaviour every `AuditLog` implementation must share; run against each one.
 * @param create returns a fresh, empty log on the given clock
 * @param close releases it after each test
 */
export function describeAuditLogContract<T extends AuditLog>(name: string, create: (options: AuditLogOptions) => Promise<T>, close: (log: T) => Promise<void> | void = () => undefined): void {
    describe(`${name} (AuditLog contract)`, () => {
        let now: number;
        let audit: T;
        beforeEach(async () => {
            now = Date.parse('2025-03-01T09:00:00Z');
            audit = await create({ now: () => now });
        });
        afterEach(() => close(audit));

        /** Records `n` entries one second apart, targets t0…t(n-1). */
        async function recordMany(n: number) {
            for (let i = 0; i < n; i++) {
                await audit.record({ username: 'jo', action: 'view', target: `t${i}` });
                now += 1000;
            }
        }

        it('records an entry with its time, leaving out what was not given', async () => {
            await audit.record({ username: 'jo', action: 'sign-in' });
            await audit.record({ username: 'amy', action: 'delete', target: 'webchat/abc', detail: 'on request' });
            expect(await audit.list()).toEqual([
                { at: '2025-03-01T09:00:00.000Z', username: 'amy', action: 'delete', target: 'webchat/abc', detail: 'on request' },
                { at: '2025-03-01T09:00:00.000Z', username: 'jo', action: 'sign-in' },
            ]);
        });

        it('keeps milliseconds', async () => {
            now += 7;
            await audit.record({ username: 'jo', action: 'view' });
            expect((await audit.list())[0].at).toBe('2025-03-01T09:00:00.007Z');
        });

        it('lists newest first, 100 unless told, never more than 500', async () => {
            await recordMany(520);
            const first = await audit.list();
            expect(first).toHaveLength(100);
            expect(first[0].target).toBe('t519');
            expect(first[99].target).toBe('t420');
            expect(await audit.list({ limit: 10 })).toHaveLength(10);
            expect(await audit.list({ limit: 10_000 })).toHaveLength(500);
            expect(await audit.list({ limit: 0 })).toHaveLength(1);
        });

        it('pages back with before', async () => {
            await recordMany(5);
            const page1 = await audit.list({ limit: 2 });
            expect(page1.map((e) => e.target)).toEqual(['t4', 't3']);
            const page2 = await audit.list({ limit: 2, before: page1[1].at });
            expect(page2.map((e) => e.target)).toEqual(['t2', 't1']);
            const page3 = await audit.list({ limit: 2, before: page2[1].at });
            expect(page3.map((e) => e.target)).toEqual(['t0']);
            // Any ISO 8601 form works, with an offset too.
            expect((await audit.list({ before: '2025-03-01T10:00:02+01:00' })).map((e) => e.target)).toEqual(['t1', 't0']);
        });

        it('refuses a before that is not a time', async () => {
            await expect(audit.list({ before: 'yesterday-ish' })).rejects.toThrow(/ISO 8601/);
        });

        it('refuses an entry without a username or an action', async () => {
            await expect(audit.record({ username: '', action: 'view' })).rejects.toThrow(/username and an action/);
        });
    });
}
