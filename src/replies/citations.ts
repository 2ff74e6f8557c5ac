import type { SourceDoc, SourceRef } from '../knowledge/schema';
import type { Citation } from './answerTrace';

/**
 * The citations of `refs`: one per article section, in the order first named, each with the article's title and, when
 * the entry gives one, the date its figures are as of.
 */
export function citationsOf(refs: readonly SourceRef[], docs: ReadonlyMap<string, SourceDoc>, asOf?: string): Citation[] {
    return mergeCitations(
        refs.map((ref) => {
            const doc = docs.get(ref.doc);
            return { source: ref.doc, title: doc?.title ?? ref.doc, shortTitle: doc?.shortTitle ?? ref.doc, section: ref.section, ...(asOf ? { asOf } : {}) };
        }),
    );
}

/** `citations` without repeats (same article, section and date), in the order first named. */
export function mergeCitations(citations: readonly Citation[]): Citation[] {
    const seen = new Set<string>();
    return citations.filter((c) => {
        const key = `${c.source}\n${c.section}\n${c.asOf ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * The one short line a visitor reads under an answer: `Source: <short title>, <date>` (`Sources: <a>; <b>, <date>` for
 * several articles). Each article is named once, by its short title; the date its figures are as of is said once when
 * they share it (an entry's date is the whole answer's), else after each article. The sections stay in the trace
 * (`citations[].section`), where the widget shows them on demand.
 */
export function citationLine(citations: readonly Citation[]): string {
    const articles = new Map<string, string[]>();
    for (const { shortTitle, asOf } of citations) {
        const dates = articles.get(shortTitle) ?? [];
        if (asOf && !dates.includes(asOf)) dates.push(asOf);
        articles.set(shortTitle, dates);
    }
    const allDates = new Set(citations.flatMap((c) => (c.asOf ? [c.asOf] : [])));
    const oneDate = allDates.size === 1 && citations.every((c) => c.asOf !== undefined);
    const named = [...articles].map(([shortTitle, dates]) => (oneDate ? shortTitle : [shortTitle, ...dates.map(formatAsOfShort)].join(', ')));
    const dated = oneDate ? `, ${formatAsOfShort([...allDates][0])}` : '';
    return `${named.length > 1 ? 'Sources' : 'Source'}: ${named.join('; ')}${dated}`;
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
