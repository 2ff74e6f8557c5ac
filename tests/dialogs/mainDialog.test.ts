import type { Activity } from 'botbuilder';
import { createMainDialog } from '../../dialogs';
import { SMALL_TALK_DIALOG } from '../../src/knowledge/dialogIds';
import type { SmallTalkKind } from '../../src/knowledge/smallTalkSchema';
import { dialogDeps, realKnowledge, testClient, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const SMALL_TALK_TRACE = { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 };
const ADVISOR = 'Talk to a career advisor';

function start() {
    const deps = dialogDeps();
    return { deps, client: testClient(createMainDialog(deps), deps) };
}

const buttons = (reply: Partial<Activity>) => reply.suggestedActions?.actions.map((a) => a.title) ?? [];
/** The reply variants `knowledge/smallTalk.yaml` gives a kind, lowercased as `said` returns them. */
const repliesOf = (kind: SmallTalkKind) => realKnowledge().kb.smallTalk.kinds.find((k) => k.id === kind)?.replies.map((r) => r.toLowerCase()) ?? [];

describe('MainDialog', () => {
    describe('small talk', () => {
        it.each<[string, SmallTalkKind]>([
            ['hi', 'greeting'],
            ['Hello!', 'greeting'],
            ['hey there 👋', 'greeting'],
            ['good morning', 'greeting'],
            ['hello? anyone there?', 'greeting'],
            ['thanks!', 'thanks'],
            ['Thank you so much!!', 'thanks'],
            ['ok thanks', 'thanks'],
            ['bye', 'goodbye'],
            ['thanks, bye!', 'goodbye'],
            ['have a good day', 'goodbye'],
            ['who are you', 'identity'],
            ['what are you?', 'identity'],
            ['are you a bot or a person?', 'identity'],
            ['r u a real person', 'identity'],
            ['are you human?', 'identity'],
            ['Are you real?', 'identity'],
            ['am I talking to a real person?', 'identity'],
            ['ok', 'acknowledgement'],
            ['cool', 'acknowledgement'],
            ['got it', 'acknowledgement'],
            ['ok that sounds cool', 'acknowledgement'],
            ['no thanks', 'acknowledgement'],
            ['no, that’s all', 'goodbye'],
            ['you’re helpful', 'compliment'],
            ['awesome', 'compliment'],
            ['that was really helpful', 'compliment'],
            ['that’s not what I asked', 'frustration'],
            ['useless', 'frustration'],
            ['you’re not helping', 'frustration'],
            ['wrong answer', 'frustration'],
            ['thanks for nothing', 'frustration'],
            ['ugh, that doesn’t answer my question', 'frustration'],
            // Round 3 of the blind probes: once a "Did you mean" with three more buttons.
            ['this bot is useless, none of these answer my question', 'frustration'],
            ['none of those are what i meant', 'frustration'],
        ])('answers “%s” as %s, with the small-talk trace', async (text, kind) => {
            const { deps, client } = start();
            const replies = await turn(client, text);
            expect(replies).toHaveLength(1);
            expect(repliesOf(kind)).toContain(replies[0].text?.toLowerCase());
            expect(replies[0].channelData.answer).toEqual(SMALL_TALK_TRACE);
            expect(deps.unansweredQuestions).toEqual([]);
        });

        it('greets with what it can help with and the topic menu as buttons', async () => {
            const { client } = start();
            const [reply] = await turn(client, 'hi');
            expect(reply.text).toMatch(/medical laboratory technician/i);
            expect(buttons(reply)).toEqual(expect.arrayContaining(['How much do MLTs make?', 'Do I need a license in my state?']));
            expect(buttons(reply)).not.toContain(ADVISOR);
        });

        it.each(['who are you', 'are you a bot or a person?'])('says plainly on “%s” that it is a bot answering from two articles, and a person can follow up', async (text) => {
            const { client } = start();
            const [reply] = await turn(client, text);
            expect(reply.text).toMatch(/automated assistant/i);
            expect(reply.text).toMatch(/a bot, not a person/i);
            expect(reply.text).toMatch(/two published articles about MLT careers/i);
            expect(reply.text).toMatch(/career advisor/i);
            expect(buttons(reply)).toContain(ADVISOR);
        });

        it.each(['that’s not what I asked', 'useless', 'you’re not helping', 'wrong answer'])('offers a career advisor and the menu on “%s”', async (text) => {
            const { client } = start();
            const [reply] = await turn(client, text);
            expect(buttons(reply)).toContain(ADVISOR);
            expect(buttons(reply).length).toBeGreaterThanOrEqual(5);
            expect(reply.channelData.answer).toEqual(SMALL_TALK_TRACE);
        });

        it('starts the follow-up hand-off from the advisor button frustration offers', async () => {
            const { client } = start();
            await turn(client, 'useless');
            expect(said(await turn(client, ADVISOR))).toMatch(/career advisors[\s\S]*shall i go ahead/);
        });

        it('takes the reply variants in turn, so thanks twice is not answered the same way twice', async () => {
            const { client } = start();
            const [first] = (await turn(client, 'thanks')).map((r) => r.text?.toLowerCase());
            const [second] = (await turn(client, 'thanks')).map((r) => r.text?.toLowerCase());
            expect(first).not.toEqual(second);
            expect(repliesOf('thanks')).toEqual(expect.arrayContaining([first, second]));
        });

        it('never records small talk as an unanswered question', async () => {
            const { deps, client } = start();
            for (const text of ['hi', 'thanks!', 'who are you', 'ok', 'cool', 'awesome', 'useless', 'bye']) await turn(client, text);
            expect(deps.unansweredQuestions).toEqual([]);
            // The same harness does record a real miss, so the check above can fail.
            await turn(client, 'qwzx vbnm');
            expect(deps.unansweredQuestions).toEqual(['qwzx vbnm']);
        });
    });

    describe('what is not small talk', () => {
        it.each([
            ['hi, how much do MLTs make?', /57,380/],
            ['Hello! how much do medical lab techs make?', /57,380/],
            ['thanks, and do I need a license in Texas?', /texas/],
        ])('answers the question behind a greeting or thanks: “%s”', async (text, expected) => {
            const { deps, client } = start();
            const replies = await turn(client, text);
            expect(said(replies)).toMatch(expected);
            for (const reply of replies) expect(reply.channelData.answer).toMatchObject({ source: expect.stringMatching(/^(knowledge|dialog)$/) });
            expect(replies.map((r) => r.channelData.answer.dialog)).not.toContain(SMALL_TALK_DIALOG);
            expect(deps.unansweredQuestions).toEqual([]);
        });

        it.each(['is it ok to work nights?', 'cool, what do MLTs do all day?', 'are you sure MLTs need a license?'])('searches “%s”', async (text) => {
            const { client } = start();
            const replies = await turn(client, text);
            expect(replies.map((r) => r.channelData.answer.dialog)).not.toContain(SMALL_TALK_DIALOG);
        });

        it('leaves the commands and the follow-up request where they were', async () => {
            const { client } = start();
            expect((await turn(client, 'help'))[0].channelData.answer.dialog).toBe('help');
            expect((await turn(client, 'menu'))[0].channelData.answer.dialog).toBe('menu');
            expect((await turn(client, 'can I talk to a human?'))[0].channelData.answer.dialog).toBe('followUp');
        });
    });

    describe('small talk while a topic dialog waits', () => {
        it('answers “thanks” and asks the question again, without taking it as the answer', async () => {
            const { client } = start();
            const asked = said(await turn(client, 'do I need a license to work as an MLT?'));
            expect(asked).toMatch(/which state/);
            const replies = await turn(client, 'thanks!');
            expect(replies).toHaveLength(2);
            expect(replies[0].channelData.answer).toEqual(SMALL_TALK_TRACE);
            expect(said([replies[0]])).toBe('you’re welcome!');
            expect(said(replies.slice(1))).toMatch(/which state/);
            expect(said(replies)).not.toMatch(/didn’t recognise/);
            // The dialog still waits on its question.
            expect(said(await turn(client, 'tennessee'))).toMatch(/tennessee requires a license/);
        });

        it.each([
            ['the MLT-vs-MLS comparison', 'What’s the difference between an MLT and an MLS?'],
            ['the pathway planner', 'How do I become an MLT? Make me a plan'],
            ['the quiz', 'Is an MLT career right for me? Take the quiz'],
        ])('in %s, answers “thanks” and asks its question again', async (_name, opening) => {
            const { client } = start();
            const asked = await turn(client, opening);
            const question = asked[asked.length - 1];
            const replies = await turn(client, 'thanks');
            expect(replies.map((r) => r.channelData.answer.dialog)).toEqual([SMALL_TALK_DIALOG, question.channelData.answer.dialog]);
            expect(said(replies.slice(1))).toBe(said([question]));
        });

        it('answers “are you a bot?” and keeps the dialog going', async () => {
            const { client } = start();
            await turn(client, 'do I need a license to work as an MLT?');
            const replies = await turn(client, 'are you a bot?');
            expect(replies[0].channelData.answer).toEqual(SMALL_TALK_TRACE);
            expect(replies[0].text).toMatch(/automated assistant/i);
            expect(said(replies.slice(1))).toMatch(/which state/);
            expect(said(await turn(client, 'hawaii'))).toMatch(/hawaii requires a license/);
        });

        it('asks the question again, and only that, on a plain “ok”', async () => {
            const { client } = start();
            const asked = await turn(client, 'do I need a license to work as an MLT?');
            const replies = await turn(client, 'ok');
            expect(replies).toHaveLength(1);
            expect(said(replies)).toBe(said([asked[asked.length - 1]]));
        });

        it('takes “ok” as the answer when the prompt accepts it (a yes-or-no question)', async () => {
            const { client } = start();
            const asked = await turn(client, 'Is an MLT career right for me? Take the quiz');
            expect(asked[asked.length - 1].channelData.answer.dialog).toBe('careerFit');
            const replies = await turn(client, 'ok');
            expect(replies.map((r) => r.channelData.answer.dialog)).not.toContain(SMALL_TALK_DIALOG);
        });

        it('ends the dialog on frustration and offers an advisor and the menu', async () => {
            const { client } = start();
            expect(said(await turn(client, 'do I need a license to work as an MLT?'))).toMatch(/which state/);
            const replies = await turn(client, 'that’s not what I asked');
            expect(replies).toHaveLength(1);
            expect(replies[0].channelData.answer).toEqual(SMALL_TALK_TRACE);
            expect(buttons(replies[0])).toContain(ADVISOR);
            // The state question is no longer waiting: a state alone is searched afresh.
            expect((await turn(client, 'bye'))[0].channelData.answer).toEqual(SMALL_TALK_TRACE);
        });
    });

    describe('known gaps', () => {
        const PHLEBOTOMIST_IN_CALIFORNIA = 'I am an experienced phlebotomist outside of California, how can I get my license to practice phlebotomy in California?';

        it('answers a phlebotomy licence question naming a state with the gap reply, not the MLT licence steps', async () => {
            const { deps, client } = start();
            const replies = await turn(client, PHLEBOTOMIST_IN_CALIFORNIA);
            expect(replies).toHaveLength(1);
            const gap = deps.replies.knownGap('phlebotomy-licensing')!;
            const text = replies[0].text ?? '';
            expect(text).toContain(gap.uncovered);
            expect(text).toMatch(SOURCE_LINE);
            expect(citedSections(replies[0])).toContain('Exploring Specialized Medical Technician Fields');
            expect(text).toContain(deps.replies.gapAdvisorOffer);
            // Not the licensure dialog's state answer or its steps.
            expect(said(replies)).not.toMatch(/yes: california requires a license|educational prerequisites/);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'fallback', reason: 'gap', gap: 'phlebotomy-licensing', ids: [], score: expect.any(Number) });
            // What the sources do say bears on it, with its citations as data; nothing from the MLT licence steps.
            expect(replies[0].channelData.answer.citations?.length).toBeGreaterThan(0);
            expect(buttons(replies[0])[0]).toBe(ADVISOR);
            expect(deps.gapQuestions).toEqual([{ question: PHLEBOTOMIST_IN_CALIFORNIA, gap: 'phlebotomy-licensing' }]);
            expect(deps.unansweredQuestions).toEqual([]);
        });

        it.each([
            ['what are the night shifts like in a hospital lab?', 'shifts'],
            // "nights" alone, beside "new grad" (which drew the starting pay entry).
            ['will i be working nights as a new grad?', 'shifts'],
            ['is 39 too late to start MLT school?', 'age'],
            ['can I get a lab tech license in Texas with a felony on my record?', 'criminal-record'],
        ])('answers %j with the %s gap reply and its advisor offer', async (question, name) => {
            const { deps, client } = start();
            const replies = await turn(client, question);
            expect(replies).toHaveLength(1);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'fallback', reason: 'gap', gap: name });
            expect(replies[0].text).toContain(deps.replies.knownGap(name)!.uncovered);
            expect(buttons(replies[0])).toContain(ADVISOR);
        });

        it('hands the advisor button to the follow-up dialog', async () => {
            const { client } = start();
            await turn(client, 'is the lab a stressful place to work?');
            const replies = await turn(client, ADVISOR);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'dialog' });
        });

        it('still answers a licence question naming a state from the licensure dialog', async () => {
            const { deps, client } = start();
            const replies = await turn(client, 'do I need a license to work as an MLT in California?');
            expect(said(replies)).toContain('california');
            expect(replies.some((r) => r.channelData?.answer?.reason === 'gap')).toBe(false);
            expect(deps.gapQuestions).toEqual([]);
        });
    });
});

