import { randomUUID } from 'node:crypto';
import {
    Activity,
    ActivityTypes,
    Attachment,
    BotAdapter,
    ConversationState,
    MemoryStorage,
    MessageFactory,
    ResourceResponse,
    StatePropertyAccessor,
    TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import pino, { Logger } from 'pino';
import type { KnowledgeBase } from '../knowledge/loader';
import { traceOf, AnswerTrace } from '../replies/answerTrace';
import { RenderRepliesMiddleware } from '../channels/renderReplies';
import { DIRECT_LINE_CHANNEL_ID } from '../channels/directLine/directLineChannel';
import { handleTurnError } from '../channels/adapter';
import type { MainDialog } from '../../dialogs';
import type { ConversationMemory, DialogDeps } from '../../dialogs/dialogDeps';

/** One reply of the preview, as the widget shows it. */
export interface PreviewReply {
    /** The text as rendered for the widget (Markdown, with its source lines). */
    text?: string;
    attachments?: Attachment[];
    /** The titles of its buttons, in order. */
    suggestedActions?: string[];
    /** What produced it: the entry, gap, dialog or fallback (`channelData.answer`). */
    trace?: AnswerTrace;
}

/** Answers a message from a knowledge base that is not live (a draft), through the bot's own dialogs. */
export interface KnowledgePreview {
    /** Sends `text` in the preview conversation `conversationId` (a new one when absent or forgotten) and returns the replies. */
    send(kb: KnowledgeBase, text: string, conversationId?: string): Promise<{ conversationId: string; replies: PreviewReply[] }>;
}

/** What the preview's dialogs are built with: its own memory, and stand-ins for everything that touches visitors' data. */
export type PreviewServices = Omit<DialogDeps, 'search' | 'smallTalk' | 'facts' | 'replies'>;

/**
 * Builds the dialogs over a knowledge base: `buildKnowledgeRuntime` from src/bot/buildBot.ts, passed in by the caller
 * because src/bot builds on src/authoring (LiveKnowledge) and folders may not import each other in a cycle.
 */
export type BuildPreviewRuntime = (kb: KnowledgeBase, services: PreviewServices) => { dialog: Pick<MainDialog, 'run'> };

/** Options of the preview. */
export interface PreviewChatOptions {
    logger?: Logger;
    /** Said by the follow-up dialog ("deleted after N days"): the deployment's TRANSCRIPT_RETENTION_DAYS. */
    retentionDays?: number;
    /** Preview conversations kept; the least recently used goes first. */
    maxConversations?: number;
}

/** Enough for every editor's test chats at once; each is a few kilobytes of dialog state. */
export const MAX_PREVIEW_CONVERSATIONS = 200;

/** Said in the preview after the follow-up dialog would have queued a request: it cannot, and says so. */
export const PREVIEW_NO_FOLLOW_UP = '(Preview: no request was sent to the advisors. A visitor who answers as you did gets the reply below.)';

/** The widget talks to the built-in Direct Line: the preview renders replies for that channel. */
const PREVIEW_CHANNEL = DIRECT_LINE_CHANNEL_ID;
const SENT = Symbol('previewSent');

/**
 * Runs turns with no channel behind them and hands back what the bot sent in each.
 * @remarks A BotAdapter of its own rather than botbuilder's TestAdapter: TestAdapter keeps one queue of replies for
 * every conversation (two editors previewing at once would read each other's replies), is built for assertions, and
 * sleeps for `delay` activities. Here each turn collects its own replies in its turn state.
 */
class PreviewAdapter extends BotAdapter {
    async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
        (context.turnState.get(SENT) as Partial<Activity>[]).push(...activities);
        return activities.map(() => ({ id: randomUUID() }));
    }

    async updateActivity(): Promise<void> {
        throw new Error('PreviewAdapter.updateActivity(): the preview does not update replies');
    }

    async deleteActivity(): Promise<void> {
        throw new Error('PreviewAdapter.deleteActivity(): the preview does not delete replies');
    }

    async continueConversation(): Promise<void> {
        throw new Error('PreviewAdapter.continueConversation(): the preview has no proactive messages');
    }

    /** Runs one turn for `activity` through the middleware and `logic`; returns every activity it sent. */
    async run(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
        const sent: Partial<Activity>[] = [];
        const context = new TurnContext(this, activity);
        context.turnState.set(SENT, sent);
        await this.runMiddleware(context, logic);
        return sent;
    }
}

/** A kept preview conversation: where its state is stored, and its turns in order. */
interface PreviewConversation {
    storageKey?: string;
    turns: Promise<unknown>;
}

/**
 * The console's test chat: answers from a draft through the real main dialog over the draft's own index, in a turn
 * run as the bot runs one (the dialog stack and memory in conversation state, saved after the turn, replies rendered
 * for the widget's channel), so the preview shows what a visitor would see once the draft is live.
 * @remarks Nothing reaches visitors' data: conversation state is in memory of its own, unanswered questions are not
 * recorded, a follow-up request is not sent (the reply says so), and "delete my chat" erases nothing (the preview
 * keeps no transcript). Runtimes are built once per knowledge base object, so keep passing the same draft object
 * for the same draft.
 */
