import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import type { FaqEntry, SourceDoc, SourceRef } from '../knowledge/schema';
import type { KnowledgeSearch, SearchHit } from '../knowledge/searchIndex';
import type { Gap, GapsContent } from '../knowledge/gapSchema';
import { answerReply } from './answerContent';
import { Citation, FollowUp, withTrace } from './answerTrace';
import { citationsOf } from './citations';

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
