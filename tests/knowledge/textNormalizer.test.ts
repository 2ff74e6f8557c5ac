import { createTextNormalizer, splitWords } from '../../src/knowledge/textNormalizer';
import type { Language } from '../../src/knowledge/languageSchema';

/** A language file of a few groups, and a dictionary that knows the words their stems collide with. */
const language = {
    stopWords: ['the', 'a', 'what', 'are', 'my', 'in', 'is', 'do', 'you', 'your', 'with'],
    shorthand: { u: 'you', ur: 'your', wat: 'what' },
    digitWords: { notBefore: ['years', 'or'], words: { '2': { means: 'to', after: ['how', 'need'] }, '4': { means: 'for', after: ['good'] } } },
    placedWords: { rn: { at: 'end', means: 'right now', notAfter: ['an', 'or'] }, r: { at: 'start', means: 'are', notAfter: [] } },
    synonyms: {
        state: ['maine', 'texas'],
        workplace: ['settings', 'setting', 'employer', 'employers'],
        tailor: ['personalize'],
        license: ['licensed', 'licensing'],
        worthit: ['like your job'],
        salary: ['earn', 'pay'],
        without: ['without'],
        ageconcern: ['too old', 'too late'],
        cost: ['tuition', 'costs'],
        mlt: ['lab tech', 'medical lab technician'],
        gethired: ['there be jobs', 'there be {mlt} jobs'],
    },
} as unknown as Language;
const dictionary = new Set(['main', 'set', 'person', 'employ']);
const normalizer = createTextNormalizer(language, ['main', 'differences', 'skill', 'personality'], (w) => dictionary.has(w));

