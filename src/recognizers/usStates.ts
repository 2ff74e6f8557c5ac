import { distance } from 'fastest-levenshtein';

/** A US state, territory or the federal district, with its two-letter USPS code. */
export interface UsJurisdiction {
    name: string;
    code: string;
    kind: 'state' | 'territory' | 'district';
}

const STATES =
    'AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|FL Florida|' +
    'GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|' +
    'MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|' +
    'NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|' +
    'OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|' +
    'UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming';
const TERRITORIES = 'PR Puerto Rico|GU Guam|VI U.S. Virgin Islands|AS American Samoa|MP Northern Mariana Islands';

const parse = (list: string, kind: UsJurisdiction['kind']): UsJurisdiction[] =>
    list.split('|').map((entry) => Object.freeze({ code: entry.slice(0, 2), name: entry.slice(3), kind }));

/** Every US state, DC and the territories (PR, GU, VI, AS, MP). */
export const US_JURISDICTIONS: readonly UsJurisdiction[] = Object.freeze([
    ...parse(STATES, 'state'),
    ...parse('DC District of Columbia', 'district'),
    ...parse(TERRITORIES, 'territory'),
]);

const BY_CODE = new Map(US_JURISDICTIONS.map((j) => [j.code, j]));

/** Short forms people type; "mass" is left out because it is far more often the word than the state. */
const ALIASES: Record<string, string[]> = {
    CA: ['cali'], NJ: ['jersey'], NY: ['nyc', 'new york city', 'new york state'], WA: ['washington state'],
    DC: ['washington dc', 'dc'], VI: ['virgin islands', 'united states virgin islands', 'usvi'],
    MP: ['northern marianas', 'mariana islands', 'cnmi'],
};

const FUZZY = Object.freeze({
    /** Shorter names (Ohio, Iowa, Utah, Maine, Texas) sit one edit away from everyday words: main, tax. */
    minLetters: 6,
    /** From nine letters ("tennessee") two slips are common, and ordinary words rarely come within two edits. */
    longNameLetters: 9,
    /** The brief's budget: one slip in a short name ("flordia"), two in a long one ("missisipi"). */
    shortNameMaxEdits: 1,
    longNameMaxEdits: 2,
    /** The longest names ("district of columbia") are three words. */
    maxWindowWords: 3,
});

/** Real words one edit from a state name; they mean themselves. */
const NEAR_WORDS = new Set(['indian', 'oregano', 'alaskan', 'georgian', 'kansan', 'hawaiian', 'montanan', 'floridan']);
/** Function words never belong to a misspelled name, so windows holding one ("a kansas" → Arkansas) are skipped. */
const STOP_WORDS = new Set(
    'a an the in on at to of or and for from by with as is are was be i im me my you your it its we our they this that so but not no if'.split(' '));
/** Codes that are also words; they count alone only when they cannot be a greeting or a word ("hi", "ok" win). */
const WORD_CODES = new Set(['IN', 'OR', 'ME', 'OK', 'HI', 'OH', 'AS']);
/** Codes that are also career abbreviations (MT, MA, PA, MD, VA hospital, MS degree, LA the city). */
const ABBREVIATION_CODES = new Set(['MD', 'PA', 'MA', 'VA', 'MT', 'MS', 'CT', 'LA', 'ID', 'PR', 'VI', 'MP']);
/** "LA" inside a sentence nearly always means Los Angeles, so it names Louisiana only as a whole message. */
const ALONE_ONLY_CODES = new Set(['LA']);
/** Words that put a following code in a place: "jobs in MD", "moving to PA". */
const PLACE_WORDS = new Set(['in', 'from', 'to', 'near', 'around', 'outside', 'across', 'within']);

interface Token { raw: string; key: string; start: number; end: number; dotted: boolean; isWord: boolean }
/** `weak` for a code that is also a word or a career abbreviation, vouched for only by where it stands ("to PA"). */
interface Hit { jurisdiction: UsJurisdiction; first: number; last: number; weak?: boolean }

