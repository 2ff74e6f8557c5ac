import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { MltVsMlsDialog, MLT_VS_MLS_DIALOG } from '../../dialogs/mltVsMlsDialog';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const OPENING = 'What’s the difference between an MLT and an MLS?';
const ALLOWED_ELEMENTS = ['AdaptiveCard', 'TextBlock', 'ColumnSet', 'Column', 'FactSet', 'Container'];


async function start() {
    const deps = dialogDeps();
    const client = testClient(new MltVsMlsDialog(deps), deps, { text: OPENING, entryId: 'mlt-vs-mls-compare', score: 1 });
    const opening = await turn(client, OPENING);
    return { deps, client, opening };
}

/** Every `type` in a card, nested elements included. */
function elementTypes(node: unknown): string[] {
    if (Array.isArray(node)) return node.flatMap(elementTypes);
    if (!node || typeof node !== 'object') return [];
    const own = typeof (node as { type?: unknown }).type === 'string' ? [(node as { type: string }).type] : [];
    return [...own, ...Object.values(node).flatMap(elementTypes)];
}

describe('MltVsMlsDialog', () => {
    it('uses the id MainDialog starts it with', () => {
        expect(MLT_VS_MLS_DIALOG).toBe('mltVsMls');
        expect(new MltVsMlsDialog(dialogDeps()).id).toBe('mltVsMls');
    });

    describe('when it starts', () => {
        it('sends the comparison as an Adaptive Card 1.5 with a header row and one row per fact row', async () => {
            const { deps, opening } = await start();
            const attachment = opening[0].attachments?.[0];
            expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
            const card = attachment?.content as { version: string; $schema: string; body: unknown[] };
            expect(card.version).toBe('1.5');
            expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
            expect(elementTypes(card).filter((t) => t === 'ColumnSet')).toHaveLength(deps.facts.mltVsMls.rows.length + 1);
            expect(elementTypes(card).every((t) => ALLOWED_ELEMENTS.includes(t))).toBe(true);
            const text = visible(opening[0]);
            expect(text).toContain('feature | mlt (technician) | mls (technologist)');
            for (const row of deps.facts.mltVsMls.rows) expect(text).toContain(`${row.feature} | ${row.mlt} | ${row.mls}`.toLowerCase());
        });

        it('summarises the key difference in the message text, with the citation and the answer trace', async () => {
            const { opening } = await start();
            expect(opening[0].text).toMatch(/associate’s degree[\s\S]*routine tests[\s\S]*supervision[\s\S]*bachelor’s degree[\s\S]*more complex tests[\s\S]*more independently/);
            expect(opening[0].text).toContain('_Source: Why a med tech career is a smart choice_');
            expect(opening[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'mltVsMls', ids: ['mlt-vs-mls-compare'], score: 1 });
            expect(citedSections(opening[0])).toContain('MLT vs. Medical Laboratory Technologist: Understanding the Distinction');
        });

        it('then asks which fits, offering the three choices', async () => {
            const { opening } = await start();
            expect(opening).toHaveLength(2);
            expect(visible(opening[1])).toBe('which fits you better?\n[i want to start working sooner] [i want a bachelor’s and more responsibility] [not sure yet]');
        });
    });

    describe('when the visitor says which fits', () => {
        const MLT = /the mlt \(technician\) route fits you better[\s\S]*next step:\*\* look for an accredited associate’s degree in medical laboratory technology or a certificate program/;
        const MLS = /the mls \(technologist\) route fits you better[\s\S]*next step:\*\* look for an accredited bachelor’s degree in medical laboratory science/;
        const UNDECIDED = /no need to decide yet[\s\S]*an mlt can later advance to mls with further education/;
        it.each([
            ['I want to start working sooner', MLT],
            ['quicker please', MLT],
            ['technician', MLT],
            ['I’d rather not do a bachelor’s', MLT],
            ['1', MLT],
            ['I want a bachelor’s and more responsibility', MLS],
            ['technologist', MLS],
            ['CLS', MLS],
            ['Not sure yet', UNDECIDED],
            ['idk', UNDECIDED],
            ['MLT first, then MLS', UNDECIDED],
            // Probes of 7 December 2026: four years they cannot afford is no wish for four years (it got the MLS advice);
            // the buttons by their place; being in charge is the technologist's responsibility.
            ["honestly I can't afford 4 years of school", MLT],
            ['the first one', MLT],
            ['the second one', MLS],
            ['I like being in charge', MLS],
        ])('“%s” gets the advice for that role', async (answer, expected) => {
            const { client } = await start();
            const replies = await turn(client, answer);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(replies[0].channelData.answer.source).toBe('dialog');
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('ends with the knowledge entry’s follow-ups as buttons', async () => {
            const { deps, client } = await start();
            const [reply] = await turn(client, 'sooner');
            const titles = (deps.search.entry('mlt-vs-mls-compare')?.followUps ?? []).map((id) => deps.search.entry(id)?.title).filter(Boolean);
            expect(titles.length).toBeGreaterThan(0);
            expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(titles);
        });
    });

    describe('when the answer is not understood', () => {
        it('reprompts twice, then hands the third answer back to search', async () => {
            const { client } = await start();
            const turns: Array<[string, RegExp]> = [
                ['purple', /it depends on what you want[\s\S]*\[not sure yet\]/],
                ['banana', /it depends on what you want/],
            ];
            for (const [says, expected] of turns) expect(said(await turn(client, says))).toMatch(expected);
            expect(await turn(client, 'elephant')).toHaveLength(0);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'elephant' });
        });
    });

    describe('when the visitor asks about another topic instead', () => {
        it('hands the question back to search at once', async () => {
            const { client } = await start();
            expect(await turn(client, 'Do I need a license in Texas?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'Do I need a license in Texas?' });
        });

        it('hands back a question that names a choice ("MLT") but asks about something else', async () => {
            const { client } = await start();
            expect(await turn(client, 'how long is MLT school?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'how long is MLT school?' });
        });

        it.each([
            'what does an mlt do',
            'what’s the difference between a medical lab technician and a technologist',
            'tell me the difference between MLT and MLS',
            'any idea what an MLT does all day?',
        ])('hands back “%s”, which names a role but chooses none', async (text) => {
            const { client } = await start();
            expect(await turn(client, text)).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: text });
        });

        it('hands back a question the comparison it gave settles on another entry (“how long does each take”), not the choices again', async () => {
            // A blind probe's chat: the prompt answered "It depends on what you want…".
            const { client } = await start();
            expect(await turn(client, 'how long does each take')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'how long does each take' });
            // Opened with "and", as a follow-up often is.
            const next = await start();
            expect(await turn(next.client, 'and how long does each take')).toHaveLength(0);
            expect(next.client.dialogTurnResult.result).toEqual({ handoff: 'and how long does each take' });
            // With why they ask after it: the question is read, not the reason.
            const why = 'and how long is each one roughly? need to tell my boss for the reimbursement form';
            const third = await start();
            expect(await turn(third.client, why)).toHaveLength(0);
            expect(third.client.dialogTurnResult.result).toEqual({ handoff: why });
        });

        it('searches a question-shaped reply it cannot read only once, and asks again when search does not answer it', async () => {
            const { deps, client } = await start();
            const search = jest.spyOn(deps.search, 'search');
            expect(said(await turn(client, 'which one would you pick for me?'))).toMatch(/it depends on what you want/);
            expect(search.mock.calls.map(([text]) => text)).toEqual(['which one would you pick for me?']);
        });

        it('still takes a choice in the visitor’s own words', async () => {
            const { client } = await start();
            expect(said(await turn(client, 'I would rather get an associate degree and start sooner'))).toMatch(/the mlt \(technician\) route fits you better/);
        });
    });
});
