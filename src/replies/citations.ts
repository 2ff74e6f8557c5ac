import type { SourceDoc, SourceRef } from '../knowledge/schema';
import type { Citation } from './answerTrace';

/**
 * The citations of `refs`: one per article section, in the order first named, each with the article's title and, when
 * the entry gives one, the date its figures are as of.
 */
export function citationsOf(refs: readonly SourceRef[], docs: ReadonlyMap<string, SourceDoc>, asOf?: string): Citation[] {
    return mergeCitations(refs.map((ref) => ({ source: ref.doc, title: docs.get(ref.doc)?.title ?? ref.doc, section: ref.section, ...(asOf ? { asOf } : {}) })));
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
 * The one line a visitor reads under an answer: `Source: <title> (“<section>”, …); <title> (…); figures as of <date>.`
 * Sections are grouped under their article, and each date is said once.
 */
export function citationLine(citations: readonly Citation[]): string {
    const sections = new Map<string, string[]>();
    for (const { title, section } of citations) {
        const list = sections.get(title) ?? [];
        if (!list.includes(section)) list.push(section);
        sections.set(title, list);
    }
    const parts = [...sections].map(([title, list]) => `${title} (${list.map((s) => `“${s}”`).join(', ')})`);
    const dates = [...new Set(citations.map((c) => c.asOf).filter((d): d is string => d !== undefined))];
    const dated = dates.length ? `; figures as of ${dates.map(formatAsOf).join(', ')}` : '';
    return `Source: ${parts.join('; ')}${dated}.`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2024-11` → `November 2024`. */
export function formatAsOf(asOf: string): string {
    const [year, month, day] = asOf.split('-');
    if (!month) return year;
    const name = MONTHS[Number(month) - 1] ?? month;
    return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}
