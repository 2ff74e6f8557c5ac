import { Attachment, CardFactory } from 'botbuilder';
import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ComparisonFacts, EducationFacts } from '../src/knowledge/factsSchema';
import type { SourceRef } from '../src/knowledge/schema';
import { declines } from '../src/recognizers';
import type { DialogDeps } from './dialogDeps';
import { TopicDialog } from './topicDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';

export const MLT_VS_MLS_DIALOG = TOPIC_DIALOG.mltVsMls;
const FIT_PROMPT = 'mltVsMlsFitPrompt';
const STEPS_WATERFALL = 'mltVsMlsWaterfall';
const ENTRY_ID = 'mlt-vs-mls-compare';

const CARD_TITLE = 'MLT vs MLS at a glance';
const HEADER: Row = ['Feature', 'MLT (technician)', 'MLS (technologist)'];
const SUMMARY =
    'The key difference: an **MLT** usually trains with an associate’s degree (2 years) or a certificate program, performs routine tests and works under the supervision of a technologist or pathologist; an **MLS** usually has a bachelor’s degree (4 years), performs more complex tests and works more independently.';
const ASK_FIT = 'Which fits you better?';
// Said to a reply it cannot read, often the question asked back ("which one should I do?"): it answers that too.
const RETRY_FIT = 'It depends on what you want. Would you rather **start working sooner** (MLT), get **a bachelor’s and more responsibility** (MLS), or are you **not sure yet**?';
const FIT_CHOICES = ['I want to start working sooner', 'I want a bachelor’s and more responsibility', 'Not sure yet'];

/** Which role suits the visitor's answer; `undecided` when they cannot choose yet; `declined` when they would rather not say. */
type Fit = 'mlt' | 'mls' | 'undecided' | 'declined';
type Row = [string, string, string];

const FIT_TEXT: Record<Fit, string> = {
    mlt: '**The MLT (technician) route fits you better.** It is the shorter way into the lab: an associate’s degree (2 years) or a certificate program, then routine testing under a technologist’s or pathologist’s supervision.',
    mls: '**The MLS (technologist) route fits you better.** It takes a bachelor’s degree (4 years) and brings more complex tests, validating results, more independence and possibly supervising others.',
    undecided: '**No need to decide yet.** If you want to start working sooner, MLT is the shorter route; if you want a bachelor’s and more responsibility, MLS is. Starting as an MLT keeps both doors open, because an MLT can later advance to MLS with further education.',
    declined: '**No problem: you don’t have to choose.**',
};
const NEXT_STEP: Record<Fit, string> = {
    mlt: '**Next step:** look for an accredited associate’s degree in medical laboratory technology or a certificate program (accreditors include NAACLS and ABHES). Later, you can advance to MLS with further education, usually a bachelor’s degree.',
    mls: '**Next step:** look for an accredited bachelor’s degree in medical laboratory science, medical technology or a related field. If you’d rather start working first, you can also begin as an MLT and advance to MLS with further education.',
    undecided: '**Next step:** say **take the quiz** for four quick questions on whether lab work suits you, or **make me a plan** for a step-by-step route.',
    declined: 'If it helps later, say **take the quiz** for four quick questions on whether lab work suits you, or **make me a plan** for a step-by-step route.',
};

