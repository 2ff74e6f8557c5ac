import { GAP_SUGGESTED_FROM, gapIndexEntry, gapOf, leadingGap } from '../../src/knowledge/gapSchema';
import { realKnowledge } from '../helpers/botHarness';

const { kb, search } = realKnowledge();

describe('known gaps in the search', () => {
    describe('when a question is on a subject the sources do not cover', () => {
        it.each([
            ['what are the shifts like for a new MLT?', 'shifts'],
            ['do lab techs have to work weekends and holidays', 'shifts'],
            ['is being a lab tech stressful', 'stress'],
            ['how do you avoid burnout in the lab?', 'stress'],
            ['how many questions does the ASCP MLT exam have and what is the passing score', 'exam-format'],
            ['what does MLT school cost, and is there financial aid?', 'tuition'],
            ['can international students study MLT here on a visa?', 'visa'],
            ['I am colorblind, can I still work in a lab?', 'colour-vision'],
            ['can you become an MLT if you have a felony?', 'criminal-record'],
            ['is 39 too late to become a lab tech?', 'age'],
            ['am I too old to switch careers into the lab at 45', 'age'],
            ['im 30 is it 2 late to become an mlt', 'age'],
            // "at age 55" is a person's age: "age" and "aging" stem alike, and the ageing population is job demand.
            ['would a hospital lab hire someone at age 55?', 'age'],
            // Probes of 7 December 2026: "sick" was read as "quick" (the quickest route in), "good for" as the exam, a
            // stepping stone to medical school as the MLT-to-MLS bridge; being on one's feet found the job market.
            ['can you get sick working in a lab', 'lab-safety'],
            ['how long is the ascp certification good for', 'licence-renewal'],
            ['is mlt a good stepping stone to med school', 'pre-med'],
            ['is being an mlt physically demanding?', 'work-environment'],
            // A medical assistant is another career (it was a "Did you mean" led by the MLT and MLS comparison).
            ['how is mlt different from a medical assistant', 'other-careers'],
            // A program at night is school around a job, not night shifts; CVS is a pharmacy, not a CV (the résumé entry).
            ['can i go to mlt school at night?', 'working-while-studying'],
            ['can mlts work at cvs?', 'other-careers'],
            // An employer paying for school is tuition, not pay; renewing a licence is renewal, not its fee.
            ['does the hospital pay for mls school?', 'tuition'],
            ['do i have to renew my license', 'licence-renewal'],
            // Moving states later is a licence moving with them (it was a "Did you mean" led by licensure by state).
            ['what if I move to another state later?', 'state-licence-details'],
            // MLT against nursing is another career (it began the MLT and MLS comparison, or found the science it takes);
            // a pathologist is a doctor (it found who supervises MLTs).
            ['mlt vs rn which is better?', 'other-careers'],
            ['is mlt harder than nursing school?', 'other-careers'],
            ['can mlt become pathologist?', 'pre-med'],
            // Which exam is cheaper is the exam's cost ("cheaper" was no cost; it found which exam to take).
            ['is amt cheaper than ascp', 'exam-logistics'],
            ['I am an experienced phlebotomist outside of California, how can I get my license to practice phlebotomy in California?', 'phlebotomy-licensing'],
            ['do you get good benefits like health insurance?', 'employee-benefits'],
            ['how much PTO do hospital lab techs get', 'employee-benefits'],
            ['I have dyspraxia, can I still work as a lab tech?', 'accommodations'],
            ["what's the difference between an MLT and an MLA?", 'lab-assistant'],
            ['Medical Lab Techs - is your job dangerous at all?', 'lab-safety'],
            ['my lab license expired two years ago, how do I get it back?', 'licence-renewal'],
            ['could I keep working full time while doing the MLT program?', 'working-while-studying'],
            ['do lab techs on nights get paid more?', 'shifts'],
            ['is it possible to shadow an MLT for a day?', 'job-shadowing'],
            ['how do I get into the MLT program, what are my chances of getting picked?', 'admissions'],
            // Real questions the probes of 6 December 2026 found reaching another subject, or none.
            ['Do travel lab techs earn more money?', 'travel-jobs'],
            ['How do I become a medical technologist in the United States if I live in another country?', 'visa'],
            ['does ASCP certification expire?', 'licence-renewal'],
            // Round 3 of the probes: experience from another job, a "Did you mean" or another gap before.
            ['would I need to start from scratch for mlt or does my nursing degree count?', 'prior-learning'],
            ['does my phlebotomy experience count toward becoming an MLT?', 'prior-learning'],
            ['do I need to be citizen for work in hospital lab?', 'visa'],
            ['Can I use the GI bill for an MLT program?', 'tuition'],
            ['vet tech here. does vet tech experience transfer at all to human lab work? could i skip anything', 'prior-learning'],
        ])('%j leads with the %s gap', (question, gap) => {
            const result = search.search(question);
            expect(leadingGap(result)).toBe(gap);
        });
    });

    describe('when the sources answer the question', () => {
        it.each([
            ['do I need a license in California?', 'licensure-by-state'],
            ['is there a background check for an MLT license?', 'licensure-background-check'],
            ['what are the steps to get an MLT license', 'licensure-steps'],
            ['how long is MLT school', 'education-program-length'],
            ['where do MLTs work?', 'workplaces-settings'],
            ['what does the ASCP exam cover?', 'certification-ascp-boc'],
            ['how much do MLTs make', 'salary-figures'],
            ['is phlebotomy part of an MLT career?', 'specializations-phlebotomy'],
            // The benefits of the career, not an employer's: its pros and cons.
            ['what are the benefits of being an MLT?', 'suitability-worth-it'],
            ['can I move to another state as an MLT?', 'licensure-by-state'],
            ['Will I be certified after I complete the program?', 'certification-which-exam'],
        ])('%j is answered by %s, not taken by a gap', (question, id) => {
            const result = search.search(question);
            expect(result.confidence).toBe('answer');
            expect(result.hits[0].entry.id).toBe(id);
            expect(leadingGap(result)).toBeUndefined();
        });
    });

    it('keeps gaps out of the FAQ entries: entries and entry(id) list only answers', () => {
        expect(search.entries.some((e) => gapOf(e))).toBe(false);
        expect(search.entry('gap:shifts')).toBeUndefined();
        expect(search.entries).toHaveLength(kb.entries.length);
    });

    it('does not lead with a gap it only weakly resembles: nothing matched stays nothing', () => {
        const result = search.search('qwzx vbnm');
        expect(result.confidence).toBe('none');
        expect(leadingGap(result)).toBeUndefined();
    });

    it('does not lead with a gap suggested first on a word or two: the question gets its "Did you mean"', () => {
        // "maldi" read as "made" drew the stress gap at 0.345, and the visitor was told the sources do not cover stress.
        const result = search.search('is it common for hospitals to have cepheid or maldi?');
        expect(result.confidence).toBe('suggest');
        expect(result.hits[0].entry.gap).toBe('stress');
        expect(result.reading!.top).toBeLessThan(GAP_SUGGESTED_FROM);
        expect(leadingGap(result)).toBeUndefined();
        // At the floor and above, a gap suggested first still leads.
        expect(leadingGap({ ...result, reading: { ...result.reading!, top: GAP_SUGGESTED_FROM } })).toBe('stress');
    });
});

describe('gapIndexEntry', () => {
    it('indexes a gap by its questions, keywords and the sentence naming it, and names the gap', () => {
        const shifts = kb.gaps.gaps.find((g) => g.name === 'shifts')!;
        const entry = gapIndexEntry(shifts);
        expect(entry).toMatchObject({ id: 'gap:shifts', gap: 'shifts', topic: shifts.topic, title: shifts.title, questions: shifts.questions, answer: shifts.uncovered });
        // What the sources say repeats FAQ answers: indexing it would draw their questions to the gap.
        expect(entry.answer).not.toContain(shifts.sourcesSay!);
    });
});

describe('a gap’s title', () => {
    it.each(kb.gaps.gaps.map((g) => [g.title, g.name]))('%j (a suggestion button) leads back to the %s gap', (title, name) => {
        expect(leadingGap(search.search(title))).toBe(name);
    });
});
