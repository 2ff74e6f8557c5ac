import { ActivityTypes, ConversationState, StatePropertyAccessor, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationMemory, MainDialog } from '../../dialogs';
import { readAnswerRating } from './answerFeedback';

const AFTER_THUMBS_DOWN = 'Thanks for telling me, and sorry that didn’t help. You could ask it another way, or say **menu** to pick a topic.';

/** What the bot is built from. */
export interface CareerBotDeps {
    conversationState: ConversationState;
    dialog: MainDialog;
    memory: StatePropertyAccessor<ConversationMemory>;
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
            const botId = context.activity.recipient?.id;
            const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
            if (joined.length > 0) await this.welcomeOnce(context);
            await next();
        });

        // A rating is kept as the activity it arrives in; it never enters the dialog, so a dialog in progress goes on.
        this.onEvent(async (context, next) => {
            const rating = readAnswerRating(context.activity);
            if (rating?.rating === 'down') await context.sendActivity(AFTER_THUMBS_DOWN);
            await next();
        });

        this.onMessage(async (context, next) => {
            adoptSubmittedText(context);
            await this.deps.dialog.run(context, this.dialogState);
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        await super.run(context);
        await this.deps.conversationState.saveChanges(context, false);
    }

    private async welcomeOnce(context: TurnContext): Promise<void> {
        const memory = await this.deps.memory.get(context, {});
        if (memory.welcomed) return;
        memory.welcomed = true;
        await this.deps.dialog.welcome(context);
    }
}

/**
 * A button press can arrive as a message with no text and a value (Adaptive Card `Action.Submit`,
 * `messageBack`): read the question from the value, so it continues the dialog as typing would.
 */
function adoptSubmittedText(context: TurnContext): void {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || (activity.text && activity.text.trim())) return;
    const value = activity.value as Record<string, unknown> | undefined;
    const text = value && (value.text ?? value.question ?? value.query);
    if (typeof text === 'string') activity.text = text;
}
