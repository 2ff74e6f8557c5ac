import { ActionTypes, Activity, ActivityTypes, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogContext, DialogReason, DialogTurnResult, DialogTurnStatus, PromptValidator, TextPrompt, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Topic } from '../src/knowledge/schema';
import { withTrace } from '../src/replies/answerTrace';
import type { PayAmount, UsJurisdiction } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import type { TopicDialogId } from '../src/knowledge/dialogIds';
import { ENDS_TOPIC_DIALOG, smallTalkReply } from './smallTalk';
import { requestedDialogEntry } from './dialogChoice';
import { findQuestions } from '../src/knowledge/questionFinder';

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

/** The turn's verdict of `isAnswerable`, kept so that MainDialog and the dialog do not search the same reply twice. */
const ANSWERABLE_VERDICT = Symbol('answerableVerdict');

/**
 * How a question or a request for information begins; answers to this bot's prompts do not ("Texas", "yes",
 * "$52,000", "not sure yet", "I have a bachelor's in biology").
 */
const QUESTION_START =
    /^\s*(?:how|what|what's|whats|which|who|when|where|why|is|isn't|are|aren't|do|does|can|could|should|will|would)\b/i;

/** "and", "so", "ok" before a follow-up: "and how long is each one roughly?". */
const OPENING_CONJUNCTION = /^\s*(?:(?:and|so|ok|okay|also|but|then)\b[\s,]*)+/i;

/**
 * Asking what the waiting prompt means, and nothing else: "what do you mean?", "huh?", "I don't understand", "what's the
 * difference?" (between the choices it offers: MLT or MLS, when the planner asks which role). Anchored at
 * both ends, with one character class for the trailing marks: linear in the text's length.
 */
const ASKS_WHAT_MEANT =
    /^\s*(?:(?:sorry|um+|hmm+|wait|but|ok(?:ay)?)[\s,]+)?(?:what\s+do\s+you\s+mean(?:\s+by\s+(?:that|this|it))?|what\s+does\s+that\s+mean|what\s+are\s+you\s+asking(?:\s+me)?|i\s+don['’]?t\s+(?:understand|get\s+it)|huh|what|what(?:['’]?s|\s+is)\s+the\s+difference(?:\s+between\s+(?:them|those|these|the\s+two|those\s+two|the\s+options))?)[\s?!.]*$/i;

/** Words of a question that asks the bot to choose for the visitor ("which would you recommend?"), not about a subject. */
const ASKS_TO_CHOOSE = ['recommend', 'choose', 'pick', 'prefer', 'better', 'suit', 'advice', 'advise'];

/**
 * Replies of at most this many words that a prompt understands are its answer even when phrased as a question
 * ("Texas?", "what about Ohio?", "MLT?"). A longer question that happens to name a choice ("what does an MLT do?"
 * names MLT) is a question: choices are never matched fuzzily onto a whole question.
 */
export const SHORT_ANSWER_WORDS = 4;

/** What a topic dialog does when the visitor asks a question instead of answering its prompt. */
export type OnQuestion =
    /** The question is answered and the dialog ends: its prompt was an optional next step after an answer. */
    | 'drop'
    /** The question is answered and the prompt asked again: the visitor chose the dialog (the quiz, the planner). */
    | 'resume';

/**
 * Base of the topic dialogs: a component dialog on one topic that reprompts at most twice, hands other
 * questions back to search, and ends with follow-up buttons.
 */
export abstract class TopicDialog extends ComponentDialog {
    /** What each recognizing prompt understands, by prompt id, so small talk is only taken as an answer when it is one. */
    private readonly recognizers = new Map<string, (text: string) => unknown>();
    /** What a prompt that takes any text still reads as its answer, so that the answer is not taken for a question. */
    private readonly understood = new Map<string, (text: string) => unknown>();
    /** What each prompt that has one says when asked what it means ("what do you mean?"), by prompt id. */
    private readonly explanations = new Map<string, string>();

    /**
     * @param onQuestion what a question asked while this dialog waits does to it (MainDialog answers the question):
     *   dialogs the visitor chose resume, dialogs that follow an answer with an optional question drop.
     */
    protected constructor(id: TopicDialogId, readonly topic: Topic, protected readonly deps: DialogDeps, readonly onQuestion: OnQuestion = 'drop') {
        super(id);
    }

