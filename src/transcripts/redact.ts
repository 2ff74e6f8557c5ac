import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';

/** What replaces each kind of personal data, visibly, so a reader knows something was removed. */
export const REDACTION_MARKERS = Object.freeze({
    email: '[email removed]',
    phone: '[phone removed]',
    number: '[number removed]',
});

// recognizePhoneNumber misses "(555) 123-4567" and "+1 555 123 4567" inside a sentence: these patterns catch them.
const PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
// Card, social-security and account-like numbers: 9 or more digits, optionally grouped by spaces or dashes.
const LONG_NUMBER = /\b\d(?:[\s-]?\d){8,}\b/g;

/**
 * Replaces emails, phone numbers and long card- or SSN-like numbers with visible markers.
 * @remarks Runs before anything a visitor typed is stored.
 */
export function redactPersonalData(text: string): string {
    let out = text;
    const replaceAll = (found: string[], marker: string) => {
        for (const piece of [...new Set(found)].sort((a, b) => b.length - a.length)) out = out.split(piece).join(marker);
    };
    replaceAll(recognizeEmail(out, Culture.English).map((r) => r.text), REDACTION_MARKERS.email);
    replaceAll(recognizePhoneNumber(out, Culture.English).map((r) => r.text), REDACTION_MARKERS.phone);
    out = out.replace(PHONE, REDACTION_MARKERS.phone);
    out = out.replace(LONG_NUMBER, REDACTION_MARKERS.number);
    return out;
}
