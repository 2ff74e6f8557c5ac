import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { findJurisdiction } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import {
    CareerGoal,
    EDUCATION_CHOICES,
    EducationLevel,
    GOAL_CHOICES,
    readEducation,
    readGoalAnswer,
    readOwnEducation,
    readOwnGoal,
    readStateAnswer,
    STATE_CHOICES,
    StateAnswer,
} from './pathwayAnswers';
import { buildPathwayPlan } from './pathwayPlan';
import { educationWords } from './situation';
import { TopicDialog, TopicDialogOptions } from './topicDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';

export const PATHWAY_PLANNER_DIALOG = TOPIC_DIALOG.pathwayPlanner;
const EDUCATION_PROMPT = 'pathwayEducationPrompt';
const GOAL_PROMPT = 'pathwayGoalPrompt';
const STATE_PROMPT = 'pathwayStatePrompt';
const STEPS_WATERFALL = 'pathwayPlannerWaterfall';
const ENTRY_ID = 'education-pathway-plan';

const INTRO = 'Let’s build your plan.';
const ASK_EDUCATION = 'What’s your education so far?';
const RETRY_EDUCATION = 'Sorry, I didn’t catch that. What’s the highest you’ve completed: high school (or GED), some college, an associate degree, or a bachelor’s (in which subject)?';
const ASK_GOAL = 'Which role are you aiming for: **MLT** (medical laboratory technician, 2-year route) or **MLS** (medical laboratory technologist or scientist, 4-year route)?';
const RETRY_GOAL = 'Which one: **MLT** (technician), **MLS** (technologist, also called MT or CLS), or **not sure yet**?';
const ASK_STATE = 'Which state do you plan to work in? Some states require a license. Say **skip** if you don’t know yet.';
/** Said when the visitor asks what a question means ("what do you mean?"); the question is then asked again. */
const EXPLAIN_EDUCATION = 'I mean the most schooling you have finished so far, so that your plan starts from where you are. Pick one of the buttons, or say it in your own words (for example “a bachelor’s in biology”).';
const EXPLAIN_GOAL =
    'There are two main lab roles: an **MLT** (technician) usually has a two-year associate degree, and an **MLS** (technologist or scientist) usually a bachelor’s. Your plan’s steps depend on which you aim for. If you don’t know yet, say **not sure yet**.';
const EXPLAIN_STATE = 'Some states require a license to work in a lab, so your plan includes that step for the state you name. If you don’t know yet, say **skip**.';
const REMEMBERED_EDUCATION = (education: string) => `You mentioned you have ${education}, so your plan starts from there.`;
const CORRECTED_EDUCATION = (education: string) => `Got it: you have ${education}. Your plan starts from there.`;
const RETRY_STATE = 'I didn’t recognise a US state or territory there. Which one (for example Texas, NY or Puerto Rico), or **skip**?';

/** How the planner is begun: as any topic dialog, or again with the education the visitor corrected at the role question. */
interface PlannerOptions extends TopicDialogOptions {
    correctedEducation?: EducationLevel;
}

/** What the planner has learned so far, kept in the waterfall's own values. */
interface PlannerValues {
    education?: EducationLevel;
    goal?: CareerGoal;
    state?: StateAnswer;
    introduced?: boolean;
    /** Set when the education came from what the visitor said earlier: the plan says so. */
    rememberedEducation?: EducationLevel;
}

/**
 * Pathway planner: asks for education so far, the role aimed for and the state (skipping what the opening
 * question already said), then gives an ordered, personal plan from program to first job.
 *
 * @remarks
 * A visitor who is not sure which role to aim for gets a short explanation and an MLT plan, because MLT is the
 * shorter entry point and MLTs can advance to MLS later. It starts only when asked for (the `education-pathway-plan`
 * entry's `dialogStarts: request`), and a question asked while it waits is answered and its question asked again.
 */
