import { isIP } from 'node:net';

/**
 * Finders of personal data in text, every one linear in the length of the text.
 *
 * Why not recognizers-text: its email model is quadratic on a long unbroken run of word characters holding a digit
 * (255,000 characters of "a1a1…" took 39.8 s), its IP model on a long run of "1.1.1…" and its phone model on
 * ordinary sentences repeated (BENCHMARKS.md, "Redaction"). What is here is either a hand-written scanner that
 * visits each character a bounded number of times, or a regular expression whose every match attempt is bounded by a
 * constant: each quantifier has a small upper bound, or (the one exception, `LONG_NUMBER`) cannot fail after it has
 * consumed its input (see there). A backtracking engine then does O(1) work per start position: O(n) in all.
 *
 * Digits that go on into ASCII letters ("a1b2", a Web Chat client id "1733…k3j") are read as part of a word or an id,
 * never as a number: no digit pattern ends before a word character.
 */

/** A piece of text found: `[start, end)` in the text searched. */
export interface Span {
    start: number;
    end: number;
}

// RFC 5322's atext without the characters that join an address to a URL around it ("/", "=", "?", "&"), plus any
// letter, mark or number of any script (RFC 6531): "josé", "用户".
const LOCAL_CHAR = /[\p{L}\p{M}\p{N}.!#$%'*+^_`{|}~-]/u;
const DOMAIN_CHAR = /[\p{L}\p{M}\p{N}.\u3002\uff0e\uff61-]/u;
const DOTS = /[.\u3002\uff0e\uff61]/u;
// Teams ids look like addresses ("19:abc@thread.tacv2", "29:…@unq.gbl.spaces"): they name a chat, not a person.
const NOT_A_MAILBOX = /(?:^|[.\u3002])(?:thread\.skype|thread\.tacv2|thread\.v2|unq\.gbl\.spaces)$/i;

/**
 * Every email address in `text`, found from its "@" outwards: the local part to the left over the characters an
 * address may hold, the domain to the right; the domain needs two labels and a top-level label with a letter.
 * @remarks Linear: a character is read by at most the "@" to its left and the one to its right, as neither side
 * reaches past another "@". Case and script do not matter ("Mary@Example.COM", "josé@exämple.com", "用户@例子.广告").
 */
export function findEmails(text: string): Span[] {
    const found: Span[] = [];
    let from = 0;
    for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
        let start = at;
        while (start > from && isCharOf(LOCAL_CHAR, text, start - 1)) start = stepBack(text, start);
        // A local part neither starts nor ends with a dot.
        while (start < at && text[start] === '.') start++;
        let end = at + 1;
        while (end < text.length && isCharOf(DOMAIN_CHAR, text, end)) end = stepOn(text, end);
        while (end > at + 1 && (DOTS.test(text[end - 1]) || text[end - 1] === '-')) end--;
        if (start < at && at + 1 < end && isDomain(text.slice(at + 1, end))) {
            found.push({ start, end });
            from = end;
        } else {
            from = at + 1;
        }
    }
    return found;
}

function isDomain(domain: string): boolean {
    const labels = domain.split(DOTS);
    if (labels.length < 2 || labels.some((label) => label.length === 0)) return false;
    const top = labels[labels.length - 1];
    return top.length >= 2 && /\p{L}/u.test(top) && !NOT_A_MAILBOX.test(domain);
}

/** Whether the character (a whole surrogate pair when there is one) at `index` is of `kind`. */
function isCharOf(kind: RegExp, text: string, index: number): boolean {
    const code = text.charCodeAt(index);
    if (code < 0x80) return kind.test(text[index]);
    const point = text.codePointAt(index) as number;
    if (point === code && code >= 0xdc00 && code <= 0xdfff && index > 0) {
        return kind.test(String.fromCodePoint(text.codePointAt(index - 1) as number));
    }
    return kind.test(String.fromCodePoint(point));
}

function stepOn(text: string, index: number): number {
    return index + ((text.codePointAt(index) as number) > 0xffff ? 2 : 1);
}

function stepBack(text: string, index: number): number {
    const low = text.charCodeAt(index - 1);
    const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
    return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? index - 2 : index - 1;
}

// A maximal run of the characters an IPv4 or IPv6 address is written with: each character is in one run only.
const IP_RUN = /[0-9A-Fa-f:.]+/g;
const LONGEST_IP = 45;

/**
 * Every IPv4 or IPv6 address standing on its own in `text` ("192.168.1.20", "fe80::1ff:fe23:4567:890a").
 * @remarks Linear: the runs do not overlap, and only runs of at most 45 characters are parsed. Times ("10:30") and
 * versions with fewer than four parts are not addresses.
 */
