import { Activity, ActionTypes, MessageFactory, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
    ComponentDialog,
    Dialog,
    DialogContext,
    DialogSet,
    DialogTurnResult,
    DialogTurnStatus,
    WaterfallDialog,
    WaterfallStepContext,
    DialogState,
} from 'botbuilder-dialogs';
import { withTrace, FallbackReason } from '../src/replies/answerTrace';
import { noteForTurn } from '../src/replies/answerContent';
import { findJurisdiction, findPayAmount, UsJurisdiction } from '../src/recognizers';
import { rememberAnswer, rememberGap, type DialogDeps } from './dialogDeps';
import { TopicDialog, TopicDialogOptions, TopicDialogResult } from './topicDialog';
import { stateLicenceNote } from './licensureDialog';
import { TOPIC_DIALOG } from '../src/knowledge/dialogIds';
import { FollowUpDialog, FOLLOW_UP_DIALOG } from './followUpDialog';
import { DeleteChatDialog, DELETE_CHAT_DIALOG } from './deleteChatDialog';
import { answerFromSituation, answerQuestions, asksForLicence, asksPayOfKinds } from './severalQuestions';
import { findQuestions } from '../src/knowledge/questionFinder';
import { smallTalkReply } from './smallTalk';
import { answerOfferingDialog, requestedDialogEntry, startsOnRequest } from './dialogChoice';
import type { SmallTalkEntry } from '../src/knowledge/smallTalkSchema';
import type { SearchHit } from '../src/knowledge/searchIndex';
import type { Topic } from '../src/knowledge/schema';
import { leadingGap } from '../src/knowledge/gapSchema';
import { LAB_JOBS } from './situation';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE_WATERFALL = 'routeWaterfall';

/** What routing a visitor's text did: replied to it, or names the dialog to begin for it (having sent nothing). */
type Routed = { replied: true } | { begin: string; options?: TopicDialogOptions };
const REPLIED: Routed = { replied: true };

/** Topics of what it takes (school, the exam, the step to MLS): where a state named in the question adds its licence. */
const STATE_MATTERS: ReadonlySet<Topic> = new Set<Topic>(['education', 'certification', 'advancement']);
/** An answer that speaks of licences at all ("a state license where the state requires one"). */
const LICENCE_WORD = /\blicen[cs]/i;

/**
 * Longest message read, the same on every channel (each accepts up to MAX_VISITOR_TEXT, for button values and cards).
 * Real posts run long: the longest of the real questions, trimmed to their asking part, is 1,600 characters, and whole
 * forum posts run to a few thousand. Reading one costs time linear in its length (its questions are found in one pass,
 * at most MAX_SEARCHED_PARTS of them are searched, the state and pay readers scan it): about 10 ms a thousand
 * characters of hostile text, so 5,000 keeps the worst turn near 50 ms; 2,000 turned real posts away.
 */
export const MAX_QUESTION_LENGTH = 5_000;

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

/** Letting go of what waits: alone it is the `cancel` command, before a question it drops the dialog (`DROPS_DIALOG`). */
const LETTING_GO = 'never ?mind|nvm|forget (?:it|that|about it|the (?:quiz|plan|questions))';

type Command = 'help' | 'menu' | 'startOver' | 'cancel' | 'deleteChat';
const COMMANDS: ReadonlyArray<[Command, RegExp]> = [
    ['help', /^(help|\?|what can you do|what can you help (me )?with|how does this work|options)$/],
    ['menu', /^(menu|main menu|topics|show (me )?(the )?menu|home)$/],
    ['startOver', /^(start over|restart|reset|begin again|start again)$/],
    // Wanting out, however it is put: "can we stop", "stop asking me questions", "I'm done with this quiz" (apostrophes
    // are spaces here: "i m").
    [
        'cancel',
        new RegExp(`^(?:(?:ok|okay|actually|please|um|uh|no|nah|yeah)\\s)*(?:cancel|stop|quit|exit|${LETTING_GO}|can we (?:stop|quit)(?: this| now)?|let ?s stop(?: this| now)?|stop (?:asking(?: me)?(?: questions| that)?|the (?:quiz|questions|plan))|(?:end|cancel|quit|exit|skip|stop) (?:the |this )?(?:quiz|questions|plan|planner)|i ?m done with (?:this|that|the quiz|this quiz|the questions|these questions)|i don ?t want to do (?:this|the quiz|this quiz)(?: anymore)?)(?:\\s(?:please|thanks|thank you))?$`),
    ],
    // The widget's menu sends "delete my chat".
    ['deleteChat', /^(please )?(delete|erase|remove|clear|wipe) (my|this|the|our) (whole )?(chat|conversation|data|messages|history|chat history|conversation history)( please)?$/],
];

