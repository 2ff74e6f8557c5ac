import { ActionTypes, Activity, CardAction, TurnContext } from 'botbuilder';
import { answerReply, AnswerSection } from '../src/replies/answerContent';
import type { AnswerPart, FallbackReason } from '../src/replies/answerTrace';
import type { FaqEntry, Topic } from '../src/knowledge/schema';
import { LOW_CONFIDENCE_BELOW, SEARCH_TUNING, type SearchHit, type SearchResult } from '../src/knowledge/searchIndex';
import { findQuestions, listedParts, MAX_ANSWERED_PARTS, MAX_FOUND_QUESTIONS, MessageSpan } from '../src/knowledge/questionFinder';
import { findJurisdiction, findPayAmount, PayAmount, UsJurisdiction } from '../src/recognizers';
import { LICENSURE_DIALOG, licensureForState } from './licensureDialog';
import { PAY_COMPARISON_ENTRY, payComparison } from './salaryCheckDialog';
import { GAP_ID_PREFIX, gapOf, leadingGap } from '../src/knowledge/gapSchema';
import { TALK_TO_ADVISOR } from '../src/replies/replies';
import { escapeMarkdown } from '../src/replies/citations';
import { rememberAnswer, rememberGap, type ConversationMemory, type DialogDeps } from './dialogDeps';
import { rememberSituation } from './situation';
import { SAYS_HEARD } from './smallTalk';

/**
 * At most this many of a message's questions are searched: every question the finder returns. Searching is ~0.1–0.4 ms
 * a question, and a post full of questions often asks its answerable ones last, after chatty ones ("Do you like your
 * job?"): on the real questions' tuning half, searching 8 instead of 6 answered one more post and changed nothing else.
 */
export const MAX_SEARCHED_PARTS = MAX_FOUND_QUESTIONS;

/** At most this many questions of one message are searched subject by subject (each costs up to MAX_LISTED_PARTS searches). */
export const MAX_LISTED_QUESTIONS = 2;

/** A quoted question longer than this is cut in the reply (the trace keeps all of it). */
const QUOTE_LENGTH = 90;
const MAX_BUTTONS = 6;
const NO_ANSWER = (quote: string) => `I don’t have an answer to ${quote} in my sources. A career advisor can help with that: press **Talk to a career advisor**.`;
const SUGGEST = (quote: string, titles: string[]) => `I’m not sure what you mean by ${quote}. Did you mean ${titles.map((t) => `**${t}**`).join(' or ')}?`;
/**
 * The sentence SUGGEST writes, wherever it stands in a reply: the titles it names are an offer, like the buttons, and
 * the eval judge does not read them as the answer (`src/cli/evalJudge.ts`).
 */
export const SUGGESTION_SENTENCE = /I’m not sure what you mean by “[^\n]{0,200}?”\. Did you mean (?:\*\*[^*\n]{1,300}\*\*(?: or )?){1,3}\?/g;
const MEDICAL = (quote: string, reply: string) => `About ${quote}: ${reply}`;
const MORE_ASKED = 'You asked more than I can take in one reply: ask me the others one at a time.';

/** What `answerQuestions` did: replied with one message for several questions, or left one search for the caller. */
export type QuestionsRoute =
    | { replied: true }
    /**
     * `query` is what was searched; `ownWords`, when `query` holds more than the visitor wrote (a follow-up read with the
     * last answer's title), is what they wrote: a state is read from their words, not from the title ("…MLS, MT and
     * med tech…? and mt?" is no question about Montana).
     */
    | { replied: false; result: SearchResult; query: string; ownWords?: string };

interface SearchedPart {
    span: MessageSpan;
    result: SearchResult;
    /** The entry that answers it, for `confidence: "answer"`. */
    entry?: FaqEntry;
    /**
     * The entry's answer fitted to what the message names: the licence in the state it names, or the pay figure it
     * names set against the sources' figures.
     */
    fittedAnswer?: AnswerSection;
    /**
     * The question its `result` was searched for, when a later question joined the part (`span` then holds both): routed
     * alone, the part is read again by it, not by both ("…leadership jobs? how many years does it take to get there?").
     */
    searchedAs?: string;
    /** The known gap it asks about, when one leads its search: named as such, never answered from another subject. */
    gap?: string;
    /** A sentence of the visitor's situation (not a question), answered because none of their questions could be. */
    told?: boolean;
    /** A request for opinions answered as the question it stands for ("Any thoughts?": "Should I become an MLT?"). */
    opinion?: boolean;
}

/** The entry whose topic dialog answers licence questions by state. */
const LICENSURE_ENTRY_ID = 'licensure-by-state';
/** The term every way of saying "licence" is read as (`knowledge/language.yaml`). */
const LICENCE_TERM = 'license';
/** The terms the two roles are read as, whatever they are called ("MLT", "lab tech"; "MLS", "MT", "CLS"). */
const ROLE_TERMS = ['mlt', 'mls'] as const;

/** The term every way of saying a lab specialty is read as ("specialization", "department"). */
const SPECIALTY_TERM = 'specialty';

/**
 * Whether a pay question asks what some kind of lab work pays, whatever the visitor makes: it names both roles ("how
 * much do MLS make compared to MLT?") or a specialty ("which lab specialty pays the most?").
 */
export function asksPayOfKinds(question: string, deps: DialogDeps): boolean {
    const terms = new Set(deps.search.normalizer.terms(question));
    return ROLE_TERMS.every((t) => terms.has(t)) || terms.has(SPECIALTY_TERM);
}

/**
 * Finds the questions in the visitor's message and answers them. Several questions get one reply with a short part
 * for each (up to MAX_ANSWERED_PARTS, in the order asked), each with its own source line, and a part the sources
 * cannot answer named as such; the trace carries `parts`. One question inside context sentences (a long post) is
 * searched alone, and the caller routes its result as it routes any question; so is a message that is one question.
 */
