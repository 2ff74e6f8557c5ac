import { z } from 'zod';
import { MarkdownTextSchema } from './markdownSafety';
import { SourceRefSchema, TopicSchema, type FaqEntry } from './schema';
import type { SearchResult } from './searchIndex';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase-hyphenated name such as "criminal-record"');
const nonEmpty = z.string().trim().min(1, 'expected a non-empty text');

/**
 * A subject people often ask about that the source articles do not cover (`knowledge/gaps.yaml`). It is searched
 * with the FAQ entries, so a question on it finds it instead of a confident answer taken from another subject; its
 * reply names what the sources do not cover, says what they do say that bears on it, and offers a career advisor.
 */
export const GapSchema = z
    .strictObject({
        /** Kebab-case; traces (`gap`), transcripts and the advisors' report group questions by it. */
        name: slug,
        /**
         * The subject it sits beside. An FAQ entry of the same topic that scores higher answers the question outright;
         * one of another topic that scores close makes the question ambiguous, as between two FAQ topics.
         */
        topic: TopicSchema,
        /** Short label for buttons and "Did you mean ...?" suggestions. */
        title: nonEmpty.max(80, 'expected a title of at most 80 characters (it is shown on a button)'),
        questions: z.array(nonEmpty).min(3, 'expected at least three ways people ask this'),
        keywords: z.array(nonEmpty).default([]),
        /** One honest sentence naming what the sources do not cover. */
        uncovered: MarkdownTextSchema.refine((s) => !/\n\s*\n/.test(s.trim()), 'expected one sentence, not several paragraphs'),
        /** What the sources do say that bears on it, written from them (Markdown). Needs `source`. */
        sourcesSay: MarkdownTextSchema.optional(),
        /** Source articles' sections or web pages, as an FAQ entry's `source`. */
        source: z.array(SourceRefSchema).min(1, 'expected at least one source').optional(),
        /** Date of the figures `sourcesSay` states, when it states dated figures. */
        asOf: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date such as 2024-11').optional(),
        /** FAQ entries the sources do answer nearby, offered as buttons. */
        followUps: z.array(slug).max(3, 'expected at most three follow-ups (the advisor button comes first)').default([]),
    })
    .superRefine((gap, ctx) => {
        if (gap.sourcesSay && !gap.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'expected the sources of `sourcesSay`' });
        if (gap.source && !gap.sourcesSay) ctx.addIssue({ code: 'custom', path: ['sourcesSay'], message: 'expected what the cited sources say' });
    });
export type Gap = z.infer<typeof GapSchema>;

/** `knowledge/gaps.yaml`: the advisor offer every gap reply ends with, and the gaps. */
export const GapsFileSchema = z.strictObject({
    /** Ends every gap reply, above the "Talk to a career advisor" button. */
    advisorOffer: MarkdownTextSchema,
    gaps: z.array(GapSchema).min(1, 'expected at least one gap'),
});
export type GapsContent = z.infer<typeof GapsFileSchema>;

/** An entry of the search index: an FAQ entry, or a gap searched as one (then `gap` names it). */
export type IndexEntry = FaqEntry & { readonly gap?: string };

/** The id a gap has in the search index; `:` keeps it apart from every FAQ id. */
export const GAP_ID_PREFIX = 'gap:';

/**
 * A gap as an entry of the search index. Only the `uncovered` sentence stands for its answer: what the sources say
 * on it repeats FAQ answers, and indexing it would draw their questions to the gap.
 */
export function gapIndexEntry(gap: Gap): IndexEntry {
    return {
        id: `${GAP_ID_PREFIX}${gap.name}`,
        topic: gap.topic,
        title: gap.title,
        questions: gap.questions,
        keywords: gap.keywords,
        answer: gap.uncovered,
        followUps: [],
        source: gap.source ?? [],
        popular: false,
        dialogStarts: 'match',
        dialogRequests: [],
        gap: gap.name,
    };
}

/** The gap an index entry stands for, if it is one. */
export function gapOf(entry: IndexEntry | undefined): string | undefined {
    return entry?.gap;
}

/**
 * A known gap suggested first leads only when scored at least this: below it the gap was drawn by a word or two
 * ("is it common for hospitals to have cepheid or maldi?" was told the sources do not cover stress, at 0.345) and the
 * question gets its "Did you mean", the gap among the suggestions. Measured 8 December 2026 (twenty-eighth session) on
 * every readable set against no floor: at 0.35 one allied question more answered right; at 0.4 two (a pay question and a
 * Florida licence question whose weak gap had stood in for them), none fewer, no question the sources cannot answer
 * answered; at 0.45 one, and more right gaps became "Did you mean".
 */
export const GAP_SUGGESTED_FROM = 0.4;

/**
 * The known gap a search result leads with: its best hit when the search would answer it, or suggest it first with a
 * score of at least GAP_SUGGESTED_FROM. A gap that leads is the reply, whatever else the question names (a state, a pay
 * figure): never a confident answer taken from another subject.
 */
export function leadingGap(result: SearchResult): string | undefined {
    if (result.outOfScope || result.confidence === 'none') return undefined;
    if (result.confidence === 'suggest' && (result.reading?.top ?? 1) < GAP_SUGGESTED_FROM) return undefined;
    return gapOf(result.hits[0]?.entry);
}
