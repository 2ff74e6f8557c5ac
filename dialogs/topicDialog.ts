import { ActionTypes, ActivityTypes, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogContext, DialogTurnResult, DialogTurnStatus, PromptValidator, TextPrompt, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Topic } from '../src/knowledge/schema';
import { withTrace } from '../src/bot/answerTrace';
import type { PayAmount, UsJurisdiction } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import type { TopicDialogId } from './dialogIds';
import { ENDS_TOPIC_DIALOG, smallTalkReply } from './smallTalk';

/** How MainDialog starts a topic dialog: the question that led there and what was recognised in it. */
export interface TopicDialogOptions {
    text: string;
    entryId?: string;
    score?: number;
    state?: UsJurisdiction;
    amount?: PayAmount;
}

/** What a topic dialog gives back: text to hand to search when the visitor moved on to something else. */
export interface TopicDialogResult {
    handoff?: string;
}

/** Invalid answers a dialog reprompts for before it hands the text to search. */
export const MAX_REPROMPTS = 2;

/** How a question begins; answers to this bot's prompts do not ("Texas", "yes", "$52,000", "not sure yet"). */
/** The turn's verdict of `isOtherQuestion`, kept so the prompt's validator does not search the same reply again. */
const OTHER_QUESTION_VERDICT = Symbol('otherQuestionVerdict');

const QUESTION_START = /^\s*(?:how|what|what's|whats|which|who|when|where|why|is|are|do|does|can|could|should|will|would)\b/i;

/**
 * Base of the topic dialogs: a component dialog on one topic that reprompts at most twice, hands other
 * questions back to search, and ends with follow-up buttons.
 */
export abstract class TopicDialog extends ComponentDialog {
    /** What each recognizing prompt understands, by prompt id, so small talk is only taken as an answer when it is one. */
    private readonly recognizers = new Map<string, (text: string) => unknown>();

    protected constructor(id: TopicDialogId, readonly topic: Topic, protected readonly deps: DialogDeps) {
        super(id);
    }

    /**
     * Before a prompt reads the reply: a reply phrased as a question that search confidently answers from another
     * topic goes back to search, even when the prompt would understand it. "How long is MLT school?", asked when
     * the MLT-vs-MLS dialog waits on "Which fits you better?", names MLT, but the visitor wants to know how long.
     */
    override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
        const { activity } = outerDc.context;
        const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text.trim() : '';
        // "Who are you?" opens like a question but is small talk: `onContinueDialog` answers it and keeps the dialog.
        const asks = QUESTION_START.test(text) && !this.deps.smallTalk.match(text);
        if (asks && this.isOtherQuestion(outerDc.context, text)) return outerDc.endDialog({ handoff: text } satisfies TopicDialogResult);
        return super.continueDialog(outerDc);
    }

    /**
     * Small talk while a prompt waits, that the prompt does not take as its answer ("thanks" when asked for a state;
     * "ok" to a yes-or-no question is an answer and goes to the prompt): a goodbye or frustration ends the dialog and
     * goes to MainDialog, which answers it with the menu (and the advisor for frustration); anything else is answered
     * and the prompt is asked again, so "thanks" does not use up one of the visitor's tries.
     */
    protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        const { activity } = innerDc.context;
        const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text.trim() : '';
        const recognize = this.recognizers.get(innerDc.activeDialog?.id ?? '');
        const smallTalk = text && recognize ? this.deps.smallTalk.match(text) : undefined;
        if (!smallTalk || !recognize || recognize(text) !== undefined) return super.onContinueDialog(innerDc);
        if (ENDS_TOPIC_DIALOG.has(smallTalk.id)) {
            await innerDc.cancelAllDialogs();
            return { status: DialogTurnStatus.complete, result: { handoff: text } satisfies TopicDialogResult };
        }
        const reply = await smallTalkReply(this.deps, innerDc.context, smallTalk, [], true);
        if (reply) await innerDc.context.sendActivity(reply);
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
    }

    /**
     * Adds a text prompt whose answer `recognize` must understand. The prompt gives up (and lets the next step
     * see an unrecognised answer) after `MAX_REPROMPTS` reprompts, or at once when the visitor asks another question.
     */
    protected addRecognizingPrompt<T>(promptId: string, recognize: (text: string) => T | undefined): void {
        this.recognizers.set(promptId, recognize);
        const validator: PromptValidator<string> = async (prompt) => {
            const text = prompt.recognized.value ?? '';
            if (recognize(text) !== undefined) return true;
            if (this.isOtherQuestion(prompt.context, text)) return true;
            return prompt.attemptCount > MAX_REPROMPTS;
        };
        this.addDialog(new TextPrompt(promptId, validator));
    }

    /** Asks with `text`, offering `choices` as buttons; `retry` is said when the answer is not understood. */
    protected ask(step: WaterfallStepContext, promptId: string, text: string, retry: string, choices: string[] = []): Promise<DialogTurnResult> {
        const actions: CardAction[] = choices.map((c) => ({ type: ActionTypes.ImBack, title: c, value: c }));
        // A question is a dialog reply too: it carries the trace like every other reply.
        const build = (t: string) =>
            withTrace(actions.length ? MessageFactory.suggestedActions(actions, t) : MessageFactory.text(t), { source: 'dialog', dialog: this.id, ids: [], score: 1 });
        return step.prompt(promptId, { prompt: build(text), retryPrompt: build(retry) });
    }

    /** Ends this dialog and asks MainDialog to treat `text` as a new question. */
    protected handOff(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
        const result: TopicDialogResult = { handoff: text };
        return step.endDialog(result);
    }

    /** True when `text` is confidently a question about another topic, not an answer to this dialog's prompt. */
    protected isOtherQuestion(context: TurnContext, text: string): boolean {
        const key = `${this.topic}\n${text.trim()}`;
        const known = context.turnState.get(OTHER_QUESTION_VERDICT) as { key: string; other: boolean } | undefined;
        if (known?.key === key) return known.other;
        const result = this.deps.search.search(text);
        const top = result.hits[0];
        const other = result.outOfScope !== undefined || (result.confidence === 'answer' && top !== undefined && top.entry.topic !== this.topic);
        context.turnState.set(OTHER_QUESTION_VERDICT, { key, other });
        return other;
    }

    /** Remembers this dialog's topic so follow-up questions lean towards it. */
    protected async rememberTopic(step: WaterfallStepContext): Promise<void> {
        const memory = await this.deps.memory.get(step.context, {});
        memory.lastTopic = this.topic;
    }
}
