import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import { isWebRef, type FaqEntry, type SourceDoc, type SourceRef } from '../knowledge/schema';
import type { KnowledgeSearch, SearchHit } from '../knowledge/searchIndex';
import type { Gap, GapsContent } from '../knowledge/gapSchema';
import { answerReply } from './answerContent';
import { AnswerTrace, Citation, FollowUp, isWebCitation, withTrace } from './answerTrace';
import { citationName, citationsOf, escapeMarkdown, formatAsOf } from './citations';
import { SMALL_TALK_DIALOG } from '../knowledge/dialogIds';

/** Builds the messages that carry knowledge to the visitor, the same way for every dialog. */
export interface Replies {
    /**
     * An entry's answer with its citations, date and follow-up buttons. `offer.alternatives` (close runners-up of the
     * search) come first among the buttons, so a visitor who meant one of them is one press away; `offer.itself` puts
     * the entry's own button before them, for an entry whose dialog starts only when chosen (pressing it starts it).
     */
    /**
     * An entry's answer. With `question` (what the visitor asked), an answer that opens with a short reply to the entry's
     * title ("Yes.", "Quite a lot.") is headed by that title, the question it answers, unless the visitor asked it in
     * those very words (a button): "What do MLTs do in clinics?" is not answered "Yes." alone.
     */
    answer(entry: FaqEntry, score: number, offer?: { alternatives?: string[]; itself?: boolean; question?: string }): Partial<Activity>;
    /**
     * A dialog's reply built from structured facts, with follow-up buttons for the given entries and the citations of
     * the facts it states. `lead` buttons come first: they continue the dialog ("Compare an offer") and are no entries.
     */
    fromDialog(
        dialog: string,
        text: string,
        followUpIds: string[],
        extra?: { attachments?: Activity['attachments']; ids?: string[]; citations?: Citation[]; lead?: CardAction[] },
    ): Partial<Activity>;
    /** "Did you mean ...?" with a button per suggestion. */
    suggestions(hits: SearchHit[]): Partial<Activity>;
    /**
     * Where the answers in `of` come from, after `intro`: each source article with the sections used and what it says
     * of its own date (a web page with its address and date), the date of the entry's figures, then the answer's
     * sentences that give a year ("projected to grow 5% from 2022 to 2032"). Traced as an answer from those entries,
     * with their citations. For a known gap's reply, the sources of what it says the sources do say (the gap's reply is
     * no answer: with gaps only, the reply is traced as small talk with those citations). Several answers (the parts of
     * a reply to several questions) each get a section under their title. With none, or only what cites nothing, every
     * source article the knowledge uses, traced as small talk.
     */
    sources(of: ReadonlyArray<FaqEntry | Gap>, intro: string, buttons: CardAction[]): Partial<Activity>;
    /** Buttons for the given entries (their titles; pressing one asks that question). */
    followUpActions(ids: string[]): CardAction[];
    /** The given entries as the trace's follow-ups (unknown ids left out). */
    followUps(ids: string[]): FollowUp[];
    /** The citations of a source list (article, title, section), with the date its figures are as of. */
    citations(sources: readonly SourceRef[], asOf?: string): Citation[];
    /**
     * The reply to a question on a known gap: what the sources do not cover, what they do say that bears on it with
     * its citations, and the advisor offer with its button. Traced `reason: "gap"`, `gap: <name>`.
     */
    gap(name: string, score: number): Partial<Activity>;
    /** A known gap by name (for a short part of a reply to several questions). */
    knownGap(name: string): Gap | undefined;
    /** The advisor offer gap replies end with (`knowledge/gaps.yaml`). */
    readonly gapAdvisorOffer: string;
}

/** Buttons under one answer: its close alternatives, then its follow-ups. */
const MAX_ANSWER_BUTTONS = 6;
/**
 * An answer that opens with a short reply to its title question ("Yes. In clinics…", "Quite a lot.", "It can be.",
 * "Not necessarily, but…"): it reads as an answer only under that question.
 */
