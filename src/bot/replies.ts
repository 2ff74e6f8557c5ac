import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import type { FaqEntry, SourceDoc, SourceRef } from '../knowledge/schema';
import type { KnowledgeSearch, SearchHit } from '../knowledge/searchIndex';
import type { Gap, GapsContent } from '../knowledge/gapSchema';
import { AnswerTrace, withTrace } from './answerTrace';

/** Builds the messages that carry knowledge to the visitor, the same way for every dialog. */
export interface Replies {
    /** An entry's answer with its source, date and follow-up buttons. */
    answer(entry: FaqEntry, score: number): Partial<Activity>;
    /** A dialog's reply built from structured facts, with follow-up buttons for the given entries. */
    fromDialog(dialog: string, text: string, followUpIds: string[], extra?: { attachments?: Activity['attachments']; ids?: string[] }): Partial<Activity>;
    /** "Did you mean ...?" with a button per suggestion. */
    suggestions(hits: SearchHit[]): Partial<Activity>;
    /** Buttons for the given entries (their titles; pressing one asks that question). */
    followUpActions(ids: string[]): CardAction[];
    /** The one-line citation of a source list: article title, section and date. */
    citation(sources: SourceRef[], asOf?: string): string;
    /**
     * The reply to a question on a known gap: what the sources do not cover, what they do say that bears on it with
     * its source line, and the advisor offer with its button. Traced `reason: "gap"`, `gap: <name>`.
     */
    gap(name: string, score: number): Partial<Activity>;
    /** A known gap by name (for a short part of a reply to several questions). */
    knownGap(name: string): Gap | undefined;
    /** The advisor offer gap replies end with (`knowledge/gaps.yaml`). */
    readonly gapAdvisorOffer: string;
}

/** The button that starts the follow-up hand-off to a career advisor (its value is recognised as a request). */
export const TALK_TO_ADVISOR: CardAction = { type: ActionTypes.ImBack, title: 'Talk to a career advisor', value: 'Talk to a career advisor' };

const SUGGEST_TEXT = 'I’m not completely sure what you mean. Did you mean one of these?';

/** Creates the reply builder over the knowledge search, the list of source articles and the known gaps. */
export function createReplies(search: KnowledgeSearch, sources: SourceDoc[], gaps: GapsContent): Replies {
    const docs = new Map(sources.map((s) => [s.id, s]));
    const gapsByName = new Map(gaps.gaps.map((g) => [g.name, g]));

    const followUpActions = (ids: string[]): CardAction[] =>
        ids
            .map((id) => search.entry(id))
            .filter((e): e is FaqEntry => e !== undefined)
            .map((e) => ({ type: ActionTypes.ImBack, title: e.title, value: e.title }));

    const citation = (refs: SourceRef[], asOf?: string): string => {
        const sections = new Map<string, string[]>();
        for (const ref of refs) {
            const title = docs.get(ref.doc)?.title ?? ref.doc;
            const list = sections.get(title) ?? [];
            if (!list.includes(ref.section)) list.push(ref.section);
            sections.set(title, list);
        }
        const parts = [...sections].map(([title, list]) => `${title} (${list.map((s) => `“${s}”`).join(', ')})`);
        const dated = asOf ? `; figures as of ${formatAsOf(asOf)}` : '';
        return `Source: ${parts.join('; ')}${dated}.`;
    };

    const withButtons = (text: string, actions: CardAction[]): Partial<Activity> =>
        actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);

    return {
        followUpActions,
        citation,
        knownGap: (name) => gapsByName.get(name),
        gapAdvisorOffer: gaps.advisorOffer.trim(),
        gap(name, score) {
            const gap = gapsByName.get(name);
            if (!gap) throw new Error(`Replies.gap(): no known gap is named "${name}"`);
            const said = gap.sourcesSay && gap.source ? [gap.sourcesSay.trim(), `_${citation(gap.source, gap.asOf)}_`] : [];
            const text = [`**${gap.title}**`, gap.uncovered.trim(), ...said, gaps.advisorOffer.trim()].join('\n\n');
            const trace: AnswerTrace = { source: 'fallback', reason: 'gap', gap: gap.name, ids: [], score };
            return withTrace(withButtons(text, [TALK_TO_ADVISOR, ...followUpActions(gap.followUps)]), trace);
        },
        answer(entry, score) {
            const text = `${entry.answer.trim()}\n\n_${citation(entry.source, entry.asOf)}_`;
            const trace: AnswerTrace = { source: 'knowledge', ids: [entry.id], score };
            return withTrace(withButtons(text, followUpActions(entry.followUps)), trace);
        },
        fromDialog(dialog, text, followUpIds, extra = {}) {
            const activity = withButtons(text, followUpActions(followUpIds));
            if (extra.attachments) activity.attachments = extra.attachments;
            return withTrace(activity, { source: 'dialog', dialog, ids: extra.ids ?? [], score: 1 });
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

const CITATION = /\n\n_(Source: [^\n]*)_$/;

/** Splits an answer's text into its body and the citation line `answer` put at its end (if any). */
export function splitCitation(text: string): { body: string; citation?: string } {
    const match = CITATION.exec(text);
    return match ? { body: text.slice(0, match.index), citation: match[1] } : { body: text };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2024-11` → `November 2024`. */
export function formatAsOf(asOf: string): string {
    const [year, month, day] = asOf.split('-');
    if (!month) return year;
    const name = MONTHS[Number(month) - 1] ?? month;
    return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}
