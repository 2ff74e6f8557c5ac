import {
    ActivityTypes,
    ConversationState,
    InvokeResponse,
    MessagingExtensionQuery,
    MessagingExtensionResponse,
    StatePropertyAccessor,
    TeamsActivityHandler,
    TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationMemory, MainDialog } from '../../dialogs';
import { readAnswerRating } from '../replies/answerFeedback';
import { submittedText } from '../replies/submittedText';
import type { KnowledgeSearchExtension } from '../channels/teams/knowledgeSearchExtension';
import { acceptTeamsMessage } from '../channels/teams/teamsMessages';
import { TEAMS_CHANNEL_ID } from '../channels/teams/teamsCards';
import { refuseInvoke } from '../channels/teams/teamsInvokes';

const AFTER_THUMBS_DOWN = 'Thanks for telling me, and sorry that didn’t help. You could ask it another way, or say **menu** to pick a topic.';

/** What the bot is built from. */
export interface CareerBotDeps {
    conversationState: ConversationState;
    /** The main dialog of the live knowledge (a publication swaps it between turns). */
    dialog: Pick<MainDialog, 'run' | 'welcome'>;
    memory: StatePropertyAccessor<ConversationMemory>;
    /** The Teams search message extension. */
    searchExtension: Pick<KnowledgeSearchExtension, 'query' | 'selectItem'>;
}

/**
 * The career bot: welcomes each visitor once, hands every message to the main dialog, and takes answer ratings.
 * @remarks Extends TeamsActivityHandler so that Teams-only activities (invokes, mentions) plug in here.
 */
export class CareerBot extends TeamsActivityHandler {
    private readonly dialogState: StatePropertyAccessor<DialogState>;

    constructor(private readonly deps: CareerBotDeps) {
        super();
        this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');

        this.onMembersAdded(async (context, next) => {
            if (isWelcomeMoment(context)) await this.welcomeOnce(context);
            await next();
        });

        // A rating is kept as the activity it arrives in; it never enters the dialog, so a dialog in progress goes on.
        this.onEvent(async (context, next) => {
            const rating = readAnswerRating(context.activity);
            if (rating?.rating === 'down') await context.sendActivity(AFTER_THUMBS_DOWN);
            await next();
        });

        this.onMessage(async (context, next) => {
            if (acceptTeamsMessage(context)) {
                adoptSubmittedText(context);
                await this.deps.dialog.run(context, this.dialogState);
            }
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.deps.conversationState.saveChanges(context, false);
    }

    /** Refuses an invoke the bot does not handle, or one whose value is not what it carries, before botbuilder reads it. */
    protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
        return refuseInvoke(context.activity) ?? super.onInvokeActivity(context);
    }

    protected override async handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
        return this.deps.searchExtension.query(query);
    }

    protected override async handleTeamsMessagingExtensionSelectItem(_context: TurnContext, item: object): Promise<MessagingExtensionResponse> {
        return this.deps.searchExtension.selectItem(item);
    }

    private async welcomeOnce(context: TurnContext): Promise<void> {
        const memory = await this.deps.memory.get(context, {});
        if (memory.welcomed) return;
        memory.welcomed = true;
        await this.deps.dialog.welcome(context);
    }
}

/**
 * In Teams the bot says hello when it is installed (it is among the members added), not each time someone
 * joins a team; elsewhere (Web Chat, Direct Line) the visitor's joining is the moment.
 */
function isWelcomeMoment(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    return context.activity.channelId === TEAMS_CHANNEL_ID ? added.some((m) => m.id === botId) : added.some((m) => m.id !== botId);
}

/**
 * A button press can arrive as a message with no text and a value (Adaptive Card `Action.Submit`,
 * `messageBack`): read the question from the value, so it continues the dialog as typing would.
 */
function adoptSubmittedText(context: TurnContext): void {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || (activity.text && activity.text.trim())) return;
    const text = submittedText(activity.value);
    if (text !== undefined) activity.text = text;
}
