import { Activity, Attachment, CardAction, CardFactory } from 'botbuilder';
import type { AnswerSection } from '../../replies/answerContent';
import { citationLine } from '../../replies/citations';

/** The newest Adaptive Card version Teams renders. */
export const TEAMS_CARD_VERSION = '1.5';
export const TEAMS_CHANNEL_ID = 'msteams';
/** Buttons an Adaptive Card host shows in one action bar (the adaptivecards default host config). */
const MAX_ACTIONS = 5;
const ACTIONS_PER_ROW = 3;

/** What an answer card shows. */
export interface AnswerCardParts {
    /** A heading, for cards that stand alone (the message extension's). */
    title?: string;
    /** The answer, in the Markdown subset Teams renders in a TextBlock: each section followed by its citation. */
    sections: AnswerSection[];
    /** Buttons; each sends its value back as if the visitor had typed it. */
    buttons?: CardAction[];
}

/** An Adaptive Card 1.5 with the answer, each section's short source line (short titles and date) under it, and follow-up buttons. */
export function answerCard(parts: AnswerCardParts): Attachment {
    const body: object[] = [];
    if (parts.title) body.push({ type: 'TextBlock', text: parts.title, weight: 'Bolder', size: 'Medium', wrap: true });
    for (const section of parts.sections) {
        body.push({ type: 'TextBlock', text: section.text, wrap: true });
        if (section.citations.length) body.push({ type: 'TextBlock', text: citationLine(section.citations), size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium' });
    }
    const actions = (parts.buttons ?? []).map((button) => {
        const value = String(button.value ?? button.title);
        // messageBack: Teams posts `text` to the bot and shows `displayText` in the chat, as if typed.
        return { type: 'Action.Submit', title: button.title, data: { text: value, msteams: { type: 'messageBack', text: value, displayText: button.title } } };
    });
    // A card shows at most MAX_ACTIONS buttons in its action bar; more (the welcome's topics) go in rows.
    const fitsActionBar = actions.length <= MAX_ACTIONS;
    if (!fitsActionBar) {
        for (let i = 0; i < actions.length; i += ACTIONS_PER_ROW) body.push({ type: 'ActionSet', actions: actions.slice(i, i + ACTIONS_PER_ROW) });
    }
    return CardFactory.adaptiveCard({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: TEAMS_CARD_VERSION,
        body,
        ...(actions.length && fitsActionBar ? { actions } : {}),
    });
}

/**
 * Renders a reply for Teams: one with buttons or citations becomes an Adaptive Card 1.5 (Teams shows no suggested
 * actions in channels and group chats), with each section's citation in the card, read from the reply's data; the
 * answer trace stays in `channelData.answer`, so advisors read Teams conversations like web ones. Other replies stay text.
 * @param sections the reply's sections (`answerReply`), or undefined for a reply that is only text and buttons
 */
export function renderTeamsReply(activity: Partial<Activity>, sections: AnswerSection[] | undefined): void {
    const blocks = sections ?? (activity.text ? [{ text: activity.text, citations: [] }] : []);
    const buttons = activity.suggestedActions?.actions ?? [];
    const cited = blocks.some((s) => s.citations.length > 0);
    if (blocks.length === 0 || (buttons.length === 0 && !cited)) return;
    activity.attachments = [answerCard({ sections: blocks, buttons }), ...(activity.attachments ?? [])];
    activity.attachmentLayout = 'list';
    // The card carries the text; Teams would otherwise show it twice. `summary` is what notifications show.
    activity.summary = blocks.map((s) => s.text).join('\n\n').slice(0, 200);
    delete activity.text;
    delete activity.suggestedActions;
}
