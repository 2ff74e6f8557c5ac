import { GapSchema, GapsFileSchema } from '../../src/knowledge/gapSchema';
import { loadKnowledge } from '../../src/knowledge/loader';
import { markdownProblems } from '../../src/knowledge/markdownSafety';
import { FaqEntrySchema, isWebRef, SourceRefSchema } from '../../src/knowledge/schema';
import { SmallTalkEntrySchema } from '../../src/knowledge/smallTalkSchema';
import { httpUrlOf } from '../../src/knowledge/webAddress';
import { KNOWLEDGE_DIR } from '../helpers/botHarness';

const COLLEGE_PAGE = { title: 'MLT Associate Degree – Example College', url: 'https://www.example.edu/programs/mlt', date: '2026-03' };

/** An entry as an advisor writes it, with `changes` over a valid one. */
function entry(changes: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        id: 'college-mlt-program',
        topic: 'education',
        title: 'Our MLT program',
        questions: ['does the college have an MLT program', 'where can I study MLT here', 'MLT degree at the college'],
        answer: 'The college offers a two-year MLT associate degree.',
        source: [COLLEGE_PAGE],
        ...changes,
    };
}

/** Each problem of parsing `input` as `field: message`, or [] when it parses. */
function problemsOf(input: unknown, schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } = FaqEntrySchema): string[] {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('FaqEntrySchema', () => {
    describe('source', () => {
        it('accepts a web page with a title, an address and a date, and keeps it as one', () => {
            const parsed = FaqEntrySchema.parse(entry());
            expect(parsed.source).toEqual([COLLEGE_PAGE]);
            expect(isWebRef(parsed.source[0])).toBe(true);
        });

        it('accepts articles and web pages side by side', () => {
            const parsed = FaqEntrySchema.parse(entry({ source: [{ doc: 'med-tech-career-2026', section: 'Earning Potential' }, COLLEGE_PAGE] }));
            expect(parsed.source.map(isWebRef)).toEqual([false, true]);
        });

        it.each<string | number>(['2026', '2026-03', '2026-03-14', 2026])('accepts the date %j', (date) => {
            expect(problemsOf(entry({ source: [{ ...COLLEGE_PAGE, date }] }))).toEqual([]);
        });

        it.each([
            ['javascript:alert(1)'],
            ['JavaScript:alert(1)'],
            [' javascript:alert(1)'],
            ['data:text/html,<script>alert(1)</script>'],
            ['file:///etc/passwd'],
            ['/programs/mlt'],
            ['www.example.edu/programs/mlt'],
            ['ftp://example.edu/mlt.pdf'],
            ['https://user:secret@example.edu/'],
            ['https://example.edu/a page'],
            ['https://'],
        ])('refuses the address %j, naming source.0.url', (url) => {
            const problems = problemsOf(entry({ source: [{ ...COLLEGE_PAGE, url }] }));
            expect(problems).toEqual([expect.stringMatching(/^source\.0\.url: expected an absolute web address starting with https:\/\/ or http:\/\//)]);
        });

        it('names the second source when it is the broken one', () => {
            const problems = problemsOf(entry({ source: [COLLEGE_PAGE, { ...COLLEGE_PAGE, url: 'javascript:alert(1)' }] }));
            expect(problems).toEqual([expect.stringMatching(/^source\.1\.url: /)]);
        });

        it('keeps the address as the browser reads it', () => {
            const parsed = FaqEntrySchema.parse(entry({ source: [{ ...COLLEGE_PAGE, url: 'HTTPS://Www.Example.edu' }] }));
            expect(parsed.source[0]).toMatchObject({ url: 'https://www.example.edu/' });
        });

        it.each([
            ['title', { url: COLLEGE_PAGE.url, date: '2026-03' }, /^source\.0\.title: expected the page's title/],
            ['title', { ...COLLEGE_PAGE, title: '  ' }, /^source\.0\.title: expected the page's title/],
            ['title', { ...COLLEGE_PAGE, title: 'x'.repeat(121) }, /^source\.0\.title: expected a title of at most 120 characters/],
            ['url', { title: COLLEGE_PAGE.title, date: '2026-03' }, /^source\.0\.url: expected the page's address/],
            ['date', { title: COLLEGE_PAGE.title, url: COLLEGE_PAGE.url }, /^source\.0\.date: expected the date the page gives or was read/],
            ['date', { ...COLLEGE_PAGE, date: 'March 2026' }, /^source\.0\.date: expected a date such as 2024-11/],
        ])('refuses a web page without a valid %s, naming it', (_field, ref, message) => {
            expect(problemsOf(entry({ source: [ref] }))).toEqual([expect.stringMatching(message)]);
        });

        it('names the stray field of a source mixing an article and a page', () => {
            const problems = problemsOf(entry({ source: [{ ...COLLEGE_PAGE, section: 'Admissions' }] }));
            expect(problems).toEqual([expect.stringMatching(/^source\.0: .*"section"/)]);
        });

        it('still names an article source’s missing section', () => {
            expect(problemsOf(entry({ source: [{ doc: 'med-tech-career-2026' }] }))).toEqual([expect.stringMatching(/^source\.0\.section: /)]);
        });

        it('refuses an entry without a source, naming the field', () => {
            expect(problemsOf(entry({ source: [] }))).toEqual(['source: expected at least one source']);
            expect(problemsOf(entry({ source: undefined }))).toEqual([expect.stringMatching(/^source: /)]);
        });
    });

    describe('answer', () => {
        it('refuses an empty answer, naming the field', () => {
            expect(problemsOf(entry({ answer: '   ' }))).toEqual(['answer: expected a non-empty text']);
        });

        it.each([
            ['a link to javascript:', 'See [the page](javascript:alert(1)).', /"javascript:alert\(1\)" is not one/],
            ['an autolink to javascript:', 'See <javascript:alert(1)>.', /"javascript:alert\(1\)" is not one/],
            ['a link to data:', 'See [x](data:text/html;base64,PHNjcmlwdD4=).', /"data:text\/html;base64,PHNjcmlwdD4=" is not one/],
            ['a link hidden behind an entity', 'See [x](java&#x09;script:alert(1)).', /links only to http, https or mailto/],
            ['a relative link', 'See [the form](/apply).', /"\/apply" is not one/],
            ['a reference link to javascript:', 'See [the page][p].\n\n[p]: javascript:alert(1)', /"javascript:alert\(1\)" is not one/],
            ['an unused reference to javascript:', 'Nothing here.\n\n[p]: javascript:alert(1)', /"javascript:alert\(1\)" is not one/],
            ['an HTML link', 'See <a href="javascript:alert(1)">the page</a>.', /expected no HTML/],
            ['a script block', '<script>alert(1)</script>', /expected no HTML/],
            ['an inline tag', 'Pay is <b>good</b>.', /expected no HTML/],
            ['an image', 'See ![chart](https://example.edu/chart.png).', /expected no images/],
        ])('refuses %s, naming the field', (_name, answer, message) => {
            const problems = problemsOf(entry({ answer }));
            expect(problems.length).toBeGreaterThan(0);
            for (const problem of problems) expect(problem).toMatch(/^answer: /);
            expect(problems.join('\n')).toMatch(message);
        });

        it.each([
            ['an https link', 'See [the program page](https://www.example.edu/mlt).'],
            ['an http link', 'See [the program page](http://www.example.edu/mlt).'],
            ['a mailto link', 'Write to [advising](mailto:advising@example.edu).'],
            ['an autolink', 'See <https://www.example.edu/mlt>.'],
            ['a bare address', 'See www.example.edu/mlt or https://www.example.edu.'],
            ['comparisons that are not tags', 'Pay is < $60,000 for most, and > $30,000 for nearly all.'],
            ['code that mentions a tag', 'Type `<b>` to … no, just Markdown.'],
        ])('accepts %s', (_name, answer) => {
            expect(problemsOf(entry({ answer }))).toEqual([]);
        });
    });
});

describe('SourceRefSchema', () => {
    it('says more than "invalid input" for something that is neither an article nor a page', () => {
        const problems = problemsOf('med-tech-career-2026', SourceRefSchema);
        expect(problems).toEqual([expect.stringMatching(/^: Invalid input: expected object/)]);
    });
});

describe('gaps', () => {
    const gap = {
        name: 'college-tuition',
        topic: 'education',
        title: 'Tuition at the college',
        questions: ['how much is tuition', 'what does the program cost', 'is there financial aid'],
        uncovered: 'The articles do not give any college’s tuition.',
        sourcesSay: 'The college lists its fees on its own page.',
        source: [COLLEGE_PAGE],
    };

    it('accept a web page as a source', () => {
        expect(problemsOf(gap, GapSchema)).toEqual([]);
    });

    it('refuse a page whose address is not http(s), naming source.0.url', () => {
        expect(problemsOf({ ...gap, source: [{ ...COLLEGE_PAGE, url: 'javascript:alert(1)' }] }, GapSchema)).toEqual([expect.stringMatching(/^source\.0\.url: /)]);
    });

    it.each(['uncovered', 'sourcesSay'])('refuse a javascript: link in %s, naming it', (field) => {
        expect(problemsOf({ ...gap, [field]: 'See [x](javascript:alert(1)).' }, GapSchema)).toEqual([expect.stringMatching(new RegExp(`^${field}: expected links only`))]);
    });

    it('refuse HTML in the advisor offer, naming it', () => {
        expect(problemsOf({ advisorOffer: '<a href="x">Talk to us</a>', gaps: [gap] }, GapsFileSchema)).toEqual([expect.stringMatching(/^advisorOffer: expected no HTML/)]);
    });
});

describe('small talk', () => {
    it('refuses a javascript: link in a reply, naming it', () => {
        const kind = { id: 'thanks', phrases: ['thanks'], replies: ['You’re welcome!', '[More](javascript:alert(1))'] };
        expect(problemsOf(kind, SmallTalkEntrySchema)).toEqual([expect.stringMatching(/^replies\.1: expected links only/)]);
    });
});

describe('markdownProblems', () => {
    it('finds nothing in plain Markdown', () => {
        expect(markdownProblems('**Pay**\n\n- median $57,380\n- _as of_ May 2023')).toEqual([]);
    });
});

describe('httpUrlOf', () => {
    it('gives the address as the browser serialises it, with spaces and brackets never raw', () => {
        expect(httpUrlOf('https://example.edu/a?q="<x>"')).toBe('https://example.edu/a?q=%22%3Cx%3E%22');
        expect(httpUrlOf('javascript:alert(1)')).toBeUndefined();
    });
});

describe('the shipped knowledge', () => {
    it('still loads: every answer, gap and small-talk reply passes the link check', () => {
        const kb = loadKnowledge(KNOWLEDGE_DIR);
        expect(kb.entries.length).toBeGreaterThan(0);
        for (const e of kb.entries) expect(markdownProblems(e.answer)).toEqual([]);
    });
});
