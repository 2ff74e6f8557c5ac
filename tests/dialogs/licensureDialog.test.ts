import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { LicensureDialog, LICENSURE_DIALOG } from '../../dialogs/licensureDialog';
import type { TopicDialogOptions } from '../../dialogs/topicDialog';
import { findJurisdiction } from '../../src/recognizers';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const GENERAL = 'Do I need a license to be an MLT?';
const RETRY = 'i didn’t recognise a us state or territory there. which one do you mean? (for example: texas, ny or puerto rico.)';


function start(options: TopicDialogOptions) {
    const deps = dialogDeps();
    return { deps, client: testClient(new LicensureDialog(deps), deps, options) };
}

const LISTED = (name: string) => new RegExp(`^\\*\\*yes: ${name} requires a license\\.\\*\\*[\\s\\S]*1\\. \\*\\*educational prerequisites:[\\s\\S]*4\\. \\*\\*background check:[\\s\\S]*confirm the current requirements with ${name}’s licensing board`);
// Not on the list, told to confirm with that state's board, and never "<state> requires" (it may or may not).
const NOT_LISTED = (name: string) => new RegExp(`^${name} is not on the list of licensing states(?![\\s\\S]*${name} requires)[\\s\\S]*confirm with ${name}`);

describe('LicensureDialog', () => {
    it('uses the id MainDialog starts it with', () => expect(LICENSURE_DIALOG).toBe('licensure'));

    describe('when the opening question names a state', () => {
        it.each<[string, RegExp]>([
            ['Tennessee', LISTED('tennessee')],
            ['Hawaii', LISTED('hawaii')],
            ['Puerto Rico', LISTED('puerto rico')],
            ['Arizona', NOT_LISTED('arizona')],
            ['Texas', NOT_LISTED('texas')],
        ])('answers for %s at once, cited, with follow-ups', async (name, expected) => {
            const text = `Do I need a license in ${name}?`;
            const { deps, client } = start({ text, state: findJurisdiction(name) });
            const replies = await turn(client, text);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(visible(replies[0])).toMatch(SOURCE_LINE);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'], score: 1 });
            expect(citedSections(replies[0])).toContain('State-Specific Mandates');
            const titles = (deps.search.entry('licensure-by-state')?.followUps ?? []).map((id) => deps.search.entry(id)?.title);
            expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(titles);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });
    });

    describe('when no state is named', () => {
        it('explains the general rule with the listed states, then asks which state', async () => {
            const { client } = start({ text: GENERAL });
            const replies = await turn(client, GENERAL);
            expect(replies).toHaveLength(2);
            const rule = visible(replies[0]);
            for (const name of ['california', 'hawaii', 'tennessee', 'west virginia', 'puerto rico']) expect(rule).toContain(name);
            expect(rule).not.toContain('arizona');
            expect(rule).toContain('1. **educational prerequisites:**');
            expect(replies[0].channelData.answer.source).toBe('dialog');
            expect(visible(replies[1])).toBe('which state or territory do you plan to work in? i’ll tell you what our sources say about it.');
        });

        it.each<[string, RegExp]>([
            ['Tennessee', LISTED('tennessee')],
            ['tennesee', LISTED('tennessee')],
            ['TN', LISTED('tennessee')],
            ['I’ll be working in Hawaii', LISTED('hawaii')],
            ['Arizona', NOT_LISTED('arizona')],
            ['az', NOT_LISTED('arizona')],
            // Not chosen yet: said so, and the dialog ends (it once asked again, "I didn’t recognise a US state").
            ['idk yet', /^no problem\. the places our sources name are in the list above/],
            ['not sure', /^no problem\./],
        ])('then answers “%s”', async (answer, expected) => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            const replies = await turn(client, answer);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(replies[0].channelData.answer.source).toBe('dialog');
        });

        it('reprompts twice, then hands the third answer back to search', async () => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            for (const says of ['purple', 'banana']) expect(said(await turn(client, says))).toBe(RETRY);
            expect(await turn(client, 'elephant')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'elephant' });
        });

        it.each(['which states require one?', 'what states', 'which ones?'])(
            'answers %j with the places the sources name, cited, and asks again without using up a try',
            async (asked) => {
                const { client } = start({ text: GENERAL });
                await turn(client, GENERAL);
                const replies = await turn(client, asked);
                expect(replies).toHaveLength(2);
                expect(visible(replies[0])).toMatch(/^our sources name \*\*california, florida, [^*]*west virginia and puerto rico\*\* as places that require/);
                expect(visible(replies[0])).toMatch(SOURCE_LINE);
                expect(replies[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'licensure', ids: ['licensure-by-state'] });
                expect(said([replies[1]])).toBe('which state or territory do you plan to work in? i’ll tell you what our sources say about it.');
                // Still two tries, as if the question had not been asked.
                for (const says of ['purple', 'banana']) expect(said(await turn(client, says))).toBe(RETRY);
                expect(visible((await turn(client, 'Hawaii'))[0])).toMatch(LISTED('hawaii'));
            },
        );

        it.each(['how do i get one', 'so how would I get it?'])('answers %j with the licence steps, then asks for the state again', async (asked) => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            const replies = await turn(client, asked);
            expect(replies).toHaveLength(2);
            expect(visible(replies[0])).toMatch(/licensure process typically involves[\s\S]*background check/);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'knowledge', ids: ['licensure-steps'] });
            expect(said([replies[1]])).toBe('which state or territory do you plan to work in? i’ll tell you what our sources say about it.');
            expect(visible((await turn(client, 'Hawaii'))[0])).toMatch(LISTED('hawaii'));
        });

        it('answers why it asks for the state, then asks again; “i havent decided yet” is no state chosen', async () => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            const replies = await turn(client, 'why do you need to know');
            expect(replies).toHaveLength(2);
            expect(visible(replies[0])).toMatch(/^because each state sets its own rules/);
            expect(said([replies[1]])).toBe('which state or territory do you plan to work in? i’ll tell you what our sources say about it.');
            expect(said(await turn(client, 'i havent decided yet'))).toMatch(/^no problem\./);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it.each(['what do you mean?', 'huh', 'I dont understand'])('answers %j with why it asks for the state, then asks again without using a try', async (asked) => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            const replies = await turn(client, asked);
            expect(replies).toHaveLength(2);
            expect(visible(replies[0])).toMatch(/^because each state sets its own rules/);
            expect(said([replies[1]])).toBe('which state or territory do you plan to work in? i’ll tell you what our sources say about it.');
            for (const says of ['purple', 'banana']) expect(said(await turn(client, says))).toBe(RETRY);
        });

        it('hands an unrelated question back to search at once', async () => {
            const { client } = start({ text: GENERAL });
            await turn(client, GENERAL);
            expect(await turn(client, 'How much do MLTs make?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'How much do MLTs make?' });
        });
    });
});