/** What one turn of a routing case must produce. */
interface TurnExpectation {
    /** Each reply's trace, in order (matched as a subset: `{ source: 'knowledge', ids: ['salary-figures'] }`). */
    traces: Array<Record<string, unknown>>;
    /** The key text the visitor reads in the turn's replies (lowercased, as `said` gives it). */
    text: RegExp;
    /** Text that must not appear: the wrong answer the case guards against. */
    not?: RegExp;
    /** Button titles the last reply must offer. */
    buttons?: string[];
}

interface RoutingCase {
    name: string;
    /** Turns said first, to put a dialog in the waiting state the case is about. */
    before?: string[];
    say: string;
    expected: TurnExpectation;
    /** One more turn, showing whether the interrupted dialog was resumed or dropped. */
    then?: { say: string; expected: TurnExpectation };
}

const QUIZ_BUTTON = 'Is an MLT career right for me? Take the quiz';
const PLAN_BUTTON = 'How do I become an MLT? Make me a plan';
const COMPARISON = 'What’s the difference between an MLT and an MLS?';
const SMALL_TALK = { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [] };
const QUIZ_ASKS = { source: 'dialog', dialog: 'careerFit' };
const PLANNER_ASKS = { source: 'dialog', dialog: 'pathwayPlanner' };

