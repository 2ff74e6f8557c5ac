/**
 * Deepest nesting of arrays and objects accepted in a posted activity. Real activities nest a handful of levels
 * (an Adaptive Card's action data, a Teams mention); a value thousands deep overflows the stack of every recursive
 * reader downstream (`JSON.stringify` when it is stored, `String()` of an array), so it is refused on arrival.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `value` nests arrays or objects more than `maxDepth` levels deep. Iterative, so it cannot overflow the
 * stack on the very input it guards against; a primitive is depth 0, `{}` and `[]` are depth 1.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
        const [current, depth] = stack.pop() as [unknown, number];
        if (current === null || typeof current !== 'object') continue;
        if (depth + 1 > maxDepth) return true;
        for (const child of Object.values(current)) {
            if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
        }
    }
    return false;
}
