import { findJurisdiction, findPayAmount, PayAmount } from '../src/recognizers';
import type { ConversationMemory } from './dialogDeps';
import { EducationLevel, readOwnEducation } from './pathwayAnswers';

/**
 * What a visitor says about themselves before asking ("I'm an RN with a bachelor's in biology, I make $31 an hour
 * in Texas…"), read so that later answers can use it: the pathway planner does not ask again for the schooling it was
 * told, the salary figures offer to compare the pay they named, a licence question is answered for their state, and
 * an advisor who follows up sees it.
 */
export interface Situation {
    state?: string;
    education?: EducationLevel;
    /** Their current or last job, in a few words ("phlebotomist", "nurse", "science teacher"). */
    work?: string;
    pay?: PayAmount;
}

/** Where a situation names a place: "live in", "moving to", "from", "based in"… followed by up to three words. */
const PLACE_CUE = /\b(?:in|from|to|near|at)\s+((?:the\s+state\s+of\s+)?[\p{L}.'’-]+(?:\s+[\p{L}.'’-]+){0,2})/giu;
/** At most this many places are read: reading a whole long post for a state took ~0.4 ms, more than its searches. */
const MAX_PLACES = 6;
/** A situation sentence longer than this is read only up to it: what people say about themselves comes first. */
const MAX_SENTENCE = 400;

/** Words that may describe a lab worker before the job's name, up to three: "nationally certified", "new grad", "bench". */
const WORKER_WORDS = String.raw`^(?:(?:nationally|board|certified|licensed|registered|ascp|amt|working|practicing|practising|new|grad|current|full|part|time|bench|generalist|senior|experienced|hospital|clinical|night|shift|travel|traveling|travelling)\s+){0,3}`;
/** The lab's own jobs (`Situation.work`): a visitor who does one is already in the work. */
export const LAB_JOBS: ReadonlySet<string> = new Set(['MLT', 'MLS']);
/** Not a student of the work: "an MLT student", "in the MLT program". */
const NOT_A_STUDENT = String.raw`(?!\s+(?:student|program|major|school|course|degree|class|classes))`;

/**
 * Jobs people considering lab work say they do now, as they write them (the tuning half of the real questions: an RN,
 * a phlebotomist, a science teacher, a lab assistant…), with the words an answer uses for them.
 */
const JOBS: ReadonlyArray<[RegExp, string]> = [
    // Already in the job: "I'm a nationally certified medical laboratory technician", "I've been an MLT for 6 years".
    // Only words that describe the worker may stand before it ("I'm considering MLT", "I'm torn between MLT and nursing"
    // are not in it), and not a student ("I'm an MLT student"). "mt" and "med tech" are the technologist's titles.
    [new RegExp(`${WORKER_WORDS}(?:mlt|medical lab(?:oratory)? tech\\w*|clinical lab(?:oratory)? tech\\w*|lab tech\\w*)${NOT_A_STUDENT}`), 'MLT'],
    [new RegExp(`${WORKER_WORDS}(?:mls|cls|mt|medical lab(?:oratory)? scientist|clinical lab(?:oratory)? scientist|medical technologist|med tech)${NOT_A_STUDENT}`), 'MLS'],
    [/phlebotomist|phlebotomy tech\w*/, 'phlebotomist'],
    [/registered nurse|rn|lpn|lvn|nurse/, 'nurse'],
    [/cna|nursing assistant|patient care tech\w*|pct/, 'nursing assistant'],
    // ("I'm in MA" is Massachusetts.)
    [/medical assistant|(?<!\b(?:in|from|to|near|at|of)\s)\bma\b/, 'medical assistant'],
    [/lab(?:oratory)? (?:assistant|aide|helper)|specimen processor|lab processor|accessioner/, 'lab assistant'],
    [/pharmacy tech\w*/, 'pharmacy technician'],
    [/emt|paramedic/, 'EMT'],
    [/(?:science |biology |chemistry |high school )?teacher/, 'teacher'],
    [/cashier|retail(?: worker| associate)?|sales associate/, 'retail'],
    [/server|waiter|waitress|barista|bartender/, 'food service'],
    [/veteran|soldier|in the (?:army|navy|military|air force)/, 'military'],
];
/**
 * Each job's pattern as read from the start of the words after "I'm a …", compiled once: up to two words before the job
 * ("full time retail worker"); the lab's own jobs say which words may stand there (their patterns start at the words),
 * and count only after "I" ("what do I need to work as an MLT?" asks; "I work as an MLT" tells: see readSituation).
 */
const JOB_MATCHERS = JOBS.map(([pattern, name]) => ({
    name,
    matcher: new RegExp(LAB_JOBS.has(name) ? `${pattern.source}\\b` : `^(?:[a-z'-]+\\s+){0,2}(?:${pattern.source})\\b`),
}));
/**
 * "I'm a …", "I work as a …", "I currently work in …", "I've been a … for 5 years", "working as a …": the job in up to
 * five words (group 2); group 1 is set when no "I" says it ("work as a …" may be what a question asks about). Not after a
 * word that makes it a question: "can I work as an MLT after I graduate?" asks, it does not tell.
 */
