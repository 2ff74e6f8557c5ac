import type { AddressInfo } from 'node:net';
import { MemoryStorage, MessageFactory, Storage, TestAdapter, TurnContext } from 'botbuilder';
import pino from 'pino';
import restify from 'restify';
import { withTrace } from '../../src/replies/answerTrace';
import { addMetricsRoute, channelLabel, createMetrics, instrumentStorage, Metrics } from '../../src/ops/metrics';
import { TurnMetricsMiddleware } from '../../src/ops/turnMetricsMiddleware';

const silent = pino({ level: 'silent' });

/** The value of one sample (`name{labels}`) in Prometheus text, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A bot that answers "salary" from knowledge, "plan" from a dialog, and anything else with a fallback. */
async function careerBotStandIn(context: TurnContext): Promise<void> {
    const text = context.activity.text ?? '';
    if (text.includes('salary')) await context.sendActivity(withTrace(MessageFactory.text('The BLS median is $57,380.'), { source: 'knowledge', ids: ['salary-figures'], score: 0.9 }));
    else if (text.includes('plan')) await context.sendActivity(withTrace(MessageFactory.text('Step one: …'), { source: 'dialog', dialog: 'pathwayPlannerDialog', ids: [], score: 1 }));
    else await context.sendActivity(withTrace(MessageFactory.text('I can help with MLT careers.'), { source: 'fallback', reason: 'no-match', ids: [], score: 0 }));
}

async function turns(metrics: Metrics, channelId: string, texts: string[]): Promise<void> {
    const adapter = new TestAdapter(careerBotStandIn, { channelId });
    adapter.use(new TurnMetricsMiddleware(metrics, silent));
    for (const text of texts) await adapter.processActivity({ type: 'message', text, channelId } as never);
}

describe('createMetrics', () => {
    describe('after a few turns through the middleware', () => {
        it('counts turns by channel and answers by source, and times every turn', async () => {
            const metrics = createMetrics();
            await turns(metrics, 'test', ['what is the salary?', 'plan my path', 'salary in ohio?']);
            await turns(metrics, 'msteams', ['tell me a joke']);
            const text = await metrics.render();
            expect(sample(text, 'mltbot_turns_total{channel="test"}')).toBe(3);
            expect(sample(text, 'mltbot_turns_total{channel="msteams"}')).toBe(1);
            expect(sample(text, 'mltbot_answers_total{source="knowledge"}')).toBe(2);
            expect(sample(text, 'mltbot_answers_total{source="dialog"}')).toBe(1);
            expect(sample(text, 'mltbot_answers_total{source="fallback"}')).toBe(1);
            expect(sample(text, 'mltbot_turn_duration_seconds_count{channel="test"}')).toBe(3);
            expect(sample(text, 'mltbot_turn_duration_seconds_bucket{le="5",channel="test"}')).toBe(3);
            expect(sample(text, 'mltbot_turn_duration_seconds_bucket{le="0.005",channel="test"}')).toBeDefined();
            expect(sample(text, 'mltbot_errors_total{kind="turn"}')).toBe(0);
        });

        it('counts a channel id the Bot Framework does not define as "other"', async () => {
            const metrics = createMetrics();
            await turns(metrics, 'made-up-channel-1234', ['hello']);
            const text = await metrics.render();
            expect(sample(text, 'mltbot_turns_total{channel="other"}')).toBe(1);
            expect(text).not.toContain('made-up-channel-1234');
        });
    });

    it('starts with every answer source and error kind at 0, beside the process metrics', async () => {
        const text = await createMetrics().render();
        for (const source of ['knowledge', 'dialog', 'fallback']) expect(sample(text, `mltbot_answers_total{source="${source}"}`)).toBe(0);
        for (const kind of ['turn', 'storage']) expect(sample(text, `mltbot_errors_total{kind="${kind}"}`)).toBe(0);
        expect(text).toContain('# TYPE mltbot_turn_duration_seconds histogram');
        expect(text).toContain('# TYPE mltbot_storage_duration_seconds histogram');
        expect(text).toContain('process_cpu_user_seconds_total');
        expect(text).toContain('nodejs_heap_size_used_bytes');
    });

    it('keeps each set of metrics in its own registry', async () => {
        const first = createMetrics();
        const second = createMetrics();
        first.turns.inc({ channel: 'test' });
        expect(sample(await second.render(), 'mltbot_turns_total{channel="test"}')).toBeUndefined();
    });
});

