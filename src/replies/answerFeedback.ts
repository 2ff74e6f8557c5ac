import { Activity, ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { AnswerTrace, traceOf } from './answerTrace';

/** The event Web Chat (4.17+) posts when a visitor presses a thumbs button under a message. */
export const FEEDBACK_EVENT = 'webchat:activity-status/feedback';

/** Channels whose client draws the thumbs buttons from the Schema.org entity (Web Chat and the Emulator). */
const RATEABLE_CHANNELS = new Set(['directline', 'webchat', 'emulator']);

/** A visitor's rating of one answer. */
export interface AnswerRating {
    rating: 'up' | 'down';
    /** The id of the visitor's message the rated answer replied to. */
    replyToId: string;
    /** The knowledge entries the rated answer came from. */
    ids: string[];
}

/**
 * True when a reply is an answer a visitor can rate: it states something from the sources (an entry's answer, or a
 * dialog's answer built from facts) and so cites them. Prompts ("What name should the advisor use for you?"), reprompts,
 * menus, commands, small talk and every fallback (a gap reply cites what the sources do say, but answers nothing) cite
 * nothing or are fallbacks: a rating of them would only dilute the ratings advisors read.
 */
export function isRateableAnswer(trace: AnswerTrace | undefined): boolean {
    return trace !== undefined && trace.source !== 'fallback' && (trace.citations?.length ?? 0) > 0;
}

/**
 * Adds thumbs up/down to every answer (see isRateableAnswer) on channels that show them.
 * @remarks Web Chat draws the buttons from a Schema.org `Message` entity whose `potentialAction` holds a
 * LikeAction and a DislikeAction, and posts the pressed action back in a `FEEDBACK_EVENT`. The action's
 * `@id` (one of the fields Web Chat keeps) names the answer, so the rating says what it rates.
 */
export class AnswerFeedbackMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        // Only replies to a visitor's message are answers; a welcome is not.
        if (context.activity.type === ActivityTypes.Message && RATEABLE_CHANNELS.has(context.activity.channelId)) {
            context.onSendActivities(async (_ctx, activities, sendNext) => {
                activities.forEach(addRatingActions);
                return sendNext();
            });
        }
        await next();
    }
}

function addRatingActions(activity: Partial<Activity>): void {
    const trace = traceOf(activity);
    if (activity.type !== ActivityTypes.Message || !trace || !isRateableAnswer(trace)) return;
    const id = (rating: AnswerRating['rating']) =>
        `urn:mlt-career-bot:rating:${rating}?${new URLSearchParams({ reply: activity.replyToId ?? '', ids: trace.ids.join(',') })}`;
    activity.entities = [
        ...(activity.entities ?? []),
        {
            type: 'https://schema.org/Message',
            '@context': 'https://schema.org',
            '@id': '',
            '@type': 'Message',
            potentialAction: [
                { '@type': 'LikeAction', '@id': id('up') },
                { '@type': 'DislikeAction', '@id': id('down') },
            ],
        },
    ];
}

/** Reads the rating from a feedback event, or undefined when the activity is not one (or is malformed). */
export function readAnswerRating(activity: Partial<Activity>): AnswerRating | undefined {
    if (activity.type !== ActivityTypes.Event || activity.name !== FEEDBACK_EVENT) return undefined;
    const action = (activity.entities ?? [])[0] as { '@type'?: unknown; '@id'?: unknown } | undefined;
    const match = typeof action?.['@id'] === 'string' ? /^urn:mlt-career-bot:rating:(up|down)\?(.*)$/.exec(action['@id']) : null;
    if (!match) return undefined;
    const expected = match[1] === 'up' ? 'LikeAction' : 'DislikeAction';
    if (action?.['@type'] !== expected) return undefined;
    const params = new URLSearchParams(match[2]);
    return { rating: match[1] as AnswerRating['rating'], replyToId: params.get('reply') ?? '', ids: (params.get('ids') ?? '').split(',').filter(Boolean) };
}
