import type { Activity, ChannelAccount } from 'botbuilder';
import { MAX_VISITOR_TEXT } from '../replies/submittedText';
import {
    CARD,
    digitCount,
    findEmails,
    findIpAddresses,
    INTERNATIONAL_PHONE,
    isYearList,
    LOCAL_PHONE,
    LONG_NUMBER,
    PHONE,
    PO_BOX,
    SSN,
    STREET_ADDRESS,
    type Span,
} from '../recognizers/personalData';

/** What replaces each kind of personal data, visibly, so a reader knows something was removed. */
export const REDACTION_MARKERS = Object.freeze({
    email: '[email removed]',
    phone: '[phone removed]',
    number: '[number removed]',
    address: '[address removed]',
});

/**
 * How much of what a visitor sends is scanned and kept.
 * @remarks Redaction is linear (src/recognizers/personalData.ts), and still bounded, so that no request can buy more
 * work than a real message needs, and nothing past the bound is stored unscanned: it is replaced by
 * `notKeptMarker`. One text is held to the longest text a client may send (`MAX_VISITOR_TEXT`, 10,000 characters;
 * the bot reads questions up to 5,000). One activity is held to a little over three such texts: its text
 * and a card submission or `value` each at the limit, and room for the rest (channel data, entities, a card the bot
 * sends; the longest reply the bot sends holds well under 10,000 characters). A 256 KB body is therefore scanned for at
 * most 32,000 characters.
 */
export const REDACTION_LIMITS = Object.freeze({
    text: MAX_VISITOR_TEXT,
    activity: 32_000,
    /** Object keys longer than this are dropped with their values: no field the bot or a channel uses is this long. */
    key: 256,
});

/** What replaces the part of a text past the scanning limit. */
export function notKeptMarker(count: number): string {
    return `[… ${count} characters not kept]`;
}

/**
 * Where an object's entries whose keys held personal data (or were too long, or came past the activity's limit)
 * are counted; the entries themselves are dropped.
 */
export const REMOVED_ENTRIES_KEY = '[entries removed]';

// Every kind of personal data found here holds a digit, an "@" or a ":" (IPv6 without digits): text without any is
// returned at once.
const MIGHT_HOLD_PERSONAL_DATA = /[\d@:]/;

/**
 * Replaces emails, street addresses, IP addresses, phone numbers and card-, SSN- or account-like numbers
 * with visible markers, case-insensitively; text past `limit` characters is replaced by `notKeptMarker`.
 * @remarks Runs before anything a visitor typed is stored. Linear in the length of `text`. Money ("$57,380", "$52k"),
 * years and year ranges, five-digit ZIP codes, percentages, durations ("2 years on the road") and the bot's ids stay
 * as typed; a ZIP+4 does not (see `LONG_NUMBER`).
 */
export function redactPersonalData(text: string, limit: number = REDACTION_LIMITS.text): string {
    if (text.length <= limit) return redactScanned(text);
    const kept = keptLength(text, limit);
    const head = redactScanned(text.slice(0, kept));
    return `${head}${head ? ' ' : ''}${notKeptMarker(text.length - kept)}`;
}

/**
 * How much of `text` to keep when it is longer than `limit`: up to the last white space within the limit, so that no
 * piece of an address or number cut in two is kept unrecognised; nothing when the first `limit` characters are one
 * unbroken run (no message is).
 */
function keptLength(text: string, limit: number): number {
    let end = limit;
    while (end > 0 && !/\s/.test(text[end])) end--;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return end;
}

// GUIDs (conversation, tenant and activity ids of the channels and the bot) are ids, not numbers, even when one is all
// digits ("12345678-1234-…"): what lies between them is redacted, they are not.
const GUID = /(?<![\w-])[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}(?![\w-])/gi;

