import { createMainDialog } from '../../dialogs';
import { describeSituation, readSituation, rememberSituation } from '../../dialogs/situation';
import type { ConversationMemory } from '../../dialogs/dialogDeps';
import { dialogDeps, said, testClient, turn } from '../helpers/botHarness';

function start() {
    const deps = dialogDeps();
    return { deps, client: testClient(createMainDialog(deps), deps) };
}

describe('readSituation: what a visitor says about themselves', () => {
    it.each([
        ['I am currently an RN, but I’m not passionate about my work', { work: 'nurse' }],
        ['I work as a phlebotomist per-diem at a hospital', { work: 'phlebotomist' }],
        ['I’ve been working as a science teacher for six years', { work: 'teacher' }],
        // Already in the lab's work: the words that describe the worker may come first.
        ['I am a nationally certified medical laboratory technician (MLT(ASCP))', { work: 'MLT' }],
        ["I've been an MLT for 6 years at a small hospital", { work: 'MLT' }],
        ['I work as a med tech in a reference lab', { work: 'MLS' }],
        ['I have a BS in biology', { education: 'science-bachelor' }],
        ["I'm an MA at a family practice clinic", { work: 'medical assistant' }],
        ['I work as a phlebotomist. Should I go for MLT?', { work: 'phlebotomist' }],
        ['I only have my high school diploma', { education: 'high-school' }],
        // The visitor's own, beside words the readings below leave out: a mom, and a degree unrelated to science.
        ['im a stay at home Mom with just high school graduation under my belt.', { education: 'high-school' }],
        ["I have a bachelor's degree already but it's unrelated to science.", { education: 'other-bachelor' }],
    ])('%s', (sentence, expected) => expect(readSituation(sentence)).toMatchObject(expected));

    it('reads a high school teacher as a job, not as schooling', () => {
        const { work, education } = readSituation('I am a high school teacher looking for a change');
        expect({ work, education }).toEqual({ work: 'teacher', education: undefined });
    });

    it('reads a pay figure they name', () => {
        expect(readSituation('I make $18 an hour in retail right now').pay).toMatchObject({ amount: 18, period: 'hour' });
    });

    it.each([
        'My sister is a nurse and loves it',
        'I’m a little worried about the exam',
        'Do I need a bachelor’s to be an MLT?',
        'Can a phlebotomist become an MLT?',
        // Weighing or studying the work is not doing it.
        "I'm considering MLT but I'm not sure",
        "I'm torn between MLT and nursing",
        "I'm an MLT student in my second year",
        "I'm thinking about becoming a lab tech",
        // A degree they mean to get, and high school as a time or a job (real posts: each was read as their schooling).
        'Should I forget about pursuing an associates degree and go ahead and work on a bachelors degree?',
        'I’m working toward a BS in biology',
        // Asked, not told (a blind probe's "im on an f1 visa can i work as an mlt after i graduate").
        'can i work as an mlt after i graduate',
        'I knew I wanted to purse a career as an MLT since high school',
        // Someone else's schooling, or schooling still to come (tuning-set posts: each was kept as the visitor's own).
        "I'm 52, have 2 kids in high school and a wife who has a solid career.",
        'My son is a junior in high school and he loves his chemistry and bio classes',
        'I was also told by my cousin, who is an MLS (BS) in SW Florida, that I should drop the MLT program',
        'I have heard that hospitals are pushing towards having lab techs with bachelors degrees instead of associates.',
        'What is the average salary of an MLT with an associate’s degree?',
        'I’m currently planning to apply to an MLT program in January, but upon graduating with the associates - do I need to do anything else',
        'I have been accepted for Fall 2009 BSN program, but I have a year of idle time until then.',
        'I have the option of starting nursing school for ADN in the fall',
        'My plan was MLT school at HCC in Houston as well as their ADN program.',
        // A job asked about, and a state's abbreviation (tuning-set posts: each was kept as the visitor's job).
        'Should I get a job as a MLT or CNA now, or would hiring managers prefer new MLSs?',
        'Work as a lab assistant / specimen processor first?',
        "Does anyone know of any good in-person post-bacc MLS programs in the US (I'm in MA but willing to relocate)?",
        // A diploma programme is no high school diploma.
        "I'm planning on applying for MLS diploma next year and will have all my prerequisites completed by then.",
        'Another factor I’m considering is pursuing sonography later via the graduate diploma/traineeship pathway',
    ])('reads nothing about the visitor in %s', (sentence) => {
        const { work, education } = readSituation(sentence);
        expect({ work, education }).toEqual({ work: undefined, education: undefined });
    });

    it('keeps the newest of each in memory, and describes it for an advisor', () => {
        const memory: ConversationMemory = {};
        const sentences = ['I was a cashier for years.', 'Now I work as a phlebotomist in Ohio and I have an associate degree.'];
        rememberSituation(sentences, sentences, memory);
        expect(memory).toMatchObject({ work: 'phlebotomist', education: 'associate', state: 'Ohio' });
        expect(describeSituation(memory)).toBe('phlebotomist; an associate degree; Ohio');
        expect(describeSituation({})).toBe('');
    });

    it('keeps no state the visitor says they are not in, nor a thing named with an article, and reads on past it', () => {
        const remembered = (sentence: string) => {
            const memory: ConversationMemory = {};
            rememberSituation([sentence], [sentence], memory);
            return memory.state;
        };
        // Real posts: both were kept as where the visitor lives.
        expect(remembered('I am a Nationally Certified Medical Laboratory Technician (MLT(ASCP)) not living in California,')).toBeUndefined();
        expect(remembered('mom of 3 here, I work overnights at a Walmart DC so days are tough.')).toBeUndefined();
        expect(remembered('I work nights at a small hospital in Iowa.')).toBe('Iowa');
        expect(remembered('I live in Texas, not in California.')).toBe('Texas');
    });

    it('keeps the highest schooling one message names, not the last one mentioned', () => {
        const memory: ConversationMemory = { education: 'high-school' };
        const sentences = ['I have a BS in biology.', 'I was bad at chem in high school, I only have my high school diploma in chemistry terms lol.'];
        rememberSituation(sentences, sentences, memory);
        expect(memory.education).toBe('science-bachelor');
        // A later message still corrects an earlier one.
        rememberSituation(['Actually I have some college, not a degree.'], [], memory);
        expect(memory.education).toBe('some-college');
    });

    it('reads a long sentence only up to its first 400 characters', () => {
        expect(readSituation(`${'lorem ipsum '.repeat(40)} I work as a phlebotomist`).work).toBeUndefined();
    });
});

