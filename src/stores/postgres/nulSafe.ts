/** What takes the place of U+0000, which PostgreSQL's text and jsonb cannot hold: the replacement character. */
const REPLACEMENT = '\uFFFD';

/** `\u0000` in JSON text, not preceded by an escaping backslash (an even run of backslashes is escaped backslashes). */
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * Query parameters with every U+0000 in a string replaced by U+FFFD.
 * @remarks PostgreSQL refuses a NUL in text ("invalid byte sequence"), where SQLite stores it. Visitors and
 * channels can send one (`%00` in a URL, `\u0000` in JSON), and a refused write would fail the whole request;
 * lookups go through the same replacement, so they still find what was written.
 */
export function nulSafe(values: readonly unknown[]): unknown[] {
    return values.map((v) => (typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', REPLACEMENT) : v));
}

/** `JSON.stringify(value)` with every U+0000 in it (keys too) replaced by U+FFFD, which jsonb accepts. */
export function nulSafeJson(value: unknown): string {
    const json = JSON.stringify(value);
    return json.includes('\\u0000') ? json.replace(JSON_NUL, `$1${REPLACEMENT}`) : json;
}