function redactScanned(text: string): string {
    if (!MIGHT_HOLD_PERSONAL_DATA.test(text)) return text;
    const out = replaceSpans(text, findEmails(text), REDACTION_MARKERS.email);
    const parts: string[] = [];
    let from = 0;
    for (const guid of out.matchAll(GUID)) {
        parts.push(redactOutsideIds(out.slice(from, guid.index)), guid[0]);
        from = (guid.index as number) + guid[0].length;
    }
    parts.push(redactOutsideIds(out.slice(from)));
    return parts.join('');
}

function redactOutsideIds(text: string): string {
    if (!MIGHT_HOLD_PERSONAL_DATA.test(text)) return text;
    let out = replaceSpans(text, findIpAddresses(text), REDACTION_MARKERS.number);
    out = out.replace(PO_BOX, REDACTION_MARKERS.address).replace(STREET_ADDRESS, REDACTION_MARKERS.address);
    // Cards before phones, which would bite a piece off; SSNs before both.
    out = out.replace(SSN, REDACTION_MARKERS.number).replace(CARD, numberUnlessYears);
    out = out.replace(PHONE, REDACTION_MARKERS.phone);
    out = out.replace(INTERNATIONAL_PHONE, (found) => (digitCount(found) >= 7 && digitCount(found) <= 15 ? REDACTION_MARKERS.phone : found));
    out = out.replace(LOCAL_PHONE, REDACTION_MARKERS.phone);
    return out.replace(LONG_NUMBER, numberUnlessYears);
}

function numberUnlessYears(found: string): string {
    return isYearList(found) ? found : REDACTION_MARKERS.number;
}

/** `text` with each span (in order, not overlapping) replaced by `marker`. */
function replaceSpans(text: string, spans: Span[], marker: string): string {
    if (spans.length === 0) return text;
    const parts: string[] = [];
    let from = 0;
    for (const { start, end } of spans) {
        parts.push(text.slice(from, start), marker);
        from = end;
    }
    parts.push(text.slice(from));
    return parts.join('');
}

/** Which way an activity goes: `in` from the visitor to the bot, `out` from the bot to the visitor. */
export type ActivityDirection = 'in' | 'out';

// Fields set by the channel or the bot, never typed by a visitor: kept as sent (the accounts are anonymised below).
// Every other field, known today or added later (text, speak, summary, name, value, attachments, entities,
// channelData, suggestedActions, ...), is redacted deep, keys included.
const KEPT_AS_SENT: ReadonlySet<string> = new Set([
    'type', 'id', 'timestamp', 'localTimestamp', 'localTimezone', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient',
    'replyToId', 'locale', 'callerId', 'deliveryMode', 'inputHint', 'textFormat', 'attachmentLayout', 'importance', 'expiration',
    'membersAdded', 'membersRemoved', 'relatesTo',
]);
// Scanned first, so that the activity's limit is spent on what a visitor typed before anything else.
const SCANNED_FIRST = ['text', 'speak', 'summary', 'name', 'value'];
// The Bot Framework's names for an activity's fields: as keys they are the schema's, not a visitor's, and always kept.
const ACTIVITY_FIELDS: ReadonlySet<string> = new Set([
    ...KEPT_AS_SENT, ...SCANNED_FIRST, 'attachments', 'entities', 'channelData', 'suggestedActions', 'action', 'topicName', 'historyDisclosed',
    'code', 'valueType', 'label', 'semanticAction', 'listenFor', 'textHighlights', 'reactionsAdded', 'reactionsRemoved',
]);

/**
 * A deep copy of `activity` fit for a transcript: personal data redacted from every field a visitor can fill (text,
 * speak, summary, an event's name, value, attachments, entities, channel data and any other), keys included, and the
 * visitor's name and Entra object id removed (Teams puts real names there).
 * @remarks The activity itself is left untouched: it may be the one the visitor is about to receive. Ids are not
 * personal data and come out as they were: a rating's reference to the answer in `entities`, the bot's trace in
 * `channelData.answer`. Object keys are visitor input too (`{"mary@example.com": 1}`): an entry whose key redaction
 * would change is dropped, and the number dropped is kept under `REMOVED_ENTRIES_KEY`, so keys never collide.
 * At most `REDACTION_LIMITS.activity` characters are scanned; strings past that are replaced by `notKeptMarker`.
 */
