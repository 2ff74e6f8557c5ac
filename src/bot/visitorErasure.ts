import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationEraser } from '../transcripts/conversationEraser';
import { isDirectLine } from '../channels/directLine/directLineChannel';

/** This turn's erasure: present while the middleware runs the turn, `requested` once the visitor confirmed. */
interface TurnErasure {
    requested: boolean;
}

const TURN_ERASURE = Symbol('TurnErasure');

/**
 * Holds the built-in Direct Line's copy of a conversation until its client has read the last reply, then calls
 * `eraseCopy`. That reply ("your conversation has been deleted") travels in the copy: Web Chat polls for it after the
 * turn has ended.
 */
export type DirectLineCopyKeeper = (conversationId: string, eraseCopy: () => Promise<void>) => void;

/**
 * A visitor's "delete my chat": erases their conversation everywhere (`ConversationEraser`, as an advisor's delete
 * does) once the turn that confirmed it is over, so that the turn itself is not kept either.
 * @remarks Place it inside the turn queue and the conversation lock (the conversation's next turn waits for the
 * erasure) and outside everything that writes during the turn: bot state is saved at the end of the bot's run and the
 * transcript logs the turn as it goes, both inside `next()`. For the built-in Direct Line the copy the client reads
 * from stays until that client has read the reply (see `keepDirectLineCopy`); everything else goes at once.
 */
export class VisitorErasure implements Middleware {
    private keepCopy?: DirectLineCopyKeeper;

    constructor(
        private readonly eraser: ConversationEraser,
        private readonly logger: Logger,
    ) {}

    /** Lets the built-in Direct Line keep its copy until the last reply is delivered (set once it is built). */
    keepDirectLineCopy(keeper: DirectLineCopyKeeper): void {
        this.keepCopy = keeper;
    }

    /**
     * Erases the conversation of `context` once its turn is over. Throws when this middleware does not run the turn:
     * the bot must not tell a visitor their conversation is deleted when nothing will delete it.
     */
    eraseAfterTurn(context: TurnContext): void {
        const turn = context.turnState.get(TURN_ERASURE) as TurnErasure | undefined;
        if (!turn) throw new Error('VisitorErasure.eraseAfterTurn(): the VisitorErasure middleware is not running this turn, so nothing would erase the conversation');
        turn.requested = true;
    }

    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
        const turn: TurnErasure = { requested: false };
        context.turnState.set(TURN_ERASURE, turn);
        await next();
        if (!turn.requested) return;
        const { channelId } = context.activity;
        const conversationId = context.activity.conversation?.id ?? '';
        const keepCopy = isDirectLine(channelId) ? this.keepCopy : undefined;
        await this.eraser.eraseConversation(channelId, conversationId, { keepDirectLineCopy: keepCopy !== undefined });
        this.logger.info({ channelId, conversationId }, 'erased a conversation at its visitor’s request');
        keepCopy?.(conversationId, async () => {
            try {
                await this.eraser.eraseConversation(channelId, conversationId);
            } catch (err) {
                // The idle sweep deletes the copy within a day all the same.
                this.logger.error({ err, conversationId }, 'could not erase the Direct Line copy of a conversation its visitor deleted');
            }
        });
    }
}
