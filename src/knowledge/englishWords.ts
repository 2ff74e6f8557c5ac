let words: ReadonlySet<string> | undefined;

/**
 * True for a real English word. Spelling correction leaves these alone: "decade" is not a typo of "decide",
 * however close, just because the content never says "decade".
 */
export function isEnglishWord(word: string): boolean {
    // Loaded on first use (about 275,000 words); the search builds its normalizer once, at start-up.
    words ??= new Set<string>(require('an-array-of-english-words') as string[]);
    return words.has(word);
}
