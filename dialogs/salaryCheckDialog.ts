import { ActionTypes, Activity, CardAction } from 'botbuilder';
import { DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { findPayAmount, PayAmount, readYesNo } from '../src/recognizers';
import { rememberAnswer, type DialogDeps } from './dialogDeps';
import { compareSalary, describeFactors, describeFigures, salarySources } from './salaryComparison';
import { TopicDialog, TopicDialogOptions } from './topicDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';
import type { AnswerSection } from '../src/replies/answerContent';

export const SALARY_CHECK_DIALOG = TOPIC_DIALOG.salaryCheck;
/** Waits after the figures: an amount or "Compare an offer" continues here, anything else goes back to search. */
const OFFER_PROMPT = 'salaryOfferPrompt';
const AMOUNT_PROMPT = 'salaryAmountPrompt';
const STEPS_WATERFALL = 'salaryCheckWaterfall';
const FIGURES_ENTRY = 'salary-figures';
const COMPARE_ENTRY = 'salary-compare-offer';
const FACTORS_ENTRY = 'salary-factors';
/** Whether the pay is good: the sources' verdicts on the figures, for "is that good?" asked after them. */
const VERDICT_ENTRY = 'salary-is-it-good';

const COMPARE_BUTTON = 'Compare an offer';
const ASK_AMOUNT = 'What’s the offer? Tell me the amount, e.g. $52,000 a year or $25 an hour.';
const RETRY_AMOUNT = 'Tell me the amount, e.g. $52,000 a year or $25 an hour.';
const REMEMBERED_PAY = (pay: string) => `You mentioned ${pay}: press **Compare ${pay}** to see it against these figures.`;
const DECLINED = 'OK. Ask me anything else about MLT pay or careers.';
const NO_OFFER_YET = 'No problem. When you have an offer, tell me the amount and I’ll set it against these figures. Ask me anything else about MLT pay or careers.';
/**
 * Saying there is no offer to compare, while the amount is asked for: "I don't have an offer yet", "no offer yet", "not
 * yet". Anchored at the start: linear in the text's length.
 */
const NO_OFFER =
    /^\s*(?:(?:i|we)\s+)?(?:don'?t|do\s+not|haven'?t|have\s+not|didn'?t)\s+(?:have|got|gotten|get|received?)\s+(?:an?\s+|any\s+)?(?:offers?|one)\b|^\s*(?:no|none|not)\s+(?:offers?\s*)?yet\b|^\s*no\s+offers?\b/i;
/** Said when the visitor asks what the amount prompt means ("what do you mean?"); the prompt is then asked again. */
const EXPLAIN_AMOUNT =
    'I can set a job offer, or what you earn now, against the pay figures in our sources. If you don’t have one, say **no**.';
/** What the amount prompt reads from a reply saying there is no offer. */
const NO_OFFER_ANSWER = 'no offer';

/** "Compare an offer", "is that a good salary?", "how does it stack up?" */
const COMPARE_REQUEST =
    /\b(compare|comparison|offer(ed|s)?|stacks? up|(good|fair|decent|competitive|low) (salary|pay|wage|offer)|(am i|i'?m|i am|i feel|feel) underpaid|lowball(ed)?|is (that|this|it|mine) (good|fair|decent|enough|low|competitive))\b/i;
/**
 * Without an amount, only a request that names an offer or the visitor's own pay asks for the amount: "is it enough to
 * live on?" and "is MLT a good salary?" ask about MLT pay, and get the figures.
 */
const OWN_PAY = /\b(compare|comparison|offer(ed|s)?|stacks? up|underpaid|lowball(ed)?|mine|my (salary|pay|wage))\b/i;
/** The figures just given, pointed back to: "is that a good salary?", "is it decent?". */
const POINTS_BACK = /\b(that|this|it|those|these)\b/i;
/** "What raises pay?", "how can I earn more?", "what affects MLT salary?" */
const FACTORS_REQUEST = /\b(raises?|increases?|boosts?|higher pay|earn more|make more|paid more|get more|affects?|influences?|factors?|depends? on|determines?)\b/i;

/**
 * A pay figure the visitor named (their pay or an offer) set against the sources' figures, with its citations: this
 * dialog's comparison, and the part of a reply to several questions that asks about pay in a message naming a figure.
 */
export function payComparison(deps: Pick<DialogDeps, 'facts' | 'replies'>, pay: PayAmount): AnswerSection {
    return { text: compareSalary(deps.facts.salary, pay), citations: deps.replies.citations(salarySources(deps.facts.salary)) };
}

/** The entry a comparison of the visitor's figure answers ("Is my MLT salary offer good?"). */
export const PAY_COMPARISON_ENTRY = COMPARE_ENTRY;

/** What the opening step carries to the next ones instead of a prompt's text. */
type Carried = { pay: PayAmount } | { askAmount: true };

/**
 * Salary check: the published pay figures with who published them and when, or a comparison of the visitor's
 * offer (yearly, monthly, weekly or hourly) with them, or what raises pay.
 */
export class SalaryCheckDialog extends TopicDialog {
    constructor(deps: DialogDeps) {
        super(SALARY_CHECK_DIALOG, 'salary', deps);
        this.addDialog(new TextPrompt(OFFER_PROMPT));
        // An amount answers it ("$52,000"), though search now reads a pay figure as a pay question; so does its own button,
        // "Compare an offer", which search answers too (a job offer lets a question be answered outright).
        this.understands(OFFER_PROMPT, (text) => findPayAmount(text) ?? (text.trim().toLowerCase() === COMPARE_BUTTON.toLowerCase() ? text : undefined));
        this.addRecognizingPrompt(
            AMOUNT_PROMPT,
            (text) => findPayAmount(text) ?? (NO_OFFER.test(text) || readYesNo(text) === false ? NO_OFFER_ANSWER : undefined),
            EXPLAIN_AMOUNT,
        );
        this.addDialog(
            new WaterfallDialog(STEPS_WATERFALL, [this.openStep.bind(this), this.offerStep.bind(this), this.amountStep.bind(this), this.compareStep.bind(this)]),
        );
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async openStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const afterFigures = (await this.deps.memory.get(step.context, {})).lastEntry === FIGURES_ENTRY;
        await this.rememberTopic(step);
        const { text, amount } = step.options as TopicDialogOptions;
        const pay = amount ?? findPayAmount(text);
        if (pay) return step.next({ pay } satisfies Carried);
        if (COMPARE_REQUEST.test(text) && OWN_PAY.test(text)) return step.next({ askAmount: true } satisfies Carried);
        // "Is that a good salary?" right after the figures: what the sources make of them.
        if (COMPARE_REQUEST.test(text) && POINTS_BACK.test(text) && afterFigures) return this.verdict(step, text);
        if (FACTORS_REQUEST.test(text)) {
            await step.context.sendActivity(this.reply(describeFactors(this.deps.facts.salary), FACTORS_ENTRY, true));
            return step.endDialog();
        }
        const memory = await this.deps.memory.get(step.context, {});
        return step.prompt(OFFER_PROMPT, { prompt: this.figuresReply(memory.pay) });
    }

    private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const result = step.result as Carried | string | undefined;
        if (typeof result === 'object') return 'pay' in result ? step.next(result) : this.askAmount(step);
        const answer = String(result ?? '');
        const pay = findPayAmount(answer);
        if (pay) return step.next({ pay } satisfies Carried);
        if ((COMPARE_REQUEST.test(answer) && OWN_PAY.test(answer)) || readYesNo(answer) === true) return this.askAmount(step);
        // After the figures, "is that good?" asks about them, not about an offer: what the sources make of the pay.
        if (COMPARE_REQUEST.test(answer)) return this.verdict(step, answer);
        if (readYesNo(answer) === false) {
            await step.context.sendActivity(this.deps.replies.fromDialog(SALARY_CHECK_DIALOG, DECLINED, [], { ids: [FIGURES_ENTRY] }));
            return step.endDialog();
        }
        return this.handOff(step, answer);
    }

    private async amountStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const result = step.result as Carried | string | undefined;
        if (typeof result === 'object') return step.next(result);
        const answer = String(result ?? '');
        const pay = findPayAmount(answer);
        if (pay) return step.next({ pay } satisfies Carried);
        if (NO_OFFER.test(answer) || readYesNo(answer) === false) {
            await step.context.sendActivity(this.deps.replies.fromDialog(SALARY_CHECK_DIALOG, NO_OFFER_YET, [], { ids: [COMPARE_ENTRY] }));
            return step.endDialog();
        }
        return this.handOff(step, answer);
    }

    private async compareStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const { pay } = step.result as { pay: PayAmount };
        await step.context.sendActivity(this.reply(compareSalary(this.deps.facts.salary, pay), COMPARE_ENTRY));
        return step.endDialog();
    }

    /** Whether the pay is good, as the sources see it (`VERDICT_ENTRY`); the dialog ends. */
    private async verdict(step: WaterfallStepContext, question: string): Promise<DialogTurnResult> {
        const entry = this.deps.search.entry(VERDICT_ENTRY);
        if (!entry) return this.handOff(step, question);
        rememberAnswer(await this.deps.memory.get(step.context, {}), entry);
        await step.context.sendActivity(this.deps.replies.answer(entry, 1, { question }));
        return step.endDialog();
    }

    private askAmount(step: WaterfallStepContext): Promise<DialogTurnResult> {
        return this.ask(step, AMOUNT_PROMPT, ASK_AMOUNT, RETRY_AMOUNT);
    }

    /**
     * A reply built from the salary facts, cited, with the follow-ups of the entry it answers (or `followUps`) after the
     * `lead` buttons that continue this dialog.
     */
    private reply(body: string, entryId: string, factorsOnly = false, buttons: { followUps?: string[]; lead?: CardAction[] } = {}): Partial<Activity> {
        const citations = this.deps.replies.citations(salarySources(this.deps.facts.salary, factorsOnly));
        const followUps = buttons.followUps ?? this.deps.search.entry(entryId)?.followUps ?? [];
        return this.deps.replies.fromDialog(SALARY_CHECK_DIALOG, body, followUps, { ids: [entryId], citations, lead: buttons.lead });
    }

    /**
     * The figures with a "Compare an offer" button first; the entry's own compare follow-up would repeat it. When the
     * visitor named a figure earlier in the conversation ("I make $18 an hour"), the button compares that one.
     */
    private figuresReply(remembered?: PayAmount): Partial<Activity> {
        const figures = describeFigures(this.deps.facts.salary);
        const followUps = (this.deps.search.entry(FIGURES_ENTRY)?.followUps ?? []).filter((id) => id !== COMPARE_ENTRY);
        const compare: CardAction = remembered
            ? { type: ActionTypes.ImBack, title: `Compare ${remembered.text}`, value: remembered.text }
            : { type: ActionTypes.ImBack, title: COMPARE_BUTTON, value: COMPARE_BUTTON };
        const body = remembered ? `${figures}\n\n${REMEMBERED_PAY(remembered.text)}` : figures;
        return this.reply(body, FIGURES_ENTRY, false, { followUps, lead: [compare] });
    }
}
