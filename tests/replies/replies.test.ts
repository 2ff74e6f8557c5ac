import { traceOf } from '../../src/replies/answerTrace';
import { createReplies, datedSentences } from '../../src/replies/replies';
import { SMALL_TALK_DIALOG } from '../../src/knowledge/dialogIds';
import { renderReply } from '../../src/channels/renderReplies';
import { realKnowledge } from '../helpers/botHarness';

function build() {
    const { kb, search } = realKnowledge();
    return { kb, search, replies: createReplies(search, kb.sources, kb.gaps) };
}

describe('Replies', () => {
    describe('when an FAQ entry answers', () => {
        it('carries the entry’s sources as citations in the trace, each with its article’s title, short title and the figures’ date', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const trace = traceOf(replies.answer(entry, 0.9))!;
            expect(trace).toMatchObject({ source: 'knowledge', ids: ['salary-figures'], score: 0.9 });
            const articles = entry.source.flatMap((ref) => ('doc' in ref ? [ref] : []));
            expect(articles).toHaveLength(entry.source.length);
            expect(trace.citations).toEqual(
                articles.map((ref) => ({
                    source: ref.doc,
                    title: expect.stringMatching(/^(Medical Laboratory Technician Online Classes and Training|Why is a Medical Technician Career a Smart Choice for Your Future\?)$/),
                    shortTitle: ref.doc === 'mlt-online-classes' ? 'MLT classes & training' : 'Why a med tech career is a smart choice',
                    section: ref.section,
                    asOf: entry.asOf,
                })),
            );
        });

        it('carries the follow-ups it offers as buttons as a field: each entry’s id and title', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const reply = replies.answer(entry, 0.9);
            const followUps = traceOf(reply)!.followUps!;
            expect(followUps.map((f) => f.id)).toEqual(entry.followUps);
            expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(followUps.map((f) => f.title));
        });

        it('puts no source line in the text: the channel renders it from the citations', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const reply = replies.answer(entry, 0.9);
            expect(reply.text).toBe(entry.answer.trim());
            renderReply('webchat', reply);
            expect(reply.text).toBe(`${entry.answer.trim()}\n\n_Sources: Why a med tech career is a smart choice; MLT classes & training, Nov 2024_`);
        });
    });

    describe('when a dialog replies from facts', () => {
        it('lists each article section once however often the facts name it', () => {
            const { kb, replies } = build();
            const refs = kb.facts.workSettings.settings.flatMap((s) => s.source);
            const reply = replies.fromDialog('workSettings', 'Settings', [], { ids: ['workplaces-settings'], citations: replies.citations(refs) });
            const citations = traceOf(reply)!.citations!;
            expect(new Set(citations.map((c) => `${c.source} ${'section' in c ? c.section : ''}`)).size).toBe(citations.length);
            expect(citations.length).toBeLessThan(refs.length);
        });

        it('leaves citations and follow-ups out of the trace of a reply that states nothing from the sources', () => {
            const { replies } = build();
            expect(traceOf(replies.fromDialog('workSettings', 'No problem.', []))).toEqual({ source: 'dialog', dialog: 'workSettings', ids: [], score: 1 });
        });
    });

    describe('when asked where an answer comes from', () => {
        it('names each article of the answer once, with its sections, the figures’ date and the article’s own date, then its sentences that give a year', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const reply = replies.sources([entry], 'That answer comes from:', []);
            expect(traceOf(reply)).toMatchObject({ source: 'knowledge', ids: ['salary-figures'], score: 1, citations: traceOf(replies.answer(entry, 1))!.citations });
            const lines = reply.text!.split('\n');
            expect(lines[0]).toBe('That answer comes from:');
            const articles = lines.filter((l) => /^- \*[^*]/.test(l));
            expect(articles).toHaveLength(2);
            expect(articles[0]).toMatch(/^- \*Why is a Medical Technician Career a Smart Choice for Your Future\?\*, sections? “.+” \(the article: undated; written looking towards 2026/);
            expect(articles[1]).toMatch(/^- \*Medical Laboratory Technician Online Classes and Training\*, sections? “.+” \(the article: undated\)$/);
            // The figures' date is the answer's, said once, not one article's.
            expect(lines).toContain('Its figures are as of November 2024.');
            const dated = reply.text!.split('The parts of it that give a year:\n')[1].split('\n');
            expect(dated.length).toBeGreaterThan(0);
            expect(dated.every((d) => /^- .*\b20\d\d\b/.test(d))).toBe(true);
            expect(dated.join(' ')).toMatch(/57,380[^\n]*May 2023/);
        });

        it('names a web page an advisor gave as the source by its title, a link to its address, with its date', () => {
            const { search, replies } = build();
            const entry = {
                ...search.entry('salary-figures')!,
                answer: 'Our program takes 18 months.',
                asOf: undefined,
                source: [{ url: 'https://college.example.edu/mlt_(program)', title: 'MLT program *page*', date: '2026-03' }],
            };
            const reply = replies.sources([entry], 'That answer comes from:', []);
            expect(reply.text).toBe('That answer comes from:\n\n- [MLT program \\*page\\*](https://college.example.edu/mlt_%28program%29) (as of March 2026)');
        });

        it('names the sources of a known gap’s reply, as small talk with their citations: that reply is no answer', () => {
            const { replies } = build();
            const gap = replies.knownGap('pay-after-tax')!;
            const reply = replies.sources([gap], 'That answer comes from:', []);
            expect(traceOf(reply)).toMatchObject({ source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], citations: [{ source: 'med-tech-career-2026', section: 'Earning Potential and Influencing Factors', asOf: '2023-05' }] });
            expect(reply.text).toContain('Its figures are as of May 2023.');
            expect(reply.text).toMatch(/give a year:\n- What they do say is that the U\.S\. Bureau of Labor Statistics \(BLS\) median annual wage .* \$57,380 in May 2023/);
        });

        it('names the sources of each part of a reply to several questions under its title, traced as an answer from each entry', () => {
            const { search, replies } = build();
            const pay = search.entry('salary-figures')!;
            const length = search.entry('education-program-length')!;
            const gap = replies.knownGap('shifts')!;
            const reply = replies.sources([length, gap, pay], 'That answer comes from:', []);
            expect(traceOf(reply)).toMatchObject({ source: 'knowledge', ids: ['education-program-length', 'salary-figures'], score: 1 });
            const text = reply.text!;
            expect(text.startsWith('That answer comes from:\n\n**How long does MLT school take?**')).toBe(true);
            // In the order answered, each with its own sources; the figures' date is the pay answer's.
            const at = (title: string) => text.indexOf(`**${title}**`);
            expect(at(length.title)).toBeLessThan(at(gap.title));
            expect(at(gap.title)).toBeLessThan(at(pay.title));
            expect(text.slice(at(pay.title))).toContain('Its figures are as of November 2024.');
            expect(text.slice(0, at(pay.title))).not.toContain('Its figures are as of November 2024.');
            // One answer alone has no title heading.
            expect(replies.sources([pay], 'That answer comes from:', []).text).not.toContain(`**${pay.title}**`);
        });

        it('names every source article, as small talk, when no answer was given yet', () => {
            const { kb, replies } = build();
            const reply = replies.sources([], 'Everything I say comes from these sources:', []);
            expect(traceOf(reply)).toEqual({ source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 });
            expect(reply.text!.split('\n').filter((l) => l.startsWith('- '))).toEqual(kb.sources.map((doc) => `- *${doc.title.replace(/[*_]/g, '\\$&')}* (${doc.dated})`));
        });
    });

    describe('datedSentences', () => {
        it('keeps the sentences and list items that give a year, list marks off, without cutting at an abbreviation', () => {
            const answer = 'MLTs are in demand. The U.S. Bureau of Labor Statistics projects **5% growth from 2022 to 2032**. Pay varies.\n\n- **$57,464**: average pay (November 2024).\n- No date here.\n1. Since 2020 more tests run.\n2. And 2021.\n3. And 2019.';
            expect(datedSentences(answer)).toEqual(['The U.S. Bureau of Labor Statistics projects **5% growth from 2022 to 2032**.', '**$57,464**: average pay (November 2024).', 'Since 2020 more tests run.']);
            expect(datedSentences('No year at all, only 57,380 dollars.')).toEqual([]);
        });
    });
});