export async function answerQuestions(context: TurnContext, text: string, deps: DialogDeps, memory: ConversationMemory): Promise<QuestionsRoute> {
    // A question in a message that names the field is about the field though it does not say so itself.
    // Not one with a single word of its own ("how do I handle this?": see SEARCH_TUNING.messageAnchorTerms), nor one
    // about two things just named ("what's the difference between those two?"): that is read with the sentence naming them.
    // Measured 7 December 2026 on every readable set: 5 more answered right, none fewer (BENCHMARKS.md, twenty-fourth session).
    // Whether the message names the field is read only for a question it could change (reading a whole post costs ~0.2 ms).
    let namesField: boolean | undefined;
    const search = (query: string) => {
        const plain = deps.search.search(query, { preferTopic: memory.lastTopic });
        const couldAnchor = plain.outOfScope === 'other-subject' || (plain.confidence === 'suggest' && plain.reading?.anchored === false);
        if (!couldAnchor || NAMES_BOTH.test(query) || !(namesField ??= deps.search.namesField(text))) return plain;
        return deps.search.search(query, { preferTopic: memory.lastTopic, fieldNamed: true });
    };
    // The subjects a question lists are read on their own words: anchored by the message, a side subject ("…checking
    // drug levels, looking for bacteria") took the place of a later question.
    const searchListed = (query: string) => deps.search.search(query, { preferTopic: memory.lastTopic });
    // What a request for opinions stands for in this message, read once and only when one needs it: advice for someone
    // new to the work when they say they have just started it, whether to take it up when they weigh that, or nothing.
    let standsFor: OpinionMeaning | undefined;
    const opinionStandsFor = (): OpinionMeaning => {
        if (standsFor !== undefined) return standsFor;
        const startedAs = deps.search.startedWorkQuestion(text);
        return (standsFor = startedAs !== undefined ? { readAs: startedAs } : deps.search.weighsTakingUp(text) ? 'weighing' : null);
    };
    const found = findQuestions(text);
    // "Any MLTs here?", "Hi everyone!" before what they ask: a greeting, not a question of its own.
    const greets = (span: MessageSpan) => deps.smallTalk.match(span.text)?.id === 'greeting';
    const questions = found.questions.some((q) => !greets(q)) ? found.questions.filter((q) => !greets(q)) : found.questions;
    const situation = found.context;
    // What they say about themselves, wherever they say it ("Can I do it with a bachelor's in biology?"), in the order written.
    const inOrder = [...questions, ...situation].sort((x, y) => x.start - y.start);
    rememberSituation(inOrder.map((s) => s.text), situation.map((s) => s.text), memory);
    // No asking sentence ("mlt salary texas"), or a message that is one question: search it as written.
    // One question inside the visitor's situation: searched alone. On the tuning half, searching the whole post as well
    // when the question alone is not answered changed nothing, and so (once main's vocabulary reached "automation")
    // did searching it with the post's title line: the situation's words are not used.
    // Either way, a question that lists subjects and finds no answer as a whole is answered subject by subject.
    let asked: Asked[] = questions.map((span) => ({ span }));
    if (questions.length <= 1) {
        const query = questions.length === 0 || situation.length === 0 ? text : placed(questions[0].text, text);
        const withSituation = questions.length === 1 ? searchWithSituation(text, questions[0], situation, deps, search) : undefined;
        if (withSituation?.leans) return { replied: false, result: withSituation.result, query: withSituation.query };
        const result = withSituation?.query === query ? withSituation.result : search(query);
        // A message that is only a follow-up to the last answer ("is it hard?", "and for MLS?"): read with that answer's
        // question. So is one that reads as no question but plainly follows on ("and MLS?"); "not sure yet" does not. What
        // only says the answer was heard comes with a follow-up too: "ok that sounds cool. how much school is that again",
        // and so does one that says why after it: "and how long is each one roughly? need to tell my boss for the form".
        const heard = (span: MessageSpan) => {
            const kind = deps.smallTalk.match(span.text)?.id;
            return kind !== undefined && SAYS_HEARD.has(kind);
        };
        const saysWhy = (span: MessageSpan) => span.start >= questions[0].end;
        const oneFollowing = questions.length === 1 ? situation.every((s) => heard(s) || saysWhy(s)) : situation.length === 1 && FOLLOWS_ON.test(text);
        const followed = oneFollowing ? searchAfterLastAnswer(questions.length === 1 ? questions[0].text : text, result, memory, deps) : undefined;
        if (followed) return { replied: false, result: followed.result, query: followed.query, ownWords: query };
        const opinion = questions.length === 1 ? opinionReading(questions[0].text, result, opinionStandsFor, deps, search) : undefined;
        if (opinion) {
            const part = { span: questions[0], result: opinion.result, entry: opinion.result.hits[0].entry, opinion: true };
            return (await answerWithTold(context, part, situation, deps, search, memory)) ? { replied: true } : { replied: false, ...opinion };
        }
        // Its subjects come searched, so the loop below does not split them again.
        const listed = questions.length === 1 && isListable(result) ? listedSubjects(questions[0], searchListed, leadingGap(result) !== undefined) : undefined;
        if (!listed) return { replied: false, result, query };
        asked = listed;
    }

    const searched: SearchedPart[] = [];
    // The state the message names, read once and only when needed: reading a long post takes ~0.4 ms.
    let state: UsJurisdiction | null | undefined;
    const namedState = () => (state === undefined ? (state = findJurisdiction(text) ?? null) : state);
    // The pay figure it names, likewise read once and only for a pay question.
    let pay: PayAmount | null | undefined;
    const namedPay = () => (pay === undefined ? (pay = findPayAmount(text) ?? null) : pay);
    // A question the search cannot answer alone is searched again leaning towards the topic of the one answered before
    // it, as a follow-up in the next message would be: "How long is the MLT program and how much does it cost?" asks
    // the cost of the program. Only then: leaning always made "…and how much do MLTs make?" a "Did you mean".
    let topic: Topic | undefined;
    asked = asked.slice(0, MAX_SEARCHED_PARTS);
    // Questions searched subject by subject so far: each costs up to MAX_LISTED_PARTS searches.
    let listings = 0;
    // Whether a question before this one asked about a subject of its own: a request for opinions after it is about it.
    let ownQuestionAsked = false;
    for (let i = 0; i < asked.length; i++) {
        let span = asked[i].span;
        // "Why or why not?", "What do you guys think?" after a question: part of that question, not one of its own. A
        // question on a claim they told since is about that claim ("Is MLT a good fit? And I heard Florida needs a
        // license, is that true"); a request for opinions ("Looking for advice.") is still about the question.
        const previous = searched[searched.length - 1];
        const toldSince =
            previous !== undefined && !deps.search.opinionQuestion(span.text) && situation.some((s) => s.start >= previous.span.end && s.end <= span.start);
        if (ownQuestionAsked && previous && !toldSince && !asked[i].result && deps.search.asksAboutPrevious(span.text)) {
            const asClaim = CHECKS_CLAIM.exec(span.text);
            // "…my counselor said i could do a certificate instead of the full associates for mlt?? is that true": the
            // question before it reports a claim, and whether that holds is what they ask. When that question found no
            // answer alone, the claim's words may.
            const claim = asClaim && !previous.entry && !previous.gap ? claimReading(span, asClaim, [previous.span], search) : undefined;
            if (claim && claim.result.confidence === 'answer' && !leadingGap(claim.result)) {
                previous.result = claim.result;
                previous.entry = claim.result.hits[0].entry;
                previous.searchedAs = claim.query;
                topic = previous.entry.topic;
            }
            previous.span = { ...previous.span, text: `${previous.span.text} ${span.text}`, end: span.end };
            continue;
        }
        const withSituation = asked[i].result ? undefined : searchWithSituation(text, span, situation, deps, search, questions);
        // Its reading with the situation, or the search of it alone that decided against that reading.
        let result = asked[i].result ?? (withSituation?.leans || withSituation?.query === span.text ? withSituation.result : search(span.text));
        // A question that leans on the one answered just before it ("How long is MLT school? Is it hard?") is read with
        // that answer, as the same follow-up in the next message is; unless they told something since that it is read with.
        const before = previous?.entry;
        const followed = before && !asked[i].result && !(toldSince && withSituation?.leans) ? searchAfterAnswer(span.text, result, before, before.topic, deps, true) : undefined;
        if (followed) result = followed.result;
        if (isUnanswered(result) && topic && topic !== memory.lastTopic) {
            const leaning = deps.search.search(span.text, { preferTopic: topic });
            if (leaning.confidence === 'answer') result = leaning;
        }
        // A request for opinions ("Any thoughts?") stands for "should I do it?" only before any question with a subject.
        const opinion = ownQuestionAsked ? undefined : opinionReading(span.text, result, opinionStandsFor, deps, search);
        if (opinion) result = opinion.result;
        ownQuestionAsked ||= deps.search.subjectTerms(span.text).length > 0 && !deps.search.opinionQuestion(span.text);
        // A subject found in a list (searched already) is not split again.
        if (!asked[i].result && listings < MAX_LISTED_QUESTIONS && isListable(result)) {
            listings++;
            const listed = listedSubjects(span, searchListed, leadingGap(result) !== undefined);
            if (listed) {
                asked.splice(i, 1, ...listed);
                ({ span, result } = listed[0] as Required<Asked>);
            }
        }
        // An attempt to change the bot's role anywhere in the message is refused as a whole, as today.
        if (result.outOfScope === 'manipulation') return { replied: false, result, query: span.text };
        const gap = leadingGap(result);
        let entry = result.confidence === 'answer' && !gap ? result.hits[0]?.entry : undefined;
        let fittedAnswer: AnswerSection | undefined;
        // A licence question with a state named anywhere in the message ("I'm moving to CA… do I need a license?")
        // gets that state's answer, as the licensure dialog gives it when the question is asked alone.
        // A weak licence match counts when the question itself names the state ("…managed to get licensed in NY?").
        // So does a question that names a state and a licence entry among its first hits, or the licence itself, when a long
        // question's other words drew another entry first ("…coming from a biology background… but still managed to get
        // licensed in NY?").
        // Another licensure entry leads only when the question says "licence": "I'm in Nevada… Is certification mandatory to
        // get hired?" is answered by whether employers require certification, not by Nevada's licence.
        const top = result.hits[0]?.entry;
        const licenceLeads = (top !== undefined && asksForLicence(top, span.text, deps)) || (result.confidence !== 'answer' && namesLicenceAndState(span.text, result, deps));
        if (licenceLeads && !result.outOfScope && !gap) {
            // The state the question names, before one named elsewhere in the message ("I live in Texas… do I need a
            // license in New York?"), or the state they named earlier in the conversation.
            const inQuestion = findJurisdiction(span.text);
            const remembered = inQuestion || namedState() ? undefined : memory.state && findJurisdiction(memory.state);
            const named = inQuestion ?? namedState() ?? remembered;
            const licensure = deps.search.entry(LICENSURE_ENTRY_ID);
            if (named && licensure && (result.confidence !== 'none' || inQuestion)) {
                entry = licensure;
                fittedAnswer = licensureForState(deps, named, Boolean(remembered));
            }
        }
        // A pay question in a message that names the visitor's pay or an offer ("I'm a phlebotomist making 19/hr… how much
        // more would I make?") gets that figure set against the sources', as the salary check gives it asked alone. Not one
        // that compares the two roles' pay ("…making like 38k. How much do MLS make compared to MLT?") or asks which
        // specialty pays most ("…making 21.50/hr… which lab specialty pays the most?"), whatever the visitor makes.
        if (!fittedAnswer && entry?.topic === 'salary' && !asksPayOfKinds(span.text, deps)) {
            const figure = namedPay();
            const compared = figure && deps.search.entry(PAY_COMPARISON_ENTRY);
            if (figure && compared) {
                entry = compared;
                fittedAnswer = payComparison(deps, figure);
            }
        }
        // Two questions answered by one entry ("What do you do? What's a typical day like?"), or on one known gap ("What
        // are the hours like? Do you work weekends?"), are one part, whose `question` holds both in the visitor's words
        // (no longer one slice of the message).
        // A worry put as a statement is a part only when it is answered: otherwise it stays what they told.
        if (span.stated && !entry && !gap) continue;
        const same = entry ? searched.find((p) => p.entry?.id === entry.id) : gap ? searched.find((p) => !p.entry && p.gap === gap) : undefined;
        if (same) {
            same.searchedAs ??= same.span.text;
            same.span = { ...same.span, text: `${same.span.text} ${span.text}`, end: span.end };
        } else {
            searched.push({ span, result, entry, fittedAnswer, gap, ...(opinion ? { opinion: true } : {}) });
        }
        if (entry) topic = entry.topic;
    }
    // A question the search was unsure of, whose likeliest entry answers another question of the message, asked the same
    // thing in other words ("Where are the jobs? Which places have the most lab technician opportunities?"): it joins
    // that part, rather than being offered back what the reply already answers.
    for (const part of [...searched]) {
        if (part.entry || part.gap || part.result.confidence !== 'suggest') continue;
        const same = searched.find((p) => p.entry?.id === part.result.hits[0]?.entry.id);
        if (!same) continue;
        searched.splice(searched.indexOf(part), 1);
        const [first, second] = part.span.start < same.span.start ? [part.span, same.span] : [same.span, part.span];
        same.span = { ...same.span, text: `${first.text} ${second.text}`, start: first.start, end: second.end };
    }
    const answered = searched.filter((p) => p.entry);
    // One subject after all: route it as a single question, so its topic dialog can start.
    if (searched.length === 1) {
        if (searched[0].opinion && (await answerWithTold(context, searched[0], situation, deps, search, memory))) return { replied: true };
        return { replied: false, result: searched[0].result, query: searched[0].searchedAs ?? searched[0].span.text };
    }
    if (answered.length === 0) {
        // No question answerable on its own. The message as a whole may be ("What is a Clinical Laboratory Technician/
        // Clinical Laboratory Scientist? Can we have a Career Overview?"), or a licence question in it may name its state
        // elsewhere ("Working in CA w/out license?"): then it is routed as one question. Otherwise each question is named.
        // A licence question is one a licence entry leads: a licence entry third for a fragment of a post that names
        // "FLA or MI" in passing gave the whole post Michigan's licence (real-359).
        const licenceAsked = searched.some((p) => p.result.hits[0]?.entry.topic === 'licensure');
        const whole = search(text);
        if (whole.confidence === 'answer' || (licenceAsked && namedState())) return { replied: false, result: whole, query: text };
    }
    // Answerable parts first, then the others named, up to MAX_ANSWERED_PARTS, shown in the order asked. When more are
    // answerable than a reply holds, those whose entry leads most clearly are shown: the first three asked kept a 1.000 tie
    // and left out a clear answer asked fourth (measured 7 December 2026: the blind tuning file answered two more posts
    // right, no set lost one). A state's licence or a pay comparison fitted to the message counts as clear.
    const lead = (p: SearchedPart) => (p.fittedAnswer ? 1 : Math.min(1, p.result.reading?.margin ?? 1));
    const byAnswer = [...[...answered].sort((a, b) => lead(b) - lead(a)), ...searched.filter((p) => !p.entry)];
    const shown = byAnswer.slice(0, MAX_ANSWERED_PARTS).sort((a, b) => a.span.start - b.span.start);
    // Nothing asked could be answered, nor even suggested, or they asked only for opinions (on what they told, then):
    // what they told about themselves may be answered. After a request for opinions only an answer is added, never a gap.
    const onlyOpinions = answered.length > 0 && answered.every((p) => p.opinion);
    if (onlyOpinions || (answered.length === 0 && shown.every((p) => !p.gap && p.result.confidence === 'none' && !p.result.outOfScope))) {
        const told = toldPart(situation, search);
        if (told && (!onlyOpinions || (told.entry && !answered.some((p) => p.entry?.id === told.entry?.id)))) {
            shown.splice(0, shown.length, ...[...byAnswer.slice(0, MAX_ANSWERED_PARTS - 1), told].sort((a, b) => a.span.start - b.span.start));
        }
    }

    // Questions not in the reply: found but not searched, or searched but beyond the parts shown (a question answered
    // subject by subject overlaps its parts).
    const leftOut = questions.filter((q) => !q.stated).length - questions.filter((q) => !q.stated && shown.some((p) => p.span.start < q.end && q.start < p.span.end)).length;
    await sendParts(context, shown, leftOut > 0, deps);
    const lastAnswered = shown.filter((p) => p.entry).pop();
    const lastGap = shown.filter((p) => p.gap).pop()?.gap;
    if (lastAnswered?.entry) rememberAnswer(memory, lastAnswered.entry);
    else if (lastGap) rememberGap(memory, lastGap);
    // Every part answered or named as a gap, for "where did you get that?" (the follow-ups lean on the last one only).
    const parts = [...new Set(shown.map((p) => (p.entry ? p.entry.id : p.gap ? `${GAP_ID_PREFIX}${p.gap}` : undefined)).filter((id): id is string => id !== undefined))];
    if (parts.length > 1) memory.lastParts = parts;
    return { replied: true };
}