export function findIpAddresses(text: string): Span[] {
    const found: Span[] = [];
    for (const run of text.matchAll(IP_RUN)) {
        const start = run.index as number;
        if (run[0].length < 3 || run[0].length > LONGEST_IP + 6) continue;
        if (isWordChar(text, start - 1) || isWordChar(text, start + run[0].length)) continue;
        const address = ipAddressIn(run[0]);
        if (address) found.push({ start, end: start + address.length });
    }
    return found;
}

/** The IP address `run` starts with: all of it, or all but a sentence's "." or ":" after it, or an IPv4's port. */
function ipAddressIn(run: string): string | undefined {
    const trimmed = run.replace(/\.+$/, '');
    const candidates = [trimmed, trimmed.replace(/(?<!:):$/, ''), /^([\d.]+):\d{1,5}$/.exec(trimmed)?.[1] ?? ''];
    return candidates.find((c) => {
        const version = c.length <= LONGEST_IP ? isIP(c) : 0;
        return version === 4 || (version === 6 && /[0-9a-f]/i.test(c) && c.length >= 6);
    });
}

function isWordChar(text: string, index: number): boolean {
    return index >= 0 && index < text.length && /\w/.test(text[index]);
}

// ---------------------------------------------------------------------------------------------------------------
// Street addresses: a house number, one to three street-name words, a street suffix; all case-insensitive
// ("12 elm st", "500 OAK ROAD", "4500 N. Oak Ave, Apt 4B"). What tells "2 years on the road" or "a 5 minute drive"
// from an address is the words between the number and the suffix: no street-name word is a function word, a unit of
// time or distance, or a word that follows a count ("years", "on", "the", "minute"), nor a suffix that reads as an
// adjective after a number ("a 4 lane highway", "a 2 way street").

const SUFFIXES = ['street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct', 'way', 'place', 'pl', 'terrace', 'ter', 'circle', 'cir', 'parkway', 'pkwy', 'highway', 'hwy', 'trail', 'trl', 'square', 'sq', 'plaza', 'alley'];
const NOT_STREET_NAMES = [
    // Function words.
    'a', 'an', 'the', 'on', 'in', 'at', 'of', 'to', 'for', 'from', 'by', 'with', 'into', 'onto', 'down', 'up', 'off', 'over', 'per', 'via',
    'and', 'or', 'but', 'nor', 'so', 'if', 'than', 'then', 'as', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'did', 'does',
    'my', 'your', 'his', 'her', 'our', 'their', 'its', 'this', 'that', 'these', 'those', 'i', 'me', 'you', 'he', 'she', 'we', 'they', 'it',
    'more', 'less', 'most', 'few', 'many', 'much', 'some', 'any', 'all', 'each', 'every', 'other', 'another', 'same', 'only', 'just', 'about',
    'around', 'across', 'along', 'near', 'past', 'through', 'under', 'out', 'back', 'away', 'long', 'whole', 'full', 'extra', 'new', 'old',
    // Units and what people count.
    'second', 'seconds', 'sec', 'secs', 'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks',
    'month', 'months', 'year', 'years', 'yr', 'yrs', 'decade', 'decades', 'time', 'times', 'mile', 'miles', 'mi', 'km', 'kilometer',
    'kilometers', 'meter', 'meters', 'foot', 'feet', 'ft', 'block', 'blocks', 'stop', 'stops', 'exit', 'exits', 'lanes', 'ways', 'step',
    'steps', 'people', 'kids', 'children', 'cars', 'jobs', 'shifts', 'shift', 'credit', 'credits', 'percent', 'dollar', 'dollars', 'grand',
    'k', 'x', 'th', 'st', 'nd', 'rd', 'lane', 'way',
];
const DIRECTION = String.raw`(?:(?:north|south|east|west|n|s|e|w|ne|nw|se|sw)\.?\s{1,3})`;
const STREET_NAME_WORD = String.raw`(?!(?:${NOT_STREET_NAMES.join('|')})(?![\p{L}'’-]))(?:\p{L}[\p{L}'’-]{0,29}|\d{1,3}(?:st|nd|rd|th))`;
const UNIT = String.raw`(?:,?\s{1,3}(?:apt|apartment|suite|ste|unit|#)\.?\s{0,3}#?[a-z0-9-]{1,10}(?![\p{L}\p{N}]))`;
/** A street address; see above. Every quantifier is bounded, so each match attempt is bounded. */
export const STREET_ADDRESS = new RegExp(
    String.raw`(?<![\p{L}\p{N}_$.,])\d{1,6}[a-z]?\s{1,3}${DIRECTION}?(?:${STREET_NAME_WORD}\.?\s{1,3}){1,3}(?:${SUFFIXES.join('|')})(?![\p{L}\p{N}])\.?${UNIT}?`,
    'giu',
);
/** "PO Box 123", "p.o. box 77", "Post Office Box 5". */
export const PO_BOX = /(?<!\w)(?:p\.?\s?o\.?|post\s{1,3}office)\s{0,3}box\s{1,3}\d{1,10}(?!\w)/gi;