const REPLY_OPENING = /^(?:yes|no|not|quite a lot|it can be|increasingly)\b/i;

/** The button that starts the follow-up hand-off to a career advisor (its value is recognised as a request). */
export const TALK_TO_ADVISOR: CardAction = { type: ActionTypes.ImBack, title: 'Talk to a career advisor', value: 'Talk to a career advisor' };

const SUGGEST_TEXT = 'I’m not completely sure what you mean. Did you mean one of these?';

/** A year in an answer's sentence ("May 2023", "from 2022 to 2032"). */
const YEAR = /\b(?:19|20)\d{2}\b/;
/** At most this many of an answer's sentences that give a year follow its sources. */
const MAX_DATED_SENTENCES = 3;

/**
 * The sentences and list items of an answer's Markdown that give a year, list marks taken off, in order. A sentence ends
 * at a mark after a lowercase letter, a digit or a closing mark, so "The U.S. Bureau of Labor Statistics…" stays whole.
 */
export function datedSentences(answer: string): string[] {
    return answer
        .split(/\n+|(?<=[\p{Ll}\d)*"”][.!?])\s+(?=[\p{Lu}*])/u)
        .map((s) => s.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').trim())
        .filter((s) => YEAR.test(s))
        .slice(0, MAX_DATED_SENTENCES);
}

/**
 * A line for each source of `citations`: an article's title with the sections used and what it says of its own date, a
 * web page's title (a link to it) with its date. The date an entry's figures are as of is the answer's, not one
 * article's: the caller says it once.
 */
function sourceLines(citations: readonly Citation[], docs: ReadonlyMap<string, SourceDoc>): string[] {
    const lines = new Map<string, { name: string; sections: string[]; dated?: string }>();
    for (const c of citations) {
        const web = isWebCitation(c);
        const doc = web ? undefined : docs.get(c.source);
        const line = lines.get(c.source) ?? {
            name: web ? citationName(c, c.title) : `*${escapeMarkdown(c.title)}*`,
            sections: [],
            dated: web ? `as of ${formatAsOf(c.asOf)}` : doc && `the article: ${escapeMarkdown(doc.dated)}`,
        };
        if (!web && !line.sections.includes(c.section)) line.sections.push(c.section);
        lines.set(c.source, line);
    }
    return [...lines.values()].map(({ name, sections, dated }) => {
        const where = sections.length ? `, ${sections.length > 1 ? 'sections' : 'section'} ${sections.map((s) => `“${escapeMarkdown(s)}”`).join(', ')}` : '';
        return `- ${name}${where}${dated ? ` (${dated})` : ''}`;
    });
}

/** Creates the reply builder over the knowledge search, the list of source articles and the known gaps. */
export function createReplies(search: KnowledgeSearch, sources: SourceDoc[], gaps: GapsContent): Replies {
    const docs = new Map(sources.map((s) => [s.id, s]));
    const gapsByName = new Map(gaps.gaps.map((g) => [g.name, g]));

    const followUps = (ids: string[]): FollowUp[] =>
        ids
            .map((id) => search.entry(id))
            .filter((e): e is FaqEntry => e !== undefined)
            .map((e) => ({ id: e.id, title: e.title }));
    const followUpActions = (ids: string[]): CardAction[] => followUps(ids).map((f) => ({ type: ActionTypes.ImBack, title: f.title, value: f.title }));
    const offered = (ids: string[]) => {
        const list = followUps(ids);
        return list.length ? { followUps: list } : {};
    };
    const citations = (refs: readonly SourceRef[], asOf?: string): Citation[] => citationsOf(refs, docs, asOf);

    const withButtons = (text: string, actions: CardAction[]): Partial<Activity> =>
        actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);

    return {
        followUpActions,
        followUps,
        citations,
        knownGap: (name) => gapsByName.get(name),
        gapAdvisorOffer: gaps.advisorOffer.trim(),
        gap(name, score) {
            const gap = gapsByName.get(name);
            if (!gap) throw new Error(`Replies.gap(): no known gap is named "${name}"`);
            const said = gap.sourcesSay && gap.source ? [{ text: gap.sourcesSay.trim(), citations: citations(gap.source, gap.asOf) }] : [];
            const sections = [{ text: `**${gap.title}**\n\n${gap.uncovered.trim()}`, citations: [] }, ...said, { text: gaps.advisorOffer.trim(), citations: [] }];
            const buttons = [TALK_TO_ADVISOR, ...followUpActions(gap.followUps)];
            return answerReply(sections, buttons, { source: 'fallback', reason: 'gap', gap: gap.name, ids: [], score, ...offered(gap.followUps) });
        },
        answer(entry, score, offer = {}) {
            const answer = entry.answer.trim();
            const headed = offer.question !== undefined && REPLY_OPENING.test(answer) && offer.question.trim().toLowerCase() !== entry.title.toLowerCase();
            const section = { text: headed ? `**${entry.title}**\n\n${answer}` : answer, citations: citations(entry.source, entry.asOf) };
            const others = [...(offer.alternatives ?? []), ...entry.followUps].filter((id) => id !== entry.id);
            const buttons = [...new Set([...(offer.itself ? [entry.id] : []), ...others])].slice(0, MAX_ANSWER_BUTTONS);
            return answerReply([section], followUpActions(buttons), { source: 'knowledge', ids: [entry.id], score, ...offered(buttons) });
        },
        fromDialog(dialog, text, followUpIds, extra = {}) {
            const activity = answerReply([{ text, citations: extra.citations ?? [] }], [...(extra.lead ?? []), ...followUpActions(followUpIds)], {
                source: 'dialog',
                dialog,
                ids: extra.ids ?? [],
                score: 1,
                ...offered(followUpIds),
            });
            if (extra.attachments) activity.attachments = extra.attachments;
            return activity;
        },
        sources(of, intro, buttons) {
            // An entry's answer, or what a known gap's reply says the sources do say; only those that cite something.
            const cites = of
                .map((answered) => ('uncovered' in answered ? { said: answered.sourcesSay, faq: undefined, answered } : { said: answered.answer, faq: answered, answered }))
                .filter((c): c is typeof c & { said: string } => c.said !== undefined && (c.answered.source?.length ?? 0) > 0);
            if (cites.length === 0) {
                const every = sources.map((doc) => `- *${escapeMarkdown(doc.title)}* (${escapeMarkdown(doc.dated)})`);
                return withTrace(withButtons([intro, every.join('\n')].join('\n\n'), buttons), { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 });
            }
            const sections = cites.map(({ said, answered }, i) => {
                const refs = answered.source ?? [];
                const cited = citations(refs, answered.asOf);
                const dated = datedSentences(said);
                const figures = answered.asOf && refs.some((ref) => !isWebRef(ref)) ? [`Its figures are as of ${formatAsOf(answered.asOf)}.`] : [];
                const years = dated.length ? [`The parts of it that give a year:\n${dated.map((d) => `- ${d}`).join('\n')}`] : [];
                // Several answers: each under its title, so the visitor sees which sources go with which part.
                const heading = cites.length > 1 ? [`**${escapeMarkdown(answered.title)}**`] : [];
                const text = [...(i === 0 ? [intro] : []), ...heading, sourceLines(cited, docs).join('\n'), ...figures, ...years].join('\n\n');
                return { text, citations: cited };
            });
            // A gap's reply is no answer: with gaps only, the reply on their sources is small talk, with their citations.
            const ids = cites.flatMap(({ faq }) => (faq ? [faq.id] : []));
            const trace: AnswerTrace = ids.length ? { source: 'knowledge', ids, score: 1 } : { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 };
            return answerReply(sections, buttons, trace);
        },
        suggestions(hits) {
            const actions = hits.map((h) => ({ type: ActionTypes.ImBack, title: h.entry.title, value: h.entry.title }));
            return withTrace(withButtons(SUGGEST_TEXT, actions), {
                source: 'fallback',
                reason: 'suggestions',
                ids: hits.map((h) => h.entry.id),
                score: hits[0]?.score ?? 0,
            });
        },
    };
}