/**
 * A question that opens by dropping what waits: "never mind, how much do MLTs make?", "forget the quiz. what do MLTs
 * do?". The dialog is dropped and the rest is answered as a new question (the whole message alone is `cancel`).
 */
const DROPS_DIALOG = new RegExp(`^(?:(?:ok|okay|actually|um|uh|no|nah|oh)[\\s,]+)*(?:${LETTING_GO}|skip (?:it|that|the (?:quiz|plan|questions)))(?![\\w'])[\\s,.!;:…-]*`, 'i');

/** Asking for a person rather than an answer: "can I talk to someone?", "I'd like an advisor to call me". */
const FOLLOW_UP_REQUEST = [
    /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|the\s+|some\s+)?(someone|somebody|person|human|real person|advisor|adviser|counsell?or|career (advisor|adviser|counsell?or)|staff|people)\b/,
    /\b(advisor|adviser|counsell?or|someone|somebody)\b.*\b(contact|call|email|reach|get in touch with)\s+me\b/,
    /\b(contact|call|email)\s+me\b.*\b(advisor|adviser|counsell?or|someone|back)\b/,
    /^(human|real person|advisor|adviser|an advisor|a human|talk to an advisor|operator|agent)[.!?]*$/,
];

/**
 * Runners-up this close to an answer's score are offered as its first buttons (at most MAX_ALTERNATIVES). Chosen on
 * the tuning questions (`npm run bands`, then the runners-up of wrong answers): of 15 questions answered with the wrong
 * entry, the right one was second to fourth within 0.1 in 8, and further off in the others.
 */
const ALTERNATIVE_WITHIN = 0.1;
const MAX_ALTERNATIVES = 2;

/** The ids of the entries that nearly won, best first. */
export function closeAlternatives(hits: SearchHit[]): string[] {
    const [top, ...rest] = hits;
    return top ? rest.filter((h) => top.score - h.score <= ALTERNATIVE_WITHIN).slice(0, MAX_ALTERNATIVES).map((h) => h.entry.id) : [];
}

/** The text with a state's name and postal code (in capitals: "IN" but not "in") blanked out. */
export function withoutPlace(text: string, place: UsJurisdiction): string {
    const name = place.name.replace(/[.]/g, '\\.').replace(/\s+/g, '\\s+');
    return text.replace(new RegExp(`\\b${name}\\b`, 'gi'), ' ').replace(new RegExp(`\\b${place.code}\\b`, 'g'), ' ');
}

/**
 * A message longer than this is a post: only its questions can ask for a person ("…I decided to talk to an advisor about
 * the steps in applying…" tells what they did).
 */
const MAX_PLAIN_REQUEST_LENGTH = 160;

/** True when the visitor asks to be put in touch with a person. */
export function isFollowUpRequest(text: string): boolean {
    const asks = (said: string) => {
        const plain = said.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
        return FOLLOW_UP_REQUEST.some((pattern) => pattern.test(plain));
    };
    // A post is split into its questions only when it names a person somewhere.
    return asks(text) && (text.length <= MAX_PLAIN_REQUEST_LENGTH || findQuestions(text).questions.some((q) => asks(q.text)));
}

/** Recognises a global command when it is the whole message ("help", "start over!"). */
export function readCommand(text: string): Command | undefined {
    const plain = text.toLowerCase().replace(/[^a-z? ]/g, ' ').replace(/\s+/g, ' ').trim();
    return COMMANDS.find(([, pattern]) => pattern.test(plain))?.[0];
}

/**
 * Routes each turn: global commands interrupt any dialog; other text goes to knowledge search, which answers,
 * suggests, falls back, or starts the topic dialog its entry names (for the quiz and the planner, only when the visitor
 * asks for them: see dialogChoice.ts). A question asked while a topic dialog waits is answered; the dialog then goes
 * on or is dropped, as its `onQuestion` says.
 */
