import { ActivityTypes, DeliveryModes, Middleware, TurnContext } from 'botbuilder';
import { SkillValidation, type ClaimsIdentity } from 'botframework-connector';
import type { Logger } from 'pino';

/** When typing shows, as botbuilder's ShowTypingMiddleware(400, 2000) showed it. */
export const TYPING_TIMING = Object.freeze({
    /** A reply within this long needs no typing indicator. */
    delayMs: 400,
    /** Web Chat shows an indicator for about 5 s, so one every 2 s keeps it on while the turn works. */
    periodMs: 2_000,
});

/** What the typing middleware needs. */
export interface TypingIndicatorOptions {
    logger: Pick<Logger, 'warn'>;
    delayMs?: number;
    periodMs?: number;
}

/**
 * Shows the visitor that the bot is typing while a message's turn takes longer than `delayMs`, repeating every
 * `periodMs` until the turn ends.
 * @remarks Replaces botbuilder's ShowTypingMiddleware, whose timer outlived the turn: a typing send still in flight
 * when the turn ended failed afterwards, touched the revoked turn context ("Cannot perform 'get' on a proxy that
 * has been revoked") and the unhandled rejection ended the process (issue 12, finding 3). Here the turn does not
 * settle before its timer is cleared and any typing send in flight has settled, so nothing of it runs after the
 * turn; a failed send is logged and stops the indicator for the turn (the turn's own replies report their failures).
 * Typing is sent through the adapter, past the other middleware, as botbuilder's was: it is not a reply, so it is
 * neither logged in the transcript nor counted as one. No typing for `expectReplies`: the replies come back
 * together in the response, and there is no one to show typing to (botbuilder's posted it to the `serviceUrl`).
 */
export class TypingIndicator implements Middleware {
    private readonly delayMs: number;
    private readonly periodMs: number;

    constructor(private readonly options: TypingIndicatorOptions) {
        this.delayMs = options.delayMs ?? TYPING_TIMING.delayMs;
        this.periodMs = options.periodMs ?? TYPING_TIMING.periodMs;
        if (!(this.delayMs >= 0) || !(this.periodMs > 0)) throw new Error('TypingIndicator: delayMs must be 0 or more and periodMs more than 0');
    }

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        if (!showsTyping(context)) return next();
        let ended = false;
        let timer: NodeJS.Timeout | undefined;
        let sending: Promise<void> | undefined;
        const { adapter, activity } = context;
        const typing = () => TurnContext.applyConversationReference({ type: ActivityTypes.Typing, relatesTo: activity.relatesTo }, TurnContext.getConversationReference(activity));
        const tick = () => {
            timer = undefined;
            if (ended) return;
            sending = adapter.sendActivities(context, [typing()]).then(
                () => {
                    sending = undefined;
                    if (!ended) timer = setTimeout(tick, this.periodMs);
                },
                (err: unknown) => {
                    sending = undefined;
                    this.options.logger.warn({ err, conversationId: activity.conversation?.id, channelId: activity.channelId }, 'typing: could not show typing; not trying again this turn');
                },
            );
        };
        timer = setTimeout(tick, this.delayMs);
        try {
            await next();
        } finally {
            ended = true;
            clearTimeout(timer);
            // Never rejects (its failure is logged above); the turn's context lives until it has settled.
            await sending;
        }
    }
}

/** A message from a visitor, whose channel takes activities as they come, to a bot that is not a skill. */
function showsTyping(context: TurnContext): boolean {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === DeliveryModes.ExpectReplies) return false;
    const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
    return !(identity && SkillValidation.isSkillClaim(identity.claims));
}
