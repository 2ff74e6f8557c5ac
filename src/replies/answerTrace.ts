import type { Activity } from 'botbuilder';

/** Why a reply is not an answer from knowledge or a dialog. */
export type FallbackReason =
    | 'no-match'
    | 'suggestions'
    /** A question on a known gap: the sources do not cover it (`knowledge/gaps.yaml`); `gap` names it. */
    | 'gap'
    | 'out-of-scope'
    | 'medical-advice'
    | 'manipulation'
    | 'too-long'
    | 'not-text'
    | 'error';

/**
 * Where something a reply states comes from: one section of a source article (`knowledge/sources.yaml`), or a web page
 * an advisor named (then `url` is set), and the date its figures are as of. Channels render it (text channels as a short
 * italic source line of short titles and dates, a web page's title a link to it; Teams in the card; the widget shows the
 * section or the page's address on demand); it is never text to be parsed back.
 */
export type Citation = ArticleCitation | WebCitation;

/** A section of a source article (`knowledge/sources.yaml`). */
export interface ArticleCitation {
    /** The article's id in `knowledge/sources.yaml`. */
    source: string;
    /** The article's title, as the visitor reads it. */
    title: string;
    /** The article's short title, as the source line under an answer names it. */
    shortTitle: string;
    /** The section of the article, by its heading. */
    section: string;
    /** `2024-11`: the date the entry's figures are as of. */
    asOf?: string;
}

/** A web page an advisor named as the source (the college's own program page). */
export interface WebCitation {
    /** The page's address, as `url`: what identifies the source, as an article's id does. */
    source: string;
    /** The page's absolute http(s) address; channels link the title to it. */
    url: string;
    /** The page's title, as the advisor named it. */
    title: string;
    /** The same title: the source line names a page by its title. */
    shortTitle: string;
    /** `2026-03`: the date the page gives or was read, which its figures are as of. */
    asOf: string;
}

/** Whether `citation` is a web page rather than an article section. */
export function isWebCitation(citation: Citation): citation is WebCitation {
    return 'url' in citation && typeof citation.url === 'string';
}

/** A knowledge entry a reply offers as a button: pressing it asks that entry's question. */
export interface FollowUp {
    id: string;
    title: string;
}

/**
 * One question of a message that held several, and how it was answered (`../shared/ARCHITECTURE.md`, `parts`).
 */
export interface AnswerPart {
    /** The visitor's own words this part answers. */
    question: string;
    source: 'knowledge' | 'fallback';
    /** The entries this part was built from (suggested entries for `suggestions`). */
    ids: string[];
    /** Search confidence of this part between 0 and 1. */
    score: number;
    /** Why this part is not answered, for `source: "fallback"`. */
    reason?: FallbackReason;
    /** The sources of this part's answer, for an answered part; rendered right after the part. */
    citations?: Citation[];
    /** The known gap this part asks about, for `reason: "gap"`. */
    gap?: string;
}

/**
 * What produced a reply; carried in `channelData.answer` of every reply to a visitor's message.
 * Transcripts, analytics and the unanswered-questions report read it.
 */
export interface AnswerTrace {
    source: 'knowledge' | 'dialog' | 'fallback';
    /** Knowledge entry ids the reply is built from (suggested entries for `suggestions`). */
    ids: string[];
    /** Search confidence between 0 and 1; 1 for dialog replies built from structured facts. */
    score: number;
    /**
     * The dialog that replied, for `source: "dialog"`: a topic dialog's id, `welcome`, a command, or `small-talk`
     * (`SMALL_TALK_DIALOG`, conversation basics: neither an answer from knowledge nor an unanswered question).
     */
    dialog?: string;
    /** Why the bot did not answer, for `source: "fallback"`. Only `no-match` counts as an unanswered question. */
    reason?: FallbackReason;
    /** The known gap the question is on, for `reason: "gap"`: advisors see these questions grouped by it. */
    gap?: string;
    /**
     * Set when one message held several questions: a part each, in the order asked. The top-level `source` is then
     * `knowledge` when any part was answered, and `ids` lists every entry used.
     */
    parts?: AnswerPart[];
    /**
     * The sources of everything the reply states, deduplicated: every reply built from knowledge or facts has them (for
     * several questions, the union of its parts'). Channels render them; reports read them.
     */
    citations?: Citation[];
    /** The knowledge entries the reply offers as buttons, in the order offered. */
    followUps?: FollowUp[];
}

/** Returns `activity` with `trace` set in its channel data (other channel data is kept). */
export function withTrace<T extends Partial<Activity>>(activity: T, trace: AnswerTrace): T {
    activity.channelData = { ...(activity.channelData ?? {}), answer: trace };
    return activity;
}

/** Reads the trace of an activity, if it has one. */
export function traceOf(activity: Partial<Activity>): AnswerTrace | undefined {
    const answer = (activity.channelData as { answer?: AnswerTrace } | undefined)?.answer;
    return answer && typeof answer.source === 'string' ? answer : undefined;
}
