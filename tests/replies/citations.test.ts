import { FaqEntry, FaqEntrySchema, type SourceDoc, type SourceRef } from '../../src/knowledge/schema';
import type { KnowledgeSearch } from '../../src/knowledge/searchIndex';
import { answerReply } from '../../src/replies/answerContent';
import { isWebCitation, traceOf, WebCitation } from '../../src/replies/answerTrace';
import { citationLine, citationsOf, mergeCitations } from '../../src/replies/citations';
import { renderReply } from '../../src/channels/renderReplies';
import { KnowledgeSearchExtension } from '../../src/channels/teams/knowledgeSearchExtension';

const markdownIt = require('markdown-it') as (options: object) => { render(text: string): string };
/** Markdown as the advisor console renders the bot's text (richText.js), so the links a visitor gets can be read. */
const render = (text: string) => markdownIt({ html: false, linkify: true, breaks: true }).render(text);

const ARTICLE: SourceDoc = {
    id: 'med-tech-career-2026',
    file: '001_a36aa984d674a847.txt',
    title: 'Why is a Medical Technician Career a Smart Choice for Your Future?',
    shortTitle: 'Why a med tech career is a smart choice',
    publisher: 'a career-training provider',
    dated: 'undated',
};
const DOCS = new Map([[ARTICLE.id, ARTICLE]]);
const PAGE: SourceRef = { title: 'MLT Associate Degree – Example College', url: 'https://www.example.edu/programs/mlt', date: '2026-03' };
const PAGE_CITATION: WebCitation = { source: PAGE.url, url: PAGE.url, title: PAGE.title, shortTitle: PAGE.title, asOf: '2026-03' };

describe('citationsOf', () => {
    it('cites a web page by its title, address and own date, and an article as before', () => {
        const citations = citationsOf([{ doc: ARTICLE.id, section: 'Earning Potential' }, PAGE], DOCS, '2024-11');
        expect(citations).toEqual([
            { source: ARTICLE.id, title: ARTICLE.title, shortTitle: ARTICLE.shortTitle, section: 'Earning Potential', asOf: '2024-11' },
            PAGE_CITATION,
        ]);
        expect(citations.map(isWebCitation)).toEqual([false, true]);
    });

    it('cites a page named twice once', () => {
        expect(citationsOf([PAGE, PAGE], DOCS)).toEqual([PAGE_CITATION]);
        expect(mergeCitations([PAGE_CITATION, { ...PAGE_CITATION, asOf: '2026-04' }])).toHaveLength(2);
    });
});

describe('citationLine', () => {
    it('names a web page by its title, a Markdown link to its address, with its date', () => {
        expect(citationLine([PAGE_CITATION])).toBe('Source: [MLT Associate Degree – Example College](https://www.example.edu/programs/mlt), Mar 2026');
    });

    it('names an article and a page each with their date', () => {
        const article = { source: ARTICLE.id, title: ARTICLE.title, shortTitle: 'Career guide', section: 'Pay', asOf: '2024-11' };
        expect(citationLine([article, PAGE_CITATION])).toBe('Sources: Career guide, Nov 2024; [MLT Associate Degree – Example College](https://www.example.edu/programs/mlt), Mar 2026');
    });

    it('keeps the title text and the address whole whatever Markdown they hold', () => {
        const odd: WebCitation = { ...PAGE_CITATION, url: 'https://example.edu/wiki/MLT_(program)?a=1', title: 'The *MLT* [program] _page_', shortTitle: 'The *MLT* [program] _page_' };
        const html = render(`_${citationLine([odd])}_`);
        expect(html).toContain('<a href="https://example.edu/wiki/MLT_%28program%29?a=1">The *MLT* [program] _page_</a>');
    });

    it('never links an address that is not http(s), should one reach it', () => {
        const forged: WebCitation = { ...PAGE_CITATION, url: 'javascript:alert(1)' };
        expect(citationLine([forged])).toBe('Source: MLT Associate Degree – Example College, Mar 2026');
        expect(render(citationLine([forged]))).not.toContain('<a');
    });
});

describe('a reply citing a web page', () => {
    const reply = () =>
        answerReply([{ text: 'The college offers a two-year MLT degree.', citations: [PAGE_CITATION] }], [], { source: 'knowledge', ids: ['college-mlt-program'], score: 0.9 });

    it('shows Web Chat its title as a link to the page, with its date', () => {
        const sent = reply();
        renderReply('webchat', sent);
        expect(sent.text).toBe('The college offers a two-year MLT degree.\n\n_Source: [MLT Associate Degree – Example College](https://www.example.edu/programs/mlt), Mar 2026_');
        expect(render(sent.text!)).toContain('<em>Source: <a href="https://www.example.edu/programs/mlt">MLT Associate Degree – Example College</a>, Mar 2026</em>');
    });

    it('shows Teams the same link in the card, under the answer', () => {
        const sent = reply();
        renderReply('msteams', sent);
        const body = (sent.attachments?.[0].content as { body: { text: string; isSubtle?: boolean }[] }).body;
        expect(body.map((b) => [b.text, Boolean(b.isSubtle)])).toEqual([
            ['The college offers a two-year MLT degree.', false],
            ['Source: [MLT Associate Degree – Example College](https://www.example.edu/programs/mlt), Mar 2026', true],
        ]);
    });

    it('carries the page in the trace, with its address, for reports and the widget', () => {
        const sent = reply();
        renderReply('webchat', sent);
        expect(traceOf(sent)?.citations).toEqual([PAGE_CITATION]);
    });

    it('cites it in the card the Teams search extension inserts', () => {
        const entry: FaqEntry = FaqEntrySchema.parse({
            id: 'college-mlt-program',
            topic: 'education',
            title: 'Our MLT program',
            questions: ['does the college have an MLT program', 'where can I study MLT here', 'MLT degree at the college'],
            answer: 'The college offers a two-year MLT degree.',
            source: [PAGE],
        });
        const search = { entry: (id: string) => (id === entry.id ? entry : undefined) } as Pick<KnowledgeSearch, 'entry'> as KnowledgeSearch;
        const extension = new KnowledgeSearchExtension(search, { citations: (refs, asOf) => citationsOf(refs, DOCS, asOf) });
        const card = extension.selectItem({ entryId: entry.id }).composeExtension?.attachments?.[0].content as { body: { text: string }[] };
        expect(card.body.map((b) => b.text)).toContain('Source: [MLT Associate Degree – Example College](https://www.example.edu/programs/mlt), Mar 2026');
    });
});
