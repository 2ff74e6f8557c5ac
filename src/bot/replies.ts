import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import type { FaqEntry, SourceDoc, SourceRef } from '../knowledge/schema';
import type { KnowledgeSearch, SearchHit } from '../knowledge/searchIndex';
import { answerReply } from './answerContent';
import { Citation, FollowUp, withTrace } from './answerTrace';
import { citationsOf } from './citations';

/** Builds the messages that carry knowledge to the visitor, the same way for every dialog. */
export interface Replies {
    /**
     * An entry's answer with its citations, date and follow-up buttons; `alternatives` (close runners-up of the search)
     * come first among the buttons, so a visitor who meant one of them is one press away.
     */
    answer(entry: FaqEntry, score: number, alternatives?: string[]): Partial<Activity>;
    /**
     * A dialog's reply built from structured facts, with follow-up buttons for the given entries and the citations of
     * the facts it states.
     */
    fromDialog(
        dialog: string,
        text: string,
        followUpIds: string[],
        extra?: { attachments?: Activity['attachments']; ids?: string[]; citations?: Citation[] },
    ): Partial<Activity>;
    /** "Did you mean ...?" with a button per suggestion. */
    suggestions(hits: SearchHit[]): Partial<Activity>;
    /** Buttons for the given entries (their titles; pressing one asks that question). */
    followUpActions(ids: string[]): CardAction[];
    /** The given entries as the trace's follow-ups (unknown ids left out). */
    followUps(ids: string[]): FollowUp[];
    /** The citations of a source list (article, title, section), with the date its figures are as of. */
    citations(sources: readonly SourceRef[], asOf?: string): Citation[];
}

/** Buttons under one answer: its close alternatives, then its follow-ups. */
const MAX_ANSWER_BUTTONS = 6;
const SUGGEST_TEXT = 'I’m not completely sure what you mean. Did you mean one of these?';

/** Creates the reply builder over the knowledge search and the list of source articles. */
export function createReplies(search: KnowledgeSearch, sources: SourceDoc[]): Replies {
    const docs = new Map(sources.map((s) => [s.id, s]));

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
        answer(entry, score, alternatives = []) {
            const section = { text: entry.answer.trim(), citations: citations(entry.source, entry.asOf) };
            const buttons = [...new Set([...alternatives, ...entry.followUps])].filter((id) => id !== entry.id).slice(0, MAX_ANSWER_BUTTONS);
            return answerReply([section], followUpActions(buttons), { source: 'knowledge', ids: [entry.id], score, ...offered(buttons) });
        },
        fromDialog(dialog, text, followUpIds, extra = {}) {
            const activity = answerReply([{ text, citations: extra.citations ?? [] }], followUpActions(followUpIds), {
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
