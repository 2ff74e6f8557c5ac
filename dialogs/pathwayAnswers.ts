import { findJurisdiction, UsJurisdiction } from '../src/recognizers';

/** The visitor's schooling so far, as far as the pathway plan needs it. */
export type EducationLevel = 'high-school' | 'some-college' | 'associate' | 'science-bachelor' | 'other-bachelor';
/** The role the visitor aims for; `undecided` is planned as MLT, the shorter entry point. */
export type CareerGoal = 'mlt' | 'mls' | 'undecided';
/** A state or territory, or `skip` when the visitor wants a plan without state specifics. */
export type StateAnswer = UsJurisdiction | 'skip';

/** Education buttons, in the order of their numbers ("1" picks the first). */
export const EDUCATION_CHOICES = ['High school or GED', 'Some college', 'Associate degree', 'Bachelor’s in a science'];
/** Goal buttons, in the order of their numbers. */
export const GOAL_CHOICES = ['MLT (technician)', 'MLS (technologist)', 'Not sure yet'];
/** State buttons: any state may be typed, so the only button is the way out. */
export const STATE_CHOICES = ['Skip'];

const EDUCATION_BY_NUMBER: EducationLevel[] = ['high-school', 'some-college', 'associate', 'science-bachelor'];
const GOAL_BY_NUMBER: CareerGoal[] = ['mlt', 'mls', 'undecided'];

// Lookarounds instead of \b, so that dotted abbreviations ("b.s.", "g.e.d.") match as whole words.
const words = (alternatives: string) => new RegExp(`(?<![a-z0-9])(?:${alternatives})(?![a-z0-9])`);

