import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { NamedFact } from '../src/knowledge/factsSchema';
import { declines } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import { TopicDialog } from './topicDialog';
import { SAYS_HEARD } from './smallTalk';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';

export const WORK_SETTINGS_DIALOG = TOPIC_DIALOG.workSettings;
const SETTING_PROMPT = 'workSettingsPrompt';
const STEPS_WATERFALL = 'workSettingsWaterfall';
const ENTRY_ID = 'workplaces-settings';

const INTRO = 'MLTs work in a variety of settings. Our sources name:';
const ASK_MORE = 'Want to know more about one of these?';
const RETRY_MORE = 'Which one? Tap a setting below, or say **no** if that’s all.';
const NO_MORE = 'No problem. Ask me anything else about MLT careers, or pick one of these:';
const DONE_CHOICE = 'No, that’s all';
const TRAINING = (rotation: string, detail: string) => `In training, the **${rotation.toLowerCase()}** rotation covers this work: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`;

/** Words that say nothing about which setting is meant. */
const GENERIC = new Set(['and', 'or', 'of', 'the', 'a', 'an', 'in', 'at', 'for', 'to', 'more', 'about', 'tell', 'me', 'work', 'working', 'mlt', 'mlts']);
/** Spellings people use for the words in setting names, mapped to the word the names use. */
const SYNONYMS: Record<string, string> = {
    laboratory: 'lab', laboratorie: 'lab', doctor: 'physician', physicians: 'physician', pharmaceutical: 'pharma', pharmacy: 'pharma',
    'r&d': 'research', development: 'research', company: 'pharma', companie: 'pharma', agencie: 'agency',
};

/** Lowercased words, plural "s" dropped and synonyms mapped, so "Blood Banks" and "blood bank" read alike. */
function keywords(text: string): Set<string> {
    const words = text.toLowerCase().replace(/[’‘`]/g, "'").replace(/'s?\b/g, '').match(/[a-z&]+/g) ?? [];
    return new Set(
        words
            .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
            .map((w) => SYNONYMS[w] ?? w)
            .filter((w) => !GENERIC.has(w)),
    );
}

/**
 * The setting whose name (or short name) shares the most words with `text` ("blood bank", "hospital", "public
 * health"); a number picks by position. Undefined when nothing or more than one setting matches equally.
 */
export function findSetting(settings: readonly NamedFact[], text: string): NamedFact | undefined {
    const numbered = /^\s*([1-9])\s*$/.exec(text);
    if (numbered) return settings[Number(numbered[1]) - 1];
    const said = keywords(text);
    const scores = settings.map((s) => [...keywords(`${s.name} ${s.short ?? ''}`)].filter((w) => said.has(w)).length);
    const best = Math.max(0, ...scores);
    return best > 0 && scores.filter((score) => score === best).length === 1 ? settings[scores.indexOf(best)] : undefined;
}

/**
 * The visitor is done: "no", "no thanks", "that's all", "nothing"; and small talk that only says the list was heard
 * ("thanks!", "ok cool"), since the question was an offer ("thanks" got the list again, and "ok" once more).
 */
function isDone(text: string, deps: Pick<DialogDeps, 'smallTalk'>): boolean {
    const heard = deps.smallTalk.match(text)?.id;
    return (
        declines(text) ||
        (heard !== undefined && SAYS_HEARD.has(heard))
    );
}

/**
 * Where MLTs work: lists the settings from the sources, then tells more about the one the visitor picks.
 */
export class WorkSettingsDialog extends TopicDialog {
    constructor(deps: DialogDeps) {
        super(WORK_SETTINGS_DIALOG, 'workplaces', deps);
        const settings = deps.facts.workSettings.settings;
        this.addRecognizingPrompt<NamedFact | 'done'>(SETTING_PROMPT, (text) => findSetting(settings, text) ?? (isDone(text, deps) ? 'done' : undefined));
        this.addDialog(new WaterfallDialog(STEPS_WATERFALL, [this.listStep.bind(this), this.detailStep.bind(this)]));
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        await this.rememberTopic(step);
        const settings = this.deps.facts.workSettings.settings;
        const list = settings.map((s) => `- **${s.name}:** ${s.detail}`).join('\n');
        const citations = this.deps.replies.citations(settings.flatMap((s) => s.source));
        await step.context.sendActivity(this.deps.replies.fromDialog(WORK_SETTINGS_DIALOG, `${INTRO}\n${list}`, [], { ids: [ENTRY_ID], citations }));
        const choices = [...settings.map((s) => s.short ?? s.name), DONE_CHOICE];
        return this.ask(step, SETTING_PROMPT, ASK_MORE, RETRY_MORE, choices);
    }

    private async detailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const answer = String(step.result ?? '');
        const setting = findSetting(this.deps.facts.workSettings.settings, answer);
        const followUps = this.deps.search.entry(ENTRY_ID)?.followUps ?? [];
        if (!setting) {
            if (!isDone(answer, this.deps)) return this.handOff(step, answer);
            await step.context.sendActivity(this.deps.replies.fromDialog(WORK_SETTINGS_DIALOG, NO_MORE, followUps, { ids: [ENTRY_ID] }));
            return step.endDialog();
        }
        // What MLTs do there, when a clinical rotation is named after the same work (blood banks → blood banking).
        const settingWords = keywords(setting.name);
        const rotation = this.deps.facts.education.rotations.find((r) => [...keywords(r.name)].some((w) => settingWords.has(w)));
        const parts = [`**${setting.name}:** ${setting.detail}`];
        if (rotation) parts.push(TRAINING(rotation.name, rotation.detail));
        const sources = [...setting.source, ...(rotation?.source ?? [])];
        const citations = this.deps.replies.citations(sources);
        await step.context.sendActivity(this.deps.replies.fromDialog(WORK_SETTINGS_DIALOG, parts.join('\n\n'), followUps, { ids: [ENTRY_ID], citations }));
        return step.endDialog();
    }
}
