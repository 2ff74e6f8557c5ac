import { Culture, recognizeCurrency, recognizeNumber } from '@microsoft/recognizers-text-suite';

/** How often a quoted pay amount is paid. */
export type PayPeriod = 'year' | 'month' | 'week' | 'hour';

/** A pay figure read from the user's text, with its yearly equivalent. */
export interface PayAmount {
    amount: number;
    period: PayPeriod;
    annual: number;
    /** The words that gave the figure, period included ("$25 an hour"). */
    text: string;
}

const PAY = Object.freeze({
    /** 40 hours × 52 weeks: the convention BLS uses to turn hourly wages into yearly ones. */
    hoursPerYear: 2080,
    weeksPerYear: 52,
    monthsPerYear: 12,
    /** No yearly salary is below this, and people rarely quote weekly or monthly pay without saying so. */
    minYearly: 1000,
    /** No lab wage comes to a million a year: "27M, been a phlebotomist…" is an age and a sex, not $27 million. */
    maxYearly: 1_000_000,
    /** The federal minimum wage is $7.25, so smaller bare numbers are counts ("3 jobs"), not wages. */
    minHourly: 7,
    /** Nobody quotes a lab wage above $200 by the hour; between this and minYearly a bare number is ambiguous. */
    maxHourly: 200,
    /** Bare four-digit numbers in this range are calendar years ("as of november 2024", "2022 to 2032"). */
    calendarYears: [1900, 2100] as const,
});

/** A weekly or monthly figure is pay only when it comes to at least this share of full-time minimum-wage hours. */
const MIN_PART_TIME = 0.25;
const PER_PERIOD: Record<PayPeriod, number> = { year: 1, month: PAY.monthsPerYear, week: PAY.weeksPerYear, hour: PAY.hoursPerYear };