    /**
     * Before a prompt reads the reply: a question ends the dialog and goes back to search (MainDialog resumes a
     * dialog whose `onQuestion` is `resume` before this runs). "What does an MLT do?", asked when the MLT-vs-MLS dialog
     * waits on "Which fits you better?", names MLT, but the visitor wants to know what MLTs do.
     */
    override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
        const question = await this.questionAsked(outerDc);
        if (question !== undefined) return outerDc.endDialog({ handoff: question } satisfies TopicDialogResult);
        return super.continueDialog(outerDc);
    }

    /**
     * A dialog begun on top of this one (for a question asked while it waited) has ended. Its hand-off, a question it
     * could not take, ends this dialog too, so MainDialog routes it; otherwise this dialog asks its question again.
     */
    override async resumeDialog(outerDc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
        const handoff = (result as TopicDialogResult | undefined)?.handoff;
        if (handoff !== undefined) return outerDc.endDialog({ handoff } satisfies TopicDialogResult);
        return super.resumeDialog(outerDc, reason, result);
    }

    /**
     * The visitor's text when it is a question rather than an answer to the prompt this dialog waits on (`outerDc`'s
     * active dialog is this one), else undefined. Text is the prompt's answer only when the prompt's recognizer reads
     * it and it does not read as a question: "Texas", "yes", "not sure yet", a short "what about Ohio?". Small talk is
     * never a question here: `onContinueDialog` answers it and keeps the dialog. A question is searched afresh, without
     * leaning towards this dialog's topic: the visitor asked about something else. The entry the dialog answered is
     * still the last answer, so a short follow-up ("and MLS?" after the pay figures) is read with it, as after any answer.
     */
    async questionAsked(outerDc: DialogContext): Promise<string | undefined> {
        const { activity } = outerDc.context;
        const text = activity.type === ActivityTypes.Message && typeof activity.text === 'string' ? activity.text.trim() : '';
        if (!text || this.deps.smallTalk.match(text)) return undefined;
        const promptId = outerDc.child?.activeDialog?.id ?? '';
        const recognize = this.recognizers.get(promptId) ?? this.understood.get(promptId);
        const memory = await this.deps.memory.get(outerDc.context, {});
        // (Only a prompt that must understand its answer: one that takes any text, such as the salary check's, reads the
        // question itself.)
        const strict = this.recognizers.get(promptId);
        if (!this.readsAsQuestion(outerDc.context, text, recognize) && !this.followsOnAsked(text, strict, memory.lastEntry)) return undefined;
        if (memory.lastTopic === this.topic) delete memory.lastTopic;
        return text;
    }

    /**
     * A prompt with a recognizer takes what it reads, unless the text opens like a question and is longer than a
     * short answer, or carries a question mark and search confidently answers it ("any idea what an MLT does?").
     * Text it cannot read is a question when search confidently answers it (or knows it is out of scope); anything
     * else is left to the prompt, which asks again ("which one would you pick for me?" gets the choices explained).
     * A prompt without a recognizer takes any text search does not answer.
     */
    private readsAsQuestion(context: TurnContext, text: string, recognize: ((text: string) => unknown) | undefined): boolean {
        // "Take the quiz" or the plan's button asks for a dialog by name, whatever the prompt would make of it.
        if (requestedDialogEntry(this.deps.search.entries, text)) return true;
        const understood = recognize !== undefined && recognize(text) !== undefined;
        const opensAsQuestion = QUESTION_START.test(text);
        if (understood) {
            if (wordCount(text) <= SHORT_ANSWER_WORDS) return false;
            if (opensAsQuestion) return true;
            return text.includes('?') && this.isAnswerable(context, text);
        }
        return this.isAnswerable(context, text);
    }

    /**
     * A question the prompt cannot read, not answered alone, that the answer this dialog gave settles on another entry:
     * "how long does each take?" while the MLT-vs-MLS comparison waits on "Which fits you better?" asks how long the
     * programs are. Not one that asks the bot to choose ("which one would you pick for me?"): the prompt explains the
     * choices for that. A message of one question and a sentence of why is read by its question ("and how long is each
     * one roughly? need to tell my boss for the reimbursement form").
     */
    private followsOnAsked(text: string, recognize: ((text: string) => unknown) | undefined, lastEntry: string | undefined): boolean {
        if (!recognize || !lastEntry || recognize(text) !== undefined) return false;
        const { questions } = findQuestions(text);
        const question = questions.length === 1 ? questions[0].text : text;
        if (!QUESTION_START.test(question.replace(OPENING_CONJUNCTION, ''))) return false;
        const own = this.deps.search.subjectTerms(question);
        const choosing = new Set(ASKS_TO_CHOOSE.flatMap((w) => this.deps.search.normalizer.terms(w)));
        if (own.length === 0 || own.every((t) => choosing.has(t))) return false;
        const entry = this.deps.search.entry(lastEntry);
        const read = entry && this.deps.search.search(`${entry.title} ${question}`);
        return read?.confidence === 'answer' && !read.outOfScope && read.hits[0].entry.id !== lastEntry;
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
        const promptId = innerDc.activeDialog?.id ?? '';
        const recognize = this.recognizers.get(promptId);
        // A question about the prompt itself ("which states?" when asked for a state) is answered, and the prompt asked
        // again without using up one of the visitor's tries.
        const unread = text && recognize && recognize(text) === undefined;
        const explanation = unread && ASKS_WHAT_MEANT.test(text) ? this.explanations.get(promptId) : undefined;
        const aside = explanation !== undefined ? this.deps.replies.fromDialog(this.id, explanation, [], { ids: [] }) : unread ? this.answerAbout(promptId, text) : undefined;
        if (aside) {
            await innerDc.context.sendActivity(aside);
            await innerDc.repromptDialog();
            return Dialog.EndOfTurn;
        }
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
     * The reply to a question about the prompt `promptId` waits on, one search does not answer and the prompt cannot read
     * ("which states?" when asked for a state: the choices it means), or undefined: the prompt asks again. None by default.
     */
    protected answerAbout(_promptId: string, _text: string): Partial<Activity> | undefined {
        return undefined;
    }

    /**
     * Lets a prompt that takes any text tell its answer from a question: text `recognize` reads (an amount, "$52,000")
     * is the answer, though search would answer it too. The prompt still takes anything else.
     */
    protected understands<T>(promptId: string, recognize: (text: string) => T | undefined): void {
        this.understood.set(promptId, recognize);
    }

    /**
     * Adds a text prompt whose answer `recognize` must understand. The prompt gives up (and lets the next step
     * see an unrecognised answer) after `MAX_REPROMPTS` reprompts; a question never reaches it (`continueDialog`).
     * `explanation`, when given, answers "what do you mean?" while the prompt waits, and the prompt is asked again
     * without using up one of the visitor's tries.
     */
    protected addRecognizingPrompt<T>(promptId: string, recognize: (text: string) => T | undefined, explanation?: string): void {
        this.recognizers.set(promptId, recognize);
        if (explanation !== undefined) this.explanations.set(promptId, explanation);
        const validator: PromptValidator<string> = async (prompt) => {
            const text = prompt.recognized.value ?? '';
            if (recognize(text) !== undefined) return true;
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

    /**
     * True when search confidently answers `text`, on any topic, or knows it is out of scope; searched once a turn. Text
     * on another subject is out of scope only when it asks something: "I'm a registered nurse" at the planner's
     * education question tells about the visitor (before, it got "That's outside what I know" and the question again).
     */
    private isAnswerable(context: TurnContext, text: string): boolean {
        const key = text.trim();
        const known = context.turnState.get(ANSWERABLE_VERDICT) as { key: string; answerable: boolean } | undefined;
        if (known?.key === key) return known.answerable;
        const result = this.deps.search.search(text);
        const heldBack = result.outOfScope !== undefined && (result.outOfScope !== 'other-subject' || QUESTION_START.test(text) || text.includes('?'));
        const answerable = heldBack || result.confidence === 'answer';
        context.turnState.set(ANSWERABLE_VERDICT, { key, answerable });
        return answerable;
    }

    /**
     * Remembers this dialog's topic (and the entry that led here, or else `ownEntry`, the one its answer is traced to) so
     * follow-up questions lean towards them: "do I need a license in Florida? || how do I get it?".
     */
    protected async rememberTopic(step: WaterfallStepContext, ownEntry?: string): Promise<void> {
        const memory = await this.deps.memory.get(step.context, {});
        memory.lastTopic = this.topic;
        delete memory.lastGap;
        delete memory.lastParts;
        const { entryId } = (step.options ?? {}) as Partial<TopicDialogOptions>;
        const entry = [entryId, ownEntry].find((id) => id !== undefined && this.deps.search.entry(id));
        if (entry) memory.lastEntry = entry;
        else delete memory.lastEntry;
    }
}

/** Words in `text`, counted without building a list: linear in its length. */
function wordCount(text: string): number {
    let count = 0;
    let inWord = false;
    for (const ch of text) {
        const space = ch === ' ' || ch === '\n' || ch === '\t';
        if (!space && !inWord) count += 1;
        inWord = !space;
    }
    return count;
}
