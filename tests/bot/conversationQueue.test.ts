import { TestAdapter, TurnContext } from 'botbuilder';
import { ConversationQueue } from '../../src/bot/conversationQueue';

function contextFor(adapter: TestAdapter, conversationId: string): TurnContext {
    return new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: conversationId } as never, text: 'x' });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ConversationQueue', () => {
    describe('when two turns of one conversation arrive at once', () => {
        it('runs the second only after the first has finished', async () => {
            const queue = new ConversationQueue();
            const adapter = new TestAdapter();
            const events: string[] = [];
            const turn = (name: string) => async () => {
                events.push(`${name} start`);
                await tick();
                events.push(`${name} end`);
            };
            await Promise.all([queue.onTurn(contextFor(adapter, 'c1'), turn('first')), queue.onTurn(contextFor(adapter, 'c1'), turn('second'))]);
            expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
            expect(queue.activeConversations).toBe(0);
        });
    });

    describe('when turns belong to different conversations', () => {
        it('runs them concurrently', async () => {
            const queue = new ConversationQueue();
            const adapter = new TestAdapter();
            const events: string[] = [];
            const turn = (name: string) => async () => {
                events.push(`${name} start`);
                await tick();
                events.push(`${name} end`);
            };
            await Promise.all([queue.onTurn(contextFor(adapter, 'c1'), turn('a')), queue.onTurn(contextFor(adapter, 'c2'), turn('b'))]);
            expect(events.slice(0, 2)).toEqual(['a start', 'b start']);
        });
    });

    describe('when a turn fails', () => {
        it('still lets the next turn of that conversation run', async () => {
            const queue = new ConversationQueue();
            const adapter = new TestAdapter();
            const failing = queue.onTurn(contextFor(adapter, 'c1'), async () => {
                throw new Error('boom');
            });
            let ran = false;
            const next = queue.onTurn(contextFor(adapter, 'c1'), async () => {
                ran = true;
            });
            await expect(failing).rejects.toThrow('boom');
            await next;
            expect(ran).toBe(true);
        });
    });
});