/** Sends one reply for `shown` and records its unanswered questions (a situation sentence is no question). */
async function sendParts(context: TurnContext, shown: SearchedPart[], moreAsked: boolean, deps: DialogDeps): Promise<void> {
    await context.sendActivity(composeReply(shown, moreAsked, deps));
    for (const part of shown) {
        // What they told is no question; a gap it leads to is still shown to advisors under that gap.
        if (part.told && !part.gap) continue;
        if (part.gap) await deps.unanswered.record(context, part.span.text, part.gap);
        else if (!part.entry && !part.result.outOfScope && part.result.confidence === 'none') await deps.unanswered.record(context, part.span.text);
    }
}

/**
 * A request for opinions answered as the question it stands for (`opinion`), with what the visitor told about
 * themselves, its subject ("I'm going back to school for a BS in MLS. Thoughts?"), when an entry other than the
 * opinion's answers that. Returns whether it replied; when it did not, the opinion is routed as a single question.
 */
async function answerWithTold(
    context: TurnContext,
    opinion: SearchedPart,
    situation: MessageSpan[],
    deps: DialogDeps,
    search: (query: string) => SearchResult,
    memory: ConversationMemory,
): Promise<boolean> {
    const told = toldPart(situation, search);
    if (!told?.entry || told.entry.id === opinion.entry?.id) return false;
    await sendParts(context, [opinion, told].sort((a, b) => a.span.start - b.span.start), false, deps);
    rememberAnswer(memory, told.entry);
    return true;
}

/**
 * The last resort for a message whose one question found nothing (`result`, after every other reading of it): what the
 * visitor told about themselves, answered beside the question named as unanswered ("I have a bachelor's in biology. My
 * family thinks I'm crazy. What do you think?"). Returns whether it replied; the caller falls back when it did not.
 */
export async function answerFromSituation(context: TurnContext, text: string, result: SearchResult, deps: DialogDeps, memory: ConversationMemory): Promise<boolean> {
    if (result.confidence !== 'none' || result.outOfScope) return false;
    const { questions, context: situation } = findQuestions(text);
    if (questions.length !== 1 || situation.length === 0) return false;
    const told = toldPart(situation, (query) => deps.search.search(query, { preferTopic: memory.lastTopic }));
    if (!told) return false;
    await sendParts(context, [{ span: questions[0], result }, told].sort((a, b) => a.span.start - b.span.start), false, deps);
    if (told.entry) rememberAnswer(memory, told.entry);
    return true;
}

