import { createMainDialog } from '../../dialogs';
import { withoutPlace } from '../../dialogs/mainDialog';
import { traceOf } from '../../src/replies/answerTrace';
import { findJurisdiction } from '../../src/recognizers';
import { dialogDeps, said, testClient, turn } from '../helpers/botHarness';

function start() {
    const deps = dialogDeps();
    return testClient(createMainDialog(deps), deps);
}

describe('a question that names a state', () => {
    it('blanks the state’s name and its capitalised code, not the same letters in a word', () => {
        expect(withoutPlace('jobs in New  York or NY?', findJurisdiction('New York')!)).toBe('jobs in   or  ?');
        expect(withoutPlace('is IN a licence state? in Indiana', findJurisdiction('Indiana')!)).toBe('is   a licence state? in  ');
    });

    it('is answered on its subject when that is not licences', async () => {
        const [reply] = await turn(start(), 'what is the job outlook for MLTs in Ohio?');
        expect(traceOf(reply)).toMatchObject({ source: 'knowledge' });
        expect(traceOf(reply)?.ids[0]).toMatch(/^job-outlook/);
    });

    it('goes to the licence answer when, without the state, it asks nothing else ("can I work in California?")', async () => {
        const replies = await turn(start(), 'can I work in California as an MLT?');
        expect(traceOf(replies[0])).toMatchObject({ source: 'dialog', dialog: 'licensure' });
        expect(said(replies)).toContain('california requires a license');
    });

    it('goes to the licence answer for that state when it asks about licences', async () => {
        const replies = await turn(start(), 'do MLTs need a license in Ohio?');
        expect(traceOf(replies[0])).toMatchObject({ source: 'dialog', dialog: 'licensure' });
        expect(said(replies)).toContain('ohio');
    });
});
