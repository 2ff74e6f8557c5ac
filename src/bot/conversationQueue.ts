import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Runs the turns of one conversation one after another, so two messages arriving at once cannot both load
 * the same dialog state and overwrite each other's changes (botbuilder saves state with eTag `*`).
 * @remarks Conversations are independent: turns of different conversations still run concurrently.
 */
export class ConversationQueue implements Middleware {
    private readonly tails = new Map<string, Promise<void>>();

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
        const previous = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const done = new Promise<void>((resolve) => (release = resolve));
        const tail = previous.then(() => done);
        this.tails.set(key, tail);
        await previous;
        try {
            await next();
        } finally {
            release();
            if (this.tails.get(key) === tail) this.tails.delete(key);
        }
    }

    /** Conversations with a turn running or waiting. */
    get activeConversations(): number {
        return this.tails.size;
    }
}