/** At most this many sentences of the visitor's situation are searched when none of their questions finds anything. */
const MAX_TOLD_SEARCHED = 6;

/**
 * The sentence of the visitor's situation an entry answers best, as a part of the reply, when none of their questions
 * finds anything: "I have a BS in biology and I'm thinking about MLT. Thoughts?" gets what the sources say about a
 * biology degree, introduced as what they told. Only an answer is taken, never a "Did you mean"; when no sentence is
 * answered, the first known gap one leads to is the part instead.
 */
function toldPart(situation: MessageSpan[], search: (query: string) => SearchResult): SearchedPart | undefined {
    let best: SearchedPart | undefined;
    let gap: SearchedPart | undefined;
    for (const span of situation.slice(0, MAX_TOLD_SEARCHED)) {
        const result = search(span.text);
        if (result.outOfScope) continue;
        const onGap = leadingGap(result);
        // A known gap their situation leads to ("I have a felony from years ago.") is the honest reply when nothing
        // they told is answered: named as a gap, and recorded under it for advisors.
        if (onGap) gap ??= { span, result, gap: onGap, told: true };
        else if (result.confidence === 'answer' && (!best || result.hits[0].score > best.result.hits[0].score)) best = { span, result, entry: result.hits[0].entry, told: true };
    }
    return best ?? gap;
}

/**
 * A question that asks whether the visitor can still do it, given what they said just before: "I have a felony, can I
 * still become a lab tech?", "I'm colorblind. Could I still do this?", "Even with a record, could I…". Alone it asks
 * something the sources answer (how to become one); with its situation it asks about a subject they do not cover.
 * Not "Is the pay still good?" or "Do I still need rotations?": those ask about a subject of their own.
 */
const LEANS_ON_SITUATION =
    /\b(?:can|could|will|would|should|am|is)\s+(?:i|it|one|someone|they|we)\s+still\b|\bstill\s+(?:be\s+)?(?:possible|able|eligible|allowed)\b|\b(?:despite|regardless)\b|\beven\s+(?:with|if|though)\b/i;
/** A question whose subject is what was just said: "Is that true everywhere?", "Does this matter?", "Is it worth it then?". */
const POINTS_BACK =
    /^\s*(?:and\s+|but\s+|so\s+)?(?:(?:is|are|was|does|do|did|will|would|can|could|should)\s+(?:that|this|it|these|those|he|she|they)\b|how\s+true\s+is\s+(?:that|this|it)\b)/i;
/**
 * Or one about the things just named: "I want to go into histotechnology or cytotechnology. What's the difference between
 * those two?", "one site says 39k and another says 57k. Which one is real?", "One says it's NAACLS accredited and the other
 * ABHES. Are both legit?".
 */
const NAMES_BOTH =
    /\b(?:those|these|the)\s+(?:two|2)\b|\bboth\s+of\s+(?:them|those|these)\b|^\s*(?:so\s+|and\s+|but\s+)?(?:which\s+(?:one|of\s+(?:them|those|these))|(?:are|is|were|do|does|can)\s+(?:both|either|they\s+both)\b)/i;
/** Or one that ends on it: "I have a question about the ASCP exam, how many questions are on it?", "How do I prepare for it?". */
const ENDS_POINTING_BACK = /\b(?:on|about|for|in|of|with|from|into|to)\s+(?:it|that|this|them|those)\s*[?!.]*\s*$/i;
/**
 * Or one that asks whether the work fits them, after saying what they are like: "I prefer working behind the scenes with
 * little patient contact, would MLT be a good fit?" Alone it is the career quiz; with what they said, the entry on it.
 */
const ASKS_FIT = /\b(?:good|right|great|bad|best)\s+fit\b|\bfit\s+for\s+me\b|\bright\s+for\s+me\b|\bsuit(?:s|ed)?\s+(?:me|for\s+me)\b|\bcut\s+out\s+for\b/i;
/** At most this many words of its own subject in a question about what was just said: "Is that true everywhere?". */
const MAX_POINTING_SUBJECT_TERMS = 2;
/** At most this many words of its own subject (beyond naming the field) in such a question: "can I still get licensed?". */
const MAX_OWN_SUBJECT_TERMS = 1;
/** At most this much of the situation before a question is searched with it (its end: the words nearest the question). */
const MAX_SITUATION_LENGTH = 300;

/**
 * The search of a question together with the situation written right before it (the clause or sentence that ends
 * where the question begins), when the question leans on it; undefined otherwise, and the question is searched alone.
 * - A question with no subject of its own beyond naming the field ("I'm really introverted, would I like lab work?",
 *   "I'm not great at chemistry, is MLT still for me?") is about its situation: the two are searched together, and
 *   taken when they are answered (by an entry or a known gap). So is a question about what was just said ("My cousin
 *   says the pay is bad. Is that true everywhere?", "I'm colorblind. Does that matter in the lab?") when it has at most
 *   MAX_POINTING_SUBJECT_TERMS words of its own subject or is not answered alone; it also takes a known gap its
 *   situation leads to. A question with no subject of its own that its sentence does not answer is read with the
 *   post's title, when the post opens with one ("Reference lab workers\n…Am I onto something?": reference labs).
 * - A question on whether a claim holds ("…a comment stating that there were no jobs in this field. Could this guy be
 *   accurate?") is read as the claim, told anywhere before it (`claimReading`). Measured 7 December 2026: two allied
 *   posts more answered right (one in a check half), no set lost one.
 * - A question asking whether the visitor can still do it ("I have a felony, can I still become a lab tech?") takes
 *   only a known gap from its situation. Answers taken from a post's situation as a whole made as many wrong answers as
 *   right ones (BENCHMARKS.md, "Real questions, batch 3"); a gap is the honest reply, never a confident wrong fact.
 */
