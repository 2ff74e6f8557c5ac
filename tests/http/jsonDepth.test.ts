import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../src/http/jsonDepth';

describe('nestedDeeperThan', () => {
    it('counts arrays and objects alike, and primitives as no depth', () => {
        expect(nestedDeeperThan('text', 0)).toBe(false);
        expect(nestedDeeperThan({}, 0)).toBe(true);
        expect(nestedDeeperThan({}, 1)).toBe(false);
        expect(nestedDeeperThan([[{ a: [1] }]], 3)).toBe(true);
        expect(nestedDeeperThan([[{ a: [1] }]], 4)).toBe(false);
        // A wide, shallow value is not deep.
        expect(nestedDeeperThan({ list: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 3)).toBe(false);
    });

    it('does not overflow the stack on a value 100,000 levels deep', () => {
        const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
        expect(nestedDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    });
});
