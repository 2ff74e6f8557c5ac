import { Activity, ActivityTypes, Attachment, CardAction, CardFactory, Middleware, TurnContext } from 'botbuilder';
import { traceOf } from '../../bot/answerTrace';
import { splitCitation } from '../../bot/replies';

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
    /** The answer, in the Markdown subset Teams renders in a TextBlock. */
    text: string;
    /** "Source: … (…)" */
    citation?: string;
    /** Buttons; each sends its value back as if the visitor had typed it. */
    buttons?: CardAction[];
}

/** An Adaptive Card 1.5 with the answer, its source and date, and follow-up buttons. */
export function answerCard(parts: AnswerCardParts): Attachment {
    const body: object[] = [];
    if (parts.title) body.push({ type: 'TextBlock', text: parts.title, weight: 'Bolder', size: 'Medium', wrap: true });
    body.push({ type: 'TextBlock', text: parts.text, wrap: true });
    if (parts.citation) body.push({ type: 'TextBlock', text: parts.citation, size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium' });
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
 * Turns the bot's replies into what Teams renders: a reply with buttons or an answer becomes an Adaptive
 * Card 1.5 (Teams shows no suggested actions in channels and group chats); the answer trace stays in
 * `channelData.answer`, so advisors read Teams conversations like web ones.
 */
export class TeamsCardsMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        if (context.activity.channelId === TEAMS_CHANNEL_ID) {
            context.onSendActivities(async (_ctx, activities, sendNext) => {
                activities.forEach(toTeamsCard);
                return sendNext();
            });
        }
        await next();
    }
}

function toTeamsCard(activity: Partial<Activity>): void {
    if (activity.type !== ActivityTypes.Message || !activity.text) return;
    const buttons = activity.suggestedActions?.actions ?? [];
    const trace = traceOf(activity);
    if (buttons.length === 0 && trace?.source !== 'knowledge') return;
    const { body, citation } = splitCitation(activity.text);
    activity.attachments = [answerCard({ text: body, citation, buttons }), ...(activity.attachments ?? [])];
    activity.attachmentLayout = 'list';
    // The card carries the text; Teams would otherwise show it twice. `summary` is what notifications show.
    activity.summary = body.slice(0, 200);
    delete activity.text;
    delete activity.suggestedActions;
}
