import type { Activity } from 'botbuilder';
import { createMainDialog } from '../../dialogs';
import { SMALL_TALK_DIALOG } from '../../dialogs/smallTalk';
import type { SmallTalkKind } from '../../src/knowledge/smallTalkSchema';
import { dialogDeps, realKnowledge, testClient, said, turn } from '../helpers/botHarness';

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
            ['are you human?', 'identity'],
            ['Are you real?', 'identity'],
            ['am I talking to a real person?', 'identity'],
            ['ok', 'acknowledgement'],
            ['cool', 'acknowledgement'],
            ['got it', 'acknowledgement'],
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
            expect(text).toMatch(/_Source: .*Exploring Specialized Medical Technician Fields.*_/);
            expect(text).toContain(deps.replies.gapAdvisorOffer);
            // Not the licensure dialog's state answer or its steps.
            expect(said(replies)).not.toMatch(/yes: california requires a license|educational prerequisites/);
            expect(replies[0].channelData.answer).toEqual({ source: 'fallback', reason: 'gap', gap: 'phlebotomy-licensing', ids: [], score: expect.any(Number) });
            expect(buttons(replies[0])[0]).toBe(ADVISOR);
            expect(deps.gapQuestions).toEqual([{ question: PHLEBOTOMIST_IN_CALIFORNIA, gap: 'phlebotomy-licensing' }]);
            expect(deps.unansweredQuestions).toEqual([]);
        });

        it.each([
            ['what are the night shifts like in a hospital lab?', 'shifts'],
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