const TOKEN = /[A-Za-z](?:\.[A-Za-z])+\.?(?![A-Za-z])|[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

function tokenize(text: string): Token[] {
    return [...text.matchAll(TOKEN)].map((m) => {
        const raw = m[0];
        const key = raw.toLowerCase().replace(/['’]s$/, '').replace(/[.'’]/g, '');
        const start = m.index ?? 0;
        return { raw, key, start, end: start + raw.length, dotted: raw.includes('.'), isWord: /^[a-z]+$/.test(key) };
    });
}

const keyOf = (phrase: string) => tokenize(phrase).map((t) => t.key).join(' ');

/** Exact names and aliases by their token keys, with north/south/west also written "n", "s", "w". */
const EXACT = new Map<string, UsJurisdiction>();
for (const j of US_JURISDICTIONS) {
    const key = keyOf(j.name);
    EXACT.set(key, j);
    const direction = /^(north|south|west) (.+)$/.exec(key);
    if (direction) EXACT.set(`${direction[1][0]} ${direction[2]}`, j);
    for (const alias of ALIASES[j.code] ?? []) EXACT.set(keyOf(alias), j);
}
const MAX_EXACT_WORDS = Math.max(...[...EXACT.keys()].map((k) => k.split(' ').length));

interface FuzzyName { jurisdiction: UsJurisdiction; words: string[]; letters: string; maxEdits: number }
const FUZZY_NAMES: FuzzyName[] = US_JURISDICTIONS.map((jurisdiction) => {
    const words = keyOf(jurisdiction.name).split(' ');
    const letters = words.join('');
    const maxEdits = letters.length >= FUZZY.longNameLetters ? FUZZY.longNameMaxEdits : FUZZY.shortNameMaxEdits;
    return { jurisdiction, words, letters, maxEdits };
}).filter((n) => n.letters.length >= FUZZY.minLetters);

/** Damerau (optimal string alignment) distance, so a swapped pair ("flordia") costs one edit, not two. */
function editDistance(a: string, b: string, max: number): number {
    const levenshtein = distance(a, b);
    // Each transposition is two Levenshtein edits, so beyond twice the budget no swap can bring it back in range.
    if (levenshtein <= max || levenshtein > 2 * max) return levenshtein;
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

function readCode(tokens: Token[], i: number, text: string): UsJurisdiction | undefined {
    const token = tokens[i];
    const code = token.key.toUpperCase();
    const jurisdiction = BY_CODE.get(code);
    if (!jurisdiction || token.key.length !== 2) return undefined;
    if (tokens.length === 1) return WORD_CODES.has(code) ? undefined : jurisdiction;
    if (ALONE_ONLY_CODES.has(code)) return undefined;
    if (token.dotted) return jurisdiction;
    if (token.raw !== code) return undefined;
    const previous = tokens[i - 1];
    const placed = previous !== undefined && PLACE_WORDS.has(previous.key);
    const afterComma = previous !== undefined && text.slice(previous.end, token.start).includes(',') && !WORD_CODES.has(code);
    // In an all-capitals message every word looks like a code, so only a place word or a comma can vouch for one.
    const shouting = !/[a-z]/.test(text);
    const ambiguous = shouting || WORD_CODES.has(code) || ABBREVIATION_CODES.has(code);
    return !ambiguous || placed || afterComma ? jurisdiction : undefined;
}

/** Whether a code read as a state could as well be a word or a career's abbreviation ("might switch to PA", physician assistant). */
function isAmbiguousCode(token: Token, text: string): boolean {
    const code = token.key.toUpperCase();
    return !token.dotted && (!/[a-z]/.test(text) || WORD_CODES.has(code) || ABBREVIATION_CODES.has(code));
}

function exactHits(tokens: Token[], text: string): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < tokens.length; i++) {
        for (let n = Math.min(MAX_EXACT_WORDS, tokens.length - i); n >= 1; n--) {
            const jurisdiction = EXACT.get(tokens.slice(i, i + n).map((t) => t.key).join(' '));
            if (jurisdiction) {
                hits.push({ jurisdiction, first: i, last: i + n - 1 });
                i += n - 1;
                break;
            }
            const coded = n === 1 ? readCode(tokens, i, text) : undefined;
            if (coded) hits.push({ jurisdiction: coded, first: i, last: i, weak: isAmbiguousCode(tokens[i], text) });
        }
    }
    return hits;
}

