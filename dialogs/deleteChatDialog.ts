import { ActionTypes, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { withTrace } from '../src/replies/answerTrace';
import { readYesNo } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';

export const DELETE_CHAT_DIALOG = 'deleteChat';
/**
 * The trace's `dialog` on the reply that says the conversation is deleted, and on no other: the widget forgets its saved
 * conversation when it reads it and starts a new one.
 */
export const DELETED_TRACE_DIALOG = 'delete-chat';
/** The trace's `dialog` on the question and on the reply that nothing was deleted. */
const ASKING_TRACE_DIALOG = 'delete-chat-confirm';
const CONFIRM_PROMPT = 'deleteChatConfirmPrompt';
const STEPS_WATERFALL = 'deleteChatWaterfall';

const ASK = 'Delete this whole conversation? Everything in it goes: what you wrote, my answers, and any request for an advisor to contact you. Advisors will no longer see it, and it cannot be undone.';
const RETRY = 'Shall I delete this conversation? Please answer yes or no.';
const DELETED = 'Your conversation has been deleted: nothing of it is kept, not even this reply. Ask me anything to start a new one.';
const KEPT = 'OK, I haven’t deleted anything. Your conversation goes on.';
const MAX_ATTEMPTS = 2;

/**
 * "Delete my chat": asks to confirm, then has the whole conversation erased once this turn is over (`erasure`), as an
 * advisor's delete does. The erasure comes after the turn, so the confirmation and this reply go with the rest.
 */
export class DeleteChatDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(DELETE_CHAT_DIALOG);
        this.addDialog(new TextPrompt(CONFIRM_PROMPT, async (prompt) => readYesNo(prompt.recognized.value ?? '') !== undefined || prompt.attemptCount >= MAX_ATTEMPTS));
        this.addDialog(new WaterfallDialog(STEPS_WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]));
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const yesNo = [
            { type: ActionTypes.ImBack, title: 'Yes, delete it', value: 'Yes' },
            { type: ActionTypes.ImBack, title: 'No, keep it', value: 'No' },
        ];
        const asking = (text: string) => withTrace(MessageFactory.suggestedActions(yesNo, text), trace(ASKING_TRACE_DIALOG));
        return step.prompt(CONFIRM_PROMPT, { prompt: asking(ASK), retryPrompt: asking(RETRY) });
    }

    private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        if (readYesNo(String(step.result ?? '')) !== true) {
            await step.context.sendActivity(withTrace(MessageFactory.text(KEPT), trace(ASKING_TRACE_DIALOG)));
            return step.endDialog();
        }
        this.deps.erasure.eraseAfterTurn(step.context);
        await step.context.sendActivity(withTrace(MessageFactory.text(DELETED), trace(DELETED_TRACE_DIALOG)));
        // Every dialog of the conversation ends with it: none may go on to ask its question again.
        return step.cancelAllDialogs(true);
    }
}

function trace(dialog: string) {
    return { source: 'dialog' as const, dialog, ids: [], score: 1 };
}
