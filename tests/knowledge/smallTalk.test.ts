import { createSmallTalk } from '../../src/knowledge/smallTalk';
import { expandPhrase, smallTalkWords } from '../../src/knowledge/smallTalkSchema';
import { realKnowledge } from '../helpers/botHarness';

describe('small talk', () => {
    const smallTalk = createSmallTalk(realKnowledge().kb.smallTalk);

    it('reads words without case, accents, punctuation, apostrophes, emoji or drawn-out letters', () => {
        expect(smallTalkWords('You’re AWESOME!! 🙌')).toEqual(['youre', 'awesome']);
        expect(smallTalkWords('Hiii, thanksss :)')).toEqual(['hi', 'thanks']);
        expect(smallTalkWords('Héllo… cool')).toEqual(['hello', 'cool']);
    });

    it('expands choices, with an empty choice making words optional', () => {
        expect(expandPhrase('are you {a |}{bot|robot}')?.sort()).toEqual(['are you a bot', 'are you a robot', 'are you bot', 'are you robot']);
        expect(expandPhrase('who {are you')).toBeUndefined();
    });

    it.each([
        ['hi', 'greeting'],
        ['ok thanks, bye!', 'goodbye'],
        ['hey, who is this?', 'identity'],
        ['um ok', 'acknowledgement'],
        ['great, thanks', 'thanks'],
        ['ok that’s wrong', 'frustration'],
        // Laughter alone was "Sorry, I don't have an answer to that".
        ['lol', 'acknowledgement'],
        ['hahaha', 'acknowledgement'],
        // A forum post's roll call of the people it is addressed to (mlt-059 of the MLT development half).
        ["Are there any Medical Technologist's or Clinical Lab Scientist's here?", 'greeting'],
        ['any lab techs on this sub?', 'greeting'],
        // Twenty-seventh session, tried against a started bot: a "Did you mean" and two "Sorry, I don't have an answer".
        ['this is not helpful at all', 'frustration'],
        ["that wasn't very useful", 'frustration'],
        ['who made you?', 'identity'],
        ['wow thats a lot', 'acknowledgement'],
        ['whoa', 'acknowledgement'],
    ])('takes the whole message “%s” as %s', (text, kind) => expect(smallTalk.match(text)?.id).toBe(kind));

    it.each([
        'hi, how much do MLTs make?',
        'thanks, and do I need a license in Texas?',
        'is it ok to work nights?',
        'ok so how long is the program',
        'are you sure',
        'who made the ASCP exam?',
        'is MLT school a lot of work?',
        'are there any lab techs in Texas?',
        'are there any lab tech jobs?',
        // A follow-up naming the other role is not a roll call.
        'and MLSs?',
        'or med techs?',
        'so',
        'bot',
        '',
        '🙂',
    ])('leaves “%s” to search', (text) => expect(smallTalk.match(text)).toBeUndefined());

    it('takes no FAQ question for small talk (it is routed before search, so the entry would never answer it)', () => {
        const taken = realKnowledge().kb.entries.flatMap((e) => e.questions.filter((q) => smallTalk.match(q)).map((q) => `${e.id}: ${q}`));
        expect(taken).toEqual([]);
    });

    it('rejects long messages at once, however they are built', () => {
        const long = ['hi '.repeat(1000), 'thanks '.repeat(20), 'a'.repeat(2000), `${'ok '.repeat(40)}`];
        const started = process.hrtime.bigint();
        for (let i = 0; i < 1000; i++) for (const text of long) expect(smallTalk.match(text)).toBeUndefined();
        // 4,000 calls take a few tens of milliseconds; a check that backtracked over the message would take many seconds.
        // The bound is wide so that a busy machine cannot fail it.
        expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(3000);
    });
});