describe('createTextNormalizer', () => {
    it('corrects spelling unless asked not to, and folds synonyms either way', () => {
        // "personalty" is one letter off a content word ("personality").
        expect(normalizer.terms('my personalty')).toEqual([normalizer.terms('personality')[0]]);
        expect(normalizer.terms('my personalty', { spelling: false })).not.toEqual(normalizer.terms('personality'));
        expect(normalizer.terms('a lab tech', { spelling: false })).toEqual(['mlt']);
    });

    it('reads a phrase with a slot in every form of the slot (the term itself and each way of saying it), keeping the slot’s term', () => {
        for (const job of ['mlt', 'lab tech', 'medical lab technician']) expect(normalizer.terms(`there be ${job} jobs`)).toEqual(['gethired', 'mlt']);
        expect(normalizer.terms('there be jobs')).toEqual(['gethired']);
        // Only the slot's own forms fill it.
        expect(normalizer.terms('there be nurse jobs')).not.toContain('gethired');
    });

    it('reads a yearly pay figure as a question about pay, whatever the number', () => {
        for (const figure of ['50k', '$48k', '$48,000', '$52000']) expect(normalizer.terms(`is ${figure} normal`)).toEqual(['salary', 'normal']);
        // A retirement plan, an exam fee and a year are no pay figures.
        expect(normalizer.terms('a 401k')).toEqual(['401k']);
        expect(normalizer.terms('is $200 normal')).toEqual(['$200', 'normal']);
        expect(normalizer.terms('in 2024')).toEqual(['2024']);
        // Beside a price it is the price: "the tuition is $15,000".
        expect(normalizer.terms('the tuition is $15,000')).toEqual(['cost']);
    });

    it('reads a word stretched for emphasis as written without the stretch', () => {
        // Two of the letter where that is a word ("skilll"), else one ("whaaat", "paaaay"); a number is left as it is.
        expect(normalizer.terms('whaaat is the paaaay in maaaine')).toEqual(normalizer.terms('what is the pay in maine'));
        expect(normalizer.terms('whaaat is the paaaay in maaaine')).toEqual(['salary', 'state']);
        expect(normalizer.terms('my skilllll')).toEqual(normalizer.terms('my skill'));
        expect(normalizer.terms('what do you earn in 1000 days')).toContain('1000');
    });

    it('reads a variant whose stem is another English word only as written', () => {
        // "maine" → "main", "settings" → "set", "personalize" → "person": by their stems, these took other words along.
        expect(normalizer.terms('what are the main differences')).not.toContain('state');
        expect(normalizer.terms('a skill set')).not.toContain('workplace');
        expect(normalizer.terms('my personality')).not.toContain('tailor');
        expect(normalizer.terms('Maine')).toEqual(['state']);
        expect(normalizer.terms('work settings')).toContain('workplace');
    });

    it('still folds the other inflections of a variant by its stem', () => {
        // "licensed" stems to "licens", no word: "licenses" and "license" are folded with it.
        expect(normalizer.terms('licenses')).toEqual(['license']);
        expect(normalizer.terms('texas')).toEqual(['state']);
        // "employ" is another word, so "employers" folds as the file writes it.
        expect(normalizer.terms('employers')).toEqual(['workplace']);
    });

    it('reads chat spellings as the words they stand for, before phrases and stop words', () => {
        expect(normalizer.terms('do u like ur job')).toEqual(normalizer.terms('do you like your job'));
        expect(normalizer.terms('do u like ur job')).toEqual(['worthit']);
        expect(normalizer.terms('wat is texas')).toEqual(['state']);
        expect(normalizer.terms('a license w/o a degree')).toEqual(['license', 'without', 'degre']);
        expect(normalizer.terms('licensed w/ texas')).toEqual(['license', 'state']);
        // "U.S." is the country, not "u" ("you").
        expect(normalizer.terms('licensed in the U.S.')).toEqual(['license', 'usa']);
        expect(normalizer.terms('licensed in the U.S.A.')).toEqual(normalizer.terms('licensed in the USA'));
    });

    it('reads a digit written for a word as that word only after the words it follows, and never before a unit', () => {
        expect(normalizer.terms('how 2 earn in texas')).toEqual(normalizer.terms('how to earn in texas'));
        expect(normalizer.terms('how 2 earn in texas')).not.toContain('2');
        expect(normalizer.terms('is texas good 4 me')).toEqual(normalizer.terms('is texas good for me'));
        expect(normalizer.terms('do u need 2 be licensed')).not.toContain('2');
        // A number stays a number: before a unit, after any other word, at the end, or before "or".
        expect(normalizer.terms('need 2 years')).toContain('2');
        expect(normalizer.terms('i earn 2 grand')).toContain('2');
        expect(normalizer.terms('how many do you need 2')).toContain('2');
        expect(normalizer.terms('need 2 or 4')).toContain('2');
    });

    it('leaves out a small number that only counts what is asked for, and keeps one that measures', () => {
        // "what are 2 pros and 2 cons?": the 2s matched an entry that says "level 2" and made the question ambiguous.
        expect(normalizer.terms('what are 2 pros and 2 cons')).toEqual(['pro', 'and', 'con']);
        expect(normalizer.terms('my 3 kids')).toEqual(['kid']);
        // Before a unit, a number measures: it stays.
        expect(normalizer.terms('need 2 years')).toContain('2');
        expect(normalizer.terms('my 12 hours')).toContain('12');
        expect(normalizer.terms('60 credits')).toContain('60');
        // A bigger number, or one before a singular, stays too.
        expect(normalizer.terms('in 2024 jobs')).toContain('2024');
        expect(normalizer.terms('a 12 hour shift')).toContain('12');
    });

    it('reads a chat spelling that stands for other words in one place only there: "rn" last, "r" first', () => {
        expect(normalizer.words('is texas good rn')).toEqual(['is', 'texas', 'good', 'right', 'now']);
        expect(normalizer.terms('r u licensed')).toEqual(normalizer.terms('are you licensed'));
        // Elsewhere, or right after a word that makes it a name, it stays as written: a registered nurse, "R&D".
        expect(normalizer.words('im an rn')).toEqual(['im', 'an', 'rn']);
        expect(normalizer.words('rn or mlt')).toEqual(['rn', 'or', 'mlt']);
        expect(normalizer.words('mlt or rn')).toEqual(['mlt', 'or', 'rn']);
        expect(normalizer.words('jobs in r and d')).toEqual(['jobs', 'in', 'r', 'and', 'd']);
        expect(normalizer.words('rn')).toEqual(['rn']);
    });

    it('reads "make" a few words after "how much" as earning, and no other "make"', () => {
        const terms = normalizer.terms('how much do new grads make in texas');
        expect(terms).toContain('salary');
        expect(terms).not.toContain('make');
        expect(normalizer.terms('what makes a good tech')).not.toContain('salary');
        expect(normalizer.terms('how much does it cost, and what makes it worth it')).not.toContain('salary');
        // The job's name written out stands between them: still what they earn.
        expect(normalizer.terms('how much does a medical lab tech make')).toContain('salary');
        expect(normalizer.terms('how much time does it take, or what makes it hard')).not.toContain('salary');
    });

    it('reads "what do … make" as earning, unless "make" goes on to another meaning', () => {
        expect(normalizer.terms('What do MLTs make in New York?')).toContain('salary');
        expect(normalizer.terms('what does a lab tech make a year')).toContain('salary');
        expect(normalizer.terms('What do you make of the job market?')).not.toContain('salary');
        expect(normalizer.terms('what does an MLT make sure of before running a test?')).not.toContain('salary');
        expect(normalizer.terms('what do MLTs do all day, and what makes it hard?')).not.toContain('salary');
    });

    it('reads "what … make" said last, or with when or where it is earned, as earning', () => {
        expect(normalizer.terms('do you guys know what MLTs actually make?')).toContain('salary');
        expect(normalizer.terms('what lab techs make a year')).toContain('salary');
        expect(normalizer.terms('i wonder what they make in texas')).toContain('salary');
        // "make" going on to its object, or an object before it: no pay.
        expect(normalizer.terms('what skills make a good tech')).not.toContain('salary');
        expect(normalizer.terms('what decisions do MLTs make')).not.toContain('salary');
        expect(normalizer.terms('what makes a good tech')).not.toContain('salary');
    });

    it('reads an age stated after "I\'m" or "I am" as the term for "too old", and no other number', () => {
        expect(normalizer.terms("I'm 45 and changing careers")).toContain('ageconcern');
        expect(normalizer.terms('I am 52')).toContain('ageconcern');
        expect(normalizer.terms('im 19yo')).toContain('ageconcern');
        expect(normalizer.terms("I'm 2 years into the program")).not.toContain('ageconcern');
        expect(normalizer.terms('the 45 techs in my lab')).not.toContain('ageconcern');
    });
});

describe('splitWords', () => {
    it('leaves out forum emoji by name, but not words around a colon', () => {
        expect(splitWords('Any thoughts appreciated :yeah::confused: :slight_smile:')).toEqual(['any', 'thoughts', 'appreciated']);
        expect(splitWords('(thanks :thumbs_up:) ok')).toEqual(['thanks', 'ok']);
        expect(splitWords('I’m confused: MLT or MLS? Note:this, ratio MLT:MLS:phleb')).toEqual(['im', 'confused', 'mlt', 'or', 'mls', 'note', 'this', 'ratio', 'mlt', 'mls', 'phleb']);
    });

    it('stays linear on a run of colons and letters', () => {
        const began = process.hrtime.bigint();
        splitWords(':a'.repeat(20_000) + ':ab'.repeat(10_000));
        // Wide enough that a busy machine cannot fail it, far below what quadratic work takes.
        expect(Number(process.hrtime.bigint() - began) / 1e6).toBeLessThan(500);
    });
});
