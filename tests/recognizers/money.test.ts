import { Culture, recognizeCurrency, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { findPayAmount, mightHoldANumber } from '../../src/recognizers/money';
import { realKnowledge } from '../helpers/botHarness';

describe('findPayAmount', () => {
    describe('when a yearly salary is written', () => {
        it.each([
            ['$52k', 52000, '$52k'],
            ['52k', 52000, '52k'],
            ['$52,000', 52000, '$52,000'],
            ['52,000', 52000, '52,000'],
            ['52000', 52000, '52000'],
            ['52,000 a year', 52000, '52,000 a year'],
            ['fifty two thousand', 52000, 'fifty two thousand'],
            ['fifty-two thousand dollars', 52000, 'fifty-two thousand dollars'],
            ['$57k/yr', 57000, '$57k/yr'],
            ['I was offered 48 thousand', 48000, '48 thousand'],
            ['they offered forty grand', 40000, 'forty grand'],
            ['60k in Texas', 60000, '60k'],
            ['$60,000 - $70,000 a year', 60000, '$60,000 - $70,000 a year'],
            ['usd 50,000', 50000, 'usd 50,000'],
            // A range read as its start, the thousands mark after its end scaling the start too ("between 45 and 50k" was
            // $45 an hour, "45-50k" nothing, "45k-50k" its end).
            ['between 45 and 50k', 45000, '45 and 50k'],
            ['45-50k', 45000, '45-50k'],
            ['offered 45 to 50k', 45000, '45 to 50k'],
            ['45k-50k a year', 45000, '45k-50k a year'],
        ])('reads "%s" as %d a year', (text, amount, matched) => {
            expect(findPayAmount(text)).toEqual({ amount, period: 'year', annual: amount, text: matched });
        });
    });

    describe('when an hourly wage is written', () => {
        it.each([
            ['$25 an hour', 25, '$25 an hour'],
            ['25/hr', 25, '25/hr'],
            ['$25 per hour', 25, '$25 per hour'],
            ['25 dollars an hour', 25, '25 dollars an hour'],
            ['twenty five an hour', 25, 'twenty five an hour'],
            ['offered $24.75/hour in ohio', 24.75, '$24.75/hour'],
            ['$20-25/hr', 20, '$20-25/hr'],
            ['25 hr', 25, '25 hr'],
            ['hourly rate of 31', 31, '31'],
            // Set off by commas, after a word of pay: still pay.
            ['I make 29, is that ok?', 29, '29'],
        ])('reads "%s" as %d an hour', (text, amount, matched) => {
            expect(findPayAmount(text)).toEqual({ amount, period: 'hour', annual: amount * 2080, text: matched });
        });
    });

    describe('when a monthly or weekly figure is written', () => {
        it.each([
            ['$4,500 a month', 4500, 'month', 54000],
            ['$1,100 per week', 1100, 'week', 57200],
            ['3,800 monthly', 3800, 'month', 45600],
        ] as const)('reads "%s" as %d per %s (%d a year)', (text, amount, period, annual) => {
            expect(findPayAmount(text)).toMatchObject({ amount, period, annual });
        });
    });

    describe('when a bare number has no currency or period', () => {
        it.each([
            ['it pays 28', 28, 'hour'],
            ['I make about 25', 25, 'hour'],
            // Their own pay, before the figure they hope to reach.
            ['I make about 50k now, could I reach 60k?', 50000, 'year'],
            ['can I get to 60k? I make 45k now', 45000, 'year'],
            // One they reached is theirs.
            ['I got to 60k after ten years', 60000, 'year'],
            ['they start you at 22', 22, 'hour'],
            ['would 7 be enough', 7, 'hour'],
            ['200', 200, 'hour'],
            ['1000', 1000, 'year'],
            ['45,500', 45500, 'year'],
            // A figure written as one may go on with "as", "from", "working": it was read as a count before ("48k as").
            ['I got offered 48k as a new mlt, is that good?', 48000, 'year'],
            ['making 38k working retail', 38000, 'year'],
            ['$20 as a phlebotomist', 20, 'hour'],
        ] as const)('reads "%s" as %d per %s', (text, amount, period) => {
            expect(findPayAmount(text)).toMatchObject({ amount, period });
        });

        it.each(['6', 'they pay 500', '$750', '$5'])('finds no pay in the ambiguous "%s"', (text) => {
            expect(findPayAmount(text)).toBeUndefined();
        });
    });

    describe('when the figure is in another currency', () => {
        it.each(['50,000 euros', '£40,000', '€45k', 'CAD 50,000', 'A$60,000', '5 million yen'])(
            'ignores "%s", since the bot compares US figures only',
            (text) => {
                expect(findPayAmount(text)).toBeUndefined();
            },
        );
    });

    describe('when a number is not pay', () => {
        it.each([
            ['a date', 'as of november 2024'],
            ['a year range', '2022 to 2032'],
            ['a year', 'in 2026'],
            ['a birth year', 'I was born in 1990'],
            ['an age', "I'm 35"],
            ['an age', 'I am 45 years old'],
            // Of the one they ask for ("which pays more?" later in the message once made it $18 an hour).
            ['an age of their child', 'my son is 18 and thinking mlt vs nursing. which pays more?'],
            ['an age of their child', "my daughter's 17, is lab tech good pay?"],
            // An age said with "at", after no word of pay (a blind probe's post: "$24 an hour" once).
            ['an age at which something happens', "I know I don't want bedside forever, my back is already killing me at 24. I guess"],
            // In parentheses, after no word of pay: an age ("$17 an hour" once).
            ['an age in parentheses', 'My daughter (17) is interested in becoming a medical lab technician'],
            // A length with an abbreviated period: "$2 a year" once.
            ['a length in years', 'the 2 yr route appeals to us'],
            // Quoted by someone else, not the visitor's pay: the second figure's window once read the first without "says".
            ['figures a site quotes', 'one site says like 39k and another says 57k. which one is real??'],
            ['a figure seen online', 'I saw 45k online for lab techs'],
            // A figure they hope to reach (a blind post: "Your figure: $60,000 a year" once).
            ['a pay they hope to reach', "what's the ceiling? Like can you get to 60k+ eventually or is that only MLS territory"],
            ['a pay they hope to reach', 'will I ever hit 70k as an MLT?'],
            ['a pay they hope to reach', 'does anyone top out at $40 an hour?'],
            ['a length in months', 'is a 6 mo program enough?'],
            ['a duration', '2 years'],
            ['a duration', 'I have 15 years experience'],
            ['a hyphenated duration', '4-year degree'],
            ['a duration', '6 months'],
            ['a duration', '12 weeks'],
            ['a percentage', '5%'],
            ['a percentage', 'a 10 percent raise'],
            ['a count', '3 jobs'],
            ['a count', 'about 50 students'],
            ['a count of hours', 'I work 40 hours a week'],
            ['a ranking', 'top 10 states'],
            ['a time', 'at 9:30'],
            ['a phone number', 'call 555-1234'],
            // "3½ years" as a forum post typed it, with a fraction slash: read as $31 an hour before.
            ['a fraction', 'a 31⁄2 years course in India. What can he earn?'],
            ['a fraction', 'a 3 1/2 year program'],
            // A year with an apostrophe and a day after a month (an allied post: "$24 an hour" once, and the pay compared).
            ['a year written short', "he will complete his study in June'24. Then he will have to undergo an internship"],
            ['a year written short', 'class of ’25 here'],
            ['a day of a month', 'the program starts Sept 15. Is it worth it?'],
            // A difference, a raise or a bonus (a post on another hospital's offer: "Your figure: $5 an hour" once).
            ['a difference in pay', 'a hospital across town offering better pay ($5/hr more), and a better workweek'],
            ['a raise', 'I got a $2 raise this year'],
            ['a shift differential', 'nights get a shift differential of $3 an hour'],
            // Numbers in real posts the pay reader took for pay (each once read as the visitor's figure):
            ['an age after a curly apostrophe', 'now I’m 25 and looking for a career change'],
            ['an age after "I\'m only"', "I'm only 19 right now, so long shifts don't faze me"],
            ['an age when something happened', 'I got caught shop-lifting when I was 17 and got charged'],
            ['an age someone will be', 'If I go through with this program, I’ll be about 29 and need to find a job'],
            ['an age one must be', 'can i start an mlt program now or do i have to be 18'],
            ['a relative’s age', 'My husband is 44 and wants to leave his warehouse job'],
            ['a decade of life', 'Maria is in her mid-40’s, going to MLT school'],
            ['a second age', 'what do you think about getting hired at age 52 or 53?'],
            ['an age after "now"', 'CNA for 10 yrs, now 40 and looking at MLT'],
            ['a count with a plus', 'It has been 15+ years since I was in college'],
            ['a count of minutes', 'I currently drive 40+ minutes to work'],
            ['a count of minutes written short', 'the nearest big hospital is 90 min away'],
            ['a range of years', 'they all require 8 to 10 years experience'],
            ['a time of day', 'If I worked 7 to 7 I wouldn’t be able to go'],
            ['a rough count', 'I know they only take 20 or so students'],
            ['a city’s size', 'I currently live in a 200k+ city'],
            ['a retirement plan', 'Do MLTs get 401k?'],
            ['a debt', 'I have 22k in loans from my first attempt'],
            ['a debt', 'I finished my MLT associate’s with about 18k in federal loans'],
            ['savings', 'or I use my savings (~6k) and do the 2 yr MLT associate’s'],
            ['a waste of money', 'does a master’s speed that up or is it a waste of 30k'],
            ['an exam’s fee', 'I would rather not pay $200+ for an exam if it doesn’t matter'],
            ['points added', 'it’ll give you +20 plus points'],
            ['a shift’s length', 'I work full time overnight (12 hr shifts, 3-4 nights a week)'],
            ['hours counted by the week', 'my hours got cut to 28/wk'],
            ['a wage below the minimum', 'a night differential in the lab, like $2/hr?'],
            // A bare number set off by commas where visitors tell about themselves: an age (the long-post probe).
            ['an age set off by commas', 'cna, 29, two kids, what does an mlt actually do all day'],
            ['an age set off by commas', '27, scribe, which specialties pay the most'],
            // An age and a sex ("27M"), read as $27 million before: no lab wage comes near a million a year.
            ['an age and a sex', '27M, been a phlebotomist in Texas for 3 yrs. which one makes more money?'],
            // A bare number before "as" stays no pay: an age.
            ['an age before "as"', 'I was 26 as a new grad'],
            ['a figure no lab wage reaches', 'I make 2M a year lol'],
            ['a grade', '3.5 GPA'],
            ['a daily rate', '$25 a day'],
            ['a price', 'the program costs $12,000'],
            ['a fee', '$30 application fee'],
            // Twenty-seventh session: numbers in the tuning sets read as the visitor's pay, and answered with a comparison.
            ['money sent for a fee', 'Why should I send the ASCP $85 for basically nothing?'],
            ['money paid out of their own', 'why should the ASCP get $85 of my well earned money?'],
            ['a school course', 'Students must have completed English 30-1 (English 30) and Biology 30'],
            ['a school grade', 'I am in grade 11, currently struggling with physics'],
            ['an Army job code', "I was a 68K (medical lab specialist) for 4 years and I'm getting out in the spring"],
            ['an Army job code', 'Getting out of the Army in about 8 months (was a 68K for a bit actually, lab tech)'],
            ['an age opening the message', '41 and thinking about going back to school for MLT'],
            ['an age after a dash', "Cost of MLT school vs what I'd make - worth it at 41?"],
            ['children’s ages in parentheses', 'SAHM of 3 (all under 8) looking at online MLT programs'],
            ['tuition reimbursement', 'My company has tuition reimbursement up to 5k/yr'],
            ['no number at all', 'how much do MLTs make?'],
        ])('ignores %s: "%s"', (_kind, text) => {
            expect(findPayAmount(text)).toBeUndefined();
        });
    });

    describe('when the text holds non-pay numbers before the pay', () => {
        it.each([
            ['in 2026 I will make 60k', 60000],
            ["I'm 35 and make 52k", 52000],
            ["Hi, I'm 22 and was offered 21 an hour", 21],
            // "More or less" is about, not a difference.
            ['they pay $28 an hour more or less', 28],
            // The age before is not pay; the wage after is.
            ['Long time lurker. 41, divorced, work in a warehouse (picker, $17/hr, my back is done).', 17],
            ["I'm 35, work in insurance claims (boring, stable, 52k). My company has tuition reimbursement up to 5k/yr", 52000],
        ])('skips them and reads "%s" as %d', (text, amount) => {
            expect(findPayAmount(text)?.amount).toBe(amount);
        });
    });
});

describe('mightHoldANumber (the shortcut past the recognizers)', () => {
    const { kb } = realKnowledge();
    // Every question and sentence of the knowledge base, and words that sound like amounts without being numbers.
    const corpus = [
        ...kb.entries.flatMap((e) => [e.title, ...e.questions, ...e.answer.split(/(?<=[.!?])\s+/)]),
        ...['several', 'a few', 'a third of it', 'a quarter', 'once or twice', 'single', 'double pay', 'triple', 'first job', 'nil', 'none', 'a lot of money', 'big bucks', 'six figures', 'a grand a week', 'half a million'],
    ];

    it('lets through every text in which the recognizers find a figure that could be pay', () => {
        const missed = corpus.filter((text) => {
            if (mightHoldANumber(text)) return false;
            const values = [...recognizeNumber(text, Culture.English), ...recognizeCurrency(text, Culture.English)].map((r) => Number(r.resolution?.value));
            return values.some((v) => !(v < 7));
        });
        expect(missed).toEqual([]);
    });

    it('skips most questions (a check that the shortcut is taken at all)', () => {
        const questions = kb.entries.flatMap((e) => e.questions);
        expect(questions.filter((q) => !mightHoldANumber(q)).length / questions.length).toBeGreaterThan(0.7);
    });

    it('still reads amounts in words', () => {
        expect(findPayAmount('they offered me fifty thousand')?.annual).toBe(50000);
        expect(findPayAmount('twenty two an hour')?.annual).toBe(45760);
    });
});
