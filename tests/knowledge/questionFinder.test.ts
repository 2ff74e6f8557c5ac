import { findQuestions, listedParts, MAX_FOUND_QUESTIONS, MAX_LISTED_PARTS } from '../../src/knowledge/questionFinder';

const asked = (message: string) => findQuestions(message).questions.map((q) => q.text);

describe('findQuestions', () => {
    it('keeps a single short question whole, with no context', () => {
        expect(findQuestions('How much do medical lab techs make?')).toEqual({
            questions: [{ text: 'How much do medical lab techs make?', start: 0, end: 35 }],
            context: [],
        });
    });

    it('finds questions without a question mark, lowercase and misspelt', () => {
        expect(asked('how long is the mlt program')).toEqual(['how long is the mlt program']);
        expect(asked('do u need a licence in california')).toEqual(['do u need a licence in california']);
        expect(asked('any advice for someone going into the feild')).toEqual(['any advice for someone going into the feild']);
        expect(asked('I was wondering if the ASCP exam is hard')).toEqual(['I was wondering if the ASCP exam is hard']);
        expect(asked('does anyone know if MLTs need continuing education')).toEqual(['does anyone know if MLTs need continuing education']);
        expect(asked('I drive for UPS. idk if the pay would even be close to what I make now')).toEqual(['idk if the pay would even be close to what I make now']);
        // A greeting with whom it greets is filler before an asking phrase; so is "I'd love to know" an asking phrase.
        expect(asked('Hey there, can anyone tell me what a typical shift looks like.')).toEqual(['Hey there, can anyone tell me what a typical shift looks like.']);
        expect(asked('Hi all, does anyone know the hourly pay in Ohio.')).toEqual(['Hi all, does anyone know the hourly pay in Ohio.']);
        expect(asked("I'm new here. I'd love to know how long you stand each day.")).toEqual(["I'd love to know how long you stand each day."]);
        // Not knowing what or which to choose asks which, as not knowing whether asks whether.
        expect(asked("I'm an LPN. idk what would be a better path. I'm unsure of which school to pick.")).toEqual(['idk what would be a better path.', "I'm unsure of which school to pick."]);
        // A preface ending in a colon is context, and the questions after it are split as any others.
        expect(asked('As a parent I want to understand: is this a stable career with a future, and what kind of salary can she expect?')).toEqual([
            'is this a stable career with a future',
            'what kind of salary can she expect?',
        ]);
    });

    it('reads the situation as context and the asking sentences as questions, in order', () => {
        const post =
            "Hello MLTs!\n\nI'm looking into the AS program for Medical Labortory Technician at the community college. It's a 2 year program after I complete a year of Bio & Chem prerequisites.\n\n" +
            'If I do well and enjoy the college labs is it a good indicator that this is the right field for me?\n\n' +
            'How difficult was it for you to get hired after graduation? Are you going to continue on to get a BS and become a Medical Technologist?';
        expect(asked(post)).toEqual([
            'If I do well and enjoy the college labs is it a good indicator that this is the right field for me?',
            'How difficult was it for you to get hired after graduation?',
            'Are you going to continue on to get a BS and become a Medical Technologist?',
        ]);
        expect(findQuestions(post).context.map((c) => c.text)).toEqual([
            'Hello MLTs!',
            "I'm looking into the AS program for Medical Labortory Technician at the community college.",
            "It's a 2 year program after I complete a year of Bio & Chem prerequisites.",
        ]);
    });

    it('gives spans that are the visitor’s own words', () => {
        const message = 'I have a BS in biology.  What does an MLT do?\nand how much do they make';
        for (const q of findQuestions(message).questions) expect(message.slice(q.start, q.end)).toBe(q.text);
        expect(asked(message)).toEqual(['What does an MLT do?', 'and how much do they make']);
    });

    it('does not end a sentence at abbreviations, decimals or initials', () => {
        expect(asked('Is MedTech still in demand in the U.S. for people like me? I make $57.5k now.')).toEqual([
            'Is MedTech still in demand in the U.S. for people like me?',
        ]);
        expect(asked('My advisor, Dr. Lee, said the MLS pays more, e.g. in hospitals. Is that true?')).toEqual(['Is that true?']);
        expect(asked('Starting as a lab tech > up to Sr. Tech > Lead. What kind of advancement is there?')).toEqual([
            'What kind of advancement is there?',
        ]);
        // A degree written with full stops (a program FAQ's "the A.S. degree") was cut into two questions.
        expect(asked('WHICH PROGRAM, THE A.S. DEGREE OR CERTIFICATE SHOULD THE STUDENT ENROLL IN?')).toEqual([
            'WHICH PROGRAM, THE A.S. DEGREE OR CERTIFICATE SHOULD THE STUDENT ENROLL IN?',
        ]);
    });

    it('reads numbered and bulleted lists, on separate lines or run together, leaving the numbers and bullets out', () => {
        // "2" would be searched as a word of the question.
        expect(asked('So, my questions: 1. Is getting full time hours difficult? I have seen part time postings. 2. How different is a diagnostic lab from a hospital?')).toEqual([
            'Is getting full time hours difficult?',
            'How different is a diagnostic lab from a hospital?',
        ]);
        expect(asked('Questions:\n  1. What is your day as an MLT like?\n  • what exams do I need to take')).toEqual([
            'What is your day as an MLT like?',
            'what exams do I need to take',
        ]);
        const post = 'A few questions:\n2.) How long is school?\n(3) what do they make?\n- do I need a license?\nb) can I work in a hospital?';
        const found = findQuestions(post).questions;
        expect(found.map((q) => q.text)).toEqual(['How long is school?', 'what do they make?', 'do I need a license?', 'can I work in a hospital?']);
        for (const q of found) expect(post.slice(q.start, q.end)).toBe(q.text);
        // A number the question opens with is its own.
        expect(asked('10 years in retail, is 30 too late to start?')).toEqual(['10 years in retail, is 30 too late to start?']);
        expect(asked('2.5 years for the program, is that normal?')).toEqual(['2.5 years for the program, is that normal?']);
    });

    it('splits two questions joined by "and" or "also", but not a plan joined by "and"', () => {
        expect(asked('how long is the program and how much does it cost?')).toEqual(['how long is the program', 'how much does it cost?']);
        expect(asked('What do MLTs earn, and also do I need a license in Texas')).toEqual(['What do MLTs earn', 'do I need a license in Texas']);
        expect(asked('Should I go MLT and become a technologist later?')).toEqual(['Should I go MLT and become a technologist later?']);
        expect(asked("I'm 33 and what should I do?")).toEqual(["I'm 33 and what should I do?"]);
    });

    it('reads chat spellings of question words as asking, and splits questions joined by them', () => {
        expect(asked('wat do lab techs do and where do they work')).toEqual(['wat do lab techs do', 'where do they work']);
        expect(asked('hows the job market for med techs and wat r they paid')).toEqual(['hows the job market for med techs', 'wat r they paid']);
        expect(asked('r there even jobs for lab techs')).toEqual(['r there even jobs for lab techs']);
        expect(asked('i want to be a lab tech and r they hiring in ohio')).toEqual([]);
        // A blind probe's phone typing: "hw" and "y" ask, and "n" or "&" join two questions as "and" does.
        expect(asked('hw long is mlt school n wat do u make after')).toEqual(['hw long is mlt school', 'wat do u make after']);
        expect(asked('y is there so much demand for lab techs anyway')).toEqual(['y is there so much demand for lab techs anyway']);
        expect(asked('how long is the program & how much does it cost')).toEqual(['how long is the program', 'how much does it cost']);
    });

    it('reads a question opening with "Please" as asking, and splits it where "and" joins another', () => {
        const post =
            'Good day sir/ma. I am from Nigeria and I finished my BSc Microbiology last year. Please what are the courses taught in a medical laboratory technician program, and is there clinical training in the hospital?';
        expect(asked(post)).toEqual(['Please what are the courses taught in a medical laboratory technician program', 'is there clinical training in the hospital?']);
    });

    it('starts a question that follows the visitor’s situation in the same sentence at its question word', () => {
        const message = 'I realize this may be hospital dependent, but what kind of career advancement is there?';
        expect(findQuestions(message)).toEqual({
            questions: [{ text: 'what kind of career advancement is there?', start: 46, end: 87 }],
            context: [{ text: 'I realize this may be hospital dependent, but', start: 0, end: 45 }],
        });
        expect(asked('For those of you who’ve been working for years, what’s something you wish you knew at the start?')).toEqual([
            'what’s something you wish you knew at the start?',
        ]);
        expect(asked('How long is it, what do you think?')).toEqual(['How long is it, what do you think?']);
    });

    it('reads a sentence telling when something happens to the visitor as context, unless a question follows its clause', () => {
        // A blind probe's post: searched as a question, it was a "Did you mean".
        expect(asked('When I call the lab about a clotted specimen sometimes I get an MLT and sometimes an MLS and I honestly don’t know the hierarchy lol.')).toEqual([]);
        expect(asked('When I became a nurse, I had dreams of going for RN.')).toEqual([]);
        expect(asked('when i finish the program can i work in california')).toEqual(['when i finish the program can i work in california']);
        expect(asked('when do i take the exam')).toEqual(['when do i take the exam']);
        expect(asked('When I graduate, where do I apply?')).toEqual(['When I graduate, where do I apply?']);
    });

    it('reads a supposition with a question after it as asking, though it has no "?"', () => {
        expect(asked('and if I get licensed in TN and move later does that carry over or no')).toEqual(['and if I get licensed in TN and move later does that carry over or no']);
        expect(asked('if i move to texas will my license transfer')).toEqual(['if i move to texas will my license transfer']);
        expect(asked('If I move to Texas my license is gone.')).toEqual([]);
    });

    it('reads a sentence opening with a negative auxiliary and no subject as telling, unless it asks with a "?" or a subject', () => {
        // A blind probe's title line: "don't want to be on the bench forever" took one of the three answered parts.
        expect(asked('Career ladder after MLT? don’t want to be on the bench forever')).toEqual(['Career ladder after MLT?']);
        expect(asked('Don’t get me wrong I really want to be a nurse.')).toEqual([]);
        expect(asked('don’t you need a license for this')).toEqual(['don’t you need a license for this']);
        expect(asked('cant find a job anywhere?')).toEqual(['cant find a job anywhere?']);
    });

    it('reads a few words that say what the question before them meant as part of it', () => {
        expect(findQuestions('ok and what does that come out to in pay? like median')).toEqual({
            questions: [{ text: 'ok and what does that come out to in pay? like median', start: 0, end: 53 }],
            context: [],
        });
        // Not a sentence of the visitor's situation that happens to open with "like".
        expect(findQuestions('How long is the program? Like I said, I work full time and have two kids.').context).toHaveLength(1);
    });

    it('starts a question at an asking phrase inside the sentence, and leaves a reason given after it out, as context', () => {
        // A blind probe's post: searched whole, each was a "Did you mean".
        const message =
            "I'd be taking out loans for this so I want to know if the job outlook is actually decent over the next like 10 years. also wondering what skills are going to matter most if the machines do more of the work, since I'd rather train for whatever's actually going to be in demand";
        const found = findQuestions(message);
        expect(found.questions.map((q) => q.text)).toEqual([
            'want to know if the job outlook is actually decent over the next like 10 years.',
            'also wondering what skills are going to matter most if the machines do more of the work',
        ]);
        expect(found.context.map((c) => c.text)).toEqual(["I'd be taking out loans for this so I", "since I'd rather train for whatever's actually going to be in demand"]);
        for (const span of [...found.questions, ...found.context]) expect(message.slice(span.start, span.end)).toBe(span.text);
        // A short question after the phrase leans on what the sentence said before it, and keeps it.
        expect(asked('I see a lot of different pay ranges on indeed and I’m curious what the consensus is.')).toEqual([
            'I see a lot of different pay ranges on indeed and I’m curious what the consensus is.',
        ]);
    });

    it('finds a question after the visitor’s situation and a comma in a sentence with no “?” (“im in my 2nd yr at cc, whats…”)', () => {
        expect(findQuestions('im in my 2nd yr at cc, whats the job outlook for mlt')).toEqual({
            questions: [{ text: 'whats the job outlook for mlt', start: 23, end: 52 }],
            context: [{ text: 'im in my 2nd yr at cc,', start: 0, end: 22 }],
        });
        expect(asked('im 28 and work retail, is it too late to switch')).toEqual(['is it too late to switch']);
        // A clause about the situation, or a denial, is no question.
        expect(asked('I live in Ohio, where the pay is low.')).toEqual([]);
        expect(asked('I love my job, do not get me wrong')).toEqual([]);
        // Nor a "that" saying what something is (an allied post: "are that I won't know…" was a question).
        expect(asked('My concerns about starting right away, are that I won’t know as much as an MLT who has been practicing for a while.')).toEqual([]);
        expect(asked('My friend says MLTs are being phased out, is that true')).toEqual(['is that true']);
    });

    it('starts the question after the situation when the sentence opens with filler ("Honestly my biggest worry…, can you…")', () => {
        const message = 'Hey all. Honestly my biggest worry is money, can you actually make a decent living doing this?';
        const [question] = findQuestions(message).questions;
        expect(question.text).toBe('can you actually make a decent living doing this?');
        expect(message.slice(question.start, question.end)).toBe(question.text);
    });

    it('reads a worry put as a statement as a question, marked as stated, and only a sentence that asks nothing else', () => {
        const { questions, context } = findQuestions('I want to start with MLT first. I’m a bit worried about finding a job after college.');
        expect(questions).toEqual([{ text: 'I’m a bit worried about finding a job after college.', start: 32, end: 84, stated: true }]);
        expect(context.map((c) => c.text)).toEqual(['I want to start with MLT first.']);
        expect(findQuestions('My biggest concern is the pay. I live in Ohio.').questions.map((q) => q.text)).toEqual(['My biggest concern is the pay.']);
        // Too short to name anything, or not a worry.
        expect(findQuestions('I’m worried about it. I am not worried about school.').questions).toEqual([]);
    });

    it('reads past a label such as "Serious question:" or "Edit:" before a question', () => {
        // The label ending in a colon is not searched: "questions" read as the exam's questions.
        expect(asked('Serious question: is there actually a shortage of med techs or is that just hype?')).toEqual([
            'is there actually a shortage of med techs',
            'is that just hype?',
        ]);
        expect(asked('I passed my boards last month. Edit: does the AMT exam cover the same material?')).toEqual([
            'Edit: does the AMT exam cover the same material?',
        ]);
        // Without a question mark, the label alone once hid the question ("a few" and "q's" were not read as part of it).
        expect(asked('I just found out about MLS. A few questions: how long is the program')).toEqual(['how long is the program']);
        expect(asked("Quick q's: do I need a license in California")).toEqual(['do I need a license in California']);
        expect(asked('Quick questions: how long is the program, and is it hard?')).toEqual(['how long is the program', 'is it hard?']);
        // A count in the label: "3" once kept the label with the first question, read as the exam's questions.
        expect(findQuestions('ok 3 questions: how long is mlt school, how much do u make after').questions[0].text).toBe('how long is mlt school, how much do u make after');
    });

    it('reads an inline list of questions ("1) … 2) … 3) …") as one question a number, the numbers left out', () => {
        expect(asked("Quick q's: 1) do I need a license in california 2) which cert should I get ASCP or AMT 3) how much do CLS make in CA?")).toEqual([
            'do I need a license in california',
            'which cert should I get ASCP or AMT',
            'how much do CLS make in CA?',
        ]);
        expect(asked('my questions: (1) how long is school (2) what does it cost')).toEqual(['how long is school', 'what does it cost']);
        // A number in parentheses that follows no "1)" is no list.
        expect(findQuestions('I have (2) kids and work full time. Can I do MLT online?').context.map((c) => c.text)).toEqual([
            'I have (2) kids and work full time.',
        ]);
    });

    it('keeps spans right when lowercasing changes a letter’s length', () => {
        const message = 'İstanbul grad here. How long is the program and how much does it cost?';
        for (const q of findQuestions(message).questions) expect(message.slice(q.start, q.end)).toBe(q.text);
    });

    it('reads a one-word exclamation as context', () => {
        expect(findQuestions('Wait?! We’re not Medical Technologists anymore?')).toEqual({
            questions: [{ text: 'We’re not Medical Technologists anymore?', start: 7, end: 47 }],
            context: [{ text: 'Wait?!', start: 0, end: 6 }],
        });
    });

    it('treats a run of marks as one end', () => {
        expect(asked('Pros/cons?? I’m nervous…so nervous!! 🙂 what do you think?!')).toEqual(['🙂 what do you think?!']);
    });

    it('ends a sentence typed with no space after its mark, when a capitalised word follows a lowercase one', () => {
        expect(asked('Thank you for everything you do.What are the advancement options for MLT?Is a BSc in MLS a must after the MLT diploma?thanks')).toEqual([
            'What are the advancement options for MLT?',
            'Is a BSc in MLS a must after the MLT diploma?thanks',
        ]);
        // Not inside an abbreviation, a degree, a figure or a web address, nor after an abbreviation's full stop.
        expect(asked('I live in the U.S.A and make 57.5k. Is an MLT vs.Technologist degree from med.lab school worth it?')).toEqual([
            'Is an MLT vs.Technologist degree from med.lab school worth it?',
        ]);
    });

    it('ends a sentence typed with no mark at all, when a capitalised word that asks follows a lowercase word', () => {
        // The request was read as part of the situation before it, and only "any advice???" was searched.
        expect(asked("I'm just at a crossroad at this point Please can someone help me with other options for an MLT. any advice???")).toEqual([
            'Please can someone help me with other options for an MLT.',
            'any advice???',
        ]);
        expect(asked('sterile techs only start out at $11.67 at best Does anyone know if hospitals bump the pay')).toEqual(['Does anyone know if hospitals bump the pay']);
        // Not in a title written in Title Case, nor before a name ("Will") or after a capitalised word.
        expect(asked('How Long Does it Take to Get a Certificate in Medical Laboratory Technology')).toHaveLength(1);
        expect(asked('Is Being A Medical Lab Tech Worth The Risks Of The Job?')).toHaveLength(1);
        expect(asked('I asked my friend Will and Dr Smith Is it worth it?')).toEqual(['I asked my friend Will and Dr Smith Is it worth it?']);
    });

    it('reads a capitalised question after a colon as a question, though it ends with a full stop', () => {
        const post = "The question has been brought up before, and it will be brought up again, so I thought I'd address it today on this blog: Is the job of medical laboratory technician a good career.";
        const found = findQuestions(post);
        expect(found.questions.map((q) => q.text)).toEqual(['Is the job of medical laboratory technician a good career.']);
        expect(found.context.map((c) => c.text)).toEqual(["The question has been brought up before, and it will be brought up again, so I thought I'd address it today on this blog:"]);
        // What a colon introduces is no question when it is not put as one, or is too short to ask anything.
        expect(asked('I moved to Texas for one reason: The pay is better there.')).toEqual([]);
        expect(asked('My answer to everyone who asks me: Why not.')).toEqual([]);
        // A month or a name after a colon is no question word.
        expect(asked('The deadline for the fall cohort: May 5th is when applications close.')).toEqual([]);
        expect(asked('Our new lab manager as of this week: Will Turner starts on nights.')).toEqual([]);
    });

    it('reads hard-wrapped text (a mailing-list post) as running sentences, but a title line as its own', () => {
        const post =
            'I am a college student who is switching majors and interested in becoming an HT.  I know there is \n' +
            'a shortage of histotechnologists in the country, so I was wondering how \n' +
            'the job market is.\nIs anyone familiar with the program at Mt Sac?';
        expect(asked(post)).toEqual([
            'a shortage of histotechnologists in the country, so I was wondering how \nthe job market is.'.replace(/^/, 'I know there is \n'),
            'Is anyone familiar with the program at Mt Sac?',
        ]);
        // Short lines, or a next line starting with a capital, end where they end.
        expect(asked('mlt vs mls\nwhich one pays more?')).toEqual(['which one pays more?']);
        expect(asked('I have worked as a phlebotomist for two years in a big hospital\nHow long is the MLT program?')).toEqual(['How long is the MLT program?']);
        expect(asked('I have worked as a phlebotomist for two years in a big hospital\r\nhow long is the MLT program?')).toEqual([
            'I have worked as a phlebotomist for two years in a big hospital\r\nhow long is the MLT program?',
        ]);
    });

    it(`returns at most ${MAX_FOUND_QUESTIONS} questions`, () => {
        expect(asked('What is it? '.repeat(50))).toHaveLength(MAX_FOUND_QUESTIONS);
    });

    it('stays linear on hostile messages', () => {
        // Runs of spaces or of "?-" made two patterns quadratic (5 ms at 2,000 characters) before they were anchored: at
        // 40,000 characters that is 2 s, where a linear split takes a few milliseconds. The bound is wide so that a busy
        // machine cannot fail it, and still far below what quadratic work takes.
        for (const filler of ['.', '?', 'a', ' ', '1.', 'U.S. ', 'and how ', '\n', '?-', '• ', 'so, ', 'is it \t', '-', 'do.What', 'blog: Is ']) {
            const message = `is${filler.repeat(Math.ceil(40_000 / filler.length))}`.slice(0, 39_999) + '?';
            const began = process.hrtime.bigint();
            findQuestions(message);
            expect(Number(process.hrtime.bigint() - began) / 1e6).toBeLessThan(500);
        }
    });
});

