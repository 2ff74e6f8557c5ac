import { declines, isUndecided, readLiking, readYesNo } from '../../src/recognizers/yesNo';

describe('readYesNo', () => {
    describe('when the answer is yes', () => {
        it.each([
            'yes', 'Yes!', 'YES', 'yesss', 'yeah', 'yeah sure', 'yep', 'yup', 'ya', 'y', 'Y', 'sure', 'ok', 'okay', 'k',
            'definitely', 'absolutely', 'Absolutely!', 'of course', 'for sure', 'certainly', 'totally', 'true', 'correct',
            'I do', 'I am', 'I do, I love chemistry', 'I think so', 'I guess so', 'probably', 'yes please', 'sounds good',
            'no problem', 'no worries', 'why not', 'not bad', "I'm ok with that", 'Well, yes', 'sure, but how much?', "I'd say so",
            'pretty much', 'for the most part',
            '👍', '✅',
        ])('reads "%s" as yes', (text) => {
            expect(readYesNo(text)).toBe(true);
        });
    });

    describe('when the answer is a qualified yes', () => {
        it.each(['mostly', 'kind of', 'kinda', 'sort of', 'somewhat', 'a little', 'a bit'])(
            'reads "%s" as yes, since a partial yes is still a reason to go on',
            (text) => {
                expect(readYesNo(text)).toBe(true);
            },
        );
    });

    describe('when the answer is no', () => {
        it.each([
            'no', 'NO.', 'nooo', 'nope', 'nah', 'n', 'N', 'never', 'not really', 'no way', 'not at all', 'not yet',
            "I don't", 'i dont', "I don’t", "I'm not", 'I am not', "I haven't", "I didn't", "I can't", 'i can not',
            "I don't think so", 'of course not', 'definitely not', 'absolutely not', 'probably not', 'not interested',
            'no thanks', "nah I'm good", 'no, how much do they earn?', 'um no', '👎', '❌',
        ])('reads "%s" as no', (text) => {
            expect(readYesNo(text)).toBe(false);
        });
    });

    describe('when the answer hedges', () => {
        it.each([
            'maybe', 'maybe not', 'perhaps', 'not sure', "I'm not sure", 'I’m not sure', 'not really sure', 'no idea',
            "I don't know", 'idk', 'dunno', 'it depends', 'yes and no', 'never mind',
        ])('reads "%s" as neither', (text) => {
            expect(readYesNo(text)).toBeUndefined();
        });
    });

    describe('when the text is not an answer', () => {
        it.each([
            'what do you mean?', 'how much do MLTs earn?', 'are you sure?', 'is there no program near me?', 'hi',
            'tell me more', 'thanks', 'I am 35', 'right now I work retail', 'which states require a license', '', '   ',
        ])('reads "%s" as neither', (text) => {
            expect(readYesNo(text)).toBeUndefined();
        });
    });
});

describe('isUndecided', () => {
    it.each(['idk yet', 'not sure', 'no idea lol', 'dunno', 'i dont know yet', 'undecided', 'hmm, not sure yet', 'i havent decided yet', "I haven't picked one", 'still deciding'])('reads %j as not decided', (text) => {
        expect(isUndecided(text)).toBe(true);
    });

    it.each(['Texas', 'no', 'yes', 'which ones', 'I know I want Ohio', 'have you decided?'])('does not read %j as not decided', (text) => {
        expect(isUndecided(text)).toBe(false);
    });
});

describe('readLiking', () => {
    const SUBJECT = 'Are you interested in science, and reasonably good at it? Are you good with your hands?';

    it.each(['I love science', 'i really enjoy science!', "I'm good with my hands", 'i like it', 'I am really into science', 'well, I love sciences'])('reads %j as yes', (text) => {
        expect(readLiking(text, SUBJECT)).toBe(true);
    });

    it.each(['i hate science', 'I really dislike science', "i can't stand science", "I'm bad with my hands", 'i suck at science', "I don't like it", "i'm not into science", 'honestly I hate that'])('reads %j as no', (text) => {
        expect(readLiking(text, SUBJECT)).toBe(false);
    });

    it.each(['i hate blood', 'I love', "I'm good", 'how much do MLTs make?', 'science is hard', ''])('reads %j as neither', (text) => {
        expect(readLiking(text, SUBJECT)).toBeUndefined();
    });
});

describe('declines', () => {
    it.each(['no', 'no thanks', 'No thank you!', "that's all", 'I’m good', 'nothing else', 'neither', 'none of them', 'pass'])('reads %j as declining', (text) => {
        expect(declines(text)).toBe(true);
    });

    it.each(['yes', 'hospitals', 'I want to start working sooner', 'not sure yet', 'tell me about blood banks'])('does not read %j as declining', (text) => {
        expect(declines(text)).toBe(false);
    });
});