function searchWithSituation(
    message: string,
    question: MessageSpan,
    situation: MessageSpan[],
    deps: DialogDeps,
    search: (query: string) => SearchResult,
    asked: MessageSpan[] = [],
): SituationReading | undefined {
    // "…the instructor told us we will have a hard time finding a job as an MLT. … In your opinion, is she correct?": a
    // question on whether a claim holds is about the claim, told anywhere before it, not only in the sentence before.
    const checks = CHECKS_CLAIM.exec(question.text);
    if (checks && deps.search.subjectTerms(question.text.slice(checks.index)).length <= MAX_POINTING_SUBJECT_TERMS) {
        const reading = claimReading(question, checks, [...situation, ...asked], search);
        if (reading) return reading;
    }
    const own = deps.search.subjectTerms(question.text).length;
    const aboutSituation = own === 0;
    // "Is that true everywhere?", "Does that matter in the lab?": a question about what was just said, with little
    // subject of its own or none it can be answered on alone ("Is this a regional or national issue?"). Deciding the
    // latter searches the question alone: that search is handed back, so the caller does not run it again.
    let alone: SituationReading | undefined;
    const answeredAlone = () => (alone ??= { leans: false, result: search(question.text), query: question.text }).result.confidence === 'answer';
    const pointsBack =
        !aboutSituation &&
        (POINTS_BACK.test(question.text) ||
            ENDS_POINTING_BACK.test(question.text) ||
            NAMES_BOTH.test(question.text) ||
            ASKS_FIT.test(question.text) ||
            // "Am I reading this right?" (a request for opinions has a reading of its own: see opinionReading).
            (deps.search.asksAboutPrevious(question.text) && !deps.search.opinionQuestion(question.text))) &&
        (own <= MAX_POINTING_SUBJECT_TERMS || !answeredAlone());
    const canStill = LEANS_ON_SITUATION.test(question.text) && own <= MAX_OWN_SUBJECT_TERMS;
    const lead = situation.filter((s) => s.end <= question.start).pop();
    const leadQuery = () => `${lead!.text.slice(-MAX_SITUATION_LENGTH)} ${question.text}`;
    if (!aboutSituation && !pointsBack && !canStill) {
        // A question that names no field word ("why is there such a big difference?") is only a "Did you mean" alone:
        // the sentence before it may name the field ("…one site says 39k, another says 57k."). Its own best entry is
        // taken when the two together answer with it; and when it has at most MAX_OWN_SUBJECT_TERMS words of its own
        // subject, what the two together answer, a known gap apart ("Someone told me to look into MLS. What would I need
        // to do?": becoming an MLS). Over the real and development sets this changed no reply (7 December 2026).
        // (A request for opinions, "Any advice?", has a reading of its own: see opinionReading.)
        if (!lead || /[\p{L}\p{N}]/u.test(message.slice(lead.end, question.start)) || deps.search.opinionQuestion(question.text)) return alone;
        if (answeredAlone() || alone!.result.reading?.anchored !== false) return alone;
        const together = search(leadQuery());
        const same = together.confidence === 'answer' && !together.outOfScope && together.hits[0].entry.id === alone!.result.hits[0]?.entry.id;
        const slight = own <= MAX_OWN_SUBJECT_TERMS && together.confidence === 'answer' && !together.outOfScope && !leadingGap(together);
        return same || slight ? { leans: true, result: together, query: leadQuery() } : alone;
    }
    if (!lead || /[\p{L}\p{N}]/u.test(message.slice(lead.end, question.start))) return alone;
    const query = leadQuery();
    const result = search(query);
    // A question with no subject of its own takes its situation's reading only when sure of it: a "Did you mean" drawn
    // from the situation's words is no better than the question's own. One asking whether they can still do it takes a
    // known gap its situation leads to ("I hate blood. Can I still do this?"), as a "Did you mean" does for a question
    // asked alone, even with no subject of its own.
    if ((canStill || pointsBack) && leadingGap(result)) return { leans: true, result, query };
    if ((aboutSituation || pointsBack) && result.confidence === 'answer' && !result.outOfScope) {
        // A question about what was just said that is answered alone keeps its own subject: the sentence before it only
        // says which of its own nearest entries it means. "…I'm in my first semester of an MLT program. Will that stop me
        // from getting licensed?" is still a licence question, not how long the program takes.
        const ownNearest = () => alone!.result.hits.slice(0, FOLLOW_UP_NEAR).some((h) => h.entry.id === result.hits[0].entry.id);
        if (!aboutSituation && !canStill && answeredAlone() && !ownNearest()) return alone;
        return { leans: true, result, query };
    }
    // Nor the sentence before it: the two before it may say it together ("…hospitals expect technical certificates, not a
    // University degree. They will not hire you with a University degree. Is it like this where you live?"). More words
    // match more entries by chance, so only an answer scored above the low-confidence band is taken: "…Its been 2 years
    // since i graduated and still no job in that field. Does the 2 year wait work against me?" found the bachelor's entry
    // at 0.469. Measured 8 December 2026 (BENCHMARKS.md, twenty-eighth session).
    const [first, second] = situation.filter((s) => s.end <= question.start).slice(-2);
    if ((aboutSituation || pointsBack) && second && !/[\p{L}\p{N}]/u.test(message.slice(first.end, second.start))) {
        const wider = `${message.slice(first.start, second.end).slice(-MAX_SITUATION_LENGTH)} ${question.text}`;
        const read = search(wider);
        const sure = read.confidence === 'answer' && (read.reading?.top ?? 0) >= LOW_CONFIDENCE_BELOW && !read.outOfScope && !leadingGap(read);
        if (sure && (aboutSituation || !answeredAlone())) return { leans: true, result: read, query: wider };
    }
    // Nor those: a post's title may name what it is about ("Reference lab workers\n…Am I onto something?").
    const title = aboutSituation ? titleOf(message, situation) : undefined;
    if (title) {
        const titled = search(`${title} ${question.text}`);
        if (titled.confidence === 'answer' && !titled.outOfScope && !leadingGap(titled)) return { leans: true, result: titled, query: `${title} ${question.text}` };
    }
    return alone;
}

/**
 * How a follow-up leans on the answer before it: "and for MLS?", "what about Ohio?", "ok so how long does that take?", or
 * a message that is only a short question about it ("how?", "by who?", "which ones?", "like what?"). Not a bare "why?":
 * read with the answer, it found the entries whose questions ask why.
 */
const FOLLOWS_ON =
    /^\s*(?:(?:and|but|also|so|ok(?:ay)?|then|what\s+about|how\s+about|what\s+if)\b|(?:how|how\s+so|by\s+whom?|who\s+by|which\s+ones?|like\s+what|such\s+as|for\s+example)\s*[?!.]*\s*$)/i;
/** Or it names the subject of that answer by a pronoun: "is it hard?", "how do I become one?", "what do they do there?". */
const NAMES_IT = /\b(?:it|that|this|there|those|these|them|one)\b/i;
/** Or it picks among what that answer listed: "which pays more?", "which one is best?" after the specializations. */
const PICKS_AMONG = /^\s*which\s+(?:ones?\s+)?(?:is|are|pays?|makes?|earns?|has|of)\b/i;
/** At most this many words of its own subject in a follow-up read with the last answer, when alone it is answered. */
const MAX_LEANING_SUBJECT_TERMS = 1;
/** At most this many when alone it is not answered ("is it hard?" alone is a "Did you mean"). */
const MAX_FOLLOW_UP_SUBJECT_TERMS = 2;
/** Words that only weigh what was listed against each other ("which one is better?"), with no subject of their own. */
const WEIGHING_WORDS = ['better', 'best', 'worse', 'worst', 'prefer', 'preferred', 'recommend', 'recommended', 'difference', 'different'];
/** The follow-up's answer is among this many of its own best entries. */
const FOLLOW_UP_NEAR = 5;

/**
 * A short question that leans on the last answer (`memory.lastEntry`): searched with that entry's question in front
 * ("What is the ASCP BOC certification…? is it hard?"), and answered with the best entry of that search that is also
 * among the question's own best (FOLLOW_UP_NEAR): its own words say what it asks ("hard"), the last answer which of
 * those entries it means (certification: the exam's difficulty, not finding work). A question that alone is answered
 * keeps its own reading unless it plainly follows on ("and for MLS?", "is it in demand?") with at most
 * MAX_LEANING_SUBJECT_TERMS words of its own subject, or with at most MAX_FOLLOW_UP_SUBJECT_TERMS finds an entry the last
 * answer offers as a follow-up ("does it pay more?" after molecular diagnostics); and the reading must be one the last
 * answer decided (see below).
 * One with no subject of its own ("will it last?", "by how much?")
 * takes what the search with the last answer's question answers.
 */
function searchAfterLastAnswer(question: string, alone: SearchResult, memory: ConversationMemory, deps: DialogDeps): SituationReading | undefined {
    const last = memory.lastEntry ? deps.search.entry(memory.lastEntry) : undefined;
    if (last) return searchAfterAnswer(question, alone, last, memory.lastTopic, deps);
    return memory.lastGap ? searchAfterGap(question, alone, memory.lastGap, deps) : undefined;
}

/**
 * A question that follows on from a known gap's reply ("what about H-1B?" after visas, "what about in California?" after
 * a phlebotomy licence, "which is better?" after MLT or nursing, "how long do I get?" after the exam's format), not
 * answered alone: it leans on the reply ("and…", "it") or is short of a subject of its own (MAX_FOLLOW_UP_SUBJECT_TERMS).
 * Its own best entry is taken when the gap's reply offers it as a follow-up and the question has a subject of its own
 * and names no place: "how long is it?" after the cost of MLT school is the programs' length (alone it tied with the
 * quickest route and the exam's length). Otherwise it is read with the gap's title, and taken when that reading leads
 * with the same gap, whose honest reply it then gets again; never a confident answer from elsewhere.
 */
function searchAfterGap(question: string, alone: SearchResult, gap: string, deps: DialogDeps): SituationReading | undefined {
    if (alone.outOfScope === 'manipulation' || alone.confidence === 'answer') return undefined;
    const leans = FOLLOWS_ON.test(question) || PICKS_AMONG.test(question) || NAMES_IT.test(question);
    const own = deps.search.subjectTerms(question).length;
    if (!leans && own > MAX_FOLLOW_UP_SUBJECT_TERMS) return undefined;
    const known = deps.replies.knownGap(gap);
    if (!known) return undefined;
    // Its best entries (those tied first), the first the gap's reply offers; only for a question with a subject of its
    // own ("long") that names no place: "what about in California?" after a phlebotomy licence asks that gap's subject
    // there, not the MLT licence the reply offers.
    const best = alone.hits[0]?.score;
    const offered = own > 0 && !findJurisdiction(question) ? alone.hits.find((h) => h.score === best && known.followUps.includes(h.entry.id)) : undefined;
    if (offered && best !== undefined && best >= SEARCH_TUNING.answerAt) {
        return { leans: true, result: { ...alone, confidence: 'answer', hits: [offered, ...alone.hits.filter((h) => h !== offered)] }, query: question };
    }
    const query = `${known.title} ${question}`;
    const read = deps.search.search(query);
    return leadingGap(read) === gap ? { leans: true, result: read, query } : undefined;
}