/** Recognises which role the visitor leans towards, from the buttons or their own words. */
export function readFit(text: string): Fit | undefined {
    const t = ` ${text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^a-z0-9'\s-]/g, ' ').replace(/\s+/g, ' ')} `;
    if (/^ *1 *$/.test(t)) return 'mlt';
    if (/^ *2 *$/.test(t)) return 'mls';
    if (/^ *3 *$/.test(t)) return 'undecided';
    // The buttons by their place: "the first one", "second".
    const placed = /^ *(?:the )?(first|second|third|last)(?: one| option| choice)? *$/.exec(t)?.[1];
    if (placed) return placed === 'first' ? 'mlt' : placed === 'second' ? 'mls' : 'undecided';
    // "Tell me the difference between MLT and MLS" names both roles but asks how they differ: it chooses nothing.
    if (/\b(difference|differences|differ|differs|different|compare|compared|comparison|versus|vs)\b/.test(t)) return undefined;
    if (/\b(not sure|unsure|don'?t know|dunno|idk|undecided|no idea|either|can'?t decide|haven'?t decided|no preference|maybe)\b/.test(t)) return 'undecided';
    // "No bachelor's for me", "I can't afford 4 years of school" lean to MLT even though they name the MLS degree.
    if (/\b(no|not|don'?t|can'?t|cannot|couldn'?t|won'?t|without|skip|rather not)\b[^.]{0,25}\b(bachelor'?s?|4[- ]years?|four[- ]years?|university)\b/.test(t)) return 'mlt';
    const mlt = /\b(sooner|soon|quick(er|ly)?|fast(er)?|asap|right away|start working|mlt|technician|associate'?s?|certificate|2[- ]years?|two[- ]years?|shorter)\b/.test(t);
    const mls = /\b(bachelor'?s?|responsibility|responsibilities|mls|mt|cls|technologist|scientist|4[- ]years?|four[- ]years?|supervis\w*|complex|independen\w*|in charge|lead|leading)\b/.test(t);
    if (mlt && mls) return 'undecided';
    if (mlt) return 'mlt';
    if (mls) return 'mls';
    // "No thanks", "neither", "pass": the visitor would rather not choose (before, the question was asked again).
    if (declines(text)) return 'declined';
    return undefined;
}

/**
 * MLT vs MLS: the comparison table as an Adaptive Card with a one-line summary, then which role fits the visitor
 * and the next step towards it.
 */
export class MltVsMlsDialog extends TopicDialog {
    constructor(deps: DialogDeps) {
        super(MLT_VS_MLS_DIALOG, 'mlt-vs-mls', deps);
        this.addRecognizingPrompt(FIT_PROMPT, readFit);
        this.addDialog(new WaterfallDialog(STEPS_WATERFALL, [this.compareStep.bind(this), this.fitStep.bind(this)]));
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async compareStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        await this.rememberTopic(step);
        const comparison = this.deps.facts.mltVsMls;
        const citations = this.deps.replies.citations(comparison.source);
        await step.context.sendActivity(
            this.deps.replies.fromDialog(MLT_VS_MLS_DIALOG, SUMMARY, [], { ids: [ENTRY_ID], citations, attachments: [comparisonCard(comparison)] }),
        );
        return this.ask(step, FIT_PROMPT, ASK_FIT, RETRY_FIT, FIT_CHOICES);
    }

    private async fitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const answer = String(step.result ?? '');
        const fit = readFit(answer);
        if (!fit) return this.handOff(step, answer);
        const sources = [...this.deps.facts.mltVsMls.source, ...programSources(this.deps.facts.education, fit)];
        const text = `${FIT_TEXT[fit]}\n\n${NEXT_STEP[fit]}`;
        const followUps = this.deps.search.entry(ENTRY_ID)?.followUps ?? [];
        await step.context.sendActivity(this.deps.replies.fromDialog(MLT_VS_MLS_DIALOG, text, followUps, { ids: [ENTRY_ID], citations: this.deps.replies.citations(sources) }));
        return step.endDialog();
    }
}

/** The sources of the programs that lead to the role that fits, and of the accreditors named in the next step. */
function programSources(education: EducationFacts, fit: Fit): SourceRef[] {
    if (fit === 'declined') return [];
    const programs = education.programs.filter((p) => fit === 'undecided' || p.leadsTo === fit);
    return [...programs.flatMap((p) => p.source), ...education.accreditors.flatMap((a) => a.source)];
}

/**
 * The comparison as an Adaptive Card 1.5: one ColumnSet per row under a header row (no Table, for older hosts).
 * Three equal columns: at 1:2:2 the feature column was too narrow for "Supervision" in a phone-sized chat and the
 * card broke the word; every row has the same weights, so the columns stay lined up.
 */
function comparisonCard(comparison: ComparisonFacts): Attachment {
    const cell = (text: string, bold: boolean) => ({ type: 'TextBlock', text, wrap: true, ...(bold ? { weight: 'Bolder' } : {}) });
    const row = (cells: Row, header: boolean) => ({
        type: 'ColumnSet',
        separator: !header,
        spacing: 'Medium',
        columns: cells.map((text, i) => ({ type: 'Column', width: 1, items: [cell(text, header || i === 0)] })),
    });
    return CardFactory.adaptiveCard({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
            { type: 'TextBlock', text: CARD_TITLE, size: 'Medium', weight: 'Bolder', wrap: true },
            { type: 'Container', style: 'emphasis', items: [row(HEADER, true)] },
            ...comparison.rows.map((r) => row([r.feature, r.mlt, r.mls], false)),
        ],
    });
}
