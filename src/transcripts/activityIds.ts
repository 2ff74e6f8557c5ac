import { randomBytes } from 'node:crypto';

/**
 * What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection): `=`, `+`, `-`, `@`, tab, CR.
 * The CSV export guards such fields with an apostrophe (src/advisor/csv.ts), which changes an id; so no id minted here
 * starts with one.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A random, URL-safe identifier that nobody can guess (128 bits, base64url), never starting with a formula character:
 * the ids the built-in Direct Line and the transcript make travel to exports, where such a start would be changed.
 * @remarks base64url starts with `-` in 1 draw of 64; such a draw is thrown away and another made, which keeps every id
 * the same length and alphabet (a fixed prefix would do too, but would change the form clients and tests know).
 */
export function newId(): string {
    for (;;) {
        const id = randomBytes(16).toString('base64url');
        if (!FORMULA_START.test(id)) return id;
    }
}

/**
 * The ids the transcript gave outgoing activities before logging them, by activity object.
 * @remarks CloudAdapter deletes `activity.id` before it hands an activity to a channel's connector, so the id cannot
 * travel on the activity itself. The built-in Direct Line's in-process connector receives the very object the
 * transcript logged and reads the id here, so what its client sees is what the transcript holds. Weak: an activity
 * that is sent and forgotten takes its entry with it.
 */
const loggedIds = new WeakMap<object, string>();

/** Gives an outgoing activity the id it is logged under (see `loggedIdOf`). */
export function setLoggedId(activity: object, id: string): void {
    loggedIds.set(activity, id);
}

/** The id the transcript logged this outgoing activity under, if it did. */
export function loggedIdOf(activity: object): string | undefined {
    return loggedIds.get(activity);
}
