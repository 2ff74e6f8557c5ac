import { TurnContext } from 'botbuilder';
import { TEAMS_CHANNEL_ID } from './teamsCards';

/**
 * Prepares a Teams message for the dialogs and says whether the bot should answer it at all.
 * @remarks In channels and group chats the bot answers only when @mentioned, or when a button on one of
 * its own cards was pressed (that arrives with a `value` and no mention). Its own mention
 * (`<at>Bot name</at>`) is removed, so "@MLT Career Assistant salary?" is understood as "salary?".
 * Other channels' messages are always answered and left as they are.
 */
export function acceptTeamsMessage(context: TurnContext): boolean {
    const activity = context.activity;
    if (activity.channelId !== TEAMS_CHANNEL_ID) return true;
    const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
    if (mentioned) activity.text = TurnContext.removeRecipientMention(activity)?.trim() ?? '';
    const conversationType = activity.conversation?.conversationType ?? 'personal';
    if (conversationType === 'personal') return true;
    return mentioned || isCardAction(activity.value);
}

function isCardAction(value: unknown): boolean {
    return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
