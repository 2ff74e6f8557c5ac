import { isWebRef, type SourceDoc, type SourceRef } from '../knowledge/schema';
import { httpUrlOf } from '../knowledge/webAddress';
import { isWebCitation, type Citation } from './answerTrace';

/**
 * The citations of `refs`, in the order first named: one per article section, each with the article's title and, when
 * the entry gives one, the date its figures are as of; one per web page, with its title, address and its own date (the
 * page's date is what its figures are as of, whatever the entry's `asOf` says of the articles).
 */
export function citationsOf(refs: readonly SourceRef[], docs: ReadonlyMap<string, SourceDoc>, asOf?: string): Citation[] {
    return mergeCitations(
        refs.map((ref): Citation => {
            if (isWebRef(ref)) return { source: ref.url, url: ref.url, title: ref.title, shortTitle: ref.title, asOf: ref.date };
            const doc = docs.get(ref.doc);
            return { source: ref.doc, title: doc?.title ?? ref.doc, shortTitle: doc?.shortTitle ?? ref.doc, section: ref.section, ...(asOf ? { asOf } : {}) };
        }),
    );
}

/** `citations` without repeats (same article and section, or same page, and same date), in the order first named. */
export function mergeCitations(citations: readonly Citation[]): Citation[] {
    const seen = new Set<string>();
    return citations.filter((c) => {
        const key = `${c.source}\n${isWebCitation(c) ? '' : c.section}\n${c.asOf ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * The one short line a visitor reads under an answer, in Markdown: `Source: <short title>, <date>` (`Sources: <a>; <b>,
 * <date>` for several sources). Each article is named once, by its short title; a web page by its title, a link to its
 * address. The date its figures are as of is said once when they share it (an entry's date is the whole answer's), else
 * after each source. The sections stay in the trace (`citations[].section`), where the widget shows them on demand.
 */
export function citationLine(citations: readonly Citation[]): string {
    const sources = new Map<string, { name: string; dates: string[] }>();
    for (const citation of citations) {
        const key = isWebCitation(citation) ? `url ${citation.url}` : `article ${citation.shortTitle}`;
        const source = sources.get(key) ?? { name: sourceName(citation), dates: [] };
        if (citation.asOf && !source.dates.includes(citation.asOf)) source.dates.push(citation.asOf);
        sources.set(key, source);
    }
    const allDates = new Set(citations.flatMap((c) => (c.asOf ? [c.asOf] : [])));
    const oneDate = allDates.size === 1 && citations.every((c) => c.asOf !== undefined);
    const named = [...sources.values()].map(({ name, dates }) => (oneDate ? name : [name, ...dates.map(formatAsOfShort)].join(', ')));
    const dated = oneDate ? `, ${formatAsOfShort([...allDates][0])}` : '';
    return `${named.length > 1 ? 'Sources' : 'Source'}: ${named.join('; ')}${dated}`;
}

/** A source as the source line names it: its short title as text, a web page's a link to its http(s) address. */
function sourceName(citation: Citation): string {
    return citationName(citation, citation.shortTitle);
}

/** `name` as a source is named in Markdown: escaped, and for a web page a link to its http(s) address. */
export function citationName(citation: Citation, name: string): string {
    const url = isWebCitation(citation) ? httpUrlOf(citation.url) : undefined;
    // Parentheses are encoded so that an address with them cannot end the link early; the page is the same.
    return url ? `[${escapeMarkdown(name)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : escapeMarkdown(name);
}

/**
 * `text` with the characters Markdown would read as formatting, a link or HTML escaped, so it reads as written: a
 * source's title, or a visitor's own words quoted in a reply (never rendered as HTML).
 */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2024-11` → `Nov 2024`, `2023-05` → `May 2023`: the source line's dates. */
export function formatAsOfShort(asOf: string): string {
    const [year, month, day] = asOf.split('-');
    if (!month) return year;
    const name = MONTHS[Number(month) - 1]?.slice(0, 3) ?? month;
    return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

/** `2024-11` → `November 2024`. */
export function formatAsOf(asOf: string): string {
    const [year, month, day] = asOf.split('-');
    if (!month) return year;
    const name = MONTHS[Number(month) - 1] ?? month;
    return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}
