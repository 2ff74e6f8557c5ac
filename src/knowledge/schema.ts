import { z } from 'zod';
import { TOPIC_DIALOG_IDS } from './dialogIds';
import { MarkdownTextSchema } from './markdownSafety';
import { httpUrlOf } from './webAddress';

/** Topics every FAQ entry belongs to; transcripts and insights group by them. */
export const TOPICS = [
    'mlt-vs-mls',
    'education',
    'certification',
    'licensure',
    'salary',
    'job-outlook',
    'workplaces',
    'duties',
    'skills',
    'specializations',
    'advancement',
    'suitability',
    'job-search',
] as const;
export const TopicSchema = z.enum(TOPICS);
export type Topic = z.infer<typeof TopicSchema>;

/** Topic dialogs an entry can hand its question to, instead of answering with its text (declared in `dialogIds.ts` beside this file). */
export const DialogIdSchema = z.enum(TOPIC_DIALOG_IDS);
export type DialogId = z.infer<typeof DialogIdSchema>;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase-hyphenated id such as "salary-median"');
const nonEmpty = z.string().trim().min(1, 'expected a non-empty text');
/** A date as precise as the source gives it: `2024`, `2024-11` or `2024-11-05`. */
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date such as 2024-11 (year, year-month or full date)');

/** Where a statement comes from in the source articles: a document listed in `knowledge/sources.yaml` and its section heading. */
export const ArticleRefSchema = z.strictObject({
    doc: slug,
    section: nonEmpty,
});
export type ArticleRef = z.infer<typeof ArticleRefSchema>;

/** An absolute http(s) address, as the WHATWG URL parser serialises it (`webAddress.ts`). */
const webUrl = z
    .string({ error: 'expected the page\'s address, such as https://www.example.edu/mlt-program' })
    .trim()
    .max(2000, 'expected an address of at most 2000 characters')
    .transform((value, ctx) => {
        const href = /\s/.test(value) ? undefined : httpUrlOf(value);
        if (href) return href;
        ctx.addIssue({ code: 'custom', message: 'expected an absolute web address starting with https:// or http://, such as https://www.example.edu/mlt-program' });
        return z.NEVER;
    });

/**
 * Where a statement comes from on the web: a page an advisor names (the college's own program page), cited by its
 * title as a link to its address, with the date it was read or gives.
 */
export const WebRefSchema = z.strictObject({
    title: z
        .string({ error: 'expected the page\'s title, as the source line under an answer names it' })
        .trim()
        .min(1, 'expected the page\'s title, as the source line under an answer names it')
        .max(120, 'expected a title of at most 120 characters (it is the source line under an answer)'),
    url: webUrl,
    // YAML reads an unquoted `date: 2026` as a number: a year is a date as precise as a page may give.
    date: z.preprocess((v) => (Number.isInteger(v) ? String(v) : v), z.string({ error: 'expected the date the page gives or was read, such as 2026-03' }).pipe(isoDate)),
});
export type WebRef = z.infer<typeof WebRefSchema>;

/** Where a statement comes from: an article section, or a web page. */
export type SourceRef = ArticleRef | WebRef;

/** Whether `ref` is a web page rather than an article section. */
export function isWebRef(ref: SourceRef): ref is WebRef {
    return 'url' in ref;
}

/**
 * A web page when it names a `url`, or names a `title` or `date` and no `doc` or `section`; an article section otherwise.
 * Deciding first keeps errors on the fields (`source.0.url`), where a plain union would say only "invalid input".
 */
function looksLikeWebRef(value: unknown): boolean {
    if (!value || typeof value !== 'object') return false;
    const has = (key: string) => key in value;
    return has('url') || (!has('doc') && !has('section') && (has('title') || has('date')));
}

/** Where a statement comes from: `{doc, section}` for a source article, `{title, url, date}` for a web page. */
export const SourceRefSchema = z.unknown().transform((value, ctx): SourceRef => {
    const parsed = (looksLikeWebRef(value) ? WebRefSchema : ArticleRefSchema).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
});

/** One source article (`knowledge/sources.yaml`). */
export const SourceDocSchema = z.strictObject({
    id: slug,
    file: z.string().regex(/^[\w.-]+\.txt$/, 'expected the article file name, such as 001_a36aa984d674a847.txt'),
    title: nonEmpty,
    /** The title as the one-line source under an answer names it ("MLT classes & training"). */
    shortTitle: nonEmpty.max(40, 'expected a short title of at most 40 characters (it is the source line under an answer)'),
    publisher: nonEmpty,
    /** What the article itself says about its date; `undated` when it gives none. */
    dated: nonEmpty,
    notes: nonEmpty.optional(),
});
export type SourceDoc = z.infer<typeof SourceDocSchema>;
export const SourcesFileSchema = z.strictObject({ sources: z.array(SourceDocSchema).min(1) });

/** One FAQ entry (`knowledge/faq/*.yaml`). */
export const FaqEntrySchema = z.strictObject({
    id: slug,
    topic: TopicSchema,
    /** Short label for buttons and "Did you mean ...?" suggestions. */
    title: nonEmpty.max(80, 'expected a title of at most 80 characters (it is shown on a button)'),
    questions: z.array(nonEmpty).min(3, 'expected at least three ways people ask this'),
    /** Extra search terms that are not natural questions (abbreviations, related words). */
    keywords: z.array(nonEmpty).default([]),
    /** Concise Markdown answer; links only to http, https or mailto addresses, and no HTML. */
    answer: MarkdownTextSchema,
    followUps: z.array(slug).max(4, 'expected at most four follow-ups (they become buttons)').default([]),
    source: z.array(SourceRefSchema).min(1, 'expected at least one source'),
    /** Date of the figures the answer states, when it states dated figures. */
    asOf: isoDate.optional(),
    /** Hand the question to this topic dialog instead of answering with `answer` (see `dialogStarts`). */
    dialog: DialogIdSchema.optional(),
    /**
     * When `dialog` starts. `match` (the default): whenever this entry answers the question best, for dialogs whose
     * first reply answers it (the comparison, licence rules, pay figures, workplaces). `request`: only when the visitor
     * chooses it, by pressing this entry's button (its exact title) or saying one of `dialogRequests`; a question this
     * entry answers otherwise gets `answer`, with the dialog offered as a button. For dialogs that open by asking
     * (the quiz, the planner): "Is MLT a good career for me?" wants an answer, not four questions.
     */
    dialogStarts: z.enum(['match', 'request']).default('match'),
    /** Words that ask for `dialog` itself ("take the quiz", "make me a plan"), found as whole words anywhere in a message. */
    dialogRequests: z.array(nonEmpty).default([]),
    /** Among the questions people ask most: listed when someone opens the Teams search before typing. */
    popular: z.boolean().default(false),
}).superRefine((entry, ctx) => {
    if (entry.dialog === undefined && (entry.dialogStarts === 'request' || entry.dialogRequests.length > 0)) {
        ctx.addIssue({ code: 'custom', path: ['dialog'], message: 'expected a dialog: dialogStarts and dialogRequests say when it starts' });
    }
    if (entry.dialogStarts === 'request' && entry.dialogRequests.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['dialogRequests'], message: 'expected at least one request ("take the quiz"): a dialog that starts on request needs words to ask for it' });
    }
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;
export const FaqFileSchema = z.strictObject({ entries: z.array(z.unknown()).min(1, 'expected at least one entry') });
