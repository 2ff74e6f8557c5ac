import type { Activity } from 'botbuilder';
import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { AnswerSection } from '../src/replies/answerContent';
import { findJurisdiction, isUndecided, UsJurisdiction } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import { TopicDialog, TopicDialogOptions } from './topicDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';

export const LICENSURE_DIALOG = TOPIC_DIALOG.licensure;
const STATE_PROMPT = 'licensureStatePrompt';
const STEPS_WATERFALL = 'licensureWaterfall';
const ENTRY_ID = 'licensure-by-state';

const ASK_STATE = 'Which state or territory do you plan to work in? I’ll tell you what our sources say about it.';
const RETRY_STATE = 'I didn’t recognise a US state or territory there. Which one do you mean? (For example: Texas, NY or Puerto Rico.)';
const LISTED = (name: string) => `**Yes: ${name} requires a license.** ${name} is one of the places our sources name as requiring medical laboratory professionals to hold a state license.`;
const STEPS_INTRO = 'The process usually involves:';
const MENTIONED = (name: string) => `You mentioned ${name}.`;
const NO_STATE_YET = 'No problem. The places our sources name are in the list above; once you know where you’ll work, ask me about that state.';
/** What the state prompt reads from "idk yet", "not sure": no state chosen. */
const UNDECIDED = 'undecided';
/**
 * Asking which states the question means, while it waits for one: "which states?", "what states require one?", "which
 * ones?", "can you list them?". Anchored at the start or a short phrase: linear in the text's length.
 */
const ASKS_WHICH_STATES = /^\s*(?:(?:and|so|ok(?:ay)?|but|um+|hmm+)[\s,]+)?(?:which|what)\s+(?:states?|ones?|places?|territories)\b|\b(?:list|name)\s+(?:them|the\s+states|those\s+states)\b/i;
/** Asking how to get the licence, named only by a pronoun: "how do I get one?", "so how would I get it?". */
const ASKS_HOW_TO_GET = /^\s*(?:(?:and|so|ok(?:ay)?|but)[\s,]+)?how\s+(?:do|would|can|could|does)\s+(?:i|you|we|one|someone|a\s+person)\s+(?:get|obtain|apply\s+for)\s+(?:one|it|that|them)\b/i;
/** Asking why the state is asked for: "why do you need to know?", "why does the state matter?". */
const ASKS_WHY_STATE = /^\s*(?:(?:but|and|so|ok(?:ay)?)[\s,]+)?why\s+(?:do\s+you\s+(?:need|want)\s+(?:to\s+know|that|it|my\s+state)|does\s+(?:it|that|the\s+state|my\s+state)\s+matter|do\s+you\s+ask|are\s+you\s+asking)\b/i;
const WHY_STATE =
    'Because each state sets its own rules: some require medical laboratory professionals to hold a state license and others do not, so the answer depends on where you will work. If you have not decided yet, say **not sure yet**.';
/** The entry that answers how to get a licence: the steps. */
const STEPS_ENTRY_ID = 'licensure-steps';
const STATES_NAMED = (places: string) =>
    `Our sources name **${places}** as places that require medical laboratory professionals to hold a state license. Other states may too, so check with the state where you’ll work.`;
const VERIFY = (name: string) => `Rules change, so always confirm the current requirements with ${name}’s licensing board before you apply.`;

/**
 * Licensure by state: names the rule for a recognised state or territory, or explains the general rule
 * and asks which state.
 */
export class LicensureDialog extends TopicDialog {
    constructor(deps: DialogDeps) {
        super(LICENSURE_DIALOG, 'licensure', deps);
        // "idk yet" answers it too: they have not chosen a state.
        this.addRecognizingPrompt(STATE_PROMPT, (text) => findJurisdiction(text) ?? (isUndecided(text) ? UNDECIDED : undefined), WHY_STATE);
        this.addDialog(new WaterfallDialog(STEPS_WATERFALL, [this.stateStep.bind(this), this.answerStep.bind(this)]));
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async stateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        await this.rememberTopic(step, ENTRY_ID);
        const options = step.options as TopicDialogOptions;
        if (options.state) return step.next(options.state);
        // A state the visitor named earlier, describing their situation, answers the question without asking it again.
        const remembered = (await this.deps.memory.get(step.context, {})).state;
        const known = remembered ? findJurisdiction(remembered) : undefined;
        if (known) return step.next({ ...known, mentioned: true });
        const rules = this.deps.facts.licensure;
        await step.context.sendActivity(
            this.deps.replies.fromDialog(LICENSURE_DIALOG, `${rules.generalRule.trim()}\n\n${this.stepsList()}`, [], {
                ids: [ENTRY_ID],
                citations: this.deps.replies.citations(rules.source),
            }),
        );
        return this.ask(step, STATE_PROMPT, ASK_STATE, RETRY_STATE);
    }