// ---------------------------------------------------------------------------------------------------------------
// Numbers. None starts after a digit, "_", "$" or a decimal point, or ends before a word character, "%" or a decimal
// part, so money ("$57,380", "$52k"), percentages and decimals are never numbers to remove, nor a run of digits that
// goes on into letters (a Web Chat client activity id "1733312345678k3j2"). A letter before is allowed: "ssn123-45-6789".

const BEFORE_NUMBER = String.raw`(?<![\d_$€£¥+.,])`;
const AFTER_NUMBER = String.raw`(?!\w|[.,]\d|\s{0,3}%)`;
// Between the groups of a number as people write them: spaces (doubled too), a dash (spaced too), a dot, an underscore.
const GROUP_SEP = String.raw`(?:\s{1,3}|\s{0,3}[-.]\s{0,3})`;

/** Social Security numbers: "123-45-6789", "123 45 6789", "123.45.6789", "123 - 45 - 6789". */
export const SSN = new RegExp(String.raw`${BEFORE_NUMBER}\d{3}${GROUP_SEP}\d{2}${GROUP_SEP}\d{4}${AFTER_NUMBER}`, 'g');
/** Card numbers: 13 to 19 digits, grouped by spaces (doubled too), dashes, dots or underscores, or not at all. */
export const CARD = new RegExp(String.raw`${BEFORE_NUMBER}\d(?:[\s._-]{0,3}\d){12,18}${AFTER_NUMBER}`, 'g');
/** North American numbers: "(555) 123-4567", "555.123.4567", "+1 555 123 4567", "5551234567". */
export const PHONE = new RegExp(String.raw`${BEFORE_NUMBER}(?:\+?1[\s.-]{0,3})?(?:\(\s{0,2}\d{3}\s{0,2}\)|\d{3})[\s.-]{0,3}\d{3}[\s.-]{0,3}\d{4}${AFTER_NUMBER}`, 'g');
/** International numbers: "+44 20 7946 0958", "+4915123456789"; 7 to 15 digits (E.164). */
export const INTERNATIONAL_PHONE = new RegExp(String.raw`${BEFORE_NUMBER}\+(?:\d{7,15}|\d{1,4}(?:[\s.()-]{1,3}\d{1,6}){1,6})${AFTER_NUMBER}`, 'g');
/**
 * Local numbers without an area code: "555 1234", "555-1234". An exchange starts with 2 to 9, so "150-3000" (a range)
 * and years ("2023-2024", four digits first) are not numbers to remove.
 */
export const LOCAL_PHONE = new RegExp(String.raw`${BEFORE_NUMBER}[2-9]\d{2}${GROUP_SEP}\d{4}${AFTER_NUMBER}`, 'g');
/**
 * Account-like numbers: nine or more digits, grouped by spaces or dashes. A ZIP+4 ("90210-1234") is one of them: it
 * narrows a ZIP code to a building or one side of a block, finer than anything the bot answers needs.
 * @remarks The one unbounded quantifier here, and still linear. Each group is one digit after a separator, so there is
 * one way to read a run. No attempt starts right after a digit. After the greedy loop the attempt ends in a match as
 * soon as it has given back to a separator; it fails only when fewer than nine digits come before a run of digits
 * glued to a letter ("1 2 3 4 5678a"), so at most eight attempts read any one run: each character is read a bounded
 * number of times.
 */
export const LONG_NUMBER = new RegExp(String.raw`${BEFORE_NUMBER}\d(?:[\s-]{0,3}\d){8,}${AFTER_NUMBER}`, 'g');

/**
 * Whether `text` is a list of years ("2023 2024 2025", "2021-2022-2023"): four digits from 1900 to 2099 each, at
 * least two. Such a list is as long as a card or an account number and is neither.
 */
export function isYearList(text: string): boolean {
    const groups = text.split(/[^\d]+/).filter(Boolean);
    return groups.length >= 2 && groups.every((group) => group.length === 4 && (group.startsWith('19') || group.startsWith('20')));
}

/** The digits of `text`, counted. */
export function digitCount(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) count++;
    }
    return count;
}
