import { Activity, ActionTypes, MessageFactory, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
    ComponentDialog,
    DialogContext,
    DialogSet,
    DialogTurnResult,
    DialogTurnStatus,
    WaterfallDialog,
    WaterfallStepContext,
    DialogState,
} from 'botbuilder-dialogs';
import { withTrace, FallbackReason } from '../src/bot/answerTrace';
import { findJurisdiction, findPayAmount } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import type { TopicDialog, TopicDialogOptions, TopicDialogResult } from './topicDialog';
import { FollowUpDialog, FOLLOW_UP_DIALOG } from './followUpDialog';
import { answerQuestions } from './severalQuestions';
import { smallTalkReply } from './smallTalk';
import type { SmallTalkEntry } from '../src/knowledge/smallTalkSchema';
import { leadingGap } from '../src/knowledge/gapSchema';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE_WATERFALL = 'routeWaterfall';

/** Longest question searched; longer text is almost never a question and is costly to search. */
export const MAX_QUESTION_LENGTH = 2000;

/** The entries whose dialogs make up the menu, in menu order. */
const MENU_ENTRY_IDS = ['mlt-vs-mls-compare', 'education-pathway-plan', 'licensure-by-state', 'salary-figures', 'workplaces-settings', 'suitability-quiz'];

const HELP_TEXT = [
    'I answer questions about becoming and working as a **medical laboratory technician (MLT)**: how it differs from a technologist (MLS), schooling and accreditation, certification (ASCP, AMT), state licenses, pay and job outlook, where MLTs work, daily duties, skills, specializations and advancement.',
    'Ask in your own words, or pick a topic below. You can say **menu**, **start over** or **cancel** at any time, and **talk to someone** to have a career advisor contact you.',
].join('\n\n');
const WELCOME_TEXT = [
    'Hi! I’m the **MLT career assistant**. I answer questions about becoming a medical laboratory technician: training, certification, state licenses, pay, job outlook and what the work is like.',
    'Ask me anything in your own words, or pick a topic to start.',
].join('\n\n');
const MENU_TEXT = 'What would you like to explore?';
const TALK_TO_SOMEONE = { type: ActionTypes.ImBack, title: 'Talk to a career advisor', value: 'Talk to a career advisor' };
const CANCEL_TEXT = 'OK, I’ve stopped that. Ask me anything about MLT careers, or pick a topic.';
const START_OVER_TEXT = 'Let’s start over. What would you like to know about working as a medical laboratory technician?';
const FALLBACK_TEXT = 'Sorry, I don’t have an answer to that. I can only help with careers as a medical laboratory technician: training, certification, licensure, pay, job outlook, workplaces, duties, skills and advancement. Try one of these:';
const OUT_OF_SCOPE_TEXT = 'That’s outside what I know. I only help with careers as a medical laboratory technician (MLT): training, certification, licensure, pay, job outlook and more. Try one of these:';
const MANIPULATION_TEXT = 'I can’t do that. I’m here to answer questions about careers as a medical laboratory technician. Try one of these:';
const TOO_LONG_TEXT = `That message is too long for me to search. Please shorten your question to under ${MAX_QUESTION_LENGTH.toLocaleString('en-US')} characters and ask again.`;
const NOT_TEXT = 'I can only read typed questions. Please type your question about MLT careers.';

type Command = 'help' | 'menu' | 'startOver' | 'cancel';
const COMMANDS: ReadonlyArray<[Command, RegExp]> = [
    ['help', /^(help|\?|what can you do|what can you help (me )?with|how does this work|options)$/],
    ['menu', /^(menu|main menu|topics|show (me )?(the )?menu|home)$/],
    ['startOver', /^(start over|restart|reset|begin again|start again)$/],
    ['cancel', /^(cancel|stop|quit|exit|never ?mind|forget it)$/],
];

