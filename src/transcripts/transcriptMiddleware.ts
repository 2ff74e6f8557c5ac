import { ActivityEventNames, ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { traceOf } from '../replies/answerTrace';
import type { Topic } from '../knowledge/schema';
import { newId, setLoggedId } from './activityIds';
import type { ActivityIdChange, ConversationLog } from './conversationLog';
import { redactActivity, type ActivityDirection } from './redact';

/** What the transcript middleware needs besides the log. */
export interface TranscriptMiddlewareOptions {
    /** The topic of a knowledge entry, to label answers in the log. */
    topicOf(entryId: string): Topic | undefined;
    logger: Logger;
}

/** What one turn's transcript knows: whether the incoming activity is logged, and what replaces its content. */
interface TurnTranscript {
    incomingLogged: boolean;
    personalDataMarker?: string;
    markedTooLate?: boolean;
}

const TURN_TRANSCRIPT = Symbol('TurnTranscript');

// Typing is noise; trace activities are the Emulator's debugging channel.
const SKIPPED_TYPES: ReadonlySet<string> = new Set([ActivityTypes.Typing, ActivityTypes.Trace]);

/**
 * Keeps the incoming activity of this turn out of the transcript: its text and value are logged as `marker`.
 * @remarks For turns where a visitor gives a name, email or phone number (a follow-up request). Call it before the
 * turn's first reply: the incoming activity is logged just before that reply goes out.
 */
export function markPersonalData(context: TurnContext, marker: string): void {
    const turn = context.turnState.get(TURN_TRANSCRIPT) as TurnTranscript | undefined;
    if (!turn) return;
    turn.personalDataMarker = marker;
    if (turn.incomingLogged) turn.markedTooLate = true;
}

/**
 * Logs every activity in and out, redacted, to a `ConversationLog`.
 * @remarks Place it last among the middleware, so it logs each reply as it is sent. Each write is awaited before the
 * reply is handed on, so a reply the visitor got is in the transcript; a failing log is reported and the turn goes on.
 * A reply is logged under the id the client will see: it gets one here, before it is logged; the built-in Direct Line
 * keeps it (see `loggedIdOf`), `expectReplies` returns it, and where a channel gives its own on sending (Teams,
 * Azure's Direct Line) the logged id is changed to the channel's once the send returns it.
 */
export class TranscriptMiddleware implements Middleware {
    constructor(
        private readonly log: ConversationLog,
        private readonly options: TranscriptMiddlewareOptions,
    ) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const turn: TurnTranscript = { incomingLogged: false };
        context.turnState.set(TURN_TRANSCRIPT, turn);
        const logIncoming = async () => {
            if (turn.incomingLogged) return;
            turn.incomingLogged = true;
            if (isLogged(context.activity)) await this.write([this.incomingCopy(context.activity, turn.personalDataMarker)]);
        };
        context.onSendActivities(async (_ctx, activities, sendNext) => {
            // The visitor's message (before the first reply) and the replies, in one write: one commit, not several.
            const batch: Partial<Activity>[] = [];
            if (!turn.incomingLogged) {
                turn.incomingLogged = true;
                if (isLogged(context.activity)) batch.push(this.incomingCopy(context.activity, turn.personalDataMarker));
            }
            // Where each logged reply is in `activities` (and so in the responses), and the id it is logged under.
            const replies: { index: number; id: string }[] = [];
            activities.forEach((activity, index) => {
                if (!isLogged(activity)) return;
                // TurnContext has removed any id the bot gave; CloudAdapter removes this one too, hence setLoggedId.
                activity.id = newId();
                setLoggedId(activity, activity.id);
                replies.push({ index, id: activity.id });
                batch.push(this.outgoingCopy(activity));
            });
            const written = batch.length > 0 && (await this.write(batch));
            const responses = await sendNext();
            if (written && replies.length > 0) {
                const changes = replies.map(({ index, id }) => ({ from: id, to: responses?.[index]?.id ?? '' })).filter((c) => c.to !== '' && c.to !== c.from);
                if (changes.length > 0) await this.updateIds(activities[replies[0].index], changes);
            }
            return responses;
        });
        try {
            await next();
        } finally {
            await logIncoming();
            if (turn.markedTooLate) {
                this.options.logger.warn({ conversationId: context.activity.conversation?.id }, 'transcript: markPersonalData() came after the turn was logged');
            }
        }
    }

    private incomingCopy(activity: Partial<Activity>, marker: string | undefined): Partial<Activity> {
        const copy = this.copy(activity, 'in');
        if (marker !== undefined) {
            if (copy.text !== undefined) copy.text = marker;
            if (copy.value !== undefined) copy.value = marker;
            delete copy.attachments;
            delete copy.speak;
        }
        return copy;
    }

    private outgoingCopy(activity: Partial<Activity>): Partial<Activity> {
        const copy = this.copy(activity, 'out');
        const trace = traceOf(copy);
        if (trace) {
            const topics = trace.ids.map((id) => this.options.topicOf(id)).filter((t): t is Topic => t !== undefined);
            (trace as { topics?: Topic[] }).topics = [...new Set(topics)];
        }
        return copy;
    }

    /** A redacted deep copy with the sender's role set, so the log can tell the bot's activities from the visitor's. */
    private copy(activity: Partial<Activity>, direction: ActivityDirection): Partial<Activity> {
        const copy = redactActivity(activity, direction);
        if (copy.from && !copy.from.role) copy.from.role = direction === 'in' ? 'user' : 'bot';
        copy.timestamp ??= new Date();
        return copy;
    }

    /** Logs the activities; false when the log failed (reported here). */
    private async write(activities: Partial<Activity>[]): Promise<boolean> {
        try {
            await this.log.logActivities(activities as Activity[]);
            return true;
        } catch (err) {
            const [first] = activities;
            this.reportFailure(err, first, activities.map((a) => a.type), 'transcript: could not log the turn’s activities; the conversation goes on');
            return false;
        }
    }

    /**
     * The logged replies take the ids their channel gave them on sending (its ResourceResponse ids), so an export names
     * each reply as the channel's clients do. A failure is reported and the turn goes on: the replies are sent.
     */
    private async updateIds(reply: Partial<Activity>, changes: ActivityIdChange[]): Promise<void> {
        try {
            await this.log.updateActivityIds(reply.channelId ?? '', reply.conversation?.id ?? '', changes);
        } catch (err) {
            this.reportFailure(err, reply, [reply.type], 'transcript: could not give the logged replies the ids their channel gave them');
        }
    }

    private reportFailure(err: unknown, first: Partial<Activity>, types: (string | undefined)[], message: string): void {
        // Never the activities, and of the error only what names the failure: its details may quote an activity.
        const error = err instanceof Error ? { name: err.name, message: err.message, code: (err as { code?: unknown }).code } : { name: typeof err };
        this.options.logger.error({ error, channelId: first.channelId, conversationId: first.conversation?.id, types }, message);
    }
}

function isLogged(activity: Partial<Activity>): boolean {
    if (SKIPPED_TYPES.has(activity.type ?? ActivityTypes.Message)) return false;
    // The event that starts a proactive turn: the adapter's, not anything a visitor did.
    return !(activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation);
}
