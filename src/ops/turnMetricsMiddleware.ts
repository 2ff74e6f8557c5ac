import { performance } from 'node:perf_hooks';
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { traceOf, AnswerTrace } from '../replies/answerTrace';
import { channelLabel, isAnswerSource, Metrics } from './metrics';

/** The one line logged per turn. It holds ids, counts and timings only: never what anyone wrote. */
export interface TurnLogLine {
    conversationId: string | undefined;
    channelId: string | undefined;
    activityType: string | undefined;
    latencyMs: number;
    /** Message activities sent in the turn. */
    replies: number;
    /** The answer source of each reply that carries a trace, in the order sent. */
    sources: AnswerTrace['source'][];
    /** True when the turn threw (the adapter's error handler logs the error and apologises). */
    failed: boolean;
}

/**
 * Times every turn, counts the answers sent by the source of their trace, counts failed turns, and logs one
 * `turn` line per turn at `info`.
 * @remarks Put it first in the adapter's middleware, so the time includes waiting behind the conversation's
 * previous turn (what the visitor waits for). The line is built from ids and counts alone: the activity, its
 * text and its sender are never handed to the logger, whatever the logger's redaction paths say.
 * An apology sent by the adapter's `onTurnError` is counted as a fallback answer, but it comes after the
 * line is written, so the line of a failed turn does not count it.
 */
export class TurnMetricsMiddleware implements Middleware {
    constructor(
        private readonly metrics: Pick<Metrics, 'turns' | 'turnSeconds' | 'answers' | 'errors'>,
        private readonly logger: Logger,
    ) {}

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const started = performance.now();
        const { activity } = context;
        const sources: AnswerTrace['source'][] = [];
        let replies = 0;
        context.onSendActivities(async (_ctx, activities, sendNext) => {
            const responses = await sendNext();
            // Counted once sent: a reply the channel refused was not an answer.
            for (const sent of activities) {
                if (sent.type !== ActivityTypes.Message) continue;
                replies += 1;
                const source = traceOf(sent)?.source;
                if (isAnswerSource(source)) {
                    sources.push(source);
                    this.metrics.answers.inc({ source });
                }
            }
            return responses;
        });
        let failed = false;
        try {
            await next();
        } catch (err) {
            failed = true;
            this.metrics.errors.inc({ kind: 'turn' });
            throw err;
        } finally {
            const seconds = (performance.now() - started) / 1000;
            const channel = channelLabel(activity.channelId);
            this.metrics.turns.inc({ channel });
            this.metrics.turnSeconds.observe({ channel }, seconds);
            const line: TurnLogLine = {
                conversationId: activity.conversation?.id,
                channelId: activity.channelId,
                activityType: activity.type,
                latencyMs: Math.round(seconds * 1000),
                replies,
                sources: [...sources],
                failed,
            };
            this.logger.info(line, 'turn');
        }
    }
}