describe('channelLabel', () => {
    it.each([
        ['msteams', 'msteams'],
        ['directline', 'directline'],
        ['webchat', 'webchat'],
        ['emulator', 'emulator'],
        ['anything-else', 'other'],
        [undefined, 'other'],
    ])('labels %s as %s', (channelId, label) => expect(channelLabel(channelId)).toBe(label));
});

describe('instrumentStorage', () => {
    it('times each read, write and delete by operation and passes the results through', async () => {
        const metrics = createMetrics();
        const storage = instrumentStorage(new MemoryStorage(), metrics);
        await storage.write({ 'c/1': { memory: { topic: 'salary' } } });
        const read = await storage.read(['c/1']);
        await storage.read(['c/2']);
        await storage.delete(['c/1']);
        expect(read['c/1']).toMatchObject({ memory: { topic: 'salary' } });
        expect(await storage.read(['c/1'])).toEqual({});
        const text = await metrics.render();
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="read"}')).toBe(3);
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="write"}')).toBe(1);
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="delete"}')).toBe(1);
        expect(sample(text, 'mltbot_errors_total{kind="storage"}')).toBe(0);
    });

    it('counts a failure as a storage error, times it, and rethrows the same error', async () => {
        const metrics = createMetrics();
        const failure = new Error('SqliteStorage.read(): database is locked');
        const broken: Storage = {
            read: async () => Promise.reject(failure),
            write: async () => undefined,
            delete: async () => undefined,
        };
        await expect(instrumentStorage(broken, metrics).read(['c/1'])).rejects.toBe(failure);
        const text = await metrics.render();
        expect(sample(text, 'mltbot_errors_total{kind="storage"}')).toBe(1);
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="read"}')).toBe(1);
    });

    it('counts an eTag conflict on write as a storage error', async () => {
        const metrics = createMetrics();
        const storage = instrumentStorage(new MemoryStorage(), metrics);
        await storage.write({ 'c/1': { n: 1 } });
        await expect(storage.write({ 'c/1': { n: 2, eTag: 'stale' } })).rejects.toThrow();
        expect(sample(await metrics.render(), 'mltbot_errors_total{kind="storage"}')).toBe(1);
    });

    it('makes ConversationState\'s reads and writes visible when it is built on the wrapper', async () => {
        const metrics = createMetrics();
        const { ConversationState } = await import('botbuilder');
        const state = new ConversationState(instrumentStorage(new MemoryStorage(), metrics));
        const memory = state.createProperty<{ turns: number }>('memory');
        const adapter = new TestAdapter(async (context) => {
            const value = await memory.get(context, { turns: 0 });
            value.turns += 1;
            await state.saveChanges(context);
        });
        await adapter.processActivity({ type: 'message', text: 'hi' } as never);
        const text = await metrics.render();
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="read"}')).toBe(1);
        expect(sample(text, 'mltbot_storage_duration_seconds_count{operation="write"}')).toBe(1);
    });
});

describe('addMetricsRoute', () => {
    const server = restify.createServer({ name: 'metrics-test', handleUncaughtExceptions: false });
    const metrics = createMetrics();
    let base: string;

    beforeAll(async () => {
        addMetricsRoute(server, metrics);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('answers GET /metrics with 200 and the Prometheus text format', async () => {
        await turns(metrics, 'webchat', ['salary please']);
        const res = await fetch(`${base}/metrics`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const text = await res.text();
        expect(sample(text, 'mltbot_turns_total{channel="webchat"}')).toBe(1);
        expect(sample(text, 'mltbot_answers_total{source="knowledge"}')).toBe(1);
        expect(text).toContain('# HELP mltbot_storage_duration_seconds');
    });
});