/** Asking for a person rather than an answer: "can I talk to someone?", "I'd like an advisor to call me". */
const FOLLOW_UP_REQUEST = [
    /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|the\s+|some\s+)?(someone|somebody|person|human|real person|advisor|adviser|counsell?or|career (advisor|adviser|counsell?or)|staff|people)\b/,
    /\b(advisor|adviser|counsell?or|someone|somebody)\b.*\b(contact|call|email|reach|get in touch with)\s+me\b/,
    /\b(contact|call|email)\s+me\b.*\b(advisor|adviser|counsell?or|someone|back)\b/,
    /^(human|real person|advisor|adviser|an advisor|a human|talk to an advisor|operator|agent)[.!?]*$/,
];

/** True when the visitor asks to be put in touch with a person. */
export function isFollowUpRequest(text: string): boolean {
    const plain = text.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
    return FOLLOW_UP_REQUEST.some((pattern) => pattern.test(plain));
}

/** Recognises a global command when it is the whole message ("help", "start over!"). */
export function readCommand(text: string): Command | undefined {
    const plain = text.toLowerCase().replace(/[^a-z? ]/g, ' ').replace(/\s+/g, ' ').trim();
    return COMMANDS.find(([, pattern]) => pattern.test(plain))?.[0];
}

/**
 * Routes each turn: global commands interrupt any dialog; other text goes to knowledge search, which answers,
 * suggests, falls back, or starts the topic dialog its entry names.
 */