const SELF_JOB = /\b(?<!\b(?:can|could|will|would|should|shall|may|might|do|did)\s+)(?:i'?m|im|i am|i work(?:ed)?(?: as| in)?|i'?ve been(?: working as| working in)?|i was|currently(?: work(?:ing)?)?(?: as| in)?|(working as|work as|job as)|my job is)\s+(?:an?\s+|the\s+)?((?:[a-z'-]+\s+){0,4}[a-z'-]+)/g;

/**
 * What a figure of pay looks like up close: a currency sign, "52k", or a number before a pay period or "dollars"
 * ("18 an hour", "52,000 a year"). The pay reader costs milliseconds, so only sentences with one are read: most posts
 * hold numbers ("2 years", "my 4th day") that are not pay.
 */
const PAY_CUE = /[$€£]\s?\d|\b\d{1,4}(?:[.,]\d{1,3})?\s?k\b|\b\d[\d,.]{0,12}\s{0,3}(?:dollars?|usd|bucks|an? (?:hour|hr|year|yr|month|week)|per (?:hour|hr|year|yr|month|week)|\/\s?(?:h|hr|hour|yr|year)|hourly|annually|a yr)\b/i;
/** At most this many sentences naming money are read for a pay figure. */
const MAX_PAY_SENTENCES = 3;
/** At most this many sentences of a message are read: people describe themselves first, and a list post has dozens. */
const MAX_SENTENCES = 12;

/** Reads what one sentence says about the visitor themselves; linear in its (capped) length. */
export function readSituation(sentence: string, withPay = true): Situation {
    const text = sentence.slice(0, MAX_SENTENCE);
    const lower = text.toLowerCase().replace(/[’]/g, "'");
    const found: Situation = {};
    const education = readOwnEducation(text);
    if (education) found.education = education;
    for (const m of lower.matchAll(SELF_JOB)) {
        const [, notSaidOfSelf, words] = m;
        // "Should I get a job as an MLT or CNA now?", "Work as a lab assistant first?": a job asked about, not theirs.
        if (notSaidOfSelf && lower.includes('?', m.index)) continue;
        const job = JOB_MATCHERS.find(({ name, matcher }) => !(notSaidOfSelf && LAB_JOBS.has(name)) && matcher.test(words));
        if (job) {
            found.work = job.name;
            break;
        }
    }
    const pay = withPay && PAY_CUE.test(text) ? findPayAmount(text) : undefined;
    if (pay) found.pay = pay;
    return found;
}

/** A place the visitor says they are not in: "not living in California", "not from Texas". */
const NOT_THERE = /\bnot\s+(?:\S+\s+){0,2}$/i;
/** What follows a cue with an article is a thing, not a place: "at a Walmart DC" (a distribution centre, not Washington, DC). */
const A_THING = /^an?\s/i;

/**
 * The places a situation names, read in a few words after "in", "from", "to"…, as pay amounts are read in windows. Not
 * one the visitor says they are not in, nor a thing named with an article (the scan goes on after its cue, so "at a
 * small hospital in Iowa" still finds Iowa).
 */
function placesIn(sentences: string[]): string[] {
    const places: string[] = [];
    for (const sentence of sentences) {
        PLACE_CUE.lastIndex = 0;
        const text = sentence.slice(0, MAX_SENTENCE);
        for (let m = PLACE_CUE.exec(text); m && places.length < MAX_PLACES; m = PLACE_CUE.exec(text)) {
            if (A_THING.test(m[1])) {
                PLACE_CUE.lastIndex = m.index + m[0].length - m[1].length;
                continue;
            }
            if (!NOT_THERE.test(text.slice(Math.max(0, m.index - 40), m.index))) places.push(m[1]);
        }
        if (places.length >= MAX_PLACES) break;
    }
    return places;
}

/**
 * Keeps what the visitor says about themselves in the conversation's memory (the newest word wins), so later answers
 * can use it: their job, schooling and a pay figure wherever they say them, in `sentences` (the whole message, in
 * order), and the state only from `situation` (the sentences that do not ask): "What does an MLT do in Texas?" asks
 * about Texas, it does not say they live there. Kept in conversation state: redacted like everything stored, and
 * deleted with the conversation.
 */
export function rememberSituation(sentences: string[], situation: string[], memory: ConversationMemory): void {
    const places = placesIn(situation);
    const named = places.length ? findJurisdiction(places.join('\n')) : undefined;
    if (named) memory.state = named.name;
    // Of the schooling one message names, the highest: "I have a BS in biology… I was bad at chem in high school" has the
    // bachelor's (a later message still corrects an earlier one).
    let schooling: EducationLevel | undefined;
    for (const sentence of sentences.slice(0, MAX_SENTENCES)) {
        const { education, work } = readSituation(sentence, false);
        if (education && (!schooling || EDUCATION_RANK.indexOf(education) > EDUCATION_RANK.indexOf(schooling))) schooling = education;
        if (work) memory.work = work;
    }
    if (schooling) memory.education = schooling;
    // The pay reader costs milliseconds a window: it reads only the few sentences that speak of money, once.
    const aboutMoney = sentences.filter((s) => PAY_CUE.test(s.slice(0, MAX_SENTENCE))).slice(0, MAX_PAY_SENTENCES);
    const pay = aboutMoney.length ? findPayAmount(aboutMoney.join('\n')) : undefined;
    if (pay) memory.pay = pay;
}

/** Schooling from least to most. */
const EDUCATION_RANK: readonly EducationLevel[] = ['high-school', 'some-college', 'associate', 'other-bachelor', 'science-bachelor'];

const EDUCATION_WORDS: Record<EducationLevel, string> = {
    'high-school': 'a high school diploma or GED',
    'some-college': 'some college',
    associate: 'an associate degree',
    'science-bachelor': 'a bachelor’s in a science',
    'other-bachelor': 'a bachelor’s degree',
};

/** "phlebotomist; a bachelor’s in a science; Texas": what an advisor following up should know, or '' when nothing was said. */
export function describeSituation(memory: ConversationMemory): string {
    const said = [memory.work, memory.education && EDUCATION_WORDS[memory.education], memory.state, memory.pay && `named pay ${memory.pay.text}`];
    return said.filter(Boolean).join('; ');
}

/** How an answer that uses the remembered schooling says so. */
export function educationWords(level: EducationLevel): string {
    return EDUCATION_WORDS[level];
}
