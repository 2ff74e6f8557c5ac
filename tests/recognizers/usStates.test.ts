import { US_JURISDICTIONS, findAllJurisdictions, findJurisdiction } from '../../src/recognizers/usStates';

const codeOf = (text: string) => findJurisdiction(text)?.code;

describe('US_JURISDICTIONS', () => {
    it('lists the 50 states, DC and the five inhabited territories once each', () => {
        const kinds = US_JURISDICTIONS.map((j) => j.kind);
        expect(new Set(US_JURISDICTIONS.map((j) => j.code)).size).toBe(56);
        expect(kinds.filter((k) => k === 'state')).toHaveLength(50);
        expect(kinds.filter((k) => k === 'district')).toHaveLength(1);
        expect(US_JURISDICTIONS.filter((j) => j.kind === 'territory').map((j) => j.code).sort()).toEqual(['AS', 'GU', 'MP', 'PR', 'VI']);
    });
});

describe('findJurisdiction', () => {
    describe('when the full name is written', () => {
        it.each([
            ['I live in California', 'CA'],
            ['what do MLTs make in TEXAS', 'TX'],
            ['ohio', 'OH'],
            ['colorado', 'CO'],
            ['moving to north dakota next year', 'ND'],
            ['New York salaries?', 'NY'],
            ['is a license needed in new mexico', 'NM'],
            ['district of columbia', 'DC'],
            ['jobs in washington dc', 'DC'],
            ['Washington, D.C. pay', 'DC'],
            ['puerto rico', 'PR'],
            ['u.s. virgin islands', 'VI'],
            ['American Samoa', 'AS'],
            ['the Northern Mariana Islands', 'MP'],
            ['guam', 'GU'],
            ["California's rules", 'CA'],
        ])('reads "%s" as %s', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when a longer name contains a shorter one', () => {
        it.each([
            ['west virginia', 'WV'],
            ['I work in West Virginia now', 'WV'],
            ['washington dc', 'DC'],
            ['washington', 'WA'],
            ['arkansas', 'AR'],
            ['a kansas town', 'KS'],
            ['new jersey', 'NJ'],
        ])('finds the longer name in "%s" (%s)', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when the state is misspelled', () => {
        it.each([
            ['calfornia', 'CA'],
            ['jobs in calfornia?', 'CA'],
            ['tennesee', 'TN'],
            ['hawai', 'HI'],
            ['north dakoda', 'ND'],
            ['flordia', 'FL'],
            ['pensylvania', 'PA'],
            ['lousiana', 'LA'],
            ['west virgina', 'WV'],
            ['missisipi', 'MS'],
            ['conneticut', 'CT'],
            ['masachusetts', 'MA'],
            ['new yrok', 'NY'],
            ['district of colombia', 'DC'],
        ])('finds "%s" as %s', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when a short name is one letter off an everyday word', () => {
        it.each(['main', 'tax', 'mass', 'ohioo', 'texs', 'iowaa', 'indian food', 'looking for new work', 'oregano'])(
            'leaves "%s" alone',
            (text) => {
                expect(findJurisdiction(text)).toBeUndefined();
            },
        );
    });

    describe('when a postal code is written in capitals', () => {
        it.each([
            ['CA', 'CA'],
            ['NY', 'NY'],
            ['TN license?', 'TN'],
            ['ND', 'ND'],
            ['do I need a license in FL', 'FL'],
            ['jobs in MD', 'MD'],
            ['Baltimore, MD', 'MD'],
            ['I am in OK', 'OK'],
            ['I LIVE IN CA', 'CA'],
            ['D.C. jobs', 'DC'],
        ])('reads "%s" as %s', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when the whole message is a postal code in any case', () => {
        it.each([['tn', 'TN'], ['ca', 'CA'], ['Ny', 'NY'], ['la', 'LA'], ['md?', 'MD']])('reads "%s" as %s', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when a code is also a greeting, a word or a career abbreviation', () => {
        it.each([
            'hi', 'Hi', 'HI', 'ok', 'OK', 'in', 'me', 'or', 'oh', 'OK, tell me more', 'HI there',
            'MLT vs MT', "I'm an MA", 'should I become a PA', 'MD or MLT?', 'jobs at the VA', 'I have an MS',
            'jobs in LA', 'i live in ca', 'CO2 levels in blood',
        ])('does not read "%s" as a state', (text) => {
            expect(findJurisdiction(text)).toBeUndefined();
        });
    });

    describe('when a common short form is used', () => {
        it.each([
            ['cali', 'CA'],
            ['jobs in cali', 'CA'],
            ['jersey', 'NJ'],
            ['N. Dakota', 'ND'],
            ['N Dakota', 'ND'],
            ['N.Dakota', 'ND'],
            ['S. Carolina', 'SC'],
            ['nyc', 'NY'],
        ])('reads "%s" as %s', (text, code) => {
            expect(codeOf(text)).toBe(code);
        });
    });

    describe('when the text is ordinary chat', () => {
        it.each([
            'what are the main duties', 'how much tax will I pay', 'hi there', "I'm ok with that", 'or maybe later',
            'tell me more', 'can you help me', 'what is a medical laboratory technician', 'how long is the program',
            'is it worth it', 'do I need a license', 'which states require a license', 'what does an MLT do all day',
            'how much do lab techs make', 'what is the salary range', 'is the job stressful', 'do I need a degree',
            'what certifications are there', 'how do I get certified', 'can I work nights',
            'what is the difference between an MLT and an MLS', 'are there jobs near me', 'how hard is the exam',
            'I want to change careers', 'I have a biology degree', 'is there demand for lab workers',
            'what schools offer the program', 'can I study online', 'how many hours a week',
            'do hospitals pay more than clinics', 'what is the job outlook', 'I like chemistry and science',
            'thanks, that was helpful', 'what kind of tests do they run', 'do they draw blood',
            'is phlebotomy part of the job', 'what about benefits and vacation', 'is there a lot of overtime',
            'can I move up to a supervisor role', 'what should I study in high school', 'I work in retail now',
            'my main concern is money', 'new work opportunities', 'I am a mother of two', 'ok thanks bye',
        ])('finds nothing in "%s"', (text) => {
            expect(findJurisdiction(text)).toBeUndefined();
        });
    });

    describe('when several are named', () => {
        it('returns the first one in the text', () => {
            expect(codeOf('nevada or california?')).toBe('NV');
            expect(codeOf('calfornia or nevada?')).toBe('CA');
        });

        it('returns the one the writer is moving to, wherever it stands: where they will work', () => {
            expect(codeOf('im an mlt in texas thinking of moving to california. do i need a license there??')).toBe('CA');
            expect(codeOf('Been an MLT in NY for 8 yrs, thinking of relocating my family to Tennessee.')).toBe('TN');
            expect(codeOf('I moved to Ohio from Florida last year')).toBe('OH');
            // "to" alone is no move: a licence "to Texas" standards is still the first state named.
            expect(codeOf('I work in Nevada, is my license equal to Texas ones?')).toBe('NV');
        });

        it('returns a state named in full before a code that could be a career’s abbreviation', () => {
            // "PA" here is physician assistant: the answer was about Pennsylvania's licence to someone in Louisiana.
            expect(codeOf('Might switch to PA in the upcoming years. I live in Louisiana, is MLT profitable?')).toBe('LA');
            // A move still decides, and a code alone is still the state.
            expect(codeOf('I live in Texas, moving to PA next year')).toBe('PA');
            expect(codeOf('any MLT jobs in MD?')).toBe('MD');
        });
    });
});

describe('findAllJurisdictions', () => {
    describe('when several are named', () => {
        it.each([
            ['california or nevada?', ['CA', 'NV']],
            ['nevada vs calfornia', ['NV', 'CA']],
            ['TX, NY or florida', ['TX', 'NY', 'FL']],
            ['texas or texas?', ['TX']],
        ])('lists "%s" as %j in text order, once each', (text, codes) => {
            expect(findAllJurisdictions(text).map((j) => j.code)).toEqual(codes);
        });
    });

    describe('when none is named', () => {
        it('returns an empty list', () => {
            expect(findAllJurisdictions('how much do MLTs make?')).toEqual([]);
        });
    });
});
