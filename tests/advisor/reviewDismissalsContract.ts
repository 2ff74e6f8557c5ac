import type { ReviewDismissals } from '../../src/advisor/review';

/**
 * The behaviour every `ReviewDismissals` implementation must share; run against each one.
 * @param create returns a fresh, empty store (closed after each test)
 */
export function describeReviewDismissalsContract(name: string, create: () => Promise<ReviewDismissals>): void {
    describe(`${name} (ReviewDismissals contract)`, () => {
        let dismissals: ReviewDismissals;
        beforeEach(async () => {
            dismissals = await create();
        });
        afterEach(() => dismissals.close());

        it('starts empty, and keeps each dismissal by kind and key, newest first', async () => {
            expect(await dismissals.list()).toEqual([]);
            await dismissals.dismiss({ kind: 'gap', key: 'shifts', dismissedAt: '2025-03-10T10:00:00.000Z', dismissedBy: 'ada' });
            await dismissals.dismiss({ kind: 'unanswered', key: 'dog lab', dismissedAt: '2025-03-11T09:30:00.250Z', dismissedBy: 'grace' });
            // The same key of another kind is another group.
            await dismissals.dismiss({ kind: 'low-confidence', key: 'shifts', dismissedAt: '2025-03-09T08:00:00.000Z', dismissedBy: 'ada' });
            expect(await dismissals.list()).toEqual([
                { kind: 'unanswered', key: 'dog lab', dismissedAt: '2025-03-11T09:30:00.250Z', dismissedBy: 'grace' },
                { kind: 'gap', key: 'shifts', dismissedAt: '2025-03-10T10:00:00.000Z', dismissedBy: 'ada' },
                { kind: 'low-confidence', key: 'shifts', dismissedAt: '2025-03-09T08:00:00.000Z', dismissedBy: 'ada' },
            ]);
        });

        it('keeps the later of two dismissals of one group, with who dismissed it then', async () => {
            await dismissals.dismiss({ kind: 'gap', key: 'shifts', dismissedAt: '2025-03-10T10:00:00.000Z', dismissedBy: 'ada' });
            await dismissals.dismiss({ kind: 'gap', key: 'shifts', dismissedAt: '2025-03-12T10:00:00.000Z', dismissedBy: 'grace' });
            // A dismissal that arrives late (another instance's clock) does not take the group back in time.
            await dismissals.dismiss({ kind: 'gap', key: 'shifts', dismissedAt: '2025-03-11T10:00:00.000Z', dismissedBy: 'joe' });
            expect(await dismissals.list()).toEqual([{ kind: 'gap', key: 'shifts', dismissedAt: '2025-03-12T10:00:00.000Z', dismissedBy: 'grace' }]);
        });

        it('keeps a key as given: words, punctuation and characters beyond ASCII', async () => {
            const key = 'salary-figures+salary-by-state';
            await dismissals.dismiss({ kind: 'thumbs-down', key, dismissedAt: '2025-03-10T10:00:00.000Z', dismissedBy: 'ada' });
            await dismissals.dismiss({ kind: 'unanswered', key: 'café énergie', dismissedAt: '2025-03-10T10:00:00.000Z', dismissedBy: 'ada' });
            expect((await dismissals.list()).map((d) => d.key).sort()).toEqual(['café énergie', key]);
        });
    });
}