const PERIOD_WORDS: Array<[PayPeriod, RegExp]> = [
    ['year', /^(?:years?|yrs?|annum|annually|annual|yearly)$/],
    ['month', /^(?:months?|mos?|monthly)$/],
    ['week', /^(?:weeks?|wks?|weekly)$/],
    ['hour', /^(?:hours?|hrs?|hourly)$/],
];
/** "/hr", "an hour", "per year", "each week", or a bare "hourly", "annually", "hr". */
const SUFFIX_PERIOD = /^\s*(?:(\/|\bper\b|\ban?\b|\beach\b|\bevery\b)\s*)?([a-z]+)\b/i;
const ABBREVIATED_PERIOD = /^(?:hourly|weekly|monthly|yearly|annually|annual|hr|yr)$/i;
/** Pay quoted per something we cannot annualise; "a" + other words ("52k a good offer?") is not a rate. */
const OTHER_UNITS = /^(?:day|night|shift|visit|session|class|course|credit|semester|quarter|term|test|exam|project)s?$/i;
/** "$20-25/hr", "$20 to $25 an hour": the period follows the range's second figure. */
const RANGE_END = /^\s*(?:-|–|to|and|or)\s*\$?\s*\d[\d,.]*\s*k?\b/i;
const THOUSAND = 1000;
const DOLLAR_WORDS = /^\s*(?:dollars?|bucks|usd)\b/i;
const GRAND = /^\s*grand\b/i;
const FOREIGN_BEFORE = /(?:[€£¥]|\b(?:eur|gbp|cad|aud|jpy|mxn)|\b(?!us)[a-z]{1,2}\$)\s*$/i;
const FOREIGN_AFTER = /^\s*(?:[€£¥]|(?:euros?|pounds?|quid|eur|gbp|cad|aud|yen|pesos?)\b)/i;
/** An age: "I'm 28", "turning 40", and of someone they ask for: "my son is 18", "she's 17". */
const AGE_BEFORE =
    /\b(?:(?:i'?m|i am)(?:\s+(?:only|just|about|almost|nearly|now))?|(?:he|she)(?:'s|\s+is)|(?:son|daughter|kid|child|niece|nephew|grandson|granddaughter|husband|wife|partner|mom|mother|dad|father|brother|sister|friend|boyfriend|girlfriend)(?:'s|\s+is)|aged?|age of|turning|turned|when\s+i\s+was|(?:have|need)\s+to\s+be|i'?ll\s+be(?:\s+(?:about|around))?|mid-?|early|late|age\s+\d+\s+(?:or|to|and))\s*$|[(,]\s*now\s*$/i;
/** "…years old", and a decade of life: "in her mid-40's", "late 30s". */
const AGE_AFTER = /^\s*(?:-?\s*years?[- ]old|yo|y\/o)\b|^'?s\b/i;
const PERCENT_AFTER = /^\s*(?:%|percent|per cent|pct)/i;
/**
 * Dates, times, phone numbers, hyphenated units and fractions ("4-year", "11/2024", "9:30", "555-1234", and "3½ years"
 * typed as "31⁄2" with a fraction slash, which read as $31 an hour).
 */
const JOINED_BEFORE = /(?:[:/\u2044\u2215]|\d\s*-)\s*$/;
/**
 * A year written with an apostrophe ("June'24", "class of ’25") or a month named just before ("Sept 15", "in June 24"):
 * a date, never pay. ("May" is left out: "they may 24/hr" is too rare to tell from it, and a month is rarely written so.)
 */
const DATE_BEFORE = /(?:['\u2018\u2019]|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+)$/i;
/** Words a number names a course, a grade or a part of something by: "English 30", "grade 11", "step 2". */
const NUMBERED_BEFORE = /\b(?:english|math|maths|mathematics|biology|bio|chemistry|chem|physics|anatomy|calculus|algebra|statistics|stats|grade|module|unit|chapter|page|step|part|room|item|number|no\.)\s*$/i;
/** "I was a 68K", "as an 11B": what the visitor is or was, not a figure. */
const BEING_A_BEFORE = /\b(?:was|am|been|being|were|as|i'?m)\s+an?\s*$/i;
const JOINED_AFTER = /^(?:\s*[:/\u2044\u2215]|-\s*[a-z\d])/i;
/**
 * A bare number set off by commas in what the visitor tells of themselves is an age or a count, not pay: "cna, 29, two
 * kids", "27, scribe". It is pay after a word of pay ("I make 29, is that ok?").
 */
const setOff = (before: string, after: string) => /,\s*$/.test(before) || /^\s*,/.test(after);
// Not across a dash between clauses: "what I'd make - worth it at 41?" asks about an age.
const PAY_WORD_BEFORE = /\b(?:make|makes|making|made|paid|pay|pays|paying|earn|earns|earning|earned|salary|wage|wages|offer|offered|offering|rate|starting|start|starts)\b(?:(?!\s-\s)[^\d.?!\u2013\u2014]){0,20}$/i;
/**
 * A figure someone else quotes is not the visitor's pay: "one site says like 39k and another says 57k", "I saw 45k
 * online". (After a word of pay it is: "she says she makes 48k".)
 */
const QUOTED_BEFORE = /\b(?:says?|said|saw|seen|seeing|shows?|showed|showing|lists?|listed|quotes?|quoted|reports?|reported|according to)\b[^\d.?!]{0,15}$/i;
/**
 * A figure they hope to reach is no pay they have: "can you get to 60k+ eventually?", "will I ever hit 70k as an MLT?".
 * (Their own figure said first is read first: "I make about 50k, could I reach 60k?" is 50k. And one they reached is
 * theirs: "I got to 60k after ten years".)
 */
const TARGET_BEFORE = /\b(?:get|gets|getting|make\s+it|making\s+it|work\s+(?:my|your|their)\s+way\s+up)\s+to\b[^\d.?!]{0,10}$|\b(?:reach|reaches|reaching|hit|hits|hitting|break|breaks|breaking|top\s+out\s+at|tops\s+out\s+at|max\s+out\s+at|maxes\s+out\s+at|cap\s+out\s+at)\b[^\d.?!]{0,10}$/i;
/**
 * A difference in pay, a raise or a bonus is not what someone is paid: "better pay ($5/hr more)", "a $2 raise", "a shift
 * differential of $3 an hour" (a post about another hospital's offer read as "Your figure: $5 an hour").
 */
const DIFFERENCE_BEFORE = /\b(?:raise|raises|increase|bump|bonus|bonuses|differential|diff|extra|additional|another)\s+(?:of\s+)?(?:about\s+|around\s+|like\s+|only\s+|just\s+)?$/i;
const DIFFERENCE_AFTER = /^\s*\)?\s*(?:more(?!\s+or\s+less)|less|extra|higher|lower|raise|increase|bump|bonus|differential|diff|difference)\b/i;
/** Prices are not pay: "the program costs $12,000", "rent is $1,500 a month", "why should I send the ASCP $85?". */
const COST_BEFORE = /\b(?:costs?|tuition|fees?|price[sd]?|loans?|debt|rent|spend|spent|owe|savings|saved|waste\s+of|send|sends|sent|sending|reimburse|reimburses|reimbursed|reimbursement)\b[^\d.?!]{0,15}$/i;
/**
 * Money owed, saved or paid for something is no pay either: "I have 22k in loans", "18k in federal loans", "pay $200+ for an
 * exam"; nor a retirement plan ("Do MLTs get 401k?").
 */
const COST_AFTER = /^\+?\s*(?:(?:in|of)\s+(?:\w+\s+)?(?:loans?|debt|savings)\b|of\s+(?:my|our|your|their|his|her)\b|(?:for|on)\s+(?:an?\s+|the\s+)?(?:exam|test|course|class|program|application|books?|licen[cs]e|certification|cert)\b)/i;
const PREFIX_PERIOD = /\b(hourly|weekly|monthly|yearly|annual|annually|salary)\b[^\d.?!]{0,25}$/i;
/** Words that may follow a pay figure; any other word makes the number a count ("3 jobs", "10 years"). */
const PAY_FOLLOWERS = new Set(
    ('a an now then and or but to in at for is was right currently before after plus with if so though max maximum ' +
        'minimum starting start base gross net salary wage wages pay income take home tops ish too total ' +
        'be good fair ok okay enough reasonable decent low high').split(' '),
);

/**
 * Words that may follow a figure written as one ("48k", "52,000"), though not a bare number: "offered 48k as a new MLT"
 * is pay, while "I was 26 as a new grad" is an age.
 */
const FIGURE_FOLLOWERS = new Set(['as', 'from', 'working', 'doing']);

/** A figure of one to three digits and nothing else: no currency, no "k", no thousands separator. */
interface Candidate { start: number; end: number; value: number; bare?: boolean }

const isDollar = (unit: unknown, iso: unknown) => unit === 'Dollar' || iso === 'USD';

/** US-dollar amounts and plain numbers, in text order; numbers inside other currencies are dropped. */
function candidates(text: string, culture: string): Candidate[] {
    const numbers = recognizeNumber(text, culture).map((r) => ({
        start: r.start, end: r.end + 1, value: Number(r.resolution.value), raw: r.text,
    }));
    const found: Candidate[] = [];
    const currencies = recognizeCurrency(text, culture).map((r) => ({ start: r.start, end: r.end + 1, resolution: r.resolution }));
    for (const { start, end, resolution } of currencies) {
        if (!isDollar(resolution.unit, resolution.isoCurrency)) continue;
        const inner = numbers.filter((n) => n.start >= start && n.end <= end);
        // The currency model misreads some spans ("usd 50,000" → 500); the number model reads the figure right.
        found.push({ start, end, value: inner.length === 1 ? inner[0].value : Number(resolution.value) });
    }
    for (const n of numbers) {
        // "11/2024" reads as a fraction; a number inside a currency span was already read with its currency.
        if (n.raw.includes('/') || currencies.some((c) => n.start < c.end && c.start < n.end)) continue;
        found.push({ ...n, bare: /^\d{1,3}$/.test(n.raw) });
    }
    return found.sort((a, b) => a.start - b.start);
}

function periodOf(word: string): PayPeriod | undefined {
    return PERIOD_WORDS.find(([, pattern]) => pattern.test(word.toLowerCase()))?.[0];
}

/** Reads the period written right after a figure; `otherUnit` when pay per something else follows ("per day"). */
function readSuffix(after: string): { period?: PayPeriod; length: number; otherUnit: boolean } {
    const match = SUFFIX_PERIOD.exec(after);
    if (!match) return { length: 0, otherUnit: false };
    const [whole, connector, word] = match;
    const period = periodOf(word);
    // Without a connector only adverbs and abbreviations name a period: "2 years" is a duration, "25 hr" a wage.
    if (period && (connector || ABBREVIATED_PERIOD.test(word))) return { period, length: whole.length, otherUnit: false };
    const perSomething = Boolean(connector) && !period && (!/^an?$/i.test(connector) || OTHER_UNITS.test(word));
    return { length: 0, otherUnit: perSomething };
}

function isForeign(before: string, after: string): boolean {
    return FOREIGN_BEFORE.test(before) || FOREIGN_AFTER.test(after);
}

/** A plain number that reads as a year, an age, a percentage, a date, a time or a count rather than pay. */
function isOtherNumber(text: string, c: Candidate, after: string): boolean {
    const before = text.slice(0, c.start);
    const [firstYear, lastYear] = PAY.calendarYears;
    if (/^\d{4}$/.test(text.slice(c.start, c.end)) && c.value >= firstYear && c.value <= lastYear) return true;
    if (AGE_BEFORE.test(before) || AGE_AFTER.test(after) || PERCENT_AFTER.test(after)) return true;
    // A bare number in parentheses is an age or a count ("my daughter (17)", "kids (2)"), and one after "at" an age ("my
    // back is already killing me at 24"), unless pay is what it follows ("they start you at 22").
    // So is a bare number closing a few words in parentheses: "SAHM of 3 (all under 8)" (not "(boring, stable, 52k)").
    const inParentheses = c.bare === true ? /\([^()\d$]{0,20}$/ : /\(\s*$/;
    if (inParentheses.test(before) && /^\s*\)/.test(after) && !PAY_WORD_BEFORE.test(before)) return true;
    if (/\bat\s*$/i.test(before) && !PAY_WORD_BEFORE.test(before)) return true;
    // Points or a count added ("it'll give you +20 plus points"), and hours counted ("my hours got cut to 28").
    if (/\+\s*$/.test(before) || /\bhours?\b[^\d.?!]{0,15}$/i.test(before)) return true;
    // A course, a grade or a school year ("English 30", "Biology 30", "grade 11"), and a job code the visitor was or is
    // ("I was a 68K (medical lab specialist)", the Army's code): no pay.
    if (NUMBERED_BEFORE.test(before) || BEING_A_BEFORE.test(before)) return true;
    // A bare number opening the message before "and" is an age: "41 and thinking about going back to school for MLT".
    if (c.bare === true && /^\s*$/.test(before) && /^\s+and\s+[a-z]/i.test(after)) return true;
    // A year written short or a day of a month: "will complete his study in June'24", "class of ’25", "starting Sept 15".
    if (DATE_BEFORE.test(before)) return true;
    // (A figure marked as money that starts a range is the range's start: "45k-50k".)
    if (JOINED_BEFORE.test(before) || (JOINED_AFTER.test(after) && (c.bare === true || !RANGE_END.test(after)))) return true;
    // The word after the figure, past a "+" ("15+ years"), "or so" ("20 or so students") or a range's end ("8 to 10 years").
    const range = RANGE_END.exec(after);
    const rest = (range ? after.slice(range[0].length) : after).replace(/^[\s+~]*(?:or\s+so\b)?/i, ' ');
    const follower = /^\s*([a-z]+)/i.exec(rest)?.[1]?.toLowerCase();
    return follower !== undefined && !PAY_FOLLOWERS.has(follower) && (c.bare === true || !FIGURE_FOLLOWERS.has(follower));
}

/** The period written after the figure, or after the second figure of a range ("$20-25/hr"). */
function readPeriodAfter(after: string): { period?: PayPeriod; length: number; otherUnit: boolean } {
    const suffix = readSuffix(after);
    const range = suffix.period || suffix.otherUnit ? undefined : RANGE_END.exec(after);
    if (!range) return suffix;
    const afterRange = readSuffix(after.slice(range[0].length));
    return { ...afterRange, length: afterRange.period ? range[0].length + afterRange.length : 0 };
}

function read(text: string, c: Candidate): PayAmount | undefined {
    let end = c.end;
    let value = c.value;
    const marker = DOLLAR_WORDS.exec(text.slice(end)) ?? GRAND.exec(text.slice(end));
    if (marker) {
        if (GRAND.test(marker[0])) value *= 1000;
        end += marker[0].length;
    }
    // "45-50k", "between 45 and 50k": the thousands mark after a range's end scales its start too (it read as $45 an
    // hour). The figure is the range's start, and its text the whole range.
    const rangeEnd = !marker && value < THOUSAND ? RANGE_END.exec(text.slice(end)) : null;
    const inThousands = rangeEnd !== null && /k$/i.test(rangeEnd[0].trim());
    if (inThousands) {
        value *= THOUSAND;
        end += rangeEnd[0].length;
    }
    const before = text.slice(0, c.start);
    if (!(value > 0) || isForeign(before, text.slice(end)) || COST_BEFORE.test(before) || COST_AFTER.test(text.slice(end))) return undefined;
    if (/^401\s*k$/i.test(text.slice(c.start, end).replace(/^\$/, ''))) return undefined;
    if (QUOTED_BEFORE.test(before) && !PAY_WORD_BEFORE.test(before)) return undefined;
    if (TARGET_BEFORE.test(before) || DIFFERENCE_BEFORE.test(before)) return undefined;
    const suffix = readPeriodAfter(text.slice(end));
    if (suffix.otherUnit) return undefined;
    let period = suffix.period;
    if (DIFFERENCE_AFTER.test(text.slice(period ? end + suffix.length : end))) return undefined;
    // "12 hr shifts", "10 hour days": how long a shift is, not a wage; and no wage is below the federal minimum.
    if (period && /^\s*(?:shifts?|days?|nights?|workdays?)\b/i.test(text.slice(end + suffix.length))) return undefined;
    if (period === 'hour' && value < PAY.minHourly) return undefined;
    // Hours counted by the week ("my hours got cut to 28/wk") are no weekly pay: none is that small.
    if ((period === 'week' || period === 'month') && value * PER_PERIOD[period] < PAY.minHourly * PAY.hoursPerYear * MIN_PART_TIME) return undefined;
    if (period) end += suffix.length;
    else {
        if (!inThousands && isOtherNumber(text, c, text.slice(end))) return undefined;
        if (c.bare && !marker && setOff(before, text.slice(end)) && !PAY_WORD_BEFORE.test(before)) return undefined;
        const prefix = PREFIX_PERIOD.exec(before)?.[1];
        period = prefix ? periodOf(prefix) ?? 'year' : undefined;
        if (period && value < PAY.minHourly) return undefined;
    }
    period ??= value >= PAY.minYearly ? 'year' : value >= PAY.minHourly && value <= PAY.maxHourly ? 'hour' : undefined;
    if (!period) return undefined;
    // No pay comes to less than this a year: "the 2 yr route" and "a 6 mo program" are lengths, not $2 a year.
    if (value * PER_PERIOD[period] < PAY.minYearly) return undefined;
    if (value * PER_PERIOD[period] > PAY.maxYearly) return undefined;
    return { amount: value, period, annual: Math.round(value * PER_PERIOD[period] * 100) / 100, text: text.slice(c.start, end).trim() };
}

/** The number words the recognizers read, as they start a figure ("fifty two thousand", "a couple grand"). */
const NUMBER_WORDS =
    'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|fou?rty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|couple|half|grand';

/**
 * A figure needs a digit or a number word. Most questions have neither ("how much does an MLT earn?"), and for
 * them the recognizers' number and currency models, a tenth of a turn's time (BENCHMARKS.md), are skipped.
 */
const MIGHT_HOLD_A_NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORDS})\\b`, 'i');

/** Whether English `text` has a digit or a number word, without which no pay amount can be read from it. */
export function mightHoldANumber(text: string): boolean {
    return MIGHT_HOLD_A_NUMBER.test(text);
}

/**
 * The recognizers never read a whole message: their number and currency models grow far faster than the text on
 * runs of figures ("1 1 1 …" of 2,000 characters took 27 s, "1.1.1…" 6 s, blocking every other visitor). A pay
 * figure is a few words long, so they read a short window around each place a figure may start: the words before
 * it that change its meaning ("salary of", "tuition is", "$") and the words a figure, a range and a period take
 * after it ("fifty two thousand dollars a year", "$20 to $25 an hour"). Windows are short and few, so a message
 * costs at most a few of the recognizers' calls on short text, however long or odd it is (BENCHMARKS.md).
 */
const PAY_WINDOW = Object.freeze({
    /** "annual salary of" / "the program costs": what PREFIX_PERIOD and COST_BEFORE need to see. */
    charsBefore: 24,
    /** "fifty two thousand dollars a year" (33), "$20 to $25 an hour" (18). */
    charsAfter: 48,
    /** Windows read per message: a message quotes its pay figure among its first few numbers, or not at all. */
    maxWindows: 6,
    /** No figure is longer ("$1,000,000.00/yr" is 16): a longer run of digits and dots is not read at all. */
    maxFigureToken: 24,
    /**
     * Number words and figures in one window: "fifty two thousand five hundred dollars" has five. A window crowded with
     * more is a list of figures, not a pay quote, and it is what makes the recognizers slow: it is not read.
     */
    maxNumbersInWindow: 6,
});
const FIGURE_START = new RegExp(`\\$?\\d|\\b(?:${NUMBER_WORDS})\\b`, 'gi');
const NUMBER_TOKENS = new RegExp(`[$\\d][\\d,.]*|\\b(?:${NUMBER_WORDS})\\b`, 'gi');
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/** A short stretch of the message around a possible figure; `cut` when the message goes on past its end. */
interface PayWindow {
    text: string;
    cut: boolean;
    /** Where in `text` the figure it was cut for starts: a figure before it was read, with what precedes it, by its own window. */
    from: number;
}

/** The windows of `text` the recognizers read, in text order: each from a word's start to a word's end. */
function payWindows(text: string): PayWindow[] {
    const windows: PayWindow[] = [];
    const starts = new RegExp(FIGURE_START.source, FIGURE_START.flags);
    for (let match = starts.exec(text); match && windows.length < PAY_WINDOW.maxWindows; match = starts.exec(text)) {
        const at = match.index;
        let tokenEnd = at;
        while (tokenEnd < text.length && tokenEnd - at <= PAY_WINDOW.maxFigureToken && !isSpace(text[tokenEnd])) tokenEnd++;
        if (tokenEnd - at > PAY_WINDOW.maxFigureToken) {
            // Inside a run no figure is that long: skip to its end (found in steps, each character once).
            while (tokenEnd < text.length && !isSpace(text[tokenEnd])) tokenEnd++;
            starts.lastIndex = tokenEnd;
            continue;
        }
        let start = Math.max(0, at - PAY_WINDOW.charsBefore);
        while (start < at && !isSpace(text[start - 1])) start++;
        let end = Math.min(text.length, at + PAY_WINDOW.charsAfter);
        while (end > tokenEnd && !isSpace(text[end])) end--;
        const window = text.slice(start, end);
        if ((window.match(NUMBER_TOKENS) ?? []).length <= PAY_WINDOW.maxNumbersInWindow) windows.push({ text: window, cut: end < text.length, from: at - start });
        // The next window starts at the next figure after this one's first token: a figure cut off at this window's
        // end is read whole in its own.
        starts.lastIndex = Math.max(tokenEnd, at + match[0].length);
    }
    return windows;
}

/** Finds a pay amount in the user's text and annualises it (2,080 working hours, 52 weeks, 12 months a year). */
export function findPayAmount(written: string, culture: string = Culture.English): PayAmount | undefined {
    if (culture === Culture.English && !mightHoldANumber(written)) return undefined;
    // Curly apostrophes read as straight ones ("I’m 25" is an age as "I'm 25" is); one character for one, so the figure's
    // words are where the visitor wrote them.
    const text = written.replace(/[\u2018\u2019]/g, "'");
    for (const window of payWindows(text)) {
        for (const candidate of candidates(window.text, culture)) {
            // A figure running to the end of a cut window may go on ("fifty" of "fifty two thousand"): its own window reads it.
            if (window.cut && candidate.end >= window.text.length) continue;
            // A figure before this window's own was read by an earlier window, which saw the words before it ("says 39k").
            if (candidate.end <= window.from) continue;
            const pay = read(window.text, candidate);
            if (pay) return pay;
        }
    }
    return undefined;
}