/**
 * Issue 13's acceptance cases for conversation basics, dialogs that listen and several questions at once, with the
 * routing and hand-offs around them: what the visitor says, the trace of each reply and the words they read.
 */
const ROUTING: RoutingCase[] = [
    { name: 'a greeting', say: 'hi', expected: { traces: [SMALL_TALK], text: /medical laboratory technician/, buttons: ['How much do MLTs make?'] } },
    { name: 'another greeting', say: 'Hello!', expected: { traces: [SMALL_TALK], text: /mlt|medical laboratory/ } },
    { name: 'thanks', say: 'thanks!', expected: { traces: [SMALL_TALK], text: /welcome|glad to help/, not: /don’t have an answer/ } },
    { name: 'who are you', say: 'who are you', expected: { traces: [SMALL_TALK], text: /automated assistant[\s\S]*a bot, not a person/, buttons: [ADVISOR] } },
    { name: 'bot or person', say: 'are you a bot or a person?', expected: { traces: [SMALL_TALK], text: /a bot, not a person/, buttons: [ADVISOR] } },
    { name: 'goodbye', say: 'bye', expected: { traces: [SMALL_TALK], text: /goodbye|take care/ } },
    { name: 'frustration', say: 'that’s not what I asked', expected: { traces: [SMALL_TALK], text: /career advisor/, buttons: [ADVISOR] } },
    { name: 'frustration, in one word', say: 'useless', expected: { traces: [SMALL_TALK], text: /career advisor/, buttons: [ADVISOR] } },
    {
        name: '“tell me more” after an answer: that is all the sources say, with the answer’s follow-ups as buttons',
        before: ['wat do mlts do all day'],
        say: 'tell me more',
        // Before, "more" was searched and found whether technologists earn more.
        expected: { traces: [SMALL_TALK], text: /that’s all our sources say on it/, not: /separate pay figures/, buttons: ['What tests and equipment do MLTs work with?'] },
    },
    { name: '“tell me more” before any answer', say: 'tell me more', expected: { traces: [SMALL_TALK], text: /more about what\?/, buttons: ['How much do MLTs make?'] } },
    {
        name: '“what years is that for?” after the growth figure: the answer’s source, with its sentence that gives the years',
        before: ['do u know the growth rate for lab jobs'],
        say: 'what years is that for',
        // Before, a "Did you mean" on how long school takes.
        expected: { traces: [{ source: 'knowledge', ids: ['job-outlook-job-security'] }], text: /comes from:[\s\S]*why is a medical technician career[\s\S]*2022 to 2032/, not: /not completely sure/ },
    },
    {
        name: '“how old is that data?” after the pay figures: their sources and dates, not the known gap on age',
        before: ['how much do mlts make?'],
        say: 'how old is that data?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-figures'] }], text: /figures are as of november 2024[\s\S]*may 2023/, not: /too old|say nothing about age/ },
    },
    {
        name: '“ok, where did you get that?” after an answer: its sources, and the conversation goes on from that answer',
        before: ['what is the job outlook for mlts?'],
        say: 'ok, where did you get that?',
        // Before, "where" made it a question on the outlook by state or city.
        expected: { traces: [{ source: 'knowledge', ids: ['job-outlook-growth'] }], text: /comes from:[\s\S]*give a year:\n- the u\.s\. bureau of labor statistics[\s\S]*2022 to 2032/, not: /by state or city/ },
        then: { say: 'tell me more', expected: { traces: [SMALL_TALK], text: /that’s all our sources say on it/, buttons: ['Why is there demand for medical lab technicians?'] } },
    },
    {
        name: '“where did you get that?” after a reply to several questions: the sources of every part, each under its title',
        before: ['How long is MLT school? And how much do MLTs make?'],
        say: 'where did you get that?',
        // Before, only the last part's sources (the pay figures).
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length', 'salary-figures'] }], text: /\*\*how long does mlt school take\?\*\*[\s\S]*\*\*how much do mlts make\?\*\*[\s\S]*november 2024/ },
    },
    {
        name: '“where did you get that?” while the work settings wait on a choice: the sources, then the choice asked again',
        before: ['where do mlts work?'],
        say: 'where did you get that?',
        expected: { traces: [{ source: 'knowledge', ids: ['workplaces-settings'] }, { source: 'dialog', dialog: 'workSettings' }], text: /comes from:[\s\S]*“diverse employment settings”[\s\S]*want to know more/ },
    },
    {
        name: '“does my ascp count” while the licence dialog asks for a state: whether certification is a licence, not the gap on earlier credits',
        before: ['whats needed for a state license'],
        say: 'does my ascp count',
        // Before, "count" found the known gap "Will my experience or earlier credits count toward MLT training?".
        expected: { traces: [{ source: 'knowledge', ids: ['certification-vs-licensure'] }], text: /prerequisite for a state license/, not: /earlier credits/ },
    },
    {
        name: '“is that before tax?” after the pay figures: the known gap on pay after tax, not job shadowing',
        before: ['how much do mlts make in texas?'],
        say: 'is that before tax?',
        // Before, "before" found "Can I shadow a lab tech or visit a lab before I apply?".
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'pay-after-tax' }], text: /before or after tax[\s\S]*57,380/, not: /shadow/, buttons: [ADVISOR] },
    },
    {
        name: '“how long is it?” after the known gap on the cost of school: the programs’ length, which that reply offers',
        before: ['how much does mlt school cost?'],
        say: 'how long is it?',
        // Before, a "Did you mean" between the programs' length, the quickest route and the exam's length.
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /two-year/, not: /not completely sure/ },
    },
    {
        name: '“how long do I get?” after the known gap on the exam’s format: that gap again, not a “Did you mean”',
        before: ['how many questions are on the ascp exam?'],
        say: 'how long do I get?',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'exam-format' }], text: /length, number of questions/, not: /not completely sure/ },
    },
    {
        name: '“which one is better?” after the two certifying bodies: that answer again, which ranks neither',
        before: ['what certifications are there for mlts?'],
        say: 'which one is better?',
        // Before, a "Did you mean" between MLT vs MLS, certification vs licence and an offer's worth.
        expected: { traces: [{ source: 'knowledge', ids: ['certification-which-exam'] }], text: /do not rank one above the other/, not: /not completely sure/ },
    },
    {
        name: '“do you sit all day?” after a typical day: the known gap on working conditions, not the typical day again',
        before: ['what does a typical day look like for an mlt?'],
        say: 'do you sit all day?',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'work-environment' }], text: /working conditions/, not: /receive and process specimens/ },
        // Thinking on one's feet is quick thinking, not standing all day.
        then: { say: 'do lab techs have to think on their feet?', expected: { traces: [{ source: 'knowledge', ids: ['skills-critical-thinking'] }], text: /investigate methodically/ } },
    },
    {
        name: '“where did you get that?” after a known gap’s reply: the sources of what it says the sources do say',
        before: ['is working in a lab stressful?'],
        say: 'where did you get that?',
        expected: { traces: [{ source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [] }], text: /comes from:[\s\S]*“specimen handling and preparation”[\s\S]*medical laboratory technician online classes and training/ },
    },
    {
        name: '“what’s your source?” before any answer: the articles every answer comes from',
        say: 'what’s your source?',
        expected: { traces: [SMALL_TALK], text: /every.*comes from these sources[\s\S]*medical laboratory technician online classes and training[\s\S]*why is a medical technician career/ },
    },
    {
        name: 'a question about duties while the comparison waits on which fits: answered, the comparison dropped',
        before: [COMPARISON],
        say: 'what does an mlt do',
        expected: { traces: [{ source: 'knowledge', ids: ['duties-overview'] }], text: /analyzes bodily fluids/, not: /which fits you better|key difference/ },
        // The fit question no longer waits: "not sure yet" is searched afresh, not taken as its answer.
        then: { say: 'not sure yet', expected: { traces: [{ source: 'fallback' }], text: /medical laboratory technician/, not: /no need to decide yet/ } },
    },
    {
        name: 'the difference asked again while the comparison waits: the comparison again, not taken as “not sure yet”',
        before: [COMPARISON],
        say: 'what’s the difference between a medical lab technician and a technologist',
        expected: {
            traces: [{ source: 'dialog', dialog: 'mltVsMls', ids: ['mlt-vs-mls-compare'] }, { source: 'dialog', dialog: 'mltVsMls' }],
            text: /key difference[\s\S]*which fits you better/,
            not: /no need to decide yet/,
        },
    },
    {
        name: '“Should I become a medical lab technician?”: an answer with pay, outlook and fit, the quiz and the plan as buttons',
        say: 'Should I become a medical lab technician?',
        expected: {
            traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }],
            text: /57,380[\s\S]*5% projected growth|5% projected growth[\s\S]*57,380/,
            not: /education so far|1\/4/,
            buttons: [QUIZ_BUTTON, PLAN_BUTTON],
        },
    },
    {
        name: '“Is MLT a good career?”: an answer with its source line, the quiz and the plan as buttons',
        say: 'Is MLT a good career?',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }], text: /pros:[\s\S]*behind the scenes[\s\S]*_sources?:/, not: /1\/4/, buttons: [QUIZ_BUTTON, PLAN_BUTTON] },
    },
    ...['do you think I should become a lab tech', 'is MLT a smart move?', 'is being a med lab tech worth it?'].map(
        (say): RoutingCase => ({
            name: `another way of asking whether to take it up, “${say}”: the same answer, not the planner`,
            say,
            expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }], text: /57,380/, not: /education so far/, buttons: [QUIZ_BUTTON, PLAN_BUTTON] },
        }),
    ),
    {
        name: '“is this career right for me?”: the self-check answered, with the quiz offered first',
        say: 'is this career right for me?',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-quiz'] }], text: /attention to detail/, not: /1\/4/, buttons: [QUIZ_BUTTON, PLAN_BUTTON] },
    },
    { name: 'the quiz’s button starts the quiz', say: QUIZ_BUTTON, expected: { traces: [QUIZ_ASKS], text: /1\/4\.\*\* are you interested in science/ } },
    { name: 'asking for the quiz starts it', say: 'can I take the quiz?', expected: { traces: [QUIZ_ASKS], text: /1\/4/ } },
    { name: 'asking for a plan starts the planner', say: 'make me a plan', expected: { traces: [PLANNER_ASKS], text: /what’s your education so far/ } },
    {
        name: '“how do I become an MLT?”: the steps, with the plan as a button',
        say: 'how do I become an MLT?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-pathway-plan'] }], text: /accredited program/, not: /education so far/, buttons: [PLAN_BUTTON] },
    },
    {
        name: 'a pay question mid-quiz: answered, then the quiz’s question again',
        before: [QUIZ_BUTTON],
        say: 'how much do MLTs make?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-figures'] }, QUIZ_ASKS], text: /57,380[\s\S]*1\/4\.\*\* are you interested in science/ },
        then: { say: 'yes', expected: { traces: [QUIZ_ASKS], text: /2\/4/ } },
    },
    {
        name: 'a question opening with “never mind” mid-quiz: answered, and the quiz dropped',
        before: [QUIZ_BUTTON, 'yes'],
        say: 'never mind, how much do MLTs make?',
        // Before, the pay was answered and the quiz's question asked again.
        expected: { traces: [{ source: 'dialog', dialog: 'salaryCheck', ids: ['salary-figures'] }], text: /57,380/, not: /2\/4/ },
        then: { say: 'how long is mlt school?', expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /two-year/, not: /2\/4/ } },
    },
    {
        name: '“no thanks” while the comparison waits on which fits: the comparison ends without asking again',
        before: [COMPARISON],
        say: 'no thanks',
        // Before, "Which fits you better?" was asked again.
        expected: { traces: [{ source: 'dialog', dialog: 'mltVsMls', ids: ['mlt-vs-mls-compare'] }], text: /you don’t have to choose/, not: /which fits you better/ },
    },
    {
        name: 'a job the visitor has, told while the planner waits on education: not held back as another subject, the question asked again',
        before: ['make me a plan'],
        say: 'I’m a registered nurse',
        // Before, "That’s outside what I know" and the planner's first question again.
        expected: { traces: [PLANNER_ASKS], text: /didn’t catch that[\s\S]*associate degree/, not: /outside what i know/ },
        then: { say: 'an ADN', expected: { traces: [PLANNER_ASKS], text: /which role are you aiming for/ } },
    },
    {
        name: 'a question that does not name the field, in a message that does: answered when one entry leads clearly',
        say: 'Hi! I’m starting MLT school this fall. How long is the program? What do you wish you knew when you first started working?',
        // Before, "Did you mean" for the second question (alone, it could be about any job).
        expected: {
            traces: [{ source: 'knowledge', ids: ['education-program-length', 'skills-advice-new-techs'], parts: [{ ids: ['education-program-length'] }, { source: 'knowledge', ids: ['skills-advice-new-techs'] }] }],
            text: /two-year[\s\S]*attention to detail/,
            not: /did you mean/,
        },
    },
    {
        name: 'a question on another job in a message about the field is about choosing between them: its known gap, not “outside what I know”',
        say: 'I work as an MLT. How do I become a radiology tech?',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'other-careers' }], text: /don't compare mlt work with nursing or other health careers/, not: /outside what i know/ },
    },
    {
        name: 'a question of one word of its own is not answered because the message names the field: “how do I handle this?”',
        say: 'I’m a new MLT and I made a mistake at work. How do I handle this?',
        expected: { traces: [{ source: 'fallback', reason: 'suggestions' }], text: /did you mean/ },
    },
    {
        name: 'a question while the planner waits on education: answered, then asked again',
        before: ['make me a plan'],
        say: 'how long is mlt school?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }, PLANNER_ASKS], text: /two-year[\s\S]*what’s your education so far/ },
        then: { say: 'high school', expected: { traces: [PLANNER_ASKS], text: /which role are you aiming for/ } },
    },
    {
        name: 'a licence question naming a state mid-quiz: the state’s answer from its dialog, then the quiz’s question again',
        before: [QUIZ_BUTTON, 'yes'],
        say: 'do I need a license in Texas?',
        expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }, QUIZ_ASKS], text: /texas[\s\S]*2\/4/ },
        then: { say: 'no', expected: { traces: [QUIZ_ASKS], text: /3\/4/ } },
    },
    {
        name: 'the difference asked mid-quiz: the comparison’s answer without its own question, then the quiz’s question again',
        before: [QUIZ_BUTTON],
        say: COMPARISON,
        expected: { traces: [{ source: 'knowledge', ids: ['mlt-vs-mls-compare'] }, QUIZ_ASKS], text: /bachelor[\s\S]*1\/4/, not: /which fits you better/ },
        then: { say: 'yes', expected: { traces: [QUIZ_ASKS], text: /2\/4/ } },
    },
    {
        name: '“which one makes more money?” after the MLT and MLS comparison: the two roles’ pay, not the pay figures',
        before: ['whats the difference between mlt and mls'],
        say: 'which one makes more money',
        // Before, the pay figures: the roles' pay was not among the question's own five nearest entries, and "makes more"
        // and "money" counted as two words of its own subject.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /separate pay figures for the two roles/ },
    },
    {
        name: 'a pay figure told beside a question comparing the two roles’ pay: the comparison, not the pay check',
        say: 'research assistant here, making like 38k. how much do MLS make compared to MLT',
        // Before, the pay check set $38,000 against the sources' figures.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /separate pay figures for the two roles/, not: /your figure/ },
    },
    {
        name: 'a pay figure told beside a question on which specialty pays most: that answer, not the pay check',
        say: "I'm an MLT making 21.50/hr at a small clinic lab. which lab specialty pays the most?",
        expected: { traces: [{ source: 'knowledge', ids: ['salary-highest-paid-specializations'] }], text: /molecular diagnostics/, not: /your figure/ },
    },
    {
        name: 'an age and a sex (“27M”) is no pay figure',
        say: '27M, been a phlebotomist in Texas for 3 yrs. which one makes more money, MLT or MLS?',
        // Before, "Your figure: $27,000,000 a year".
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /separate pay figures for the two roles/, not: /your figure|27,000,000/ },
    },
    {
        name: '“I got offered 48k as a new mlt, is that good?”: the offer set against the sources’ figures at once',
        say: 'I got offered 48k as a new mlt, is that good?',
        // Before, "What’s the offer? Tell me the amount": "48k as" was read as a count.
        expected: { traces: [{ source: 'dialog', dialog: 'salaryCheck' }], text: /your figure: \$48,000 a year/ },
    },
    {
        name: '“which states?” while the licence dialog waits on a state: the states the sources name, then the state asked for again',
        before: ['do mlts need a license?'],
        say: 'which states?',
        // Before, "I didn’t recognise a US state", one of the visitor's tries spent.
        expected: {
            traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }, { source: 'dialog', dialog: 'licensure' }],
            text: /our sources name \*\*california[\s\S]*which state or territory do you plan to work in/,
            not: /didn’t recognise/,
        },
        then: { say: 'florida', expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }], text: /yes: florida requires a license/ } },
    },
    {
        name: 'the quiz asked for while the comparison waits: the quiz starts',
        before: [COMPARISON],
        say: 'take the quiz',
        expected: { traces: [QUIZ_ASKS], text: /1\/4/, not: /didn’t catch that/ },
    },
    {
        name: 'asking for the quiz mid-quiz starts it afresh',
        before: [QUIZ_BUTTON, 'yes'],
        say: 'quiz me',
        expected: { traces: [QUIZ_ASKS], text: /1\/4/, not: /2\/4/ },
    },
    {
        name: 'a short answer phrased as a question is still the answer: “what about Ohio?” for the state',
        before: ['do I need a license to work as an MLT?'],
        say: 'what about Ohio?',
        expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }], text: /ohio/ },
    },
    {
        name: 'a state told around a question nothing answers is where they are, not a licence question: no licence answer',
        say: 'I grew up in Ohio and love the outdoors. Is that weird?',
        expected: { traces: [{ source: 'fallback', reason: 'no-match' }], text: /don’t have an answer/, not: /ohio is not on the list/ },
    },
    {
        name: 'while a state the question names, with nothing else found, still asks about that state',
        say: 'and in Ohio?',
        expected: { traces: [{ source: 'dialog', dialog: 'licensure' }], text: /ohio is not on the list/ },
    },
    {
        name: 'after a licence answer, a question on another subject naming a state is that subject’s answer, not the state’s licence',
        before: ['do I need a license in Texas?'],
        say: 'how is the job market for MLTs in Ohio?',
        // The outlook for a state: the sources' national figures, said to be national.
        expected: { traces: [{ source: 'knowledge', ids: ['job-outlook-by-state'] }], text: /5% job growth/, not: /ohio is not on the list/i },
    },
    {
        name: 'after a pay answer, a state alone asks the pay there, not the state’s licence',
        before: ['how much do MLTs make?'],
        say: 'what about in California?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-by-state'] }], text: /no state-by-state or city salary figures/, not: /yes: california requires a license/ },
    },
    {
        name: 'after an outlook answer, a state alone asks the outlook there: the sources give it nationally, not the state’s licence',
        before: ['is the job market good for lab techs?'],
        say: 'and in Texas?',
        expected: { traces: [{ source: 'knowledge', ids: ['job-outlook-by-state'] }], text: /not by state or city[\s\S]*5% job growth/, not: /texas is not on the list/i },
    },
    {
        name: 'what one needs to work in a state is its licence, though without the state the question is about schooling',
        say: 'what do I need to work in New York?',
        expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }], text: /new york requires a license/i },
    },
    {
        name: 'a question pointing back to the state its message named (“work there”) asks about that state',
        say: "I'm moving to New York. What do I need to work there?",
        expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }], text: /new york requires a license/i, not: /did you mean/i },
    },
    {
        name: 'a question about what was just said (“Is that true everywhere?”) is read with it: pay by place',
        say: 'My cousin is an MLT and says the pay is bad. Is that true everywhere?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-by-state'] }], text: /no state-by-state or city salary figures/ },
    },
    {
        name: '“is that a problem?” after an unaccredited program asks about accreditation, not problem solving',
        say: "My MLT program isn't NAACLS accredited. is that a problem?",
        expected: { traces: [{ source: 'knowledge', ids: ['education-accreditation'] }], text: /accreditation/i },
    },
    {
        name: '“Can I still do this?” after a situation the sources do not cover gets that gap, though it names no subject',
        say: 'I hate blood. Can I still do this?',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'blood-phobia' }], text: /fear of blood/ },
    },
    {
        name: '“Does that matter in the lab?” after “I’m colorblind” asks about colour vision, not why skills matter',
        say: "I'm colorblind. Does that matter in the lab?",
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'colour-vision' }], text: /colour blind/i, not: /critical thinking/i },
    },
    {
        name: 'a label before several questions (“Quick questions:”) is not searched: “questions” is not the exam’s',
        say: 'Quick questions: how long is the program, and how much do MLTs make?',
        expected: {
            traces: [{ source: 'knowledge', parts: [{ ids: ['education-program-length'] }, { ids: ['salary-figures'] }] }],
            text: /two-year[\s\S]*57,380/,
            not: /how is it scored/i,
        },
    },
    {
        name: 'an age said in passing (“I’m 45”) is what “Is that crazy?” asks about: the age gap',
        say: "I'm 45 and changing careers. Is that crazy?",
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'age' }], text: /age/i },
    },
    {
        name: '“Is she right?” after what an advisor said is read with it: MLS and MLT pay',
        say: 'My advisor says MLS pays way more than MLT. Is she right?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /separate pay figures for the two roles/ },
    },
    {
        name: 'a pay figure told in passing is background to a question on another subject: the comparison, not a pay check',
        say: "I'm 35 and make 52k in insurance claims. What's the difference between an MLT and an MLS?",
        expected: { traces: [{ source: 'dialog', dialog: 'mltVsMls', ids: ['mlt-vs-mls-compare'] }, { source: 'dialog', dialog: 'mltVsMls' }], text: /associate’s degree/, not: /your figure/ },
    },
    {
        name: 'whether lab techs in general are underpaid gets the figures; only one’s own pay is asked for an amount',
        say: 'is it true that lab techs are underpaid?',
        expected: { traces: [{ source: 'dialog', dialog: 'salaryCheck' }], text: /57,380/, not: /what’s the offer/i },
    },
    {
        name: '“am I underpaid?” asks about one’s own pay: the amount is asked for',
        say: 'am I underpaid as a med lab tech?',
        expected: { traces: [{ source: 'dialog', dialog: 'salaryCheck' }], text: /what’s the offer/i },
    },
    {
        name: 'a question while the state is asked for: answered, the state question dropped',
        before: ['do I need a license to work as an MLT?'],
        say: 'what does an mlt do',
        expected: { traces: [{ source: 'knowledge', ids: ['duties-overview'] }], text: /analyzes bodily fluids/, not: /which state/ },
    },
    {
        name: 'several questions at once: one reply, a part for each',
        say: 'How long is MLT school and how much do MLTs make?',
        expected: {
            traces: [{ source: 'knowledge', ids: ['education-program-length', 'salary-figures'], parts: [{ ids: ['education-program-length'] }, { ids: ['salary-figures'] }] }],
            text: /two-year[\s\S]*57,380/,
        },
    },
    {
        name: 'a follow-up that leans on the last answer (“is it hard?”): its own words read with that answer’s subject',
        before: ['what is the ASCP certification'],
        say: 'is it hard?',
        // Alone, a "Did you mean" between the exam, finding work and the science it takes.
        expected: { traces: [{ source: 'knowledge', ids: ['certification-exam-difficulty'] }], text: /certification/ },
    },
    {
        name: 'a follow-up with no subject of its own (“what do they do there?”): the last answer’s subject',
        before: ['can MLTs work in public health labs'],
        say: 'what do they do there?',
        expected: { traces: [{ source: 'knowledge', ids: ['workplaces-public-health'] }], text: /public health/ },
    },
    {
        name: 'a follow-up the last answer does not decide (“is it hard?” after pay) stays a “Did you mean”',
        before: ['how much do MLTs make?'],
        say: 'is it hard?',
        expected: { traces: [{ source: 'fallback', reason: 'suggestions' }], text: /did you mean/ },
    },
    {
        name: 'a follow-up that reads as no question (“and MLS?”) while the pay dialog waits: read with the pay answer',
        before: ['how much do MLTs make?'],
        say: 'and MLS?',
        // Alone, "and MLS?" is the technologist's duties.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /57,380/ },
    },
    {
        name: '“how long does that take?” after how to become a technologist: the programs’ lengths, the bachelor’s included',
        before: ['how do I become an MLS'],
        say: 'how long does that take',
        // Alone, a "Did you mean" between the programs' lengths and how long a licence takes.
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /four-year/ },
    },
    {
        name: 'a question naming the job by a title the sources never use (“CLS”): the answer opens saying which role it covers',
        say: 'how much do CLS make?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /^a note on the name: our sources don't use the title \*\*cls\*\*[\s\S]*57,380/ },
    },
    {
        name: 'a question on the technologist answered for the technician (language.yaml alsoReadAs): the answer opens saying so',
        say: 'what are the perks of being an MLS?',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }], text: /^our sources answer this for the \*\*technician \(mlt\)\*\*[\s\S]*pros/ },
    },
    {
        name: 'the same under a title the sources never use: that note, not the one on the name',
        say: 'what are the perks of being a CLS?',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }], text: /^our sources answer this for the \*\*technician \(mlt\)\*\*/, not: /a note on the name/ },
    },
    {
        name: 'and a part of several questions so answered says so under its title',
        say: 'what are the perks of being an MLS? and how long is MLT school?',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it', 'education-program-length'] }], text: /^\*\*is becoming an mlt worth it\? pros and cons\*\*\s+our sources answer this for the \*\*technician \(mlt\)\*\*/ },
    },
    {
        name: 'what it takes to work in a named state, answered with the training: the state’s licence closes the answer',
        say: 'what do I need to work as an MLT in California?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate's degree[\s\S]*california requires a state license as well/ },
    },
    {
        name: 'but asked by someone already certified as an MLT, what it takes to work in a state is that state’s licence',
        say: "I'm a nationally certified medical laboratory technician living in Ohio. What do I need to work as an MLT in California?",
        expected: { traces: [{ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] }], text: /yes: california requires a license/, not: /associate's degree \(typically 2 years\)/ },
    },
    {
        name: 'while a student of the work is still told the training',
        say: "I'm an MLT student in Ohio. What do I need to work as an MLT in California?",
        expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate's degree[\s\S]*california requires a state license as well/ },
    },
    {
        name: 'the same in a state the sources do not list: that it is not listed, and whom to ask',
        say: 'what do I need to become an MLT in Texas?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate's degree[\s\S]*texas is not on our sources’ list of places that require a state license/ },
    },
    {
        name: 'the same for the technologist under a title the sources never use: the note on the name opens, the state’s licence closes',
        say: 'what do I need to work as a CLS in California?',
        expected: { traces: [{ source: 'knowledge', ids: ['advancement-becoming-mls'] }], text: /^a note on the name[\s\S]*bachelor's degree[\s\S]*california requires a state license as well/ },
    },
    {
        name: 'and for certification asked in a state: the state’s licence closes the answer',
        say: 'is certification required in New York?',
        expected: { traces: [{ source: 'knowledge', ids: ['certification-mandatory'] }], text: /close to essential[\s\S]*new york requires a state license as well/ },
    },
    {
        name: 'but not for pay asked in a state',
        say: 'how much do MLTs make in California?',
        expected: { traces: [{ source: 'knowledge' }], text: /no state-by-state/, not: /requires a state license as well/ },
    },
    {
        name: 'and with no state named, no such line',
        say: 'what do I need to become an MLT?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate's degree/, not: /state license/ },
    },
    {
        name: 'a question on the technologist by the sources’ own title has no such note',
        say: 'how much do MLS make?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-mlt-vs-mls'] }], text: /57,380/, not: /a note on the name/ },
    },
    {
        name: 'an answer opening “Yes.” to a question that asked what, not whether: headed by the question it answers',
        say: 'what do MLTs do in clinics?',
        expected: { traces: [{ source: 'knowledge', ids: ['workplaces-clinics'] }], text: /^\*\*do mlts work in clinics and doctors' offices\?\*\*\s+yes\./ },
    },
    {
        name: 'an answer opening “Quite a lot.” to “is MLT school hard?”: headed by “How good at science do I need to be?”',
        say: 'is mlt school hard',
        expected: { traces: [{ source: 'knowledge', ids: ['education-science-background'] }], text: /^\*\*how good at science do i need to be\?\*\*\s+quite a lot\./ },
    },
    {
        name: 'the same answer to its own question, as its button asks it: “Yes.” first, with no heading',
        say: "Do MLTs work in clinics and doctors' offices?",
        expected: { traces: [{ source: 'knowledge', ids: ['workplaces-clinics'] }], text: /^yes\. in clinics/ },
    },
    {
        name: 'a question about what was said (“will that stop me…?”) that is answered alone keeps its subject: the sentence before only picks among its own entries',
        say: 'I had a misdemeanor years ago. I am in the first semester of my MLT program. Will that stop me from getting licensed?',
        // With the sentence just before it, the search led to how long the program takes.
        expected: { traces: [{ source: 'knowledge', ids: ['licensure-background-check'] }], text: /background check/, not: /two-year/ },
    },
    {
        name: 'a state alone after the certification answer (“what about in Florida?”) asks what that state requires: its licence',
        before: ['is certification required for mlt'],
        say: 'what about in florida?',
        // Before, the certification answer again.
        expected: { traces: [{ source: 'dialog', dialog: 'licensure' }], text: /florida requires a license/ },
    },
    {
        name: 'a state told only in the situation does not turn a question the situation helped answer into its licence',
        say: "I'm a certified MLT in Florida and want to go into management someday. do I need a masters for that? what leadership roles are there for lab techs",
        // The question alone, without its situation, was unsure, and a licensure entry among its hits began the licence dialog.
        expected: { traces: [{ source: 'knowledge', ids: ['advancement-masters-management', 'advancement-leadership-roles'] }], text: /master's degree/, not: /florida requires a license/ },
    },
    {
        name: 'a question on certification is not a state’s licence because a state is told and a licensure entry leads',
        say: "I'm a dental assistant (27) in Nevada. Considering MLT school. Is certification mandatory to get hired or just a nice to have?",
        expected: { traces: [{ source: 'knowledge', ids: ['licensure-employer-certification'] }], text: /employers still require certification/, not: /nevada requires a license/ },
    },
    {
        name: 'a follow-up that alone finds another entry does not get the answer just given again (“is it boring?”)',
        before: ['what does an mlt do all day'],
        say: 'is it boring?',
        // Before, the typical day again: read with its title, it led.
        expected: { traces: [{ source: 'knowledge', ids: ['duties-routine-work'] }], text: /much of it is routine by design/ },
    },
    {
        name: '“and can an mlt work alone?” after the titles is whether an MLT works under supervision, not the titles again',
        before: ['is an mls the same as a med tech'],
        say: 'and can an mlt work alone?',
        expected: { traces: [{ source: 'knowledge', ids: ['mlt-vs-mls-supervision'] }], text: /works under supervision/ },
    },
    {
        name: '“and for MLS?” after a typical MLT day is what a technologist does, not the MLT’s day again',
        before: ["what's a typical day like for an MLT?"],
        say: 'and for MLS?',
        expected: { traces: [{ source: 'knowledge', ids: ['mlt-vs-mls-technologist-duties'] }], text: /bachelor's-degree-level lab role/ },
    },
    {
        name: '“which pays more?” after the specializations picks among them: the specializations that pay most',
        before: ['what are the specializations'],
        say: 'which pays more?',
        // Before, it was no follow-up (no pronoun, no "and"), and alone it is the MLT and MLS pay comparison.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-highest-paid-specializations'] }], text: /molecular diagnostics/ },
    },
    {
        name: '“is that in demand” after blood bank technology is demand by specialty, not the job market as a whole',
        before: ['can an mlt specialize in blood bank'],
        say: 'is that in demand',
        expected: { traces: [{ source: 'knowledge', ids: ['specializations-demand'] }], text: /don't count jobs by specialty/ },
    },
    ...['can we stop', 'stop asking me questions', "I'm done with this quiz", "i don't want to do this anymore", 'nvm', 'forget the quiz'].map(
        (text): RoutingCase => ({
            name: `wanting out of the quiz, put as “${text}”, stops it`,
            before: [QUIZ_BUTTON],
            say: text,
            // Before, the quiz asked for yes or no again.
            expected: { traces: [{ source: 'dialog', dialog: 'cancel' }], text: /stopped that/, not: /please answer/ },
            then: { say: 'no', expected: { traces: [{ source: 'fallback' }], text: /./, not: /2\/4/ } },
        }),
    ),
    {
        name: '“how do i study for it” after the exam is preparing for the exam (whose answer says the sources give no study advice), not MLT school',
        before: ['is the ascp exam hard'],
        say: 'how do i study for it',
        expected: { traces: [{ source: 'knowledge', ids: ['certification-exam-difficulty'] }], text: /neither gives pass rates or study advice/, not: /associate's degree/ },
    },
    {
        name: 'a state alone after the pay figures still gets pay by place',
        before: ['how much do MLTs make'],
        say: 'what about in california?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-by-state'] }], text: /no state-by-state/, not: /california requires a license/ },
    },
    {
        name: '“is that a good salary?” right after the pay figures: the sources’ verdict on them, not the figures again',
        before: ['what do MLTs get paid'],
        say: 'is that a good salary?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-is-it-good'] }], text: /financial stability[\s\S]*definitely not the most attractive/ },
    },
    {
        name: 'a follow-up (“is it in demand?”) takes, of its own nearest entries, the one on the last answer’s subject',
        before: ['what is molecular diagnostics'],
        say: 'is it in demand?',
        // Before, the job outlook as a whole.
        expected: { traces: [{ source: 'knowledge', ids: ['specializations-demand'] }], text: /molecular/ },
    },
    {
        name: 'pay in a state, asked of the technologist: pay by place, not the MLT and MLS comparison the state’s name hid',
        say: 'salary in california for mls?',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-by-state'] }], text: /no state-by-state/ },
    },
    {
        name: 'a question naming no field word (“why is there such a big difference?”) is answered when the sentence before it confirms its own best entry',
        say: 'I keep seeing 39k on one site and 57k on another for lab tech pay. Why is there such a big difference?',
        // Alone, a "Did you mean": nothing in it names the field.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-why-figures-differ'] }], text: /57,380[\s\S]*39,624/ },
    },
    {
        name: 'a question with one word of its own subject and no field word (“What would I need to do?”) is answered with the sentence before it',
        say: 'Someone told me to look into MLS. What would I need to do?',
        // Alone, a "Did you mean" between what an MLT needs, a master's and certification.
        expected: { traces: [{ source: 'knowledge', ids: ['advancement-becoming-mls'] }], text: /bachelor's degree in medical technology/ },
    },
    {
        name: 'a post calling the lab people in (“any MLTs here?”) before its question: a greeting, not a question answered with what an MLT is',
        say: 'any lab techs here? hows the job market looking',
        expected: { traces: [{ source: 'knowledge', ids: ['job-outlook-growth'] }], text: /5% job growth/, not: /stands for/ },
    },
    {
        name: '“any MLTs here?” alone is a greeting',
        say: 'any MLTs here?',
        expected: { traces: [SMALL_TALK], text: /mlt career assistant|ask me anything/ },
    },
    {
        name: 'a follow-up with two words of its own (“does it pay more?”) takes the entry the last answer offers as its follow-up',
        before: ['can you tell me about molecular diagnostics? sounds cool'],
        say: 'does it pay more?',
        // Before, whether technologists earn more than technicians: answered alone, it kept its own reading.
        expected: { traces: [{ source: 'knowledge', ids: ['salary-highest-paid-specializations'] }], text: /molecular diagnostics/, not: /separate pay figures for the two roles/ },
    },
    {
        name: '“how long would that take” after going from MLT to MLS: the programs’ lengths, the bachelor’s among them',
        before: ['how do i go from mlt to mls later?'],
        say: 'how long would that take',
        // Before, a "Did you mean" between school, a licence and finding work.
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /bachelor's degree\*\* \(a four-year degree\)/ },
    },
    {
        name: '“how long does that take” after what a technologist does: alone a tie between school and a licence, the answer settles it',
        before: ['do u know what an mls is'],
        say: 'how long does that take',
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /four-year degree/ },
    },
    {
        name: '“thanks! how much school is that” after a typical day: the thanks only says the answer was heard, and the question follows on',
        before: ['what does an mlt do all day'],
        say: 'thanks! how much school is that',
        // Before, the thanks made it a question inside the visitor's situation, searched alone: a "Did you mean".
        expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate/ },
        // The question, not the whole message, is read with the answer: "sounds cool" is no subject of it.
        then: { say: 'ok that sounds cool. how much school is that again', expected: { traces: [{ source: 'knowledge', ids: ['education-requirements'] }], text: /associate/ } },
    },
    {
        name: 'a few words after a follow-up that say what it meant (“…in pay? like median”) are read with it',
        before: ['whats the job outlook for mlts'],
        say: 'ok and what does that come out to in pay? like median',
        expected: { traces: [{ source: 'knowledge', ids: ['salary-bls-median'] }], text: /57,380/ },
    },
    {
        name: '“how long does each take” while the comparison waits on which fits: the programs’ lengths, not the choices again',
        before: ['whats the difference between mlt and mls'],
        say: 'how long does each take',
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /four-year degree/, not: /it depends on what you want/ },
    },
    {
        name: 'the same with why they ask after the question (“…roughly? need to tell my boss for the reimbursement form”)',
        before: ['whats the difference between mlt and mls'],
        say: 'and how long is each one roughly? need to tell my boss for the reimbursement form',
        // A blind probe's chat: before, the prompt asked which fits again.
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /four-year degree/, not: /it depends on what you want/ },
    },
    {
        name: 'a follow-up with why they ask after it is still read with the last answer (“how long does that take? asking for my planning”)',
        before: ['do u know what an mls is'],
        say: 'how long does that take? asking bc i need to plan around my job',
        expected: { traces: [{ source: 'knowledge', ids: ['education-program-length'] }], text: /four-year degree/ },
    },
    {
        name: 'a message that is only a short question about the last answer (“by who?”) is read with it',
        before: ['does the mlt program need to be accredited'],
        say: 'by who',
        // Before, "Sorry, I don’t have an answer to that".
        expected: { traces: [{ source: 'knowledge', ids: ['education-accreditation'] }], text: /naacls/ },
    },
    {
        name: 'a follow-up’s preference for the last answer’s subject takes an entry, never a known gap of that topic',
        before: ['how do I bridge from MLT to MLS?'],
        say: 'is it worth it tho',
        expected: { traces: [{ source: 'knowledge', ids: ['suitability-worth-it'] }], text: /pros/, not: /medical school/ },
    },
    {
        name: 'after the licence dialog’s answer, “what’s the process?” is read with it: the licence steps',
        before: ['do i need a license in new york'],
        say: 'whats the process',
        // The dialog left no last answer, so this was a "Did you mean".
        expected: { traces: [{ source: 'knowledge', ids: ['licensure-steps'] }], text: /background check/ },
    },
    {
        name: 'the state a licence question named is remembered: “how do I get one?” next is answered for it, not asked again',
        before: ['do I need a license in california?'],
        say: 'how do I get one?',
        // Before, the general rule and "Which state or territory do you plan to work in?".
        expected: { traces: [{ source: 'dialog', dialog: 'licensure' }], text: /you mentioned california\. \*\*yes: california requires a license/, not: /which state/ },
    },
    {
        name: 'a follow-up is read for a state in the visitor’s words only, not in the title it is read with (“and mt?” after the titles)',
        before: ['whats a cls', 'is that the same as mls?'],
        say: 'and mt?',
        // Before, "MT" in the titles entry's title ("MLT, MLS, MT and med tech") was read as Montana: its licence.
        expected: { traces: [{ source: 'knowledge', ids: ['mlt-vs-mls-titles'] }], text: /\bmt\b/, not: /montana/ },
    },
    {
        name: 'a follow-up to a known gap’s reply (“what about in california”) is read with that gap: its reply again, not the MLT licence',
        before: ['do i need a phlebotomy license'],
        say: 'what about in california',
        // Before, the state alone started the MLT licence dialog: "Yes: California requires a license."
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'phlebotomy-licensing' }], text: /phlebotomy/, not: /california requires a license/ },
    },
    {
        name: 'a follow-up to the visa gap (“what about h1b”) gets that gap again, not “Sorry, I don’t have an answer”',
        before: ['im on a f1 visa can i work as mlt'],
        say: 'what about h1b',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'visa' }], text: /visas/ },
    },
    {
        name: '“which is better” after the other-careers gap is that comparison again, not a “Did you mean” on MLT and MLS',
        before: ["i'm thinking about mlt or nursing"],
        say: 'which is better',
        expected: { traces: [{ source: 'fallback', reason: 'gap', gap: 'other-careers' }], text: /don't compare mlt work with nursing/ },
    },
    {
        name: 'a new subject after an answer is its own question',
        before: ['how much do MLTs make'],
        say: 'what is NAACLS?',
        expected: { traces: [{ source: 'knowledge', ids: ['education-accreditation'] }], text: /accredit/ },
    },
];

describe('MainDialog routing, interruptions and hand-offs', () => {
    const check = (replies: Partial<Activity>[], expected: TurnExpectation) => {
        expect(replies.map((r) => r.channelData?.answer)).toMatchObject(expected.traces);
        expect(replies).toHaveLength(expected.traces.length);
        expect(said(replies)).toMatch(expected.text);
        if (expected.not) expect(said(replies)).not.toMatch(expected.not);
        if (expected.buttons) expect(buttons(replies[replies.length - 1])).toEqual(expect.arrayContaining(expected.buttons));
    };

    it.each(ROUTING.map((c) => [c.name, c] as const))('%s', async (_name, routingCase) => {
        const { client } = start();
        for (const text of routingCase.before ?? []) await turn(client, text);
        check(await turn(client, routingCase.say), routingCase.expected);
        if (routingCase.then) check(await turn(client, routingCase.then.say), routingCase.then.expected);
    });
});
