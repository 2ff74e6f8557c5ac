import { Writable } from 'node:stream';
import { ActivityTypes, MessageFactory, TestAdapter, TurnContext } from 'botbuilder';
import pino from 'pino';
import { withTrace } from '../../src/replies/answerTrace';
import { createMetrics, Metrics } from '../../src/ops/metrics';
import { TurnMetricsMiddleware } from '../../src/ops/turnMetricsMiddleware';

/** A logger at `info` whose lines are kept, raw and parsed. */
function capturingLogger() {
    const raw: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            raw.push(chunk.toString());
            done();
        },
    });
    // No time or pid in the lines: a timestamp such as 1796436357555 would hold the digits the tests look for.
    const logger = pino({ level: 'info', timestamp: false, base: undefined }, stream);
    const lines = () => raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    return { logger, raw, lines };
}

function adapterWith(metrics: Metrics, logger: pino.Logger, logic: (context: TurnContext) => Promise<void>, channelId = 'directline') {
    const adapter = new TestAdapter(logic, { channelId });
    adapter.use(new TurnMetricsMiddleware(metrics, logger));
    return adapter;
}

const answer = () => withTrace(MessageFactory.text('Licensure depends on the state.'), { source: 'knowledge', ids: ['licensure'], score: 0.8 });

describe('TurnMetricsMiddleware', () => {
    describe('when a turn sends replies', () => {
        it('logs one "turn" line at info with ids, counts and timing', async () => {
            const { logger, lines } = capturingLogger();
            const adapter = adapterWith(createMetrics(), logger, async (context) => {
                await context.sendActivity({ type: ActivityTypes.Typing });
                await context.sendActivity(answer());
                await context.sendActivity(MessageFactory.text('Anything else?'));
            });
            await adapter.processActivity({ type: 'message', text: 'do I need a license?', channelId: 'directline', conversation: { id: 'conv-42' } } as never);
            expect(lines()).toHaveLength(1);
            const [line] = lines();
            expect(line).toMatchObject({ level: 30, msg: 'turn', conversationId: 'conv-42', channelId: 'directline', activityType: 'message', replies: 2, sources: ['knowledge'], failed: false });
            expect(typeof line.latencyMs).toBe('number');
            expect(line.latencyMs).toBeGreaterThanOrEqual(0);
        });

        it('counts nothing for a reply the channel refused', async () => {
            const metrics = createMetrics();
            const adapter = adapterWith(metrics, pino({ level: 'silent' }), async (context) => {
                context.onSendActivities(async () => {
                    throw new Error('channel refused the reply');
                });
                await context.sendActivity(answer()).catch(() => undefined);
            });
            await adapter.processActivity({ type: 'message', text: 'license?' } as never);
            expect(await metrics.render()).toContain('mltbot_answers_total{source="knowledge"} 0');
        });
    });

    describe('when the visitor writes personal details', () => {
        it('logs nothing of what they wrote, their name or the reply text', async () => {
            const { logger, raw } = capturingLogger();
            const adapter = adapterWith(createMetrics(), logger, async (context) => {
                await context.sendActivity(answer());
            });
            await adapter.processActivity({
                type: 'message',
                text: 'I am Jane Roe, mail me at jane.roe@example.com or call (555) 123-4567',
                from: { id: 'user-1', name: 'Jane Roe' },
                channelId: 'directline',
                conversation: { id: 'conv-7' },
            } as never);
            const logged = raw.join('');
            expect(logged).toContain('"msg":"turn"');
            for (const secret of ['jane.roe@example.com', 'Jane', 'Roe', '555', 'mail me', 'Licensure depends']) expect(logged).not.toContain(secret);
        });
    });

    describe('when the turn throws', () => {
        it('counts a turn error, still times and logs the turn, and rethrows', async () => {
            const metrics = createMetrics();
            const { logger, lines } = capturingLogger();
            const failure = new Error('dialog blew up');
            const adapter = adapterWith(metrics, logger, async () => {
                throw failure;
            });
            await expect(adapter.processActivity({ type: 'message', text: 'hello', channelId: 'directline' } as never)).rejects.toBe(failure);
            const text = await metrics.render();
            expect(text).toContain('mltbot_errors_total{kind="turn"} 1');
            expect(text).toContain('mltbot_turns_total{channel="directline"} 1');
            expect(text).toContain('mltbot_turn_duration_seconds_count{channel="directline"} 1');
            expect(lines()).toEqual([expect.objectContaining({ msg: 'turn', failed: true, replies: 0, sources: [] })]);
        });

        it('counts the adapter\'s apology as a fallback answer', async () => {
            const metrics = createMetrics();
            const adapter = adapterWith(metrics, pino({ level: 'silent' }), async () => {
                throw new Error('dialog blew up');
            });
            adapter.onTurnError = async (context) => {
                await context.sendActivity(withTrace(MessageFactory.text('Sorry, something went wrong.'), { source: 'fallback', reason: 'error', ids: [], score: 0 }));
            };
            await adapter.processActivity({ type: 'message', text: 'hello' } as never);
            const text = await metrics.render();
            expect(text).toContain('mltbot_errors_total{kind="turn"} 1');
            expect(text).toContain('mltbot_answers_total{source="fallback"} 1');
        });
    });

    it('logs and counts turns that are not messages (a join, an invoke) with no replies', async () => {
        const metrics = createMetrics();
        const { logger, lines } = capturingLogger();
        const adapter = adapterWith(metrics, logger, async () => undefined, 'msteams');
        await adapter.processActivity({ type: 'conversationUpdate', channelId: 'msteams', conversation: { id: 'team-1' } } as never);
        expect(lines()).toEqual([expect.objectContaining({ activityType: 'conversationUpdate', channelId: 'msteams', replies: 0 })]);
        expect(await metrics.render()).toContain('mltbot_turns_total{channel="msteams"} 1');
    });
});
