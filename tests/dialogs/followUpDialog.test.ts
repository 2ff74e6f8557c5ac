import { createMainDialog } from '../../dialogs';
import { isFollowUpRequest } from '../../dialogs/mainDialog';
import { FOLLOW_UP_DIALOG } from '../../dialogs/followUpDialog';
import { dialogDeps, testClient, said, turn } from '../helpers/botHarness';

function start() {
    const deps = dialogDeps();
    return { deps, client: testClient(createMainDialog(deps), deps) };
}

describe('FollowUpDialog (through MainDialog)', () => {
    describe('recognising a request for a person', () => {
        it.each([
            'can I talk to someone?',
            'I want to speak with a real person',
            'Could an advisor contact me?',
            'talk to a career advisor',
            'can someone call me back',
            'human',
            'I’d like to chat with a counselor',
            // In a post, a question that asks for one.
            'I finished my general studies and I am about to start the prerequisites for an MLT program at my community college. I have a lot of questions about applying. Can I talk to an advisor about it?',
        ])('starts on “%s”', (text) => expect(isFollowUpRequest(text)).toBe(true));

        it.each([
            'how much do MLTs make?',
            'do MLTs talk to patients?',
            'what does a lab supervisor do?',
            'can someone with a felony become an MLT?',
            'is the ASCP exam hard?',
            // A post that tells of talking to one, and asks something else (before, it started the follow-up request).
            'I knew I wanted to be an MLT since high school, so I decided to talk to an advisor about the steps in applying, and she told me the program is very competitive. Are all MLT programs this hard to get into?',
        ])('leaves “%s” to search', (text) => expect(isFollowUpRequest(text)).toBe(false));
    });

    it('explains, asks consent, a name and contact details, then queues the request', async () => {
        const { deps, client } = start();
        const explained = await turn(client, 'can I talk to someone?');
        expect(said(explained)).toMatch(/career advisors[\s\S]*only the advisors can see them[\s\S]*deleted after 365 days[\s\S]*shall i go ahead/);
        expect(explained[0].channelData.answer).toEqual({ source: 'dialog', dialog: FOLLOW_UP_DIALOG, ids: [], score: 1 });
        expect(said(await turn(client, 'yes please'))).toMatch(/what name/);
        expect(said(await turn(client, 'Jordan Lee'))).toMatch(/email address or phone number/);
        expect(said(await turn(client, 'you can reach me at jordan@example.org'))).toMatch(/what would you like to talk about/);
        expect(said(await turn(client, 'Whether my biology degree counts for MLS programs'))).toMatch(/advisors’ queue[\s\S]*by email/);
        expect(deps.followUpsSeen.requests).toEqual([
            { name: 'Jordan Lee', contact: 'jordan@example.org', contactKind: 'email', topic: 'Whether my biology degree counts for MLS programs' },
        ]);
    });

    it('keeps the name and contact turns out of the transcript, including a mistyped try', async () => {
        const { deps, client } = start();
        await turn(client, 'talk to a career advisor');
        await turn(client, 'yes');
        await turn(client, 'Sam');
        expect(said(await turn(client, 'call me maybe'))).toMatch(/couldn’t read an email address or phone number/);
        expect(said(await turn(client, '(555) 123-4567'))).toMatch(/what would you like to talk about/);
        expect(deps.followUpsSeen.keptOut.map((k) => k.text)).toEqual(['Sam', 'call me maybe', '(555) 123-4567']);
        expect(said(await turn(client, 'skip'))).toMatch(/by phone/);
        expect(deps.followUpsSeen.requests[0]).toEqual({ name: 'Sam', contact: '(555) 123-4567', contactKind: 'phone', topic: '' });
    });

    it('saves nothing when the visitor says no', async () => {
        const { deps, client } = start();
        await turn(client, 'can someone contact me?');
        expect(said(await turn(client, 'no thanks'))).toMatch(/nothing was saved/);
        expect(deps.followUpsSeen.requests).toEqual([]);
    });

    it('stops on cancel, saving nothing', async () => {
        const { deps, client } = start();
        await turn(client, 'talk to someone');
        await turn(client, 'yes');
        expect(said(await turn(client, 'cancel'))).toMatch(/stopped that/);
        expect(deps.followUpsSeen.requests).toEqual([]);
    });

    it('offers a person when it cannot answer', async () => {
        const { client } = start();
        const replies = await turn(client, 'qwzx vbnm');
        expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toContain('Talk to a career advisor');
    });
});