/**
 * `searchAfterLastAnswer` with the answer it follows given: `last`, on `lastTopic`. With `onItsSubject` (a question
 * following another in one message), only a question that leans on it ("it", "and…") with at most
 * MAX_LEANING_SUBJECT_TERMS words of its own subject, and only an entry on that answer's topic or linked to it, is taken:
 * "…to sign for a licence in another state? However, is doing this considered a stupid move?" is not about pay by state.
 */
function searchAfterAnswer(
    question: string,
    alone: SearchResult,
    last: FaqEntry,
    lastTopic: Topic | undefined,
    deps: DialogDeps,
    onItsSubject = false,
): SituationReading | undefined {
    if (alone.outOfScope || leadingGap(alone)) return undefined;
    const own = deps.search.subjectTerms(question).length;
    const leans = FOLLOWS_ON.test(question) || NAMES_IT.test(question) || PICKS_AMONG.test(question);
    const answered = alone.confidence === 'answer';
    if (answered ? !leans || own > MAX_FOLLOW_UP_SUBJECT_TERMS : own > MAX_FOLLOW_UP_SUBJECT_TERMS && !leans) return undefined;
    // One answered alone with more of its own subject ("does it pay more?") is read with the last answer only for an
    // entry that answer offers as a follow-up: after molecular diagnostics, the specializations that pay most.
    const offeredOnly = answered && own > MAX_LEANING_SUBJECT_TERMS;
    // In one message a question after another is a follow-up only when it leans on it and is short of its own subject
    // ("Is it hard?"): "How much do MLTs make? Does anyone have any recommendations for jobs?" asks something new. One
    // not answered alone may have a word more of its own ("how many years does it take to get there?").
    if (onItsSubject && (!leans || own > (answered ? MAX_LEANING_SUBJECT_TERMS : MAX_FOLLOW_UP_SUBJECT_TERMS))) return undefined;
    const query = `${last.title} ${question}`;
    const read = deps.search.search(query, { preferTopic: lastTopic });
    const onSubject = (entry: FaqEntry) => entry.topic === last.topic || deps.search.linked(last.id, entry.id);
    if (own === 0) {
        if (read.confidence !== 'answer' || read.outOfScope || (onItsSubject && !onSubject(read.hits[0].entry))) return undefined;
        // "and for MLS?" after a typical MLT day asks the other role's side: an entry on that role, not the same answer.
        // (In one message, "Do MLTs do the interesting stuff or is that MLS only?" is one question: its answer stands.)
        const otherRole = !onItsSubject && read.hits[0].entry.id === last.id ? entryOnRoleAsked(question, last, read, deps) : undefined;
        return { leans: true, result: otherRole ? { ...read, hits: [otherRole, ...read.hits.filter((h) => h !== otherRole)] } : read, query };
    }
    // Its own nearest entries, and, when it is answered alone on one word of its own, every entry on its answer's topic:
    // "which one makes more money?" after the MLT and MLS comparison asks about pay (its word), and the comparison says
    // whose (MLT vs MLS pay, though pay has more entries than FOLLOW_UP_NEAR and that one is not among the question's own
    // five). Not with more words of its own ("ok and whats the median pay" names which pay entry itself), nor in the
    // message that answer is part of ("I'm moving to Tennessee. Do I need a license? And how much do MLTs make?" asks the
    // pay figures, not pay by state).
    const ownTopic = answered && !onItsSubject && own <= MAX_LEANING_SUBJECT_TERMS ? alone.hits[0]?.entry.topic : undefined;
    const near = new Set([
        ...alone.hits.slice(0, FOLLOW_UP_NEAR).map((h) => h.entry.id),
        ...(ownTopic ? alone.hits.filter((h) => h.entry.topic === ownTopic && !gapOf(h.entry)).map((h) => h.entry.id) : []),
    ]);
    // Of its own nearest entries, one on the last answer's subject first: "is it in demand?" after molecular diagnostics
    // is about the specializations in demand, not the job market as a whole.
    // (An entry, not a known gap: "is it worth it tho" after MLT-to-MLS is not the medical-school gap of that topic.)
    const hit = read.hits.find((h) => near.has(h.entry.id) && onSubject(h.entry) && !gapOf(h.entry)) ?? read.hits.find((h) => near.has(h.entry.id));
    // "Which one is better?" after an answer that weighs what it lists ("…speak well of both and do not rank one above the
    // other"): that answer again, when read with it the question finds it first and asks nothing but which is better.
    if (!onItsSubject && !answered && PICKS_AMONG.test(question) && read.confidence === 'answer' && !read.outOfScope && read.hits[0]?.entry.id === last.id) {
        const weighing = new Set(WEIGHING_WORDS.flatMap((w) => deps.search.normalizer.terms(w)));
        if (deps.search.subjectTerms(question).every((t) => weighing.has(t))) return { leans: true, result: read, query };
    }
    // None of its own nearest, but read with the answer just before it in the message it finds that answer first: it
    // asks more of the same ("What is quality control? Why does it matter so much?"), a part of that answer, not a
    // "Did you mean".
    const moreOfSame = onItsSubject && !answered && read.confidence === 'answer' && !read.outOfScope && read.hits[0]?.entry.id === last.id;
    if (moreOfSame && (!hit || !onSubject(hit.entry) || hit.score < SEARCH_TUNING.answerAt)) {
        // Unless, leaning towards that answer's topic, it answers with another entry of it: "what's the salary range? and
        // does it depend on where u live?" asks about pay by place, not the range again.
        const leaning = deps.search.search(question, { preferTopic: last.topic });
        const other = leaning.confidence === 'answer' && !leaning.outOfScope && !leadingGap(leaning) ? leaning.hits[0].entry : undefined;
        if (other && other.id !== last.id && onSubject(other)) return { leans: true, result: leaning, query: question };
        return { leans: true, result: read, query };
    }
    if (!hit || read.outOfScope || hit.score < SEARCH_TUNING.answerAt) return undefined;
    // The last answer must have decided something: a question answered alone finds another entry, and one that was not
    // answered finds another entry than its own best, or one on the last answer's topic or linked to it by a follow-up
    // ("is it hard?" after pay is still a "Did you mean", not "is it hard to get hired?").
    const onLastSubject = onSubject(hit.entry);
    if (onItsSubject && !onLastSubject) return undefined;
    if (offeredOnly && !deps.search.linked(last.id, hit.entry.id)) return undefined;
    // Unless alone it tied with another subject and the last answer settled it: "how long does that take?" after what a
    // technologist does is the programs' length, not how long a licence takes.
    const settled = !answered && alone.reading !== undefined && alone.reading.margin < SEARCH_TUNING.minMargin && read.confidence === 'answer' && read.hits[0] === hit;
    // Nor the answer just given again, for a question that alone finds another: "is it boring?" after a typical day is
    // whether the work is routine.
    if (answered && hit.entry.id === last.id && alone.hits[0]?.entry.id !== last.id) return undefined;
    if (hit.entry.id === alone.hits[0]?.entry.id && (answered || (!onLastSubject && !settled))) return undefined;
    return { leans: true, result: { ...read, confidence: 'answer', hits: [hit, ...read.hits.filter((h) => h !== hit)] }, query };
}

/**
 * Of the entries `read` found, the first that names a role `question` names and the title of `last` does not: "and for
 * MLS?" after "What's a typical day like for an MLT?" finds what a technologist does. Undefined when the question names
 * no other role, or no entry found names it.
 */
function entryOnRoleAsked(question: string, last: FaqEntry, read: SearchResult, deps: DialogDeps): SearchHit | undefined {
    const terms = (text: string) => new Set(deps.search.normalizer.terms(text));
    const asked = terms(question);
    const answered = terms(last.title);
    const roles = ROLE_TERMS.filter((r) => asked.has(r) && !answered.has(r));
    if (roles.length === 0) return undefined;
    return read.hits.find((h) => h.entry.id !== last.id && !gapOf(h.entry) && h.score >= SEARCH_TUNING.answerAt && roles.every((r) => terms(h.entry.title).has(r)));
}