export class PathwayPlannerDialog extends TopicDialog {
    constructor(deps: DialogDeps) {
        super(PATHWAY_PLANNER_DIALOG, 'education', deps, 'resume');
        this.addRecognizingPrompt(EDUCATION_PROMPT, readEducation, EXPLAIN_EDUCATION);
        this.addRecognizingPrompt(GOAL_PROMPT, readGoalAnswer, EXPLAIN_GOAL);
        this.addRecognizingPrompt(STATE_PROMPT, readStateAnswer, EXPLAIN_STATE);
        this.addDialog(
            new WaterfallDialog(STEPS_WATERFALL, [this.educationStep.bind(this), this.goalStep.bind(this), this.stateStep.bind(this), this.planStep.bind(this)]),
        );
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async educationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        await this.rememberTopic(step);
        const options = step.options as PlannerOptions;
        const values = step.values as PlannerValues;
        // What the visitor said about themselves earlier in the conversation is not asked again.
        const memory = await this.deps.memory.get(step.context, {});
        values.education = options.correctedEducation ?? readOwnEducation(options.text);
        if (options.correctedEducation) values.introduced = true;
        if (!values.education && memory.education) values.education = values.rememberedEducation = memory.education;
        values.goal = readOwnGoal(options.text);
        values.state = options.state ?? findJurisdiction(options.text) ?? (memory.state ? findJurisdiction(memory.state) : undefined);
        if (values.education) return step.next();
        return this.askFirst(step, EDUCATION_PROMPT, ASK_EDUCATION, RETRY_EDUCATION, EDUCATION_CHOICES);
    }

    private async goalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const values = step.values as PlannerValues;
        values.education ??= readEducation(String(step.result ?? ''));
        if (!values.education) return this.handOff(step, String(step.result ?? ''));
        if (values.goal) return step.next();
        const corrected = (step.options as PlannerOptions).correctedEducation;
        const ask = corrected ? `${CORRECTED_EDUCATION(educationWords(corrected))}\n\n${ASK_GOAL}` : ASK_GOAL;
        return this.askFirst(step, GOAL_PROMPT, ask, RETRY_GOAL, GOAL_CHOICES);
    }

    private async stateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const values = step.values as PlannerValues;
        const answer = values.goal ? undefined : readGoalAnswer(String(step.result ?? ''));
        // Their schooling told again at the role question corrects it. With the role named too the plan goes on; without,
        // it starts over from the role question, saying what it now starts from.
        if (typeof answer === 'object') {
            const memory = await this.deps.memory.get(step.context, {});
            values.education = memory.education = answer.correctsEducation;
            delete values.rememberedEducation;
            if (!answer.goal) {
                const options: PlannerOptions = { text: '', correctedEducation: answer.correctsEducation, ...(values.state && values.state !== 'skip' ? { state: values.state } : {}) };
                return step.replaceDialog(STEPS_WATERFALL, options);
            }
        }
        values.goal ??= typeof answer === 'object' ? answer.goal : answer;
        if (!values.goal) return this.handOff(step, String(step.result ?? ''));
        if (values.state) return step.next();
        return this.askFirst(step, STATE_PROMPT, ASK_STATE, RETRY_STATE, STATE_CHOICES);
    }

    private async planStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const values = step.values as PlannerValues;
        values.state ??= readStateAnswer(String(step.result ?? ''));
        const { education, goal, state } = values;
        if (!education || !goal || !state) return this.handOff(step, String(step.result ?? ''));
        const plan = buildPathwayPlan(this.deps.facts, { education, goal, state: state === 'skip' ? undefined : state });
        const remembered = values.rememberedEducation ? `${REMEMBERED_EDUCATION(educationWords(values.rememberedEducation))}\n\n` : '';
        const followUps = this.deps.search.entry(ENTRY_ID)?.followUps ?? [];
        const citations = this.deps.replies.citations(plan.sources);
        await step.context.sendActivity(this.deps.replies.fromDialog(PATHWAY_PLANNER_DIALOG, `${remembered}${plan.text}`, followUps, { ids: [ENTRY_ID], citations }));
        return step.endDialog();
    }

    /** Asks, opening the first question of the conversation with the introduction. */
    private askFirst(step: WaterfallStepContext, promptId: string, text: string, retry: string, choices: string[]): Promise<DialogTurnResult> {
        const values = step.values as PlannerValues;
        const opening = values.introduced ? text : `${INTRO}\n\n${text}`;
        values.introduced = true;
        return this.ask(step, promptId, opening, retry, choices);
    }
}