export class MainDialog extends ComponentDialog {
    constructor(private readonly deps: DialogDeps, topicDialogs: TopicDialog[]) {
        super(MAIN_DIALOG);
        topicDialogs.forEach((d) => this.addDialog(d));
        this.addDialog(new FollowUpDialog(deps));
        this.addDialog(new DeleteChatDialog(deps));
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
        return (await this.interrupt(innerDc)) ?? (await this.answerAside(innerDc)) ?? super.onContinueDialog(innerDc);
    }

    /**
     * A question asked while a dialog the visitor chose waits (the quiz, the planner): answered, then the dialog's
     * question is asked again, as a person would after an aside. When answering it means beginning another dialog
     * ends (`TopicDialog.resumeDialog`); asking for the waiting dialog itself starts it afresh. A question that opens by
     * dropping the dialog ("never mind, how much do MLTs make?") ends it and is answered alone. Other dialogs drop
     * themselves on a question (`TopicDialog.continueDialog`) and the question is routed as any other.
     */
    private async answerAside(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
        const active = innerDc.activeDialog ? this.findDialog(innerDc.activeDialog.id) : undefined;
        if (!(active instanceof TopicDialog) || active.onQuestion !== 'resume') return undefined;
        const question = await active.questionAsked(innerDc);
        if (question === undefined) return undefined;
        const dropping = DROPS_DIALOG.exec(question);
        if (dropping && dropping[0].length < question.length) {
            await innerDc.cancelAllDialogs();
            return innerDc.beginDialog(ROUTE_WATERFALL, { text: question.slice(dropping[0].length) });
        }
        const routed = await this.route(innerDc.context, question, true);
        if (!('begin' in routed)) {
            await innerDc.repromptDialog();
            return Dialog.EndOfTurn;
        }
        if (routed.begin !== active.id) return innerDc.beginDialog(routed.begin, routed.options);
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(ROUTE_WATERFALL, { text: question });
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
            case 'deleteChat':
                // On top of whatever waits: "no" keeps the conversation, and the dialog below asks its question again.
                return innerDc.beginDialog(DELETE_CHAT_DIALOG);
        }
    }

    private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const handoff = (step.options as { text?: string } | undefined)?.text;
        const routed = await this.route(step.context, (handoff ?? step.context.activity.text ?? '').trim());
        return 'begin' in routed ? step.beginDialog(routed.begin, routed.options) : step.endDialog();
    }

    /**
     * Answers `text`, or names the dialog to begin for it. Sends nothing when it names a dialog, so that a question asked
     * while a dialog waits can be answered without losing the dialog, unless answering it means beginning another.
     * With `aside`, an entry's dialog is not begun for a match: its answer is given instead (the pay figures without
     * the offer check), so the waiting dialog can go on; a dialog asked for by name, a state or an amount still begins one.
     */
    private async route(context: TurnContext, text: string, aside = false): Promise<Routed> {
        if (!text) return this.fallback(context, NOT_TEXT, 'not-text');
        if (text.length > MAX_QUESTION_LENGTH) return this.fallback(context, TOO_LONG_TEXT, 'too-long');
        if (isFollowUpRequest(text)) return { begin: FOLLOW_UP_DIALOG };
        // Only a message that is wholly small talk ("thanks!", "who are you?") stops here; "hi, how much do MLTs make?" is searched.
        const smallTalk = this.deps.smallTalk.match(text);
        if (smallTalk) return this.smallTalk(context, smallTalk);
        // A dialog that waits to be chosen starts when the visitor asks for it ("take the quiz") or presses its button.
        const requested = requestedDialogEntry(this.deps.search.entries, text);
        if (requested?.dialog) return { begin: requested.dialog, options: { text, entryId: requested.id, score: 1 } };

        // "how much do CLS make?": the answer says which of the sources' titles it speaks of.
        const nameNote = this.deps.search.unsourcedNameNote(text);
        if (nameNote) noteForTurn(context, { text: nameNote, citations: [] });
        const memory = await this.deps.memory.get(context, {});
        // Several questions in one message get one reply with a part for each; a long post is searched by its question.
        const asked = await answerQuestions(context, text, this.deps, memory);
        if (asked.replied) return REPLIED;
        let result = asked.result;
        switch (result.outOfScope) {
            case 'medical-advice':
                return this.fallback(context, this.deps.search.medicalAdviceReply, 'medical-advice');
            case 'manipulation':
                return this.fallback(context, MANIPULATION_TEXT, 'manipulation');
            case 'other-subject':
                return this.fallback(context, OUT_OF_SCOPE_TEXT, 'out-of-scope');
        }

        // A state or a pay amount steers to the dialog that uses it when the question, or the conversation, is on that subject.
        // The state the question names, before one the rest of the message names: "I live in Texas but I'm moving. Do I
        // need a license to work in New York?" asks about New York.
        const stateAsked = findJurisdiction(asked.ownWords ?? asked.query);
        const state = stateAsked ?? findJurisdiction(text);
        // Whether a question naming a state is on licences is read without the state's name: the licence entries name
        // states ("…in Texas?"), so "what's the job outlook in Texas?" looked like a licence question.
        // Only a question that still asks something without the state is read so: "can I work in California as an MLT?"
        // asks nothing but whether the state allows it, a licence question.
        const withoutState = stateAsked && withoutPlace(asked.query, stateAsked);
        const placeless = withoutState && this.deps.search.subjectTerms(withoutState).length > 0 ? this.deps.search.search(withoutState, { preferTopic: memory.lastTopic }) : undefined;
        // A question on a known gap gets the honest reply, before a state or a pay figure in it steers to a dialog:
        // "how do I get my phlebotomy license in California?" must not get the MLT licence steps.
        const onGap = [result, placeless].find((r) => r && leadingGap(r));
        if (onGap) {
            const gap = leadingGap(onGap)!;
            rememberGap(memory, gap);
            await this.deps.unanswered.record(context, text, gap);
            await context.sendActivity(this.deps.replies.gap(gap, onGap.hits[0].score));
            return REPLIED;
        }
        // Read with the state, the question's nearest entries say whether the place is its point: "what do I need to work
        // in New York?" is a licence question, though without the state it is a "Did you mean" about schooling.
        const withPlace = placeless && placeless.confidence !== 'answer' ? result.hits.slice(0, 3) : [];
        // Unless the state decided an answer on another subject: "salary in California for MLS?" is pay by place, though
        // without the state it is the MLT and MLS pay comparison.
        const byPlace = result.confidence === 'answer' && result.hits[0].entry.topic !== 'licensure' && placeless?.hits[0]?.entry.id !== result.hits[0].entry.id;
        if (placeless && !byPlace) result = placeless;
        const top = result.hits[0];
        const nearTopics = new Set([...result.hits.slice(0, 3), ...withPlace].map((h) => h.entry.topic));
        // A question answered on another subject is that subject's, state or not: "how is the job market in Ohio?" after a
        // licence answer, "what about in California?" after a pay answer (it leans on pay). Otherwise a state goes on with
        // licences when they are near or were the subject ("what about Ohio?").
        // So is one answered by a licensure entry that asks no licence ("I'm in Nevada… Is certification mandatory to get
        // hired?" finds whether employers require certification).
        const answeredElsewhere = result.confidence === 'answer' && top !== undefined && !asksForLicence(top.entry, asked.query, this.deps);
        // A message that names only a state and finds the last answer again asks what that state requires: "is certification
        // required? || what about in Florida?" (pay, with an entry by state, finds that entry instead).
        const onlyAState = state !== undefined && top !== undefined && top.entry.id === memory.lastEntry && this.deps.search.subjectTerms(withoutPlace(text, state)).length === 0;
        // With nothing found, only a state the question itself names asks about that state ("and in Texas?"): one told in the
        // post around an unanswered question ("…they said it's hard to find jobs. Is this true? I'm in Pennsylvania.") is
        // where they are, not what they ask.
        const nothingFound = result.confidence === 'none' && stateAsked !== undefined;
        // Someone already in the work who asks what it takes to work in a state asks for its licence: "I'm a certified MLT
        // not living in California, what do I need to work in California?" (what it takes to become one is schooling).
        const movingInTheWork =
            stateAsked !== undefined && LAB_JOBS.has(memory.work ?? '') && result.confidence === 'answer' && top?.entry.topic === 'education' && LICENCE_WORD.test(top.entry.answer);
        if (state && (onlyAState || movingInTheWork || (!answeredElsewhere && (nearTopics.has('licensure') || memory.lastTopic === 'licensure' || nothingFound)))) {
            return { begin: TOPIC_DIALOG.licensure, options: { text, state } };
        }
        const amount = findPayAmount(text);
        // A figure answered on another subject is background: "I'm 35, in insurance claims (52k)… what's the difference
        // between MLT and MLS?" asks for the comparison, though pay by role is among its nearest entries.
        const answeredBesidePay = result.confidence === 'answer' && top !== undefined && top.entry.topic !== 'salary';
        // Nor is one beside a question comparing the two roles' pay or the specialties': "…making like 38k. how much do MLS
        // make compared to MLT" asks which role pays more, whatever the visitor makes.
        const comparesRoles = () => findQuestions(text).questions.some((q) => asksPayOfKinds(q.text, this.deps));
        if (amount && !answeredBesidePay && (nearTopics.has('salary') || memory.lastTopic === 'salary') && !comparesRoles()) {
            return { begin: TOPIC_DIALOG.salaryCheck, options: { text, amount } };
        }

        if (result.confidence === 'answer' && top) {
            // "What are the perks of being an MLS?", answered for the MLT: the answer says so, instead of a note on a name.
            if (result.readingNote) noteForTurn(context, { text: result.readingNote, citations: [] }, { replace: true });
            // "What do I need to work as an MLT (or a CLS) in California?", answered with what it takes, whose answer speaks of
            // state licences in general: that state's licence too.
            if (stateAsked && STATE_MATTERS.has(top.entry.topic) && LICENCE_WORD.test(top.entry.answer) && !aside) {
                noteForTurn(context, stateLicenceNote(this.deps, stateAsked), { atEnd: true });
            }
            if (top.entry.dialog && !startsOnRequest(top.entry) && !aside) {
                return { begin: top.entry.dialog, options: { text, entryId: top.entry.id, score: top.score, state, amount } };
            }
            rememberAnswer(memory, top.entry);
            // A dialog that waits to be chosen (the quiz, the planner) is offered as a button beside the entry's answer.
            const reply = startsOnRequest(top.entry)
                ? answerOfferingDialog(this.deps, top.entry, top.score)
                : this.deps.replies.answer(top.entry, top.score, { alternatives: closeAlternatives(result.hits), question: text });
            await context.sendActivity(reply);
            return REPLIED;
        }
        if (result.confidence === 'suggest') {
            await context.sendActivity(this.deps.replies.suggestions(result.hits));
            return REPLIED;
        }
        // Nothing answers what they asked: what they told about themselves may still be answered.
        if (await answerFromSituation(context, text, result, this.deps, memory)) return REPLIED;
        await this.deps.unanswered.record(context, text);
        return this.fallback(context, FALLBACK_TEXT, 'no-match');
    }

    private async afterTopicStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
        const result = step.result as TopicDialogResult | undefined;
        if (result?.handoff) return step.replaceDialog(ROUTE_WATERFALL, { text: result.handoff });
        return step.endDialog();
    }

    /** Replies to small talk; never recorded as unanswered, it is not a question. */
    private async smallTalk(context: TurnContext, entry: SmallTalkEntry): Promise<Routed> {
        // "Tell me more": where the answer just given goes on, or the topics when there was none.
        const last = entry.followUps ? this.deps.search.entry((await this.deps.memory.get(context, {})).lastEntry ?? '') : undefined;
        const onward = entry.followUps ? (last?.followUps.length ? last.followUps : MENU_ENTRY_IDS) : [];
        const actions = this.deps.replies.followUpActions(entry.menu ? MENU_ENTRY_IDS : onward);
        if (entry.advisor) actions.push(TALK_TO_SOMEONE);
        const said = entry.followUps && !last && entry.withoutAnswer ? { ...entry, replies: entry.withoutAnswer } : entry;
        const reply = await smallTalkReply(this.deps, context, said, actions);
        if (reply) await context.sendActivity(reply);
        return REPLIED;
    }

    private async fallback(context: TurnContext, text: string, reason: FallbackReason): Promise<Routed> {
        const reply = this.menu(text, true);
        // When the bot cannot help, a person might: offer the follow-up (not for medical or manipulation refusals).
        if (reason === 'no-match' || reason === 'out-of-scope') reply.suggestedActions?.actions.push(TALK_TO_SOMEONE);
        await context.sendActivity(withTrace(reply, { source: 'fallback', reason, ids: [], score: 0 }));
        return REPLIED;
    }

    private menu(text: string, withMenu: boolean): Partial<Activity> {
        const actions = withMenu ? this.deps.replies.followUpActions(MENU_ENTRY_IDS) : [];
        return actions.length ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
    }
}