export class MainDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps, topicDialogs: TopicDialog[]) {
        super(MAIN_DIALOG);
        topicDialogs.forEach((d) => this.addDialog(d));
        this.addDialog(new FollowUpDialog(deps));
        this.addDialog(new WaterfallDialog(ROUTE_WATERFALL, [this.routeStep.bind(this), this.afterTopicStep.bind(this)]));
        this.initialDialogId = ROUTE_WATERFALL;
    }

    /** Runs one turn against the dialog stack kept in `accessor`. */
    async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
        const dialogSet = new DialogSet(accessor);
        dialogSet.add(this);
        const dc = await dialogSet.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
    }

    /** Greets a visitor who joined, with the topic menu. */
    async welcome(context: TurnContext): Promise<void> {
        await context.sendActivity(withTrace(this.menu(WELCOME_TEXT, true), { source: 'dialog', dialog: 'welcome', ids: [], score: 1 }));
    }

    protected override async onBeginDialog(innerDc: DialogContext, options?: unknown): Promise<DialogTurnResult> {
        return (await this.interrupt(innerDc)) ?? super.onBeginDialog(innerDc, options as object | undefined);
    }

    protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
    }

    private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
        const command = readCommand(innerDc.context.activity.text ?? '');
        if (!command) return undefined;
        const reply = (text: string, withMenu: boolean) =>
            innerDc.context.sendActivity(withTrace(this.menu(text, withMenu), { source: 'dialog', dialog: command, ids: [], score: 1 }));
        switch (command) {
            case 'help':
                await reply(HELP_TEXT, true);
                if (innerDc.activeDialog && innerDc.activeDialog.id !== ROUTE_WATERFALL) {
                    await innerDc.repromptDialog();
                    return { status: DialogTurnStatus.waiting };
                }
                return innerDc.cancelAllDialogs();
            case 'menu':
                await reply(MENU_TEXT, true);
                return innerDc.cancelAllDialogs();
            case 'startOver':
                await this.deps.memory.set(innerDc.context, { welcomed: true });
                await reply(START_OVER_TEXT, true);
                return innerDc.cancelAllDialogs();
            case 'cancel':
                await reply(CANCEL_TEXT, true);
                return innerDc.cancelAllDialogs();
        }
    }

    private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const handoff = (step.options as { text?: string } | undefined)?.text;
        const text = (handoff ?? step.context.activity.text ?? '').trim();
        if (!text) return this.fallback(step, NOT_TEXT, 'not-text');
        if (text.length > MAX_QUESTION_LENGTH) return this.fallback(step, TOO_LONG_TEXT, 'too-long');
        if (isFollowUpRequest(text)) return step.beginDialog(FOLLOW_UP_DIALOG);
        // Only a message that is wholly small talk ("thanks!", "who are you?") stops here; "hi, how much do MLTs make?" is searched.
        const smallTalk = this.deps.smallTalk.match(text);
        if (smallTalk) return this.smallTalk(step, smallTalk);

        const memory = await this.deps.memory.get(step.context, {});
        // Several questions in one message get one reply with a part for each; a long post is searched by its question.
        const asked = await answerQuestions(step.context, text, this.deps, memory);
        if (asked.replied) return step.endDialog();
        const result = asked.result;
        switch (result.outOfScope) {
            case 'medical-advice':
                return this.fallback(step, this.deps.search.medicalAdviceReply, 'medical-advice');
            case 'manipulation':
                return this.fallback(step, MANIPULATION_TEXT, 'manipulation');
            case 'other-subject':
                return this.fallback(step, OUT_OF_SCOPE_TEXT, 'out-of-scope');
        }

        // A question on a known gap gets the honest reply, before a state or a pay figure in it steers to a dialog:
        // "how do I get my phlebotomy license in California?" must not get the MLT licence steps.
        const gap = leadingGap(result);
        if (gap) {
            await this.deps.unanswered.record(step.context, text, gap);
            await step.context.sendActivity(this.deps.replies.gap(gap, result.hits[0].score));
            return step.endDialog();
        }

        // A state or a pay amount steers to the dialog that uses it when the question, or the conversation, is on that subject.
        const top = result.hits[0];
        const nearTopics = new Set(result.hits.slice(0, 3).map((h) => h.entry.topic));
        const state = findJurisdiction(text);
        if (state && (nearTopics.has('licensure') || memory.lastTopic === 'licensure' || result.confidence === 'none')) {
            return this.startTopic(step, 'licensure', { text, state });
        }
        const amount = findPayAmount(text);
        if (amount && (nearTopics.has('salary') || memory.lastTopic === 'salary')) {
            return this.startTopic(step, 'salaryCheck', { text, amount });
        }

        if (result.confidence === 'answer' && top) {
            if (top.entry.dialog) return this.startTopic(step, top.entry.dialog, { text, entryId: top.entry.id, score: top.score, state, amount });
            memory.lastTopic = top.entry.topic;
            await step.context.sendActivity(this.deps.replies.answer(top.entry, top.score));
            return step.endDialog();
        }
        if (result.confidence === 'suggest') {
            await step.context.sendActivity(this.deps.replies.suggestions(result.hits));
            return step.endDialog();
        }
        await this.deps.unanswered.record(step.context, text);
        return this.fallback(step, FALLBACK_TEXT, 'no-match');
    }

    private async afterTopicStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const result = step.result as TopicDialogResult | undefined;
        if (result?.handoff) return step.replaceDialog(ROUTE_WATERFALL, { text: result.handoff });
        return step.endDialog();
    }

    private startTopic(step: WaterfallStepContext, dialogId: string, options: TopicDialogOptions): Promise<DialogTurnResult> {
        return step.beginDialog(dialogId, options);
    }

    /** Replies to small talk; never recorded as unanswered, it is not a question. */
    private async smallTalk(step: WaterfallStepContext, entry: SmallTalkEntry): Promise<DialogTurnResult> {
        const actions = entry.menu ? this.deps.replies.followUpActions(MENU_ENTRY_IDS) : [];
        if (entry.advisor) actions.push(TALK_TO_SOMEONE);
        const reply = await smallTalkReply(this.deps, step.context, entry, actions);
        if (reply) await step.context.sendActivity(reply);
        return step.endDialog();
    }

    private async fallback(step: WaterfallStepContext, text: string, reason: FallbackReason): Promise<DialogTurnResult> {
        const reply = this.menu(text, true);
        // When the bot cannot help, a person might: offer the follow-up (not for medical or manipulation refusals).
        if (reason === 'no-match' || reason === 'out-of-scope') reply.suggestedActions?.actions.push(TALK_TO_SOMEONE);
        await step.context.sendActivity(withTrace(reply, { source: 'fallback', reason, ids: [], score: 0 }));
        return step.endDialog();
    }

    private menu(text: string, withMenu: boolean): Partial<Activity> {
        const actions = withMenu ? this.deps.replies.followUpActions(MENU_ENTRY_IDS) : [];
        return actions.length ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
    }
}
