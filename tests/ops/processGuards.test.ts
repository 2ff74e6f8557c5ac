import { EventEmitter } from 'node:events';
import type { TurnContext } from 'botbuilder';
import { installProcessGuards } from '../../src/ops/processGuards';
import { TurnScopeMiddleware } from '../../src/ops/turnScope';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function guarded(shutdown: (timeoutMs: number) => Promise<void> = async () => undefined) {
    const target = new EventEmitter();
    const logger = { error: jest.fn(), fatal: jest.fn() };
    const exit = jest.fn();
    const shutdownSpy = jest.fn(shutdown);
    const remove = installProcessGuards({ logger, shutdown: shutdownSpy, exit, target: target as unknown as NodeJS.Process, drainMs: 50 });
    return { target, logger, exit, shutdown: shutdownSpy, remove };
}

describe('installProcessGuards', () => {
    it('logs an unhandled rejection with the conversation of the turn it came from, and the process goes on', async () => {
        const { target, logger, exit, shutdown } = guarded();
        const turn = { activity: { channelId: 'webchat', conversation: { id: 'conv-7' } } } as unknown as TurnContext;
        // Emitted from inside the turn's asynchronous work, as Node emits it for a promise the turn created.
        await new TurnScopeMiddleware().onTurn(turn, async () => {
            await sleep(1);
            target.emit('unhandledRejection', new Error('nobody awaited this'));
        });
        target.emit('unhandledRejection', new Error('outside any turn'));
        expect(logger.error).toHaveBeenNthCalledWith(1, expect.objectContaining({ conversationId: 'conv-7', channelId: 'webchat' }), expect.stringMatching(/goes on serving/));
        expect(logger.error.mock.calls[1][0]).not.toHaveProperty('conversationId');
        expect(exit).not.toHaveBeenCalled();
        expect(shutdown).not.toHaveBeenCalled();
    });

    it('on an uncaught exception, logs it, drains the turns in flight, then exits with 1 (once, however many follow)', async () => {
        let drained = false;
        const { target, logger, exit, shutdown } = guarded(async () => {
            await sleep(20);
            drained = true;
        });
        target.emit('uncaughtException', new Error('boom'));
        target.emit('uncaughtException', new Error('boom again'));
        expect(exit).not.toHaveBeenCalled();
        await sleep(60);
        expect(drained).toBe(true);
        expect(shutdown).toHaveBeenCalledTimes(1);
        expect(shutdown).toHaveBeenCalledWith(50);
        expect(exit).toHaveBeenCalledTimes(1);
        expect(exit).toHaveBeenCalledWith(1);
        expect(logger.fatal).toHaveBeenCalledTimes(1);
    });

    it('exits with 1 even when draining hangs or fails', async () => {
        const hanging = guarded(() => new Promise<void>(() => undefined));
        hanging.target.emit('uncaughtException', new Error('boom'));
        const failing = guarded(async () => Promise.reject(new Error('could not close')));
        failing.target.emit('uncaughtException', new Error('boom'));
        await sleep(2_200);
        expect(hanging.exit).toHaveBeenCalledWith(1);
        expect(failing.exit).toHaveBeenCalledWith(1);
        expect(failing.logger.error).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/shutdown after an uncaught exception failed/));
    });

    it('can be removed', () => {
        const { target, remove } = guarded();
        remove();
        expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
    });
});