describe('listedParts', () => {
    const pieces = (text: string) => listedParts({ text, start: 10, end: 10 + text.length });

    it('splits a question that lists subjects at commas, semicolons, "&", "and", "or" and "and/or", with spans in the message', () => {
        const question = 'Any insights on the job outlook, major, pay, or anything else?';
        const parts = pieces(question);
        expect(parts.map((p) => p.text)).toEqual(['Any insights on the job outlook', 'major', 'pay', 'anything else?']);
        for (const p of parts) expect(question.slice(p.start - 10, p.end - 10)).toBe(p.text);
        expect(pieces('day to day; career growth & salary ranges').map((p) => p.text)).toEqual(['day to day', 'career growth', 'salary ranges']);
        expect(pieces('hours and/or pay').map((p) => p.text)).toEqual(['hours', 'pay']);
    });

    it('gives nothing for a question without a list, and drops pieces without a letter', () => {
        expect(pieces('How much do MLTs make?')).toEqual([]);
        expect(pieces('What is the pay, , ?').map((p) => p.text)).toEqual(['What is the pay']);
        // "and" inside a word is no separator.
        expect(pieces('What do handlers of specimens do?')).toEqual([]);
    });

    it('gives nothing for clauses joined by commas: a list’s items are a few words', () => {
        expect(pieces('I know research is required for grad school, but if I were to start working as an MLT in a lab, would I still need research experience?')).toEqual([]);
        expect(pieces('Should I go to a community college and then transfer to a four year university for my degree?')).toEqual([]);
        // The last of three or more may trail off.
        expect(pieces('Any thoughts on pay, hours, or anything else you wish someone had told you before starting?')).toHaveLength(3);
    });

    it(`returns at most ${MAX_LISTED_PARTS} pieces and stays linear`, () => {
        expect(pieces('a, b, c, d, e, f, g')).toHaveLength(MAX_LISTED_PARTS);
        const hostile = 'pay, '.repeat(8_000) + ' and or '.repeat(4_000);
        const began = process.hrtime.bigint();
        pieces(hostile);
        expect(Number(process.hrtime.bigint() - began) / 1e6).toBeLessThan(500);
    });
});