describe('what the visitor said earlier is used by later answers (through MainDialog)', () => {
    it('the pathway planner does not ask again for the schooling they described, nor their state', async () => {
        const { client } = start();
        await turn(client, 'I have a bachelor’s in biology and work as a phlebotomist in Ohio. How long is the MLT program?');
        const opened = said(await turn(client, 'make me a plan'));
        expect(opened).toMatch(/which role are you aiming for/);
        expect(opened).not.toMatch(/what’s your education so far/);
        const plan = said(await turn(client, 'technician'));
        expect(plan).toMatch(/you mentioned you have a bachelor’s in a science/);
        expect(plan).toMatch(/state: ohio/);
    });

    it('the salary figures offer to compare the pay they named', async () => {
        const { client } = start();
        await turn(client, 'I work in retail and make $15 an hour. How long is the MLT program?');
        const figures = await turn(client, 'how much do MLTs make?');
        expect(said(figures)).toMatch(/you mentioned \$15 an hour/);
        expect(said(figures)).toContain('[compare $15 an hour]');
        expect(said(await turn(client, '$15 an hour'))).toMatch(/your figure: \$15 an hour/);
    });

    it('an advisor following up sees what they said about themselves', async () => {
        const { deps, client } = start();
        await turn(client, 'I’m an RN with a bachelor’s in nursing. Is MLT school hard?');
        await turn(client, 'can I talk to someone?');
        await turn(client, 'yes');
        await turn(client, 'Jordan');
        await turn(client, 'jordan@example.org');
        await turn(client, 'switching careers');
        expect(deps.followUpsSeen.requests[0].topic).toBe('switching careers (They told the bot: nurse; a bachelor’s degree.)');
    });
});
