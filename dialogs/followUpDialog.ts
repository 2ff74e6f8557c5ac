import { ActionTypes, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, PromptValidator, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { withTrace } from '../src/replies/answerTrace';
import { findContact, readYesNo } from '../src/recognizers';
import type { ContactDetails } from '../src/recognizers';
import { describeSituation } from './situation';
import type { DialogDeps, FollowUpDetails } from './dialogDeps';

export const FOLLOW_UP_DIALOG = 'followUp';
const CONSENT_PROMPT = 'followUpConsentPrompt';
const NAME_PROMPT = 'followUpNamePrompt';
const CONTACT_PROMPT = 'followUpContactPrompt';
const TOPIC_PROMPT = 'followUpTopicPrompt';
const STEPS_WATERFALL = 'followUpWaterfall';

const EXPLAIN = (days: number) =>
    [
        'I can ask one of the **career advisors** to get in touch with you.',
        `If you agree, I’ll ask for your name and an email address or phone number. Only the advisors can see them; they use them to contact you about MLT careers, and they are deleted after ${days} days. You can say **cancel** at any time.`,
        'Shall I go ahead?',
    ].join('\n\n');
const RETRY_CONSENT = 'Shall I pass your details to an advisor? Please answer yes or no.';
const DECLINED = 'No problem: nothing was saved. You can keep asking me questions here.';
const ASK_NAME = 'What name should the advisor use for you?';
const RETRY_NAME = 'Please type just the name you’d like the advisor to use (up to 100 characters).';
const ASK_CONTACT = 'What email address or phone number should they use?';
const RETRY_CONTACT = 'I couldn’t read an email address or phone number there. Please type one, for example name@example.org or (555) 123-4567.';
const ASK_TOPIC = 'In a sentence, what would you like to talk about? (Or say **skip**.)';
const DONE = (kind: ContactDetails['kind']) =>
    `Thank you. Your request is in the advisors’ queue, and an advisor will contact you by ${kind === 'email' ? 'email' : 'phone'}. Meanwhile, ask me anything about MLT careers.`;
const GAVE_UP = 'Let’s leave it there for now: nothing was saved. Say **talk to someone** whenever you want to try again.';

const NAME_MARKER = '[name given for a follow-up]';
const CONTACT_MARKER = '[contact details given for a follow-up]';
const MAX_ATTEMPTS = 3;

/** What the waterfall collects. */
interface Collected {
    name?: string;
    contact?: ContactDetails;
}

/**
 * "Can I talk to someone?": explains what happens to the details, asks for consent, a name and an email or
 * phone number, and puts a follow-up request in the advisors' queue. The visitor's name and contact details
 * are kept only there, never in the transcript.
 */
export class FollowUpDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps) {
        super(FOLLOW_UP_DIALOG);
        this.addDialog(new TextPrompt(CONSENT_PROMPT, this.giveUpAfter((text) => readYesNo(text) !== undefined)));
        this.addDialog(new TextPrompt(NAME_PROMPT, this.giveUpAfter((text) => isName(text), NAME_MARKER)));
        this.addDialog(new TextPrompt(CONTACT_PROMPT, this.giveUpAfter((text) => findContact(text) !== undefined, CONTACT_MARKER)));
        this.addDialog(new TextPrompt(TOPIC_PROMPT));
        this.addDialog(
            new WaterfallDialog(STEPS_WATERFALL, [this.explainStep.bind(this), this.consentStep.bind(this), this.nameStep.bind(this), this.contactStep.bind(this), this.saveStep.bind(this)]),
        );
        this.initialDialogId = STEPS_WATERFALL;
    }

    private async explainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const yesNo = [
            { type: ActionTypes.ImBack, title: 'Yes', value: 'Yes' },
            { type: ActionTypes.ImBack, title: 'No', value: 'No' },
        ];
        const prompt = (text: string) => this.reply(MessageFactory.suggestedActions(yesNo, text));
        return step.prompt(CONSENT_PROMPT, { prompt: prompt(EXPLAIN(this.deps.followUps.retentionDays)), retryPrompt: prompt(RETRY_CONSENT) });
    }

    private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const consent = readYesNo(String(step.result ?? ''));
        if (consent === undefined) return this.endWith(step, GAVE_UP);
        if (!consent) return this.endWith(step, DECLINED);
        return step.prompt(NAME_PROMPT, { prompt: this.reply(MessageFactory.text(ASK_NAME)), retryPrompt: this.reply(MessageFactory.text(RETRY_NAME)) });
    }

    private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const name = String(step.result ?? '').trim();
        if (!isName(name)) return this.endWith(step, GAVE_UP);
        (step.values as Collected).name = name;
        return step.prompt(CONTACT_PROMPT, { prompt: this.reply(MessageFactory.text(ASK_CONTACT)), retryPrompt: this.reply(MessageFactory.text(RETRY_CONTACT)) });
    }

    private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const contact = findContact(String(step.result ?? ''));
        if (!contact) return this.endWith(step, GAVE_UP);
        (step.values as Collected).contact = contact;
        const skip = [{ type: ActionTypes.ImBack, title: 'Skip', value: 'skip' }];
        return step.prompt(TOPIC_PROMPT, { prompt: this.reply(MessageFactory.suggestedActions(skip, ASK_TOPIC)) });
    }

    private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const { name, contact } = step.values as Required<Collected>;
        const said = String(step.result ?? '').trim();
        const topic = /^(skip|no|nothing|none|n\/a)[.!]?$/i.test(said) ? '' : said;
        // What they told the bot about themselves earlier (their job, schooling, state) saves the advisor asking again.
        const situation = describeSituation(await this.deps.memory.get(step.context, {}));
        const details: FollowUpDetails = {
            name,
            contact: contact.value,
            contactKind: contact.kind,
            topic: [topic, situation && `(They told the bot: ${situation}.)`].filter(Boolean).join(' ').slice(0, 500),
        };
        await this.deps.followUps.request(step.context, details);
        return this.endWith(step, DONE(contact.kind));
    }

    private async endWith(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
        await step.context.sendActivity(this.reply(MessageFactory.text(text)));
        return step.endDialog();
    }

    /**
     * A validator that accepts what `ok` recognises and lets the waterfall decide after MAX_ATTEMPTS tries.
     * With a `marker`, every answer to the prompt (a name, contact details, or a mistyped try at them) is kept
     * out of the transcript.
     */
    private giveUpAfter(ok: (text: string) => boolean, marker?: string): PromptValidator<string> {
        return async (prompt) => {
            if (marker) this.deps.followUps.keepOutOfTranscript(prompt.context, marker);
            return ok(prompt.recognized.value ?? '') || prompt.attemptCount >= MAX_ATTEMPTS;
        };
    }

    private reply<T extends object>(activity: T): T {
        return withTrace(activity, { source: 'dialog', dialog: FOLLOW_UP_DIALOG, ids: [], score: 1 });
    }
}

/** A name: some letters, not an email address or phone number, at most 100 characters. */
function isName(text: string): boolean {
    const name = text.trim();
    return name.length > 0 && name.length <= 100 && /\p{L}/u.test(name) && findContact(name) === undefined;
}