const EDUCATION = Object.freeze({
    droppedOut: words("dropped out of (?:college|university)|didn'?t finish (?:college|university|my degree)|never finished (?:college|university|my degree)"),
    /** "no bachelor's", "don't have a degree": removed before the levels are read. */
    negated: /(?:\bno|\bnot|\bdon'?t have|\bwithout|\bnever (?:got|earned|finished)|\bdidn'?t (?:get|finish|complete))\s+(?:a |an |my |any )?(?:bachelor'?s?|associate'?s?|college|university|degree)(?: degree)?/g,
    /**
     * A degree the visitor means to get, not one they have ("work on a bachelors degree", "I'm working toward a BS",
     * "pursuing an associates"), and high school named as a time or a job ("since high school", "when I was in high
     * school", "a high school teacher"): removed before the levels are read, as `negated` is.
     */
    intended:
        /(?:\bwork(?:ing)? (?:on|toward|towards)|\bpursu(?:e|ing)|\bgo(?:ing)? for|\bplan(?:ning)? (?:on|to)(?: get(?:ting)?| earn(?:ing)?| do(?:ing)?)?|\bwant(?:ing)? to (?:get|do|earn)|\bhop(?:e|ing) to (?:get|earn)|\bthinking (?:about|of)(?: getting)?|\bconsidering(?: getting)?)\s+(?:a |an |my |the |another )?(?:bachelor'?s?|bachelors|associate'?s?|associates|b\.?s\.?c?\.?|master'?s?|masters|degree)(?: degree)?|(?:\bwhen i was in|\bsince|\bback in|\bduring) high ?school|\bhigh ?school (?:science |chemistry |biology )?(?:teacher|counselor|counsellor)s?/g,
    /**
     * Schooling that is someone else's ("I have 2 kids in high school", "my son is studying BMLT (Bachelor…)", "my cousin,
     * who is an MLS (BS)"; "lab techs with bachelors degrees", "an MLT with an associate's") or still to come ("upon
     * graduating with the associates", "accepted for the Fall BSN program", "starting nursing school for ADN", "my plan
     * was … their ADN program"): removed before the levels are read, as `intended` is. Found in the tuning sets' posts,
     * where each was kept as the visitor's own schooling (twenty-seventh session).
     */
    notOwn: new RegExp(
        String.raw`(?:(?<!\b(?:a|an|home|single|working)\s)\b(?:kids?|children|child|sons?|daughters?|cousins?|friends?|sisters?|brothers?|mom|mother|dad|father|husband|wife|aunt|uncle|niece|nephew|boyfriend|girlfriend)\b.{0,30}?` +
            String.raw`|\b(?:techs?|technicians?|technologists?|mlts?|mlss?|people|employees|applicants|candidates|graduates|nurses)\s+with\s+(?:a |an |the |their )?` +
            String.raw`|\b(?:upon|after|once|before)\s+(?:i\s+)?(?:graduat|finish|complet|earn)\w*\s+(?:with\s+)?(?:a |an |the |my )?` +
            String.raw`|\b(?:accepted|applying|applied|enrolled|enrolling|starting)\s+(?:(?:for|into|to|in)\s+)?(?:[a-z0-9']+\s+){0,3}?(?:(?:for|into|to|in)\s+)?(?:a |an |the |my )?` +
            String.raw`|\bplan\s+(?:was|is)\b.{0,60}?|\b(?:instead of|rather than)\s+(?:a |an |the |their |my )?)` +
            String.raw`(?<![a-z0-9])(?:bachelor'?s?|bachelors|b\.?s\.?c?\.?|bmlt|bsn|adn|associate'?s?|associates|high ?school|degrees?|diploma|master'?s?|masters)(?![a-z0-9])`,
        'g',
    ),
    /** A degree said to have nothing to do with science: "a bachelor's degree already but it's unrelated to science". */
    notScience: /\b(?:unrelated|not related|nothing to do)\s+(?:to|with)\s+(?:the\s+)?(?:sciences?|stem|biology|the lab)\b|\bnon-?\s?sciences?\b/g,
    bachelor: words("bachelor'?s?|bachelors|b\\.?s\\.?c?\\.?|b\\.?a\\.?|4[- ]year (?:college )?degree|four[- ]year (?:college )?degree|college degree|university degree|undergrad(?:uate)? degree|graduated (?:from )?(?:college|university)|master'?s?|masters|ph\\.?d\\.?|doctorate|bsn"),
    science: words("bio\\w*|chem\\w*|microbio\\w*|molecular\\w*|medical tech\\w*|med tech|(?:medical |clinical )?lab(?:oratory)? science|mls|cls|biomedical|life sciences?|sciences?|physics|physiology|immunology|genetics|neuroscience|stem|b\\.?s\\.?c?\\.?"),
    associate: words("associate'?s?|associates|adn|a\\.?a\\.?s\\.?|a\\.?s\\.? degree|a\\.?a\\.? degree|2[- ]year degree|two[- ]year degree"),
    someCollege: words("some college|some university|college credits?|credits|(?:currently |still )?in college|college student|(?:a|one|1|two|2) years? of college|took (?:some )?(?:college )?classes|community college|started college|went to college|partial degree"),
    /** ("a graduate diploma", "the MLS diploma program": a programme, not a high school diploma.) */
    highSchool: words("high ?school|hs|h\\.s\\.?|ged|g\\.e\\.d\\.?|hse|hiset|(?<!\\b(?:graduate|mls|mlt|college|lab) )diploma(?! (?:program|course|pathway))|secondary school|12th grade|grade 12|senior year"),
});

/** Phrases that describe the visitor's own schooling, so "do I need a bachelor's?" is not read as having one. */
const SELF = /\b(i have|i've|ive|i got|i hold|i'm|im|i am|my|with (?:a|an|my)|i finished|i completed|i graduated|i earned|i did|i took|currently)\b/;

const GOAL = Object.freeze({
    // ("What's the difference?" is no answer: it asks what the choices mean, and the prompt explains them: see topicDialog.)
    undecided: words("not sure|unsure|don'?t know|dunno|idk|undecided|no idea|either|no preference|whichever|help me (?:decide|choose)|maybe"),
    // The routes by their length too, as the question names them: "the 2 year one", "the four-year route".
    mlt: words("mlt|technician|techs?|lab tech|associate'?s?|certificate|2[- ]years?|two[- ]years?"),
    mls: words("mls|technologist|scientist|mt|m\\.t\\.?|cls|c\\.l\\.s\\.?|bachelor'?s?|4[- ]years?|four[- ]years?"),
    question: words('or|vs\\.?|versus|\\?'),
});

const SKIP = words("skip|not sure|unsure|don'?t know|dunno|idk|no idea|undecided|haven'?t decided|not decided|not yet|anywhere|any|none|no|nope|n/a|pass|later|doesn'?t matter|rather not say");

function normalize(text: string): string {
    return ` ${text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^a-z0-9'.&?/\s-]/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

function byNumber<T>(text: string, list: T[]): T | undefined {
    const match = /^\s*([1-9])\s*$/.exec(text);
    return match ? list[Number(match[1]) - 1] : undefined;
}

/** Reads the visitor's education from a button or free text ("hs", "GED", "some college", "AS degree", "BS chemistry"). */
export function readEducation(text: string): EducationLevel | undefined {
    const numbered = byNumber(text, EDUCATION_BY_NUMBER);
    if (numbered) return numbered;
    const t = normalize(text);
    if (EDUCATION.droppedOut.test(t)) return 'some-college';
    const stated = t.replace(EDUCATION.negated, ' ').replace(EDUCATION.intended, ' ').replace(EDUCATION.notOwn, ' ');
    // Highest level first: "a diploma and an associate's" is an associate degree.
    if (EDUCATION.bachelor.test(stated)) return EDUCATION.science.test(stated.replace(EDUCATION.notScience, ' ')) ? 'science-bachelor' : 'other-bachelor';
    if (EDUCATION.associate.test(stated)) return 'associate';
    if (EDUCATION.someCollege.test(stated)) return 'some-college';
    if (EDUCATION.highSchool.test(stated)) return 'high-school';
    return undefined;
}

/** The education stated in an opening question, only when the visitor says it is theirs ("I have a BS in biology"). */
export function readOwnEducation(text: string): EducationLevel | undefined {
    return SELF.test(normalize(text)) ? readEducation(text) : undefined;
}

/**
 * Reads the role aimed for ("technician", "MT", "CLS", "not sure"). Naming both roles as a plan ("MLT, then MLS")
 * is MLT first; naming them as a question ("MLT or MLS?") is undecided.
 */
export function readGoal(text: string): CareerGoal | undefined {
    const numbered = byNumber(text, GOAL_BY_NUMBER);
    if (numbered) return numbered;
    const t = normalize(text);
    if (GOAL.undecided.test(t)) return 'undecided';
    const mlt = GOAL.mlt.test(t);
    const mls = GOAL.mls.test(t);
    if (mlt && mls) return GOAL.question.test(t) ? 'undecided' : 'mlt';
    if (mlt) return 'mlt';
    if (mls) return 'mls';
    return undefined;
}

/**
 * The answer to the role question: a role, or the visitor's schooling told again, which corrects the one they gave,
 * with the role when they name it too.
 */
export type GoalAnswer = CareerGoal | { correctsEducation: EducationLevel; goal?: CareerGoal };

/**
 * Reads the answer to the role question. Schooling the visitor says is theirs ("wait, actually I have a bachelor's in
 * biology") corrects their education: read as a goal, the bachelor's was the MLS and the plan went on. "I have a
 * bachelor's, so MLS" corrects it and names the role.
 */
export function readGoalAnswer(text: string): GoalAnswer | undefined {
    const education = readOwnEducation(text);
    if (!education) return readGoal(text);
    const goal = readOwnGoal(text);
    return goal ? { correctsEducation: education, goal } : { correctsEducation: education };
}

/**
 * The role named in an opening question. Degrees there describe the visitor's schooling, not a goal ("I have an
 * associate's", "a 4-year degree in biology"), and a hedge ("not sure how to...") is no answer.
 */
export function readOwnGoal(text: string): CareerGoal | undefined {
    const goal = readGoal(text.replace(/\b(?:associate|certificate|bachelor)\S*|\b(?:2|4|two|four)[- ]years?\b/gi, ' '));
    return goal === 'undecided' ? undefined : goal;
}

/** Reads a state or territory, or a wish to skip the question ("skip", "not sure yet"). */
export function readStateAnswer(text: string): StateAnswer | undefined {
    return findJurisdiction(text) ?? (SKIP.test(normalize(text)) ? 'skip' : undefined);
}