export function redactActivity<T extends Partial<Activity>>(activity: T, direction: ActivityDirection): T {
    const copy = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    const redactor = new BoundedRedactor(direction === 'out' ? redactReplyText : redactPersonalData, REDACTION_LIMITS.activity);
    const keys = Object.keys(copy);
    const order = [...SCANNED_FIRST.filter((key) => keys.includes(key)), ...keys.filter((key) => !SCANNED_FIRST.includes(key))];
    const redacted = redactor.object(copy, order, (key) => ACTIVITY_FIELDS.has(key), (key) => KEPT_AS_SENT.has(key)) as Partial<Activity>;
    const visitor = direction === 'in' ? redacted.from : redacted.recipient;
    const bot = direction === 'in' ? redacted.recipient : redacted.from;
    if (visitor) anonymise(visitor);
    for (const member of [...(redacted.membersAdded ?? []), ...(redacted.membersRemoved ?? [])]) {
        if (!bot || member.id !== bot.id) anonymise(member);
    }
    return redacted as T;
}

function anonymise(account: Partial<ChannelAccount>): void {
    delete account.name;
    delete account.aadObjectId;
}

/** Redacts strings deep, keys included, spending one limit of scanned characters across them all. */
class BoundedRedactor {
    constructor(
        private readonly redact: (text: string, limit: number) => string,
        private remaining: number,
    ) {}

    deep(value: unknown): unknown {
        if (typeof value === 'string') return this.text(value);
        if (Array.isArray(value)) return value.map((item) => this.deep(item));
        if (value && typeof value === 'object') return this.object(value as Record<string, unknown>, Object.keys(value));
        return value;
    }

    /**
     * @param knownKey keys that are field names of a schema, kept without reading them
     * @param keptAsSent keys whose values are kept as they are
     */
    object(value: Record<string, unknown>, keys: string[], knownKey = (_key: string) => false, keptAsSent = (_key: string) => false): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        let removed = 0;
        for (const key of keys) {
            if (!knownKey(key) && !this.keyIsKept(key)) {
                removed++;
                continue;
            }
            out[key] = keptAsSent(key) ? value[key] : this.deep(value[key]);
        }
        if (removed > 0) out[REMOVED_ENTRIES_KEY] = removed;
        return out;
    }

    private keyIsKept(key: string): boolean {
        if (key === REMOVED_ENTRIES_KEY) return false;
        if (key.length > REDACTION_LIMITS.key || key.length > this.remaining) return false;
        this.remaining -= key.length;
        return this.redact(key, REDACTION_LIMITS.text) === key;
    }

    private text(value: string): string {
        if (value.length === 0) return value;
        if (this.remaining <= 0) return notKeptMarker(value.length);
        const limit = Math.min(REDACTION_LIMITS.text, this.remaining);
        this.remaining -= Math.min(value.length, limit);
        return this.redact(value, limit);
    }
}

/**
 * How many of the bot's own texts keep their redaction. The bot says the same answers again and again, most with
 * figures ("$57,380", "as of 2024"): redacting them again would be work for text that comes out unchanged.
 */
export const REPLY_REDACTION_CACHE_SIZE = 2_000;
const redactedReplies = new Map<string, string>();

/** `redactPersonalData` of a text the bot sends, remembered for the next time it sends it (oldest forgotten first). */
function redactReplyText(text: string, limit: number): string {
    if (text.length > limit) return redactPersonalData(text, limit);
    let redacted = redactedReplies.get(text);
    if (redacted === undefined) {
        redacted = redactPersonalData(text, limit);
        if (redactedReplies.size >= REPLY_REDACTION_CACHE_SIZE) redactedReplies.delete(redactedReplies.keys().next().value as string);
        redactedReplies.set(text, redacted);
    }
    return redacted;
}
