import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { FollowUpDesk, FollowUpDetails } from '../../dialogs/dialogDeps';
import type { ConversationLog } from '../transcripts/conversationLog';
import { redactPersonalData } from '../transcripts/redact';
import { markPersonalData } from '../transcripts/transcriptMiddleware';
import type { FollowUps } from './followUps';

/** Puts follow-up requests in the advisors' queue and flags their conversation for the console. */
export function createFollowUpDesk(deps: { followUps: FollowUps; log: ConversationLog; retentionDays: number; logger: Logger }): FollowUpDesk {
    return {
        retentionDays: deps.retentionDays,
        async request(context: TurnContext, details: FollowUpDetails): Promise<void> {
            const channelId = context.activity.channelId;
            const conversationId = context.activity.conversation.id;
            // The topic is free text: only the contact fields may hold contact details.
            const request = await deps.followUps.create({ channelId, conversationId, ...details, topic: redactPersonalData(details.topic) });
            await deps.log.markFollowUpRequested(channelId, conversationId);
            deps.logger.info({ followUpId: request.id, channelId, conversationId }, 'follow-up request queued');
        },
        keepOutOfTranscript(context: TurnContext, marker: string): void {
            markPersonalData(context, marker);
        },
    };
}
