import { mean, pairOrder } from '../../src/bench/throughputComparison';

describe('bench:compare', () => {
    it('alternates which checkout runs first, so a machine that drifts during the series weighs on both alike', () => {
        expect([0, 1, 2, 3].map((pair) => pairOrder(pair, 'this', 'other'))).toEqual([
            ['this', 'other'],
            ['other', 'this'],
            ['this', 'other'],
            ['other', 'this'],
        ]);
    });

    it('compares the means of the runs', () => {
        expect(mean([400, 380, 390])).toBe(390);
    });
});