/**
 * Whether `question`, answered by `entry`, asks what a licence takes, so a state named with it gets that state's answer:
 * the licence dialog's own entry, or another licensure entry when the question says "licence". "Is certification
 * mandatory to get hired?" finds whether employers require certification, a licensure entry, but asks no state's rule.
 */
export function asksForLicence(entry: FaqEntry, question: string, deps: Pick<DialogDeps, 'search'>): boolean {
    return entry.topic === 'licensure' && (entry.dialog === LICENSURE_DIALOG || deps.search.normalizer.terms(question).includes(LICENCE_TERM));
}

/**
 * Whether a question the search was unsure of asks for a state's licence: it names a state, and a licence entry is among
 * the hits it offers or it says "licence" itself ("…coming from a biology background with a specialized certification,
 * but still managed to get licensed in NY?", whose many other words leave no licence entry near the top).
 */
function namesLicenceAndState(question: string, result: SearchResult, deps: DialogDeps): boolean {
    if (findJurisdiction(question) === undefined) return false;
    return result.hits.slice(0, SEARCH_TUNING.maxSuggestions).some((h) => h.entry.topic === 'licensure' && !gapOf(h.entry)) || deps.search.normalizer.terms(question).includes(LICENCE_TERM);
}

/** A title is at most this long. */
const MAX_TITLE_LENGTH = 150;

/**
 * The title a post opens with: its first line, when that line is the first sentence of the visitor's situation (no
 * question), at most MAX_TITLE_LENGTH characters, and more lines follow ("Reference lab workers\nAre you as miserable…").
 */
function titleOf(message: string, situation: MessageSpan[]): string | undefined {
    const newline = message.indexOf('\n');
    if (newline <= 0 || newline > MAX_TITLE_LENGTH || situation[0]?.start !== 0) return undefined;
    const title = message.slice(0, newline).trim();
    return title && !title.includes('?') ? title : undefined;
}

/**
 * A question on whether something someone said holds: "is she correct?", "could this guy be accurate?", "is that true?",
 * "has anyone ever heard this?", "could I get some clarification on this", and whether the people who said it are fair:
 * "are my coworkers just bias or are they speaking credible facts?", "are they exaggerating?".
 */
const CHECKS_CLAIM =
    /\b(?:(?:is|are|was|were|could|can|might|would)\s+(?:she|he|they|this|that|it|this\s+\w+|that\s+\w+)\s+(?:be\s+)?(?:right|correct|true|accurate|wrong)(?!\s+(?:for|to|with|about\s+me)\b)|(?:is|are)\s+(?:she|he|they|people|my\s+\w+|these\s+\w+|those\s+\w+)\s+(?:just\s+)?(?:bias(?:ed)?|lying|exaggerating|telling\s+the\s+truth|speaking\s+(?:\w+\s+)?facts)|(?:has|have|did)\s+(?:anyone|anybody|you|any\s+of\s+you)\s+(?:ever\s+)?heard\s+(?:of\s+|about\s+)?(?:this|that|it)|clarification\s+on\s+(?:this|that))\b/i;
/** A sentence that reports what someone said or what the visitor was told: where the claim a question checks is. */
const REPORTS_CLAIM_ALL = /\b(?:told|tell|tells|telling|said|says|say|heard|hear|claims?|claimed|stating|states|mentioned|warned|according\s+to|understanding\s+(?:is|was)\s+that)\b/gi;
/** What opens the claim after its reporting verb: "told| us that| …", "heard| from a few people that| …". */
const CLAIM_OPENING = /^\s*(?:(?:to\s+)?(?:us|me|them|him|her|you|everyone)\s+)?(?:from\s+(?:\w+\s+){0,4}?(?=that\b))?(?:that\s+)?/i;

/** At most this many claims told before a question on whether they hold are searched, nearest first. */
const MAX_CLAIMS_SEARCHED = 3;

/**
 * The reading of a question on whether a claim holds (`checks`, `CHECKS_CLAIM` found in it): what was reported, in the
 * words after the reporting verb ("told us that| we will have a hard time finding a job"), with what the question asks of
 * it ("is that true| everywhere?"), searched from the nearest report back; the first answered by an entry, else the first
 * that leads to a known gap; undefined when none does.
 */
function claimReading(question: MessageSpan, checks: RegExpExecArray, spans: MessageSpan[], search: (query: string) => SearchResult): SituationReading | undefined {
    const told = spans.filter((s) => s.end <= question.start).sort((a, b) => a.start - b.start);
    const before = [...told.map((s) => s.text), question.text.slice(0, checks.index)];
    // What the question asks of the claim besides whether it holds: "is that true| everywhere?".
    const asksOfIt = question.text.slice(checks.index + checks[0].length).replace(/[?!.\s]+$/u, '');
    const claims: string[] = [];
    for (let i = before.length - 1; i >= 0 && claims.length < MAX_CLAIMS_SEARCHED; i--) {
        const text = before[i].slice(-MAX_SITUATION_LENGTH);
        const reports = [...text.matchAll(REPORTS_CLAIM_ALL)];
        for (let j = reports.length - 1; j >= 0 && claims.length < MAX_CLAIMS_SEARCHED; j--) {
            const claim = text.slice(reports[j].index! + reports[j][0].length).replace(CLAIM_OPENING, '').trim();
            if (/\p{L}{3}/u.test(claim)) claims.push(`${claim.replace(/[?!.\s]+$/u, '')}${asksOfIt}`);
        }
    }
    const read = claims.map((query) => ({ query, result: search(query) })).filter(({ result }) => !result.outOfScope);
    const found = read.find(({ result }) => result.confidence === 'answer' && !leadingGap(result)) ?? read.find(({ result }) => leadingGap(result));
    return found && { leans: true, ...found };
}

/**
 * What `searchWithSituation` found: the question read with its situation (`leans`), or the search of the question
 * alone it ran to decide against that reading (`query` is then the question's text).
 */
interface SituationReading {
    leans: boolean;
    result: SearchResult;
    query: string;
}

/** "work there", "move there", "in that state": a place the question names only by pointing back to it. */
const PLACE_REFERENCE = /\b(?:(?:work|working|practice|practicing|live|living|move|moving|job|jobs|licensed|get licensed)\s+(?:out\s+|over\s+)?there|in\s+that\s+state)\b/i;

/**
 * The question with the state its "there" points back to, from the rest of the message: "I'm moving to New York. What
 * do I need to work there?" asks what one needs to work in New York (a licence there). The question unchanged when it
 * names no place that way, names a state itself, or the message names none.
 */
function placed(question: string, message: string): string {
    const reference = PLACE_REFERENCE.exec(question);
    if (!reference || findJurisdiction(question)) return question;
    const state = findJurisdiction(message);
    if (!state) return question;
    const pointer = reference[0].match(/\s+(?:(?:out|over)\s+)?there$/i);
    return pointer
        ? `${question.slice(0, reference.index + reference[0].length - pointer[0].length)} in ${state.name}${question.slice(reference.index + reference[0].length)}`
        : `${question.slice(0, reference.index)}in ${state.name}${question.slice(reference.index + reference[0].length)}`;
}

/**
 * What a request for opinions stands for in a message (language.yaml's `opinionAsks`): whether to take the work up
 * (`weighing`: its `readAs`), advice for someone new to it when the writer says they have just started (`started`'s
 * `readAs`), or nothing (null): an MLT of 25 years asking for advice keeps the question's own reading.
 */
type OpinionMeaning = 'weighing' | { readAs: string } | null;

/**
 * The reading of a request for opinions with no subject of its own ("What are your thoughts?", "Any advice?") in a
 * message about the work, when nothing else answered it: the question it stands for (see `OpinionMeaning`), when that
 * is answered. Undefined otherwise, and the question keeps its own reading (a known gap included).
 */
function opinionReading(
    question: string,
    result: SearchResult,
    standsFor: () => OpinionMeaning,
    deps: DialogDeps,
    search: (query: string) => SearchResult,
): { result: SearchResult; query: string } | undefined {
    if (!isUnanswered(result) || leadingGap(result)) return undefined;
    const asked = deps.search.opinionQuestion(question);
    if (asked === undefined) return undefined;
    const meaning = standsFor();
    if (meaning === null) return undefined;
    const query = meaning === 'weighing' ? asked : meaning.readAs;
    const opinion = search(query);
    return opinion.confidence === 'answer' && !opinion.outOfScope ? { result: opinion, query } : undefined;
}

