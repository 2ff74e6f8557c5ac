import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { CareerFitDialog, CAREER_FIT_DIALOG } from '../../dialogs/careerFitDialog';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const OPENING = 'Is an MLT career right for me? Take the quiz';


async function start(deps = dialogDeps(), dialog = new CareerFitDialog(deps)) {
    const client = testClient(dialog, deps, { text: OPENING, entryId: 'suitability-quiz', score: 1 });
    const opening = await turn(client, OPENING);
    return { deps, client, opening };
}

/** Answers every question in turn and returns the summary. */
async function answerAll(client: DialogTestClient, answers: string[]): Promise<Partial<Activity>[]> {
    let replies: Partial<Activity>[] = [];
    for (const answer of answers) replies = await turn(client, answer);
    return replies;
}

describe('CareerFitDialog', () => {
    it('uses the id MainDialog starts it with', () => expect(CAREER_FIT_DIALOG).toBe('careerFit'));

    it('asks the questions in order, each with Yes/No buttons', async () => {
        const { deps, client, opening } = await start();
        const questions = deps.facts.careerFit.questions;
        expect(said(opening)).toBe(`let’s see whether mlt work could suit you: 4 quick yes/no questions.\n\n**1/4.** ${questions[0].prompt}\n[yes] [no]`.toLowerCase());
        for (let i = 1; i < questions.length; i++) {
            expect(said(await turn(client, 'yes'))).toBe(`**${i + 1}/4.** ${questions[i].prompt}\n[yes] [no]`.toLowerCase());
        }
    });

    describe('when every question is answered', () => {
        it.each<[string[], RegExp]>([
            [['yes', 'yes', 'yes', 'yes'], /you answered yes to 4 of 4[\s\S]*it sounds like a good fit/],
            [['yeah', 'kinda', 'nope', '👍'], /you answered yes to 3 of 4[\s\S]*it sounds like a good fit/],
            [['definitely', 'not really', 'sure', 'nah'], /you answered yes to 2 of 4[\s\S]*worth exploring further/],
            [['no', 'n', 'of course', 'no way'], /you answered yes to 1 of 4[\s\S]*may not suit you[\s\S]*phlebotomy/],
            [['nope', 'no', 'not at all', 'never'], /you answered yes to 0 of 4[\s\S]*may not suit you/],
            // How the visitor feels about what a question asks answers it (before, "i hate science" was answered as a
            // question on the science background and the quiz started again).
            [['i hate science', 'I love details', 'i hate that', "I'm good with my hands"], /you answered yes to 2 of 4[\s\S]*worth exploring further/],
        ])('scores the answers %j', async (answers, expected) => {
            const { client } = await start();
            const replies = await answerAll(client, answers);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('says what each answer means, suggests next steps and cites the sources, with the answer trace', async () => {
            const { deps, client } = await start();
            const [summary] = await answerAll(client, ['yes', 'no', 'yes', 'no']);
            const text = visible(summary);
            deps.facts.careerFit.questions.forEach((q, i) => {
                expect(text).toContain(`**${q.prompt}** ${i % 2 === 0 ? `yes. ${q.ifYes}` : `no. ${q.ifNo}`}`.toLowerCase());
            });
            expect(text).toMatch(/next steps: talk to a school or career advisor, look at accredited programs[\s\S]*make you a plan/);
            expect(text).toMatch(SOURCE_LINE);
            expect(summary.channelData.answer).toMatchObject({ source: 'dialog', dialog: 'careerFit', ids: ['suitability-quiz'], score: 1 });
            expect(citedSections(summary)).toContain('Who Can be a Medical Laboratory Technician?');
            const titles = (deps.search.entry('suitability-quiz')?.followUps ?? []).map((id) => deps.search.entry(id)?.title);
            expect(summary.suggestedActions?.actions.map((a) => a.title)).toEqual(titles);
        });

        it('keeps each conversation’s answers apart, even on one dialog instance', async () => {
            const deps = dialogDeps();
            const dialog = new CareerFitDialog(deps);
            const first = await start(deps, dialog);
            const second = await start(dialogDeps(), dialog);
            for (let i = 0; i < 3; i++) {
                await turn(first.client, 'yes');
                await turn(second.client, 'no');
            }
            expect(visible((await turn(first.client, 'yes'))[0])).toContain('yes to 4 of 4');
            expect(visible((await turn(second.client, 'no'))[0])).toContain('yes to 0 of 4');
        });
    });

    describe('when an answer is not understood', () => {
        it('reprompts twice, then hands the third answer back to search', async () => {
            const { deps, client } = await start();
            const retry = `please answer **yes** or **no**: ${deps.facts.careerFit.questions[0].prompt}\n[yes] [no]`.toLowerCase();
            for (const says of ['purple', 'hmm']) expect(said(await turn(client, says))).toBe(retry);
            expect(await turn(client, 'banana')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'banana' });
        });

        it('explains the question when asked what it means, then asks the same question again without using a try', async () => {
            const { deps, client } = await start();
            await turn(client, 'yes');
            const replies = await turn(client, 'what do you mean?');
            expect(replies).toHaveLength(2);
            // Before, "Please answer yes or no" at once.
            expect(visible(replies[0])).toMatch(/^each question asks whether something the work calls for describes you/);
            expect(said([replies[1]])).toBe(`**2/4.** ${deps.facts.careerFit.questions[1].prompt}\n[yes] [no]`.toLowerCase());
            const retry = `please answer **yes** or **no**: ${deps.facts.careerFit.questions[1].prompt}\n[yes] [no]`.toLowerCase();
            for (const says of ['purple', 'hmm']) expect(said(await turn(client, says))).toBe(retry);
        });

        it('hands an unrelated question back to search at once, even mid-quiz', async () => {
            const { client } = await start();
            await turn(client, 'yes');
            expect(await turn(client, 'How much do MLTs make?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'How much do MLTs make?' });
        });
    });
});
