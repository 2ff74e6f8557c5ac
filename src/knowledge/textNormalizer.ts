import porterStemmer from '@stdlib/nlp-porter-stemmer';
import { distance } from 'fastest-levenshtein';
import { slotForms, slotOf, type Language } from './languageSchema';

/** Turns text into the canonical, stemmed content terms that search compares. */
export interface TextNormalizer {
    /**
     * Canonical terms of `text`, in order: synonyms folded, stop words dropped, typos corrected (unless `spelling` is
     * false: a whole post is read faster without), words stemmed.
     */
    terms(text: string, options?: { spelling?: boolean }): string[];
    /**
     * The lowercased words of `text` before any folding (for scope and phrase checks), but for a chat spelling that starts
     * or ends them and stands for other words there (`placedWords`: "r there jobs rn" is not about a registered nurse).
     */
    words(text: string): string[];
    /** True when `word` (lowercased) is a word of the content or of the language file, as written. */
    knows(word: string): boolean;
}

const SPELLING = Object.freeze({
    /** Shorter words are too easily confused with other real words ("bord" → "bird") to correct. */
    minLength: 5,
    /** One edit for 5–6 letters ("slary"), two from 7 ("lisence", "netwroking"): a third finds false friends. */
    editsFor: (length: number) => (length >= 7 ? 2 : 1),
    /** Typos rarely change the first letter, and checking it keeps correction cheap. */
    sameFirstLetter: true,
});

/** A yearly pay figure as people write it: "50k", "$48k", "$48000" (not a "401k" retirement plan). */
const PAY_FIGURE = /^(?!401k$)\$?\d{2,3}k$|^\$\d{4,6}$/;
/** Dollars before a thousands separator: "$48" of "$48,000". */
const DOLLARS = /^\$\d{1,3}$/;

/**
 * Units a small number measures ("2 years", "40 hours", "60 credits"). Before any other plural a small number only
 * counts what is asked for ("what are 2 pros and 2 cons?", "give me 3 tips", "I have 2 kids"): it is no subject, and as a
 * term it matched the one entry that happens to say "level 2".
 */
const NUMBER_UNITS = new Set(['years', 'yrs', 'months', 'weeks', 'wks', 'days', 'hours', 'hrs', 'semesters', 'quarters', 'credits', 'units', 'shifts']);
/** A count before a plural: one or two digits, then a word of three or more letters ending in "s". */
const COUNT = /^\d{1,2}$/;
const PLURAL = /^[a-z]{2,}s$/;

/** A letter written three or more times running, as a word is stretched for emphasis. */
const STRETCHED = /([a-z])\1\1/;
const STRETCHED_RUNS = /([a-z])\1{2,}/g;

/** The forms of "make" that, after "how much", ask what someone earns. */
const MAKE = new Set(['make', 'makes', 'making', 'made']);
/** At most this many words stand between "how much" (or "what do") and "make" ("how much does a medical lab tech make"). */
const HOW_MUCH_REACH = 7;

/** An age as people give it: "I'm 45", "I am 52", "im 19yo" (not "I'm 2 years into the program"). */
const STATED_AGE = /^(1[6-9]|[2-9]\d)(?:yo|y)?$/;

/** True when `words[at]` is an age the asker states about themselves: right after "I'm" or "I am". */
function statesAge(words: string[], at: number): boolean {
    return STATED_AGE.test(words[at]) && (words[at - 1] === 'im' || (words[at - 1] === 'am' && words[at - 2] === 'i'));
}

/** Words that begin another clause: a "make" after one is not asked about by the "how much" before it. */
const CLAUSE_START = new Set(['and', 'but', 'or', 'what', 'which', 'who', 'why', 'where', 'when', 'if']);

/**
 * True when "how much" (or "what do") stands at most HOW_MUCH_REACH words before `words[at]`, in the same clause
 * ("how much does it cost, and what makes it worth it" asks no pay).
 */
function askedHowMuch(words: string[], at: number): boolean {
    for (let j = at - 1; j >= 1 && at - j <= HOW_MUCH_REACH; j--) {
        if (words[j - 1] === 'how' && words[j] === 'much') return true;
        // "what do MLTs make in New York?", "what does a lab tech make a year": what they earn, as "how much" asks it.
        if (words[j - 1] === 'what' && WHAT_DO.has(words[j]) && !MADE_OF.has(words[at + 1])) return true;
        // "do you guys know what MLTs actually make?", "what lab techs make a year": what someone makes, said last (not
        // "what decisions do MLTs make", whose object comes first).
        if (words[j - 1] === 'what' && j - 1 <= at - 2 && earnedAfter(words, at) && !words.slice(j, at).some((w) => WHAT_DO.has(w))) return true;
        if (CLAUSE_START.has(words[j])) return false;
    }
    return false;
}