/** A question of the message, with its search when that was already done. */
interface Asked {
    span: MessageSpan;
    result?: SearchResult;
}

/** A search that neither answered nor held the question back: one worth reading subject by subject. */
function isUnanswered(result: SearchResult): boolean {
    return result.confidence !== 'answer' && !result.outOfScope;
}

/** A search worth reading subject by subject, when its question lists several: unanswered, or led by a known gap. */
function isListable(result: SearchResult): boolean {
    return isUnanswered(result) || leadingGap(result) !== undefined;
}

/**
 * The subjects of a question that lists several ("Any insights on the job outlook, major, pay…?") and found no answer
 * as a whole (its words spread over several entries), or only the known gap of one of them (`gapLed`: "What are the
 * hours and the pay like?"), each with its search, when at least two of them are answered by different entries (or
 * known gaps); otherwise undefined. Subjects that find no answer alone are left out: "major" or "anything else" in
 * such a list names no question the sources answer. Measured on the development sets, answering beside a known gap
 * gained three questions and lost none (BENCHMARKS.md, eighth session).
 */
function listedSubjects(span: MessageSpan, search: (query: string) => SearchResult, gapLed = false): Required<Asked>[] | undefined {
    const answered = listedParts(span)
        .map((piece) => ({ span: piece, result: search(piece.text) }))
        .filter(({ span: piece, result }) => {
            if (result.outOfScope) return false;
            const long = wordCount(piece.text) >= MIN_LISTED_WORDS;
            // A known gap the piece only suggests counts when the piece is a question of its own ("How is the work life
            // balance"), not a bare noun ("major").
            if (leadingGap(result)) return result.confidence === 'answer' || long;
            // A bare noun after a known gap's question ("the cost of the program and certification?") asks what the
            // gap asks of it, not what the noun's entry answers.
            return result.confidence === 'answer' && (!gapLed || long);
        });
    return new Set(answered.map(({ result }) => result.hits[0].entry.id)).size >= 2 ? answered : undefined;
}

/**
 * At least this many words in a subject answered beside a known gap of the same question ("the pros/cons of the job?"),
 * or in one whose known gap is only suggested ("How is the work life balance").
 */
const MIN_LISTED_WORDS = 3;

function wordCount(text: string): number {
    return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** One message answering `shown` in order, with the buttons of its parts and the trace's `parts`. */
function composeReply(shown: SearchedPart[], moreAsked: boolean, deps: DialogDeps): Partial<Activity> {
    const sections: AnswerSection[] = [];
    const parts: AnswerPart[] = [];
    const buttons: CardAction[] = [];
    // The entries offered as buttons, for the trace's follow-ups.
    const offeredIds: string[] = [];
    const offer = (ids: string[]) => {
        buttons.push(...deps.replies.followUpActions(ids));
        offeredIds.push(...ids);
    };
    let needsAdvisor = false;
    let gapAsked = false;
    for (const { span, result, entry, fittedAnswer, gap, told } of shown) {
        // The visitor's own words, escaped: Web Chat renders a reply's Markdown, and HTML in it, which their text must never be.
        const quote = `“${escapeMarkdown(span.text.length > QUOTE_LENGTH ? `${span.text.slice(0, QUOTE_LENGTH - 1).trimEnd()}…` : span.text)}”`;
        // What they told (no question) is introduced as such, before its answer or its gap.
        const intro = told ? `You mentioned ${quote}\n\n` : '';
        if (entry) {
            const score = result.hits[0].score;
            // Headed by what it answers, in the entry's words: the visitor sees how their question was read.
            const body = fittedAnswer ?? { text: shortAnswer(entry.answer), citations: deps.replies.citations(entry.source, entry.asOf) };
            // A part answered for another job than the one it names says so under its title ("the perks of being an MLS").
            const note = result.readingNote ? `${result.readingNote}\n\n` : '';
            sections.push({ text: `${intro}**${entry.title}**\n\n${note}${body.text}`, citations: body.citations });
            parts.push({ question: span.text, source: 'knowledge', ids: [entry.id], score, citations: body.citations });
            // An entry with a topic dialog (the pay check, the planner) or an answer cut short is offered as a button:
            // pressing it asks that question alone, for the dialog or the whole answer.
            const more = entry.dialog !== undefined || shortAnswer(entry.answer) !== entry.answer.trim();
            if (!fittedAnswer && more) offer([entry.id]);
        } else if (gap) {
            // A short part: the honest sentence under the gap's title; the advisor offer closes the reply once.
            const known = deps.replies.knownGap(gap);
            sections.push(uncited(known ? `${intro}**${known.title}**\n\n${known.uncovered.trim()}` : NO_ANSWER(quote)));
            parts.push({ question: span.text, source: 'fallback', reason: 'gap', gap, ids: [], score: result.hits[0]?.score ?? 0 });
            gapAsked = needsAdvisor = true;
        } else if (result.outOfScope === 'medical-advice') {
            sections.push(uncited(MEDICAL(quote, deps.search.medicalAdviceReply)));
            parts.push({ question: span.text, source: 'fallback', reason: 'medical-advice', ids: [], score: 0 });
        } else if (result.confidence === 'suggest' && !result.outOfScope) {
            const hits = result.hits.slice(0, 2);
            sections.push(uncited(SUGGEST(quote, hits.map((h) => h.entry.title))));
            parts.push({ question: span.text, source: 'fallback', reason: 'suggestions', ids: hits.map((h) => h.entry.id), score: hits[0]?.score ?? 0 });
            // By title, as "Did you mean" buttons are: a suggested gap is no FAQ entry, yet pressing it asks its question.
            buttons.push(...hits.map((h) => ({ type: ActionTypes.ImBack, title: h.entry.title, value: h.entry.title })));
            offeredIds.push(...hits.map((h) => h.entry.id));
        } else {
            sections.push(uncited(NO_ANSWER(quote)));
            parts.push({ question: span.text, source: 'fallback', reason: result.outOfScope ? 'out-of-scope' : 'no-match', ids: [], score: 0 });
            needsAdvisor = true;
        }
    }
    if (gapAsked) sections.push(uncited(deps.replies.gapAdvisorOffer));
    if (moreAsked) sections.push(uncited(MORE_ASKED));
    if (needsAdvisor) buttons.unshift(TALK_TO_ADVISOR);
    for (const { entry } of shown) if (entry) offer(entry.followUps);

    const answeredParts = parts.filter((p) => p.source === 'knowledge');
    const unique = buttons.filter((b, i) => buttons.findIndex((o) => o.value === b.value) === i).slice(0, MAX_BUTTONS);
    const followUps = deps.replies.followUps([...new Set(offeredIds)]).filter((f) => unique.some((b) => b.value === f.title));
    const answeredAny = answeredParts.length > 0;
    return answerReply(sections, unique, {
        source: answeredAny ? 'knowledge' : 'fallback',
        ...(answeredAny ? {} : fallbackOf(parts)),
        ids: [...new Set((answeredAny ? answeredParts : parts).flatMap((p) => p.ids))],
        // The reply is as sure as its least sure answer.
        score: answeredAny ? Math.min(...answeredParts.map((p) => p.score)) : 0,
        parts,
        ...(followUps.length ? { followUps } : {}),
    });
}

/** A section that states nothing from the sources (a question named as unanswered, a suggestion). */
function uncited(text: string): AnswerSection {
    return { text, citations: [] };
}

/**
 * The reason of a reply none of whose parts was answered: an unanswered question counts first, then suggestions, then
 * a known gap (with the first gap's name).
 */
function fallbackOf(parts: AnswerPart[]): { reason: FallbackReason; gap?: string } {
    if (parts.some((p) => p.reason === 'no-match')) return { reason: 'no-match' };
    if (parts.some((p) => p.reason === 'suggestions')) return { reason: 'suggestions' };
    const gap = parts.find((p) => p.reason === 'gap')?.gap;
    if (gap) return { reason: 'gap', gap };
    return { reason: parts[0]?.reason ?? 'no-match' };
}

/**
 * The first block of an answer (up to its first blank line), keeping a list its first line introduces: a part of a
 * reply that answers several questions stays short, and the full answer is one question away.
 */
export function shortAnswer(answer: string): string {
    const blocks = answer.trim().split(/\n\s*\n/);
    let short = blocks[0];
    if (/:\s*$/.test(short) && blocks[1]) short = `${short}\n\n${blocks[1]}`;
    return short.trim();
}