function fuzzyMatch(window: Token[]): { name: FuzzyName; edits: number } | undefined {
    if (window.some((t) => !t.isWord) || (window.length === 1 && NEAR_WORDS.has(window[0].key))) return undefined;
    const letters = window.map((t) => t.key).join('');
    let best: { name: FuzzyName; edits: number } | undefined;
    for (const name of FUZZY_NAMES) {
        if (window.length > name.words.length + 1 || letters[0] !== name.letters[0]) continue;
        if (Math.abs(letters.length - name.letters.length) > name.maxEdits) continue;
        if (window.some((t) => STOP_WORDS.has(t.key) && !name.words.includes(t.key))) continue;
        // Typists rarely miss a word's first letter; checking each keeps "new work" from becoming New York.
        if (window.length === name.words.length && window.some((t, k) => t.key[0] !== name.words[k][0])) continue;
        const edits = editDistance(letters, name.letters, name.maxEdits);
        if (edits <= name.maxEdits && (!best || edits < best.edits)) best = { name, edits };
    }
    return best;
}

function fuzzyHits(tokens: Token[], taken: Set<number>): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < tokens.length; i++) {
        let found: Hit | undefined;
        let fewest = Infinity;
        for (let n = 1; n <= FUZZY.maxWindowWords && i + n <= tokens.length && !taken.has(i + n - 1); n++) {
            const match = fuzzyMatch(tokens.slice(i, i + n));
            if (match && match.edits <= fewest) {
                fewest = match.edits;
                found = { jurisdiction: match.name.jurisdiction, first: i, last: i + n - 1 };
            }
        }
        if (found) {
            hits.push(found);
            i = found.last;
        }
    }
    return hits;
}

function allHits(text: string): { tokens: Token[]; hits: Hit[] } {
    const tokens = tokenize(text);
    const exact = exactHits(tokens, text);
    const taken = new Set(exact.flatMap((h) => Array.from({ length: h.last - h.first + 1 }, (_, k) => h.first + k)));
    return { tokens, hits: [...exact, ...fuzzyHits(tokens, taken)].sort((a, b) => a.first - b.first) };
}

/** Every distinct US state or territory the text names, in the order they appear ("california or nevada?"). */
export function findAllJurisdictions(text: string): UsJurisdiction[] {
    return [...new Set(allHits(text).hits.map((h) => h.jurisdiction))];
}

/** Words of a move ("thinking of moving to Tennessee", "relocating to CA"): the state after them and "to" is where one goes. */
const MOVE_WORDS = new Set(['move', 'moving', 'moved', 'relocate', 'relocating', 'relocated', 'transfer', 'transferring', 'transferred', 'head', 'heading']);
/** A move word stands at most this many words before the "to" of its destination ("moving my family to Ohio"). */
const MOVE_REACH = 4;

/** Whether the state of `hit` is where the text moves to: right after "to"/"into", with a move word shortly before. */
function isDestination(tokens: Token[], hit: Hit): boolean {
    const to = tokens[hit.first - 1];
    if (!to || (to.key !== 'to' && to.key !== 'into')) return false;
    for (let k = hit.first - 2; k >= Math.max(0, hit.first - 1 - MOVE_REACH); k--) if (MOVE_WORDS.has(tokens[k].key)) return true;
    return false;
}

/**
 * Finds the US state or territory a text names, by full name, postal code or a misspelling: the first it names, unless
 * it names one as where the writer is moving ("I'm an MLT in Texas thinking of moving to California"): where they will work.
 * A code that could be a word or a career's abbreviation ("PA", "MD") comes after any state named otherwise.
 */
export function findJurisdiction(text: string): UsJurisdiction | undefined {
    const { tokens, hits } = allHits(text);
    // A state named in full outweighs a code that could be something else: "Might switch to PA… I live in Louisiana".
    return (hits.find((h) => isDestination(tokens, h)) ?? hits.find((h) => !h.weak) ?? hits[0])?.jurisdiction;
}
