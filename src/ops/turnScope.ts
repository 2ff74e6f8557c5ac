import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware, TurnContext } from 'botbuilder';

/** What is known, anywhere in a turn's asynchronous work, about the turn. */
export interface TurnScope {
    conversationId: string | undefined;
    channelId: string | undefined;
}

const scopes = new AsyncLocalStorage<TurnScope>();

/**
 * The turn the running code belongs to, if any: also inside its timers and promises, and in a process
 * `unhandledRejection` handler for a promise the turn created.
 */
export function currentTurn(): TurnScope | undefined {
    return scopes.getStore();
}

/**
 * Marks everything a turn starts as the turn's (node:async_hooks), so an error that escapes it can be logged with its
 * conversation id. Put it first among the adapter's middleware.
 */
export class TurnScopeMiddleware implements Middleware {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const { activity } = context;
        return scopes.run({ conversationId: activity.conversation?.id, channelId: activity.channelId }, next);
    }
}
