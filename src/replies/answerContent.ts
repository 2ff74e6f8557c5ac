import { Activity, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { AnswerTrace, Citation, traceOf, withTrace } from './answerTrace';
import { mergeCitations } from './citations';

/**
 * One block of a reply: its Markdown text and the sources of what it states. A reply answering several questions has
 * a section per question, so each part's source is rendered right after that part.
 */
export interface AnswerSection {
    text: string;
    citations: Citation[];
}

/** Where a reply's sections wait for the channel's renderer (`src/channels/renderReplies.ts`), which removes them. */
const SECTIONS_KEY = 'answerSections';

/**
 * A reply built from its sections, with `buttons` and `trace`. The trace gains the union of the sections' citations.
 * @remarks `text` is set to the sections' text alone, so a reply that no renderer reaches still says its answer; the
 * renderer of the visitor's channel replaces it with the sections and their citations (the Web Chat source line, the
 * Teams card). Nothing reads structure back out of the text.
 */
export function answerReply(sections: AnswerSection[], buttons: CardAction[], trace: AnswerTrace): Partial<Activity> {
    const text = sections.map((s) => s.text).join('\n\n');
    const activity = buttons.length > 0 ? MessageFactory.suggestedActions(buttons, text) : MessageFactory.text(text);
    const citations = mergeCitations(sections.flatMap((s) => s.citations));
    withTrace(activity, { ...trace, ...(citations.length ? { citations } : {}) });
    activity.channelData[SECTIONS_KEY] = sections;
    return activity;
}

/**
 * Takes a reply's sections out of its channel data (for the renderer, which replaces them with what the channel
 * shows); undefined for a reply not built from sections (a menu, a prompt, small talk).
 */
export function takeSections(activity: Partial<Activity>): AnswerSection[] | undefined {
    const data = activity.channelData as Record<string, unknown> | undefined;
    const sections = data?.[SECTIONS_KEY];
    if (!data || !Array.isArray(sections)) return undefined;
    const rest = { ...data };
    delete rest[SECTIONS_KEY];
    activity.channelData = rest;
    return sections as AnswerSection[];
}

/** Turn state: the note the turn's first answer opens with, and the one it closes with (see `noteForTurn`). */
const OPENING_NOTE_KEY = Symbol('turnOpeningNote');
const CLOSING_NOTE_KEY = Symbol('turnClosingNote');
/** What a note leaves once shown: later answers of the turn do not repeat it, and no later note is attached. */
const USED: AnswerSection = Object.freeze({ text: '', citations: [] });

/**
 * Attaches a note to this turn: the first answer it sends (a reply built from sections, from the knowledge or a dialog,
 * not a fallback) opens with it, as a section of its own, or closes with it when `atEnd` (what the question's place adds
 * to the answer). An answer has one opening and one closing note: the first attached wins, unless `replace` says this
 * one corrects it before any answer was sent (a question on the "CLS" answered for the MLT is not answered for the MLS).
 */
export function noteForTurn(context: TurnContext, note: AnswerSection, options: { replace?: boolean; atEnd?: boolean } = {}): void {
    const key = options.atEnd ? CLOSING_NOTE_KEY : OPENING_NOTE_KEY;
    const set = context.turnState.get(key);
    if (!set || (options.replace && set !== USED)) context.turnState.set(key, note);
}

/**
 * Puts the turn's notes (`noteForTurn`) before and after the sections of `activity` when it is the turn's first answer;
 * the renderer calls it on every outgoing reply before rendering. The notes are then used up.
 */
export function applyTurnNote(context: TurnContext, activity: Partial<Activity>): void {
    const unused = (key: symbol) => {
        const note = context.turnState.get(key) as AnswerSection | undefined;
        return note && note !== USED ? note : undefined;
    };
    const opening = unused(OPENING_NOTE_KEY);
    const closing = unused(CLOSING_NOTE_KEY);
    const sections = (activity.channelData as Record<string, unknown> | undefined)?.[SECTIONS_KEY];
    const source = traceOf(activity)?.source;
    if ((!opening && !closing) || !Array.isArray(sections) || (source !== 'knowledge' && source !== 'dialog')) return;
    activity.channelData[SECTIONS_KEY] = [opening, ...(sections as AnswerSection[]), closing].filter((s): s is AnswerSection => s !== undefined);
    activity.text = [opening?.text, activity.text, closing?.text].filter(Boolean).join('\n\n');
    context.turnState.set(OPENING_NOTE_KEY, USED);
    context.turnState.set(CLOSING_NOTE_KEY, USED);
}
