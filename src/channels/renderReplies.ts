import { Activity, ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { AnswerSection, applyTurnNote, takeSections } from '../replies/answerContent';
import { renderTeamsReply, TEAMS_CHANNEL_ID } from './teams/teamsCards';
import { renderTextReply } from './textReplies';

/** Shapes one outgoing message for a channel from the reply's data: its sections (text and citations) and buttons. */
export type ReplyRenderer = (activity: Partial<Activity>, sections: AnswerSection[] | undefined) => void;

/** Channels that show replies their own way; every other one (Web Chat, Direct Line, the Emulator…) reads text. */
const RENDERERS: Readonly<Record<string, ReplyRenderer>> = { [TEAMS_CHANNEL_ID]: renderTeamsReply };

/**
 * Renders `activity` for `channelId`, in place: the reply's sections leave its channel data and become what the
 * channel shows. The answer trace (`channelData.answer`, with its citations and follow-ups) stays.
 */
export function renderReply(channelId: string, activity: Partial<Activity>): void {
    if (activity.type !== ActivityTypes.Message) return;
    const sections = takeSections(activity);
    (RENDERERS[channelId] ?? renderTextReply)(activity, sections);
}

/**
 * Renders every reply of a turn for the visitor's channel: the one place a reply's data becomes text or cards, so a
 * new channel gets its rendering here too. The turn's first answer opens with the note the turn attached, if any
 * (`noteForTurn`).
 * @remarks Place it before the transcript middleware, so transcripts keep each reply as the visitor saw it.
 */
export class RenderRepliesMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        context.onSendActivities(async (_ctx, activities, sendNext) => {
            for (const activity of activities) {
                applyTurnNote(context, activity);
                renderReply(activity.channelId ?? context.activity.channelId, activity);
            }
            return sendNext();
        });
        await next();
    }
}
