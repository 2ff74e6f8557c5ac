import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { CareerFitFacts } from '../src/knowledge/factsSchema';
import { readLiking, readYesNo } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import { TopicDialog } from './topicDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';

export const CAREER_FIT_DIALOG = TOPIC_DIALOG.careerFit;
const ANSWER_PROMPT = 'careerFitAnswerPrompt';
const STEPS_WATERFALL = 'careerFitWaterfall';
const ENTRY_ID = 'suitability-quiz';

const YES_NO = ['Yes', 'No'];
const INTRO = (count: number) => `Let’s see whether MLT work could suit you: ${count} quick yes/no questions.`;
const QUESTION = (n: number, count: number, prompt: string) => `**${n}/${count}.** ${prompt}`;
const RETRY = (prompt: string) => `Please answer **yes** or **no**: ${prompt}`;
/** Said when the visitor asks what a question means ("what do you mean?"); the question is then asked again. */
const EXPLAIN =
    'Each question asks whether something the work calls for describes you. Answer **yes** or **no** as best you can; at the end I’ll tell you what your answers say about the fit, from what our sources say the work asks for.';
const SCORE = (yes: number, count: number) => `**You answered yes to ${yes} of ${count}.**`;
const NEXT_STEPS = 'Next steps: talk to a school or career advisor, look at accredited programs (for example NAACLS- or ABHES-accredited ones), or ask me to **make you a plan**.';

type Verdict = 'good' | 'explore' | 'unlikely';
/** Share of "yes" answers at or above which each verdict applies: 3 of 4 is a good fit, 2 of 4 worth exploring. */
const VERDICT_AT: ReadonlyArray<[Verdict, number]> = [['good', 0.75], ['explore', 0.5], ['unlikely', 0]];
const VERDICT_TEXT: Record<Verdict, string> = {
    good: '**It sounds like a good fit.** Your answers line up with most or all of what our sources say the work asks for.',
    explore: '**It’s worth exploring further.** Parts of the job suit you and parts may be a hurdle; the notes above say which. Talking to people who do the work can help you decide.',
    unlikely:
        '**MLT work may not suit you.** The sources describe it as science-heavy, detail-driven and mostly behind the scenes. If you want more patient contact, consider phlebotomy, which they describe as involving patient care, or talk to a career advisor about other healthcare roles.',
};

/** The dialog's own record of the quiz, kept in the waterfall's values. */
interface QuizValues {
    answers: boolean[];
}

/**
 * "Is this career right for me?": the yes/no questions of the career-fit quiz in order, then how many fit, what
 * each answer means and an honest conclusion.
 *
 * @remarks
 * The waterfall has one step per question (the same `questionStep`, which knows its question by its index) and a
 * summary step, so content authors can add or remove questions without code. It starts only when asked for (the
 * `suitability-quiz` entry's `dialogStarts: request`), and a question asked mid-quiz is answered and the quiz goes on.
 */
export class CareerFitDialog extends TopicDialog {
    private readonly readAnswer: (text: string) => boolean | undefined;

    constructor(deps: DialogDeps) {
        super(CAREER_FIT_DIALOG, 'suitability', deps, 'resume');
        // "i hate science" answers the science question: how the visitor feels about what a question asks is an answer.
        const subjects = deps.facts.careerFit.questions.map((q) => q.prompt).join(' ');
        this.readAnswer = (text) => readYesNo(text) ?? readLiking(text, subjects);
        this.addRecognizingPrompt(ANSWER_PROMPT, this.readAnswer, EXPLAIN);
        const questionSteps = deps.facts.careerFit.questions.map(() => this.questionStep.bind(this));
        this.addDialog(new WaterfallDialog(STEPS_WATERFALL, [...questionSteps, this.summaryStep.bind(this)]));
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async questionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const values = step.values as QuizValues;
        if (step.index === 0) {
            await this.rememberTopic(step);
            values.answers = [];
        } else {
            const answer = this.readAnswer(String(step.result ?? ''));
            if (answer === undefined) return this.handOff(step, String(step.result ?? ''));
            values.answers.push(answer);
        }
        const questions = this.deps.facts.careerFit.questions;
        const question = QUESTION(step.index + 1, questions.length, questions[step.index].prompt);
        const text = step.index === 0 ? `${INTRO(questions.length)}\n\n${question}` : question;
        return this.ask(step, ANSWER_PROMPT, text, RETRY(questions[step.index].prompt), YES_NO);
    }

    private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const values = step.values as QuizValues;
        const answer = this.readAnswer(String(step.result ?? ''));
        if (answer === undefined) return this.handOff(step, String(step.result ?? ''));
        values.answers.push(answer);
        const quiz = this.deps.facts.careerFit;
        const text = `${summarize(quiz, values.answers)}\n\n${NEXT_STEPS}`;
        const citations = this.deps.replies.citations([...quiz.source, ...quiz.questions.flatMap((q) => q.source)]);
        const followUps = this.deps.search.entry(ENTRY_ID)?.followUps ?? [];
        await step.context.sendActivity(this.deps.replies.fromDialog(CAREER_FIT_DIALOG, text, followUps, { ids: [ENTRY_ID], citations }));
        return step.endDialog();
    }
}

/** The score, each question with the visitor's answer and what it means, and the verdict. */
function summarize(quiz: CareerFitFacts, answers: boolean[]): string {
    const yes = answers.filter(Boolean).length;
    const share = yes / quiz.questions.length;
    const verdict = VERDICT_AT.find(([, at]) => share >= at)?.[0] ?? 'unlikely';
    const lines = quiz.questions.map((q, i) => `- **${q.prompt}** ${answers[i] ? 'Yes' : 'No'}. ${answers[i] ? q.ifYes : q.ifNo}`);
    return `${SCORE(yes, quiz.questions.length)}\n${lines.join('\n')}\n\n${VERDICT_TEXT[verdict]}`;
}
