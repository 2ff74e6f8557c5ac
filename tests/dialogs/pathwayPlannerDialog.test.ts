import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { PathwayPlannerDialog, PATHWAY_PLANNER_DIALOG } from '../../dialogs/pathwayPlannerDialog';
import type { TopicDialogOptions } from '../../dialogs/topicDialog';
import { findJurisdiction } from '../../src/recognizers';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const ARIZONA = findJurisdiction('Arizona');


function start(options: TopicDialogOptions) {
    const deps = dialogDeps();
    return { deps, client: testClient(new PathwayPlannerDialog(deps), deps, options) };
}

/** Plays a conversation as a table of [user says, bot should say] and returns the last turn's replies. */
async function play(client: DialogTestClient, turns: Array<[string, RegExp | string]>): Promise<Partial<Activity>[]> {
    let replies: Partial<Activity>[] = [];
    for (const [says, expected] of turns) {
        replies = await turn(client, says);
        if (typeof expected === 'string') expect(said(replies)).toContain(expected);
        else expect(said(replies)).toMatch(expected);
    }
    return replies;
}

describe('PathwayPlannerDialog', () => {
    it('uses the id MainDialog starts it with', () => expect(PATHWAY_PLANNER_DIALOG).toBe('pathwayPlanner'));

    describe('when nothing is known yet', () => {
        it('asks education, goal and state in turn, then sends an ordered, cited plan with follow-ups', async () => {
            const { deps, client } = start({ text: 'make me a plan' });
            const [plan] = await play(client, [
                ['make me a plan', 'let’s build your plan.\n\nwhat’s your education so far?\n[high school or ged] [some college] [associate degree] [bachelor’s in a science]'],
                ['hs', /which role are you aiming for[\s\S]*\[mlt \(technician\)\] \[mls \(technologist\)\] \[not sure yet\]/],
                ['technician', /which state do you plan to work in[\s\S]*\[skip\]/],
                ['Tennessee', '**your plan** (education so far: high school or ged; goal: mlt (technician); state: tennessee)'],
            ]);
            const text = visible(plan);
            const order = ['1. **build your science base', '2. **enrol in an mlt program', 'associate degree in medical laboratory technology**, 2 years', 'postsecondary certificate program',
                '3. **choose an accredited program', '(naacls)', '(abhes)', 'eligible for certification exams',
                '4. **complete your clinical training', 'blood banking', 'chemistry', 'microbiology', 'hematology', '5. **studying online?** ', 'on campus',
                '6. **get certified', 'ascp', 'american medical technologists (amt)', '7. **get your tennessee license', '8. **look for work', '9. **later'];
            for (const part of order) expect(text).toContain(part);
            expect(text).toMatch(SOURCE_LINE);
            expect(citedSections(plan)).toEqual(expect.arrayContaining(['Hands-On Clinical Training', 'The Licensure Process']));
            expect(plan.channelData.answer).toMatchObject({ source: 'dialog', dialog: 'pathwayPlanner', ids: ['education-pathway-plan'], score: 1 });
            expect(citedSections(plan)).toContain('Hands-On Clinical Training');
            const titles = (deps.search.entry('education-pathway-plan')?.followUps ?? []).map((id) => deps.search.entry(id)?.title);
            expect(plan.suggestedActions?.actions.map((a) => a.title)).toEqual(titles);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });
    });

    describe('when the visitor corrects their schooling at the role question', () => {
        it('takes the schooling told again as a correction, says so, asks the role again and plans from it', async () => {
            const { client } = start({ text: 'make me a plan' });
            await play(client, [
                ['make me a plan', 'what’s your education so far?'],
                ['high school', 'which role are you aiming for'],
                // Read as a goal, the bachelor's was the MLS, and the plan went on with high school.
                ['wait, actually I have a bachelor’s in biology', /^got it: you have a bachelor’s in a science\. your plan starts from there\.\n\nwhich role are you aiming for/],
                ['MLT', 'which state do you plan to work in'],
                ['skip', '**your plan** (education so far: a bachelor’s in a science; goal: mlt (technician))'],
            ]);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('goes on when the correction names the role too', async () => {
            const { client } = start({ text: 'make me a plan' });
            await play(client, [
                ['make me a plan', 'what’s your education so far?'],
                ['some college', 'which role are you aiming for'],
                ['I have a bachelor’s in chemistry, so MLS', 'which state do you plan to work in'],
                ['skip', '**your plan** (education so far: a bachelor’s in a science; goal: mls (technologist))'],
            ]);
        });
    });

    describe('when the opening question already says some of it', () => {
        it('skips every question it answers', async () => {
            const text = 'I have a BS in chemistry and want to become an MLS';
            const { client } = start({ text, state: ARIZONA });
            const replies = await turn(client, text);
            expect(replies).toHaveLength(1);
            expect(said(replies)).toContain('education so far: a bachelor’s in a science; goal: mls (technologist); state: arizona');
            expect(said(replies)).toContain('our sources only say an mls needs a bachelor’s degree in medical technology');
        });

        it('asks only what is missing', async () => {
            const text = 'How do I become a lab tech in Hawaii?';
            const { client } = start({ text });
            await play(client, [
                [text, /^let’s build your plan\.\n\nwhat’s your education so far\?/],
                ['GED', 'education so far: high school or ged; goal: mlt (technician); state: hawaii'],
            ]);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });
    });

    describe('when the visitor answers in their own words', () => {
        const asked = { text: 'How do I become an MLT?', state: ARIZONA };
        it.each([
            ['hs', 'high school or ged'],
            ['high school diploma', 'high school or ged'],
            ['GED', 'high school or ged'],
            ['I have some college', 'some college'],
            ['dropped out of college', 'some college'],
            ['associate’s', 'an associate degree'],
            ['AS degree', 'an associate degree'],
            ['bachelor’s in biology', 'a bachelor’s in a science'],
            ['BS chemistry', 'a bachelor’s in a science'],
            ['BA in English', 'a bachelor’s degree'],
            // A nurse's degree by its name (before, asked again).
            ['RN with an ADN', 'an associate degree'],
            ['I have my BSN', 'a bachelor’s degree'],
            ['2', 'some college'],
        ])('reads the education “%s” as %s', async (answer, expected) => {
            const { client } = start(asked);
            await turn(client, asked.text);
            expect(said(await turn(client, answer))).toContain(`education so far: ${expected};`);
        });

        const goalAsked = { text: 'I have a high school diploma', state: ARIZONA };
        it.each([
            ['technician', 'goal: mlt (technician)'],
            ['lab tech', 'goal: mlt (technician)'],
            ['MT', 'goal: mls (technologist)'],
            ['CLS', 'goal: mls (technologist)'],
            ['a medical laboratory scientist', 'goal: mls (technologist)'],
            // The routes by their length, as the question names them (it was asked again).
            ['the 2 year one', 'goal: mlt (technician)'],
            ['the four-year route', 'goal: mls (technologist)'],
            ['not sure', 'you’re not sure yet, so this plan starts with the **mlt (technician)** route'],
        ])('reads the goal “%s”', async (answer, expected) => {
            const { client } = start(goalAsked);
            await turn(client, goalAsked.text);
            expect(said(await turn(client, answer))).toContain(expected);
        });
    });

    describe('the state step', () => {
        const known = 'I have an associate degree and want to be an MLT';
        it.each([
            ['Tennessee', /get your tennessee license\.\*\* tennessee is one of the places/],
            ['hawaii', /get your hawaii license/],
            ['Arizona', /check arizona’s licensing rules\.\*\* arizona is not on our sources’ list/],
            ['skip', /check your state’s licensing rules\.\*\*[\s\S]*tennessee/],
            ['not sure yet', /check your state’s licensing rules/],
        ])('plans for “%s”', async (answer, expected) => {
            const { client } = start({ text: known });
            expect(said(await turn(client, known))).toContain('which state');
            const plan = said(await turn(client, answer));
            expect(plan).toMatch(expected);
            if (answer === 'Arizona') expect(plan).not.toContain('get your arizona license');
        });
    });

    describe('when answers are not understood', () => {
        it('reprompts twice, then hands the third answer back to search', async () => {
            const { client } = start({ text: 'make me a plan' });
            await play(client, [
                ['make me a plan', 'what’s your education so far?'],
                ['purple', 'sorry, i didn’t catch that'],
                ['banana', 'sorry, i didn’t catch that'],
            ]);
            expect(await turn(client, 'elephant')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'elephant' });
        });

        it.each<[string, string[], string, string, RegExp]>([
            ['the education question', [], 'what do you mean?', 'what’s your education so far?', /^i mean the most schooling you have finished so far/],
            ['the role question', ['GED'], 'huh?', 'which role are you aiming for', /^there are two main lab roles: an \*\*mlt\*\* \(technician\)/],
            // Asking the difference between the roles offered is no "not sure yet": it was taken as one, and the plan went on.
            ['the role question’s choices', ['GED'], 'what’s the difference?', 'which role are you aiming for', /^there are two main lab roles: an \*\*mlt\*\* \(technician\)/],
            ['the state question', ['GED', 'MLT'], 'sorry, what do you mean by that', 'which state do you plan to work in', /^some states require a license to work in a lab/],
        ])('explains %s when asked what it means, then asks it again without using a try', async (_name, answers, asked, question, explained) => {
            const { client } = start({ text: 'make me a plan' });
            await turn(client, 'make me a plan');
            for (const answer of answers) await turn(client, answer);
            const replies = await turn(client, asked);
            expect(replies).toHaveLength(2);
            expect(visible(replies[0])).toMatch(explained);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'pathwayPlanner' });
            expect(said([replies[1]])).toContain(question);
            expect(said([replies[1]])).not.toContain('sorry, i didn’t catch that');
            // Both tries are left: two answers it cannot read are asked again, the third goes to search.
            for (const says of ['purple', 'banana']) expect(await turn(client, says)).toHaveLength(1);
            expect(await turn(client, 'elephant')).toHaveLength(0);
        });

        it('hands an unrelated question back to search at once', async () => {
            const { client } = start({ text: 'make me a plan' });
            await play(client, [['make me a plan', 'education'], ['GED', 'which role']]);
            expect(await turn(client, 'How much do MLTs make?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'How much do MLTs make?' });
        });
    });
});