export class PreviewChat implements KnowledgePreview {
    private readonly storage = new MemoryStorage();
    private readonly conversationState = new ConversationState(this.storage);
    private readonly dialogState: StatePropertyAccessor<DialogState> = this.conversationState.createProperty<DialogState>('dialogState');
    private readonly services: PreviewServices;
    private readonly runtimes = new WeakMap<KnowledgeBase, ReturnType<BuildPreviewRuntime>>();
    /** In order of use, the least recently used first. */
    private readonly conversations = new Map<string, PreviewConversation>();
    private readonly adapter = new PreviewAdapter();
    private readonly maxConversations: number;

    constructor(
        private readonly build: BuildPreviewRuntime,
        options: PreviewChatOptions = {},
    ) {
        const logger = options.logger ?? pino({ level: 'silent' });
        this.maxConversations = options.maxConversations ?? MAX_PREVIEW_CONVERSATIONS;
        this.services = {
            memory: this.conversationState.createProperty<ConversationMemory>('memory'),
            unanswered: { record: async () => undefined },
            followUps: {
                retentionDays: options.retentionDays ?? 365,
                request: async (context) => void (await context.sendActivity(MessageFactory.text(PREVIEW_NO_FOLLOW_UP))),
                keepOutOfTranscript: () => undefined,
            },
            erasure: { eraseAfterTurn: () => undefined },
        };
        this.adapter.use(new RenderRepliesMiddleware());
        // The app's own: the apology a visitor would get, and the conversation's state cleared.
        this.adapter.onTurnError = (context, error) => handleTurnError(context, error, { logger, conversationState: this.conversationState });
    }

    async send(kb: KnowledgeBase, text: string, conversationId: string = randomUUID()): Promise<{ conversationId: string; replies: PreviewReply[] }> {
        const conversation = this.keep(conversationId);
        const turn = conversation.turns.then(() =>
            this.turn(kb, text, conversationId, async (context) => {
                conversation.storageKey ??= this.conversationState.getStorageKey(context);
                await this.conversationState.saveChanges(context, false);
            }),
        );
        // One conversation's turns run in order, as the bot's ConversationQueue keeps them.
        conversation.turns = turn.catch(() => undefined);
        const sent = await turn;
        return { conversationId, replies: sent.filter(isMessage).map(previewReply) };
    }

    /**
     * Asks `text` as the first message of a conversation that is not kept (nothing is saved), and returns every
     * activity the turn sent, rendered: one question as a visitor's first message, for the draft check.
     */
    ask(kb: KnowledgeBase, text: string): Promise<Partial<Activity>[]> {
        return this.turn(kb, text, randomUUID(), async () => undefined);
    }

    /** The dialogs over `kb`, built on first use. */
    private runtime(kb: KnowledgeBase): ReturnType<BuildPreviewRuntime> {
        let runtime = this.runtimes.get(kb);
        if (!runtime) {
            runtime = this.build(kb, this.services);
            this.runtimes.set(kb, runtime);
        }
        return runtime;
    }

    /** What the bot does with a message (CareerBot's onMessage and run): the main dialog's turn, then `after`. */
    private turn(kb: KnowledgeBase, text: string, conversationId: string, after: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
        const { dialog } = this.runtime(kb);
        return this.adapter.run(previewMessage(text, conversationId), async (context) => {
            await dialog.run(context, this.dialogState);
            await after(context);
        });
    }

    /** The conversation `id`, now the most recently used; the least recently used ones beyond the cap are forgotten. */
    private keep(id: string): PreviewConversation {
        const conversation = this.conversations.get(id) ?? { turns: Promise.resolve() };
        this.conversations.delete(id);
        this.conversations.set(id, conversation);
        for (const [oldId, old] of this.conversations) {
            if (this.conversations.size <= this.maxConversations) break;
            this.conversations.delete(oldId);
            if (old.storageKey) void this.storage.delete([old.storageKey]);
        }
        return conversation;
    }
}

/** A visitor's message in the widget's channel. */
function previewMessage(text: string, conversationId: string): Partial<Activity> {
    return {
        type: ActivityTypes.Message,
        id: randomUUID(),
        text,
        channelId: PREVIEW_CHANNEL,
        serviceUrl: 'urn:preview',
        timestamp: new Date(),
        conversation: { id: conversationId, isGroup: false, conversationType: 'preview', name: 'preview' },
        from: { id: 'preview-editor', name: 'Preview', role: 'user' },
        recipient: { id: 'bot', name: 'MLT career bot', role: 'bot' },
    };
}

const isMessage = (activity: Partial<Activity>) => (activity.type ?? ActivityTypes.Message) === ActivityTypes.Message;

function previewReply(activity: Partial<Activity>): PreviewReply {
    const buttons = (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value ?? ''));
    const trace = traceOf(activity);
    return {
        ...(activity.text ? { text: activity.text } : {}),
        ...(activity.attachments?.length ? { attachments: activity.attachments } : {}),
        ...(buttons.length ? { suggestedActions: buttons } : {}),
        ...(trace ? { trace } : {}),
    };
}