/** What may follow "make" in "what … make" that still asks what is earned: "per hour", "in Ohio", "starting out". */
const EARNED_WHEN = new Set(['per', 'in', 'at', 'starting', 'after', 'hourly', 'yearly', 'annually', 'now', 'nowadays', 'these', 'there', 'here']);
/** "a year", "an hour": a period after "a" (not "make a good tech"). */
const PERIOD = new Set(['year', 'yr', 'month', 'week', 'hour', 'hr', 'living']);

/** Whether "make" at `at` ends the question or goes on only with when or where it is earned. */
function earnedAfter(words: string[], at: number): boolean {
    const next = words[at + 1];
    if (next === undefined || EARNED_WHEN.has(next)) return true;
    return (next === 'a' || next === 'an') && PERIOD.has(words[at + 2]);
}
/** "what do/does/did … make" asks what someone earns. */
const WHAT_DO = new Set(['do', 'does', 'did']);
/** …unless "make" goes on to another meaning: "what do you make of it?", "what does an MLT make sure of?". */
const MADE_OF = new Set(['of', 'sure', 'sense', 'up', 'it', 'mistakes', 'decisions']);

/** Lowercases, strips accents and possessives, and splits into words of letters, digits, `$` and `%`. */
export function splitWords(text: string): string[] {
    return text
        // Markup pasted into a question is not part of it (and must never be matched as words).
        .replace(/<[^>]{0,500}>/g, ' ')
        // Forum emoji by name (":confused:", ":yeah:", ":slight_smile:") are no words: "Any thoughts appreciated
        // :yeah::confused:" was a question on the confusing job titles.
        .replace(/(?<=^|[\s:]):[a-z][a-z0-9_+-]{0,30}:(?=$|[\s:.,!?)])/gi, ' ')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        // "U.S." and "U.S.A." are the country, not the chat spelling "u" ("you").
        .replace(/\bu\.\s?s\.(?:\s?a\.)?/g, ' usa ')
        // "w/" and "w/o", as notes and chats write "with" and "without".
        .replace(/\bw\/o\b/g, ' without ')
        .replace(/\bw\//g, ' with ')
        .replace(/[’‘`]/g, "'")
        .replace(/'s\b/g, '')
        .replace(/'/g, '')
        .replace(/&/g, ' and ')
        .replace(/[^a-z0-9$%]+/g, ' ')
        .split(' ')
        .filter(Boolean);
}

/**
 * Builds a normalizer for the given language file and content vocabulary.
 * @remarks `vocabulary` is every word the content uses; a query word outside it is corrected to the nearest one,
 * unless `isRealWord` says it is a real word the content just does not use.
 */
export function createTextNormalizer(language: Language, vocabulary: Iterable<string>, isRealWord: (word: string) => boolean = () => false): TextNormalizer {
    const stopWords = new Set(language.stopWords.flatMap(splitWords));
    const shorthand = new Map(Object.entries(language.shorthand ?? {}).map(([word, meaning]) => [word, splitWords(meaning)]));
    /** `words` with each chat spelling replaced by the words it stands for. */
    const expand = (words: string[]) => readPlaced(readDigits(shorthand.size === 0 ? words : words.flatMap((w) => shorthand.get(w) ?? [w])));
    const placedWords = Object.entries(language.placedWords ?? {}).map(([word, { at, means, notAfter }]) => ({ word, at, means: splitWords(means), notAfter: new Set(notAfter.flatMap(splitWords)) }));
    /** `words` with a chat spelling that starts or ends them ("r there jobs rn") replaced by the words it stands for there. */
    function readPlaced(words: string[]): string[] {
        if (words.length < 2) return words;
        let out = words;
        for (const { word, at, means, notAfter } of placedWords) {
            if (at === 'start' && out[0] === word) out = [...means, ...out.slice(1)];
            else if (at === 'end' && out[out.length - 1] === word && !notAfter.has(out[out.length - 2])) out = [...out.slice(0, -1), ...means];
        }
        return out;
    }
    const digitWords = new Map(Object.entries(language.digitWords?.words ?? {}).map(([digit, { means, after }]) => [digit, { means, after: new Set(after.flatMap(splitWords)) }]));
    const notBeforeDigit = new Set(language.digitWords?.notBefore.flatMap(splitWords));
    /** `words` with each digit written for a word ("how 2 get a job") replaced by that word; numbers stay numbers. */
    function readDigits(words: string[]): string[] {
        if (digitWords.size === 0) return words;
        return words.map((word, i) => {
            const read = digitWords.get(word);
            const next = words[i + 1];
            if (!read || i === 0 || next === undefined || !read.after.has(words[i - 1]) || notBeforeDigit.has(next) || /\d/.test(next)) return word;
            return read.means;
        });
    }
    const phrases = new Map<string, string>();
    const singleStems = new Map<string, string>();
    const canonical = new Set(Object.keys(language.synonyms));
    // A phrase with a slot is read in each of its forms ("there be {mlt} jobs": "there be lab tech jobs"…), and names the
    // slot's term as well as its own: the job stays named ("will there be lab tech jobs?" is about the field).
    const slotted = new Map<string, string>();
    const formsOf = (variants: readonly string[]) => variants.flatMap((v) => slotForms(v, language.synonyms));
    const listed = new Set([...canonical, ...formsOf(Object.values(language.synonyms).flat()).map((v) => splitWords(v).join(' '))]);
    for (const [term, variants] of Object.entries(language.synonyms)) {
        for (const variant of variants) {
            const slot = slotOf(variant);
            for (const form of slotForms(variant, language.synonyms)) {
                const words = splitWords(form);
                if (words.length === 1 && !stemIsAnotherWord(words[0])) singleStems.set(porterStemmer(words[0]), term);
                phrases.set(words.join(' '), term);
                if (slot) slotted.set(words.join(' '), slot);
            }
        }
    }
    /**
     * A variant whose stem is another English word the language file does not list ("maine" → "main", "settings" →
     * "set", "personalize" → "person", "careful" → "care") is matched as written, not by its stem: by its stem, "the main
     * differences" was a state, "a skill set" a workplace and "personality" a tailored plan.
     */
    function stemIsAnotherWord(variant: string): boolean {
        const stem = porterStemmer(variant);
        return stem !== variant && !listed.has(stem) && isRealWord(stem);
    }
    /** The term "earn" is read as (the language file's pay term), for a "make" that asks what someone earns. */
    const earns = singleStems.get(porterStemmer('earn')) ?? porterStemmer('earn');
    /** The term a price is read as (the language file's "tuition"): a figure beside it is a cost, not pay. */
    const costTerm = phrases.get('tuition');
    /** The term an age stated in passing is read as: the language file's term for "too old", when it has one. */
    const statedAge = phrases.get('too old');
    /** For each word a phrase starts with, the phrases' lengths in words, longest first: the longest phrase read wins. */
    const phraseLengths = new Map<string, number[]>();
    for (const p of phrases.keys()) {
        const words = p.split(' ');
        const lengths = phraseLengths.get(words[0]) ?? [];
        if (!lengths.includes(words.length)) lengths.push(words.length);
        phraseLengths.set(words[0], lengths.sort((a, b) => b - a));
    }
    const frequency = new Map<string, number>();
    for (const word of [...vocabulary].flatMap(splitWords)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    const known = new Set<string>(frequency.keys());
    for (const p of phrases.keys()) p.split(' ').forEach((w) => known.add(w));
    canonical.forEach((c) => known.add(c));
    const phraseWords = new Set([...phrases.keys()].filter((p) => p.includes(' ')).flatMap((p) => p.split(' ')));
    const inPhrase = (a: string, b: string) => phrases.has(`${a} ${b}`);
    const byFirstLetter = new Map<string, string[]>();
    for (const word of known) {
        if (word.length < SPELLING.minLength - 1 || /\d/.test(word)) continue;
        const bucket = byFirstLetter.get(word[0]) ?? [];
        bucket.push(word);
        byFirstLetter.set(word[0], bucket);
    }
    const corrections = new Map<string, string[]>();

    /** Candidates at the smallest edit distance within the allowance, nearest first. */
    function candidatesFor(word: string): string[] {
        if (known.has(word) || stopWords.has(word) || word.length < SPELLING.minLength || /[^a-z]/.test(word) || isRealWord(word)) return [];
        const cached = corrections.get(word);
        if (cached !== undefined) return cached;
        const allowed = SPELLING.editsFor(word.length);
        let best: string[] = [];
        let bestDistance = allowed + 1;
        for (const candidate of byFirstLetter.get(word[0]) ?? []) {
            if (Math.abs(candidate.length - word.length) > allowed) continue;
            const d = distance(word, candidate);
            if (d < bestDistance) {
                best = [candidate];
                bestDistance = d;
            } else if (d === bestDistance) best.push(candidate);
        }
        // Ties go to the word the content uses most ("stedy": "steady" and "study" are both one edit away).
        best.sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0));
        if (corrections.size > 10_000) corrections.clear();
        corrections.set(word, best);
        return best;
    }

    /** Corrects each unknown word, preferring a candidate that forms a known phrase with its neighbour. */
    function correctAll(words: string[]): string[] {
        return words.map((word, i) => {
            const candidates = candidatesFor(word);
            if (candidates.length === 0) return word;
            const fitting = candidates.find((c) => phraseWords.has(c) && (inPhrase(words[i - 1] ?? '', c) || inPhrase(c, words[i + 1] ?? '')));
            return fitting ?? candidates[0];
        });
    }

    /**
     * A word stretched for emphasis ("soooo", "worth itttt", "payyy") as written without the stretch: its runs of three or
     * more of a letter cut to two ("goooood": "good"), or to one when only that is a word ("soooo": "so"). English
     * spells no letter three times running.
     */
    function unstretch(word: string): string {
        if (!STRETCHED.test(word)) return word;
        const two = word.replace(STRETCHED_RUNS, '$1$1');
        if (known.has(two) || stopWords.has(two) || isRealWord(two)) return two;
        const one = word.replace(STRETCHED_RUNS, '$1');
        return known.has(one) || stopWords.has(one) || isRealWord(one) ? one : two;
    }

    function terms(text: string, { spelling = true }: { spelling?: boolean } = {}): string[] {
        const expanded = expand(splitWords(text).map(unstretch));
        const words = spelling ? correctAll(expanded) : expanded;
        const out: string[] = [];
        // Where a pay figure was read as pay: beside a cost ("the program costs $15,000") it is a price, and is dropped.
        const payFigures: number[] = [];
        for (let i = 0; i < words.length; ) {
            let matched = false;
            for (const n of phraseLengths.get(words[i]) ?? []) {
                if (n > words.length - i) continue;
                const phrase = n === 1 ? words[i] : words.slice(i, i + n).join(' ');
                const term = phrases.get(phrase);
                if (term) {
                    // A phrase folded into a stop word is filler ("right now", "these days"): it names no subject.
                    if (!stopWords.has(term)) out.push(term);
                    const slot = slotted.get(phrase);
                    if (slot) out.push(slot);
                    i += n;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
            const word = words[i++];
            if (stopWords.has(word)) continue;
            // "I'm 45 and changing careers": the asker's age, which their question may be about ("Is that crazy?").
            if (statedAge && statesAge(words, i - 1)) {
                out.push(statedAge);
                continue;
            }
            // "is 50k normal?", "offered $48,000": a pay figure, whatever the number, asks about pay (the numbers themselves
            // match nothing but the few the content happens to quote).
            if (PAY_FIGURE.test(word) || (DOLLARS.test(word) && words[i] === '000')) {
                payFigures.push(out.length);
                out.push(earns);
                if (words[i] === '000') i++;
                continue;
            }
            if (COUNT.test(word) && PLURAL.test(words[i] ?? '') && !NUMBER_UNITS.has(words[i])) continue;
            if (canonical.has(word) || /\d/.test(word)) {
                out.push(word);
                continue;
            }
            // "how much do CLS make in CA?": "make" a few words after "how much" (or "what do") is what they earn, whoever "they" are.
            if (MAKE.has(word) && askedHowMuch(words, i - 1)) {
                out.push(earns);
                continue;
            }
            const stem = porterStemmer(word);
            out.push(singleStems.get(stem) ?? stem);
        }
        if (payFigures.length && costTerm && out.includes(costTerm)) return out.filter((_, at) => !payFigures.includes(at));
        return out;
    }

    return { terms, words: (text) => readPlaced(splitWords(text)), knows: (word) => known.has(word) || stopWords.has(word) };
}
