import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { findSetting, WorkSettingsDialog, WORK_SETTINGS_DIALOG } from '../../dialogs/workSettingsDialog';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const OPENING = 'Where do MLTs work?';
const RETRY = 'which one? tap a setting below, or say **no** if that’s all.';


async function start() {
    const deps = dialogDeps();
    const client = testClient(new WorkSettingsDialog(deps), deps, { text: OPENING, entryId: 'workplaces-settings', score: 1 });
    const opening = await turn(client, OPENING);
    return { deps, client, opening };
}

describe('WorkSettingsDialog', () => {
    it('uses the id MainDialog starts it with', () => expect(WORK_SETTINGS_DIALOG).toBe('workSettings'));

    describe('when it starts', () => {
        it('lists every setting with its detail as a cited Markdown list, with the answer trace', async () => {
            const { deps, opening } = await start();
            const text = visible(opening[0]);
            for (const setting of deps.facts.workSettings.settings) expect(text).toContain(`- **${setting.name}:** ${setting.detail}`.toLowerCase());
            expect(text).toMatch(SOURCE_LINE);
            expect(citedSections(opening[0])).toContain('Diverse Employment Settings');
            expect(opening[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'workSettings', ids: ['workplaces-settings'], score: 1 });
            expect(citedSections(opening[0])).toContain('Diverse Employment Settings');
        });

        it('then asks whether to tell more, with a button per setting and one to stop', async () => {
            const { opening } = await start();
            expect(visible(opening[1])).toBe(
                'want to know more about one of these?\n[hospitals] [diagnostic labs] [clinics and physicians\' offices] [public health labs] [blood banks] [r&d and pharma] [no, that’s all]',
            );
        });
    });

    describe('when the visitor picks a setting', () => {
        it.each<[string, RegExp]>([
            ['Hospitals', /^\*\*hospitals:\*\* employ a significant portion of mlts[\s\S]*routine blood work/],
            ['the hospital one', /^\*\*hospitals:\*\*/],
            ['blood bank', /^\*\*blood banks:\*\*[\s\S]*the \*\*blood banking\*\* rotation covers this work: blood typing, cross-matching/],
            ['public health', /^\*\*public health laboratories and agencies:\*\* support disease surveillance/],
            ['tell me about private labs', /^\*\*private and independent diagnostic laboratories:\*\*/],
            ['doctor’s offices', /^\*\*clinics and physicians' offices:\*\*/],
            ['pharma', /^\*\*research and development departments and pharmaceutical companies:\*\* [\s\S]*do not describe the work/],
            ['3', /^\*\*clinics and physicians' offices:\*\*/],
        ])('“%s” gets that setting', async (answer, expected) => {
            const { deps, client } = await start();
            const replies = await turn(client, answer);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(visible(replies[0])).toMatch(SOURCE_LINE);
            const titles = (deps.search.entry('workplaces-settings')?.followUps ?? []).map((id) => deps.search.entry(id)?.title);
            expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(titles);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('does not guess when the words fit several settings', () => {
            const { facts } = dialogDeps();
            expect(findSetting(facts.workSettings.settings, 'lab')).toBeUndefined();
            expect(findSetting(facts.workSettings.settings, 'public health lab')?.name).toBe('Public health laboratories and agencies');
        });
    });

    describe('when the visitor is done', () => {
        it.each(['No, that’s all', 'no thanks', 'nope', 'that’s it', 'thanks!', 'ok cool'])('“%s” ends politely with follow-ups', async (answer) => {
            const { client } = await start();
            const [reply] = await turn(client, answer);
            expect(visible(reply)).toMatch(/^no problem\. ask me anything else[\s\S]*\[what is it like to work as an mlt in a hospital\?\]/);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
            expect(client.dialogTurnResult.result).toBeUndefined();
        });
    });

    describe('when the answer is not understood', () => {
        it('reprompts twice, then hands the third answer back to search', async () => {
            const { client } = await start();
            for (const says of ['lab', 'yes']) expect(said(await turn(client, says)).split('\n')[0]).toBe(RETRY);
            expect(await turn(client, 'purple')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'purple' });
        });

        it('hands an unrelated question back to search at once', async () => {
            const { client } = await start();
            expect(await turn(client, 'How much do MLTs make?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'How much do MLTs make?' });
        });
    });
});
