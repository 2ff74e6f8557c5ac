import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogTestClient } from 'botbuilder-testing';
import { SalaryCheckDialog, SALARY_CHECK_DIALOG } from '../../dialogs/salaryCheckDialog';
import { formatMoney } from '../../dialogs/salaryComparison';
import type { TopicDialogOptions } from '../../dialogs/topicDialog';
import { findPayAmount } from '../../src/recognizers';
import { dialogDeps, testClient, visible, said, turn, citedSections, SOURCE_LINE } from '../helpers/botHarness';

const FIGURES_QUESTION = 'How much do MLTs make?';
const RETRY = 'tell me the amount, e.g. $52,000 a year or $25 an hour.';


function start(options: TopicDialogOptions) {
    const deps = dialogDeps();
    return { deps, client: testClient(new SalaryCheckDialog(deps), deps, options) };
}

describe('SalaryCheckDialog', () => {
    it('uses the id MainDialog starts it with', () => expect(SALARY_CHECK_DIALOG).toBe('salaryCheck'));

    it.each([
        [57380, '$57,380'],
        [52000, '$52,000'],
        [25.5, '$25.50'],
    ])('formats %d as %s', (amount, expected) => expect(formatMoney(amount)).toBe(expected));

    describe('when asked what MLTs earn', () => {
        it('gives each figure with what it is, who published it and when, the older figures labelled, and what raises pay', async () => {
            const { client } = start({ text: FIGURES_QUESTION });
            const [reply] = await turn(client, FIGURES_QUESTION);
            const text = visible(reply);
            expect(text).toContain('**$57,380**: median annual pay for clinical laboratory technologists and technicians (u.s. bureau of labor statistics, may 2023)');
            expect(text).toContain('**$57,464**: average annual pay for medical laboratory technicians in the usa (november 2024; publisher not named by the article)');
            expect(text).toMatch(/older, unsourced figures[\s\S]*median: \$39,624[\s\S]*lowest: \$28,933[\s\S]*highest: \$64,230 \(the guide says only a few rare cases/);
            expect(text).toContain('what raises pay:** experience, education and certifications, specialization, geographic location and employer type.');
            expect(text).toMatch(SOURCE_LINE);
            expect(citedSections(reply)).toContain('Earning Potential and Influencing Factors');
            expect(text).not.toMatch(/\b57380\b/);
            expect(reply.channelData.answer).toMatchObject({ source: 'dialog', dialog: 'salaryCheck', ids: ['salary-figures'], score: 1 });
            expect(citedSections(reply)).toContain('Earning Potential and Influencing Factors');
            expect(reply.suggestedActions?.actions[0].title).toBe('Compare an offer');
            expect(reply.suggestedActions?.actions.map((a) => a.title)).not.toContain('Is my MLT salary offer good?');
            // The trace's follow-ups are the entries behind the buttons after "Compare an offer", in their order.
            const followUps = (reply.channelData.answer.followUps as { title: string }[]).map((f) => f.title);
            expect(followUps).toEqual(reply.suggestedActions?.actions.slice(1).map((a) => a.title));
        });

        it.each<[string, RegExp | string]>([
            ['Compare an offer', 'what’s the offer? tell me the amount'],
            ['yes', 'what’s the offer?'],
            ['$52,000', '**$5,380 (9.4%) below** the median'],
            ['no thanks', 'ok. ask me anything else'],
        ])('then takes “%s” within the dialog', async (answer, expected) => {
            const { client } = start({ text: FIGURES_QUESTION });
            await turn(client, FIGURES_QUESTION);
            expect(said(await turn(client, answer))).toContain(expected);
        });

        it('answers “is that good?” after the figures with what the sources make of the pay, not by asking for an offer', async () => {
            const { client } = start({ text: FIGURES_QUESTION });
            await turn(client, FIGURES_QUESTION);
            const replies = await turn(client, 'is that good?');
            expect(replies[0].channelData.answer).toMatchObject({ source: 'knowledge', ids: ['salary-is-it-good'] });
            expect(said(replies)).toContain('definitely not the most attractive');
            expect(said(replies)).not.toContain('what’s the offer?');
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('hands any other question back to search at once', async () => {
            const { client } = start({ text: FIGURES_QUESTION });
            await turn(client, FIGURES_QUESTION);
            expect(await turn(client, 'Why do MLT salary figures differ so much?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'Why do MLT salary figures differ so much?' });
        });
    });

    describe('when the question carries an amount', () => {
        const $52K = /\*\*\$5,380 \(9\.4%\) below\*\* the median annual pay for clinical laboratory technologists and technicians, \$57,380[\s\S]*\*\*\$5,464 \(9\.5%\) below\*\* the average[\s\S]*\*\*within\*\* the older, unsourced range of \$28,933 to \$64,230/;
        it.each<[string, RegExp | string]>([
            ['Is $52,000 a good offer?', $52K],
            ['I was offered $25 an hour', /\$25 an hour\*\*, which is about \*\*\$52,000 a year\*\* at 2,080 working hours a year[\s\S]*\$5,380 \(9\.4%\) below/],
            ['They offered $1,000 a week', /about \*\*\$52,000 a year\*\* at 52 weeks a year/],
            ['$4,500 a month, is that good?', /about \*\*\$54,000 a year\*\* at 12 months a year[\s\S]*\$3,380 \(5\.9%\) below/],
            ['offer of $60k a year', /\$2,620 \(4\.6%\) above\*\* the median[\s\S]*\*\*within\*\* the older/],
            ['is 70000 a good salary?', /\$12,620 \(22\.0%\) above[\s\S]*\*\*above\*\* the older, unsourced range/],
            ['is $25,000 fair', /\*\*below\*\* the older, unsourced range/],
        ])('compares “%s”', async (question, expected) => {
            const { client } = start({ text: question });
            const replies = await turn(client, question);
            expect(replies).toHaveLength(1);
            expect(visible(replies[0])).toMatch(expected);
            expect(replies[0].channelData.answer).toMatchObject({ source: 'dialog', dialog: 'salaryCheck', ids: ['salary-compare-offer'], score: 1 });
            expect(citedSections(replies[0])).toContain('Earning Potential and Influencing Factors');
            expect(replies[0].suggestedActions?.actions[0].title).toBe('What raises MLT pay?');
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('uses the amount MainDialog recognised', async () => {
            const text = 'what about 25 an hour?';
            const { client } = start({ text, amount: findPayAmount('$30 an hour') });
            expect(said(await turn(client, text))).toContain('**your figure: $30 an hour**, which is about **$62,400 a year**');
        });
    });

    describe('when asked to compare without an amount', () => {
        const question = 'Is my MLT salary offer good?';

        it.each(['How much do MLTs make? Is it enough to live on?', 'is MLT a good salary?'])(
            'gives the figures to a question on MLT pay that names no offer of the visitor’s: %j',
            async (text) => {
                const { client } = start({ text });
                const reply = said(await turn(client, text));
                expect(reply).toContain('57,380');
                expect(reply).not.toContain('what’s the offer?');
            },
        );

        it('asks for the amount, then compares it', async () => {
            const { client } = start({ text: question });
            expect(said(await turn(client, question))).toBe('what’s the offer? tell me the amount, e.g. $52,000 a year or $25 an hour.');
            expect(said(await turn(client, '$25 an hour'))).toContain('about **$52,000 a year**');
        });

        it.each(["i don't have an offer yet", 'no offer yet', 'no', 'not yet'])('ends, without asking again, when told %j', async (says) => {
            const { client } = start({ text: question });
            await turn(client, question);
            // Before, "Tell me the amount" again, for an amount the visitor had just said they do not have.
            expect(said(await turn(client, says))).toMatch(/^no problem\. when you have an offer, tell me the amount/);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });

        it('explains what it asks for when asked what it means, then asks again without using a try', async () => {
            const { client } = start({ text: question });
            await turn(client, question);
            const replies = await turn(client, "i don't get it");
            expect(replies).toHaveLength(2);
            expect(visible(replies[0])).toMatch(/^i can set a job offer, or what you earn now, against the pay figures/);
            expect(said([replies[1]])).toBe('what’s the offer? tell me the amount, e.g. $52,000 a year or $25 an hour.');
            for (const says of ['hmm', 'a decent one']) expect(said(await turn(client, says))).toBe(RETRY);
            expect(said(await turn(client, '45-50k'))).toContain('$45,000 a year');
        });

        it('reprompts twice, then hands the third answer back to search', async () => {
            const { client } = start({ text: question });
            await turn(client, question);
            for (const says of ['hmm', 'a decent one']) expect(said(await turn(client, says))).toBe(RETRY);
            expect(await turn(client, 'whatever')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'whatever' });
        });

        it('hands an unrelated question back to search at once', async () => {
            const { client } = start({ text: question });
            await turn(client, question);
            expect(await turn(client, 'Do I need a license in Texas?')).toHaveLength(0);
            expect(client.dialogTurnResult.result).toEqual({ handoff: 'Do I need a license in Texas?' });
        });
    });

    describe('when asked what raises pay', () => {
        it('lists every pay factor with its explanation', async () => {
            const { deps, client } = start({ text: 'What raises MLT pay?' });
            const [reply] = await turn(client, 'What raises MLT pay?');
            for (const factor of deps.facts.salary.factors) expect(visible(reply)).toContain(`**${factor.name}:** ${factor.detail}`.toLowerCase());
            expect(reply.channelData.answer.ids).toEqual(['salary-factors']);
            expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
        });
    });
});