    private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const state = typeof step.result === 'string' ? findJurisdiction(step.result) : (step.result as (UsJurisdiction & { mentioned?: boolean }) | undefined);
        if (!state && typeof step.result === 'string' && isUndecided(step.result)) {
            await step.context.sendActivity(this.deps.replies.fromDialog(LICENSURE_DIALOG, NO_STATE_YET, [], { ids: [] }));
            return step.endDialog();
        }
        if (!state) return this.handOff(step, String(step.result ?? ''));
        const followUps = this.deps.search.entry(ENTRY_ID)?.followUps ?? [];
        const mentioned = typeof step.result === 'object' && (step.result as { mentioned?: boolean }).mentioned;
        const answer = licensureForState(this.deps, state, mentioned);
        // The state asked about is where they plan to work: "how do I get one?" next is answered for it, not asked again.
        (await this.deps.memory.get(step.context, {})).state = state.name;
        await step.context.sendActivity(this.deps.replies.fromDialog(LICENSURE_DIALOG, answer.text, followUps, { ids: [ENTRY_ID], citations: answer.citations }));
        return step.endDialog();
    }

    /**
     * While the state prompt waits: "which states?" gets the places the sources name, "how do I get one?" the licence's
     * steps (the entry a search for them answers with), "why do you need to know?" why the state matters; then the prompt
     * again.
     */
    protected override answerAbout(promptId: string, text: string): Partial<Activity> | undefined {
        if (promptId !== STATE_PROMPT) return undefined;
        const steps = ASKS_HOW_TO_GET.test(text) ? this.deps.search.entry(STEPS_ENTRY_ID) : undefined;
        if (steps) return this.deps.replies.answer(steps, 1);
        const rules = this.deps.facts.licensure;
        if (ASKS_WHY_STATE.test(text)) return this.deps.replies.fromDialog(LICENSURE_DIALOG, WHY_STATE, [], { ids: [ENTRY_ID], citations: this.deps.replies.citations(rules.source) });
        if (!ASKS_WHICH_STATES.test(text)) return undefined;
        const names = rules.requiringJurisdictions.map((j) => j.name);
        const places = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
        return this.deps.replies.fromDialog(LICENSURE_DIALOG, STATES_NAMED(places), [], { ids: [ENTRY_ID], citations: this.deps.replies.citations(rules.source) });
    }

    private stepsList(): string {
        return stepsList(this.deps);
    }
}

/**
 * What our sources say about a licence in `state` (listed or not, the steps, whom to confirm with), with its
 * citations: this dialog's answer, and the part of a reply to several questions that asks about a named state.
 * `mentionedEarlier` says the state came from earlier in the conversation ("You mentioned Texas.").
 */
export function licensureForState(deps: Pick<DialogDeps, 'facts' | 'replies'>, state: UsJurisdiction, mentionedEarlier = false): AnswerSection {
    const rules = deps.facts.licensure;
    const listed = rules.requiringJurisdictions.some((j) => j.code === state.code);
    const body = listed ? `${LISTED(state.name)}\n\n${stepsList(deps)}\n\n${VERIFY(state.name)}` : rules.notListedAdvice.trim().split('{state}').join(state.name);
    // Said when the state came from earlier in the conversation, so the visitor can correct it.
    return { text: `${mentionedEarlier ? `${MENTIONED(state.name)} ` : ''}${body}`, citations: deps.replies.citations(rules.source) };
}

/**
 * A line on `state`'s licence for an answer on something else that the question asked in that state ("what do I need to
 * work as an MLT in California?", answered with the degree or training): whether the sources list it, with their
 * citations. The steps are this dialog's, offered by name.
 */
export function stateLicenceNote(deps: Pick<DialogDeps, 'facts' | 'replies'>, state: UsJurisdiction): AnswerSection {
    const rules = deps.facts.licensure;
    const listed = rules.requiringJurisdictions.some((j) => j.code === state.code);
    const text = listed
        ? `**${state.name} requires a state license as well.** It is one of the places our sources name as requiring medical laboratory professionals to hold one; ask me about ${state.name}’s license for the steps.`
        : `**${state.name} is not on our sources’ list of places that require a state license.** The list is given as examples, so confirm with ${state.name}’s laboratory licensing board or health department.`;
    return { text, citations: deps.replies.citations(rules.source) };
}

function stepsList(deps: Pick<DialogDeps, 'facts'>): string {
    const steps = deps.facts.licensure.steps.map((s, i) => `${i + 1}. **${s.name}:** ${s.detail}`);
    return `${STEPS_INTRO}\n${steps.join('\n')}`;
}
