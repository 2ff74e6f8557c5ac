import { Culture, recognizeEmail, recognizeIpAddress, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import type { Activity, ChannelAccount } from 'botbuilder';

/** What replaces each kind of personal data, visibly, so a reader knows something was removed. */
export const REDACTION_MARKERS = Object.freeze({
    email: '[email removed]',
    phone: '[phone removed]',
    number: '[number removed]',
    address: '[address removed]',
});

// Street suffixes accepted with a capital or a small first letter ("Main Street", "Main st").
const SUFFIXES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Court', 'Ct', 'Way', 'Place', 'Pl', 'Terrace', 'Circle', 'Cir', 'Parkway', 'Pkwy', 'Highway', 'Hwy', 'Trail', 'Square'];
const SUFFIX = `(?:${SUFFIXES.map((s) => `[${s[0]}${s[0].toLowerCase()}]${s.slice(1)}`).join('|')})`;
const DIRECTION = '(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?\\s+)';
const UNIT = '(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?[A-Za-z0-9-]+)';
// A house number, then one to three capitalised (or ordinal) street-name words and a suffix: "4500 N. Oak Ave, Apt 4B".
// Names must be capitalised so that "2 years on the road" or "a 5 minute drive" stay as typed.
const STREET = new RegExp(`\\b\\d{1,6}[A-Za-z]?\\s+${DIRECTION}?(?:(?:[A-Z][A-Za-z'-]*|\\d+(?:st|nd|rd|th))\\.?\\s+){1,3}${SUFFIX}\\b\\.?${UNIT}?`, 'g');
// All in small letters, only one name word and an unambiguous suffix: "123 main street".
const SMALL_STREET = new RegExp(`\\b\\d{1,6}\\s+[a-z]+\\s+(?:street|avenue|boulevard)\\b${UNIT}?`, 'g');
const PO_BOX = /\b(?:P\.?\s?O\.?|Post\s+Office)\s*Box\s+\d+\b/gi;
const SSN = /\b\d{3}([- ])\d{2}\1\d{4}\b/g;
// Card numbers: 13 to 19 digits, optionally grouped by spaces or dashes (before the phone patterns, which would bite a piece off).
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// recognizePhoneNumber misses "(555) 123-4567" and "+1 555 123 4567" inside a sentence: these patterns catch them.
const PHONE = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
// Account-like numbers: 9 or more digits, optionally grouped by spaces or dashes.
const LONG_NUMBER = /\b\d(?:[\s-]?\d){8,}\b/g;
// recognizePhoneNumber scores year and price ranges ("2023-2024", "1500-3000") 0.5 or less, real numbers 0.9 or more;
// a bare ten-digit number it scores 0.5 is caught by PHONE.
const MIN_PHONE_SCORE = 0.5;
// Every kind above needs a digit, an "@" (email) or a ":" (IPv6): text without any is returned at once.
const MIGHT_HOLD_PERSONAL_DATA = /[\d@:]/;

/**
 * Replaces emails, street addresses, IP addresses, phone numbers and card-, SSN- or account-like numbers
 * with visible markers.
 * @remarks Runs before anything a visitor typed is stored. Money, years, counts and zip codes stay as typed.
 */
export function redactPersonalData(text: string): string {
    if (!MIGHT_HOLD_PERSONAL_DATA.test(text)) return text;
    let out = text;
    const replaceAll = (found: string[], marker: string) => {
        for (const piece of [...new Set(found)].sort((a, b) => b.length - a.length)) out = out.split(piece).join(marker);
    };
    replaceAll(recognizeEmail(out, Culture.English).map((r) => r.text), REDACTION_MARKERS.email);
    out = out.replace(PO_BOX, REDACTION_MARKERS.address).replace(STREET, REDACTION_MARKERS.address).replace(SMALL_STREET, REDACTION_MARKERS.address);
    replaceAll(recognizeIpAddress(out, Culture.English).map((r) => r.text), REDACTION_MARKERS.number);
    out = out.replace(SSN, REDACTION_MARKERS.number).replace(CARD, REDACTION_MARKERS.number);
    const phones = recognizePhoneNumber(out, Culture.English).filter((r) => Number(r.resolution?.score ?? 1) > MIN_PHONE_SCORE);
    replaceAll(phones.map((r) => r.text), REDACTION_MARKERS.phone);
    out = out.replace(PHONE, REDACTION_MARKERS.phone);
    out = out.replace(LONG_NUMBER, REDACTION_MARKERS.number);
    return out;
}

/** Which way an activity goes: `in` from the visitor to the bot, `out` from the bot to the visitor. */
export type ActivityDirection = 'in' | 'out';

/**
 * A deep copy of `activity` fit for a transcript: personal data redacted from its text, `value` and
 * attachments, and the visitor's name and Entra object id removed (Teams puts real names there).
 * @remarks The activity itself is left untouched: it may be the one the visitor is about to receive.
 */
export function redactActivity<T extends Partial<Activity>>(activity: T, direction: ActivityDirection): T {
    const copy = JSON.parse(JSON.stringify(activity)) as T;
    const redact = direction === 'out' ? redactReplyText : redactPersonalData;
    for (const field of ['text', 'speak', 'summary'] as const) {
        if (typeof copy[field] === 'string') copy[field] = redact(copy[field] as string) as T[typeof field];
    }
    if (copy.value !== undefined) copy.value = redactDeep(copy.value, redact);
    if (copy.attachments) copy.attachments = redactDeep(copy.attachments, redact);
    const visitor = direction === 'in' ? copy.from : copy.recipient;
    const bot = direction === 'in' ? copy.recipient : copy.from;
    if (visitor) anonymise(visitor);
    for (const member of [...(copy.membersAdded ?? []), ...(copy.membersRemoved ?? [])]) {
        if (!bot || member.id !== bot.id) anonymise(member);
    }
    return copy;
}

function anonymise(account: Partial<ChannelAccount>): void {
    delete account.name;
    delete account.aadObjectId;
}

function redactDeep<T>(value: T, redact: (text: string) => string): T {
    if (typeof value === 'string') return redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
    }
    return value;
}

/**
 * How many of the bot's own texts keep their redaction. The bot says the same answers again and again, most with
 * figures ("$57,380", "as of 2024") that send them through the recognizers' phone, email and IP models: about a
 * tenth of a turn's time (BENCHMARKS.md) for text that comes out unchanged.
 */
export const REPLY_REDACTION_CACHE_SIZE = 2_000;
const redactedReplies = new Map<string, string>();

/** `redactPersonalData` of a text the bot sends, remembered for the next time it sends it (oldest forgotten first). */
function redactReplyText(text: string): string {
    let redacted = redactedReplies.get(text);
    if (redacted === undefined) {
        redacted = redactPersonalData(text);
        if (redactedReplies.size >= REPLY_REDACTION_CACHE_SIZE) redactedReplies.delete(redactedReplies.keys().next().value as string);
        redactedReplies.set(text, redacted);
    }
    return redacted;
}
