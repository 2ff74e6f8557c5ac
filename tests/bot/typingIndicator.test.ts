import { Activity, BotAdapter, Middleware, TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../src/bot/typingIndicator';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One typing send the adapter was asked for: whether the turn was still running, and how to finish it. */
interface Send {
    duringTurn: boolean;
    settle(outcome: 'ok' | 'fail'): void;
}

/**
 * Runs `middleware` around a turn of `duration` ms, as botbuilder runs middleware: on a revocable proxy of the
 * context, revoked when the turn settles (touching it afterwards throws "proxy that has been revoked").
 * Sends are left pending unless `autoSettle` answers them.
 */
function turnHarness(middleware: Middleware, autoSettle?: 'ok' | 'fail', settleAfterMs = 0) {
    const sends: Send[] = [];
    let turnRunning = false;
    const adapter = {
        BotIdentityKey: Symbol('BotIdentity'),
        sendActivities: (_context: TurnContext, activities: Partial<Activity>[]) => {
            expect(activities.map((a) => a.type)).toEqual(['typing']);
            return new Promise((resolve, reject) => {
                const send: Send = { duringTurn: turnRunning, settle: (outcome) => (outcome === 'ok' ? resolve([{ id: 't' }]) : reject(new Error('the channel refused typing'))) };
                sends.push(send);
                if (autoSettle) setTimeout(() => send.settle(autoSettle), settleAfterMs);
            });
        },
    };
    const run = async (activity: Partial<Activity>, duration: number) => {
        const context = new TurnContext(adapter as unknown as BotAdapter, { channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' }, ...activity } as Activity);
        const { proxy, revoke } = Proxy.revocable(context, {});
        turnRunning = true;
        try {
            await middleware.onTurn(proxy, () => sleep(duration));
        } finally {
            turnRunning = false;
            revoke();
        }
    };
    return { sends, run };
}

/** Collects unhandled rejections while `work` runs, and a little after. */
async function unhandledRejectionsOf(work: () => Promise<void>, settleMs = 100): Promise<unknown[]> {
    const seen: unknown[] = [];
    const listener = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', listener);
    try {
        await work();
        await sleep(settleMs);
    } finally {
        process.off('unhandledRejection', listener);
    }
    return seen;
}

const logger = { warn: jest.fn() };
const message = { type: 'message', text: 'how much do MLTs make?' };

describe('TypingIndicator', () => {
    beforeEach(() => logger.warn.mockClear());

    it('shows typing after the delay and again every period while the turn works, and stops when it ends', async () => {
        const { sends, run } = turnHarness(new TypingIndicator({ logger, delayMs: 20, periodMs: 40 }), 'ok');
        await run(message, 200);
        const atEnd = sends.length;
        expect(atEnd).toBeGreaterThanOrEqual(2);
        await sleep(150);
        expect(sends).toHaveLength(atEnd);
        expect(sends.every((s) => s.duringTurn)).toBe(true);
    });

    it('shows nothing for a turn quicker than the delay, for expectReplies, or for what is not a message', async () => {
        const { sends, run } = turnHarness(new TypingIndicator({ logger, delayMs: 50, periodMs: 50 }), 'ok');
        await run(message, 5);
        await run({ ...message, deliveryMode: 'expectReplies' }, 150);
        await run({ type: 'conversationUpdate' }, 150);
        await run({ type: 'invoke', name: 'composeExtension/query' }, 150);
        await sleep(150);
        expect(sends).toHaveLength(0);
    });

    it('does not let its turn settle while a typing send is in flight, and sends nothing after the turn settled', async () => {
        const { sends, run } = turnHarness(new TypingIndicator({ logger, delayMs: 10, periodMs: 10 }));
        let settled = false;
        const rejections = await unhandledRejectionsOf(async () => {
            const turn = run(message, 50).then(() => (settled = true));
            await sleep(100);
            // The turn's own work is done, but the first typing send has not answered: the turn waits for it.
            expect(sends).toHaveLength(1);
            expect(settled).toBe(false);
            sends[0].settle('fail');
            await turn;
        });
        expect(rejections).toEqual([]);
        expect(sends).toHaveLength(1);
        expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c' }), expect.stringMatching(/could not show typing/));
    });

    it('never touches a turn after it ended, however its typing sends fail (botbuilder’s ShowTypingMiddleware did, and the process exited)', async () => {
        // Each typing send fails 40 ms after it starts: after the end of the turn's own work.
        const { sends, run } = turnHarness(new TypingIndicator({ logger, delayMs: 5, periodMs: 5 }), 'fail', 40);
        const rejections = await unhandledRejectionsOf(() => Promise.all([run(message, 30), run(message, 60)]).then(() => undefined), 200);
        expect(sends.length).toBeGreaterThanOrEqual(2);
        expect(sends.every((s) => s.duringTurn)).toBe(true);
        expect(rejections).toEqual([]);
    });
});
