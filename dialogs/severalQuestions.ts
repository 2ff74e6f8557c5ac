import { ActionTypes, Activity, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { AnswerPart, FallbackReason, withTrace } from '../src/bot/answerTrace';
import type { FaqEntry, Topic } from '../src/knowledge/schema';
import type { SearchResult } from '../src/knowledge/searchIndex';
import { findQuestions, MAX_ANSWERED_PARTS, MessageSpan } from '../src/knowledge/questionFinder';
import { findJurisdiction, UsJurisdiction } from '../src/recognizers';
import { licensureForState } from './licensureDialog';
import { leadingGap } from '../src/knowledge/gapSchema';
import { TALK_TO_ADVISOR } from '../src/bot/replies';
import type { ConversationMemory, DialogDeps } from './dialogDeps';

/**
 * At most this many of a message's questions are searched. Searching is ~0.1–0.2 ms a question; six keeps a post
 * full of questions within the turn's 2 ms budget while still finding answerable ones among chatty questions
 * ("Do you like your job?") that come first.
 */
export const MAX_SEARCHED_PARTS = 6;

/** A quoted question longer than this is cut in the reply (the trace keeps all of it). */
const QUOTE_LENGTH = 90;
const MAX_BUTTONS = 6;
const NO_ANSWER = (quote: string) => `I don’t have an answer to ${quote} in my sources. A career advisor can help with that: press **Talk to a career advisor**.`;
const SUGGEST = (quote: string, titles: string[]) => `I’m not sure what you mean by ${quote}. Did you mean ${titles.map((t) => `**${t}**`).join(' or ')}?`;
const MEDICAL = (quote: string, reply: string) => `About ${quote}: ${reply}`;
const MORE_ASKED = 'You asked more than I can take in one reply: ask me the others one at a time.';

/** What `answerQuestions` did: replied with one message for several questions, or left one search for the caller. */
export type QuestionsRoute = { replied: true } | { replied: false; result: SearchResult };

interface SearchedPart {
    span: MessageSpan;
    result: SearchResult;
    /** The entry that answers it, for `confidence: "answer"`. */
    entry?: FaqEntry;
    /** The answer for the state the message names, when the part asks about a licence. */
    stateAnswer?: string;
    /** The known gap it asks about, when one leads its search: named as such, never answered from another subject. */
    gap?: string;
}

/** The entry whose topic dialog answers licence questions by state. */
const LICENSURE_ENTRY_ID = 'licensure-by-state';

/**
 * Finds the questions in the visitor's message and answers them. Several questions get one reply with a short part
 * for each (up to MAX_ANSWERED_PARTS, in the order asked), each with its own source line, and a part the sources
 * cannot answer named as such; the trace carries `parts`. One question inside context sentences (a long post) is
 * searched alone, and the caller routes its result as it routes any question; so is a message that is one question.
 */
export async function answerQuestions(context: TurnContext, text: string, deps: DialogDeps, memory: ConversationMemory): Promise<QuestionsRoute> {
    const search = (query: string) => deps.search.search(query, { preferTopic: memory.lastTopic });
    const { questions, context: situation } = findQuestions(text);
    rememberState(situation, memory);
    // No asking sentence ("mlt salary texas"), or a message that is one question: search it as written.
    if (questions.length === 0 || (questions.length === 1 && situation.length === 0)) return { replied: false, result: search(text) };
    // One question inside the visitor's situation: searched alone. On the tuning half, searching the whole post as well
    // when the question alone is not answered changed nothing, and so (once main's vocabulary reached "automation")
    // did searching it with the post's title line: the situation's words are not used.
    if (questions.length === 1) return { replied: false, result: search(questions[0].text) };

    const searched: SearchedPart[] = [];
    // The state the message names, read once and only when needed: reading a long post takes ~0.4 ms.
    let state: UsJurisdiction | null | undefined;
    const namedState = () => (state === undefined ? (state = findJurisdiction(text) ?? null) : state);
    // A question the search cannot answer alone is searched again leaning towards the topic of the one answered before
    // it, as a follow-up in the next message would be: "How long is the MLT program and how much does it cost?" asks
    // the cost of the program. Only then: leaning always made "…and how much do MLTs make?" a "Did you mean".
    let topic: Topic | undefined;
    for (const span of questions.slice(0, MAX_SEARCHED_PARTS)) {
        // Enough answers for one reply: the questions after them would not be shown.
        if (searched.filter((p) => p.entry).length >= MAX_ANSWERED_PARTS) break;
        let result = search(span.text);
        if (result.confidence !== 'answer' && !result.outOfScope && topic && topic !== memory.lastTopic) {
            const leaning = deps.search.search(span.text, { preferTopic: topic });
            if (leaning.confidence === 'answer') result = leaning;
        }
        // An attempt to change the bot's role anywhere in the message is refused as a whole, as today.
        if (result.outOfScope === 'manipulation') return { replied: false, result };
        const gap = leadingGap(result);
        let entry = result.confidence === 'answer' && !gap ? result.hits[0]?.entry : undefined;
        let stateAnswer: string | undefined;
        // A licence question with a state named anywhere in the message ("I'm moving to CA… do I need a license?")
        // gets that state's answer, as the licensure dialog gives it when the question is asked alone.
        // A weak licence match counts when the question itself names the state ("…managed to get licensed in NY?").
        if (result.hits[0]?.entry.topic === 'licensure' && !result.outOfScope && !gap) {
            // Or the state they named earlier in the conversation.
            const remembered = namedState() ? undefined : memory.state && findJurisdiction(memory.state);
            const named = namedState() ?? remembered;
            const licensure = deps.search.entry(LICENSURE_ENTRY_ID);
            if (named && licensure && (result.confidence !== 'none' || findJurisdiction(span.text))) {
                entry = licensure;
                stateAnswer = licensureForState(deps, named, Boolean(remembered));
            }
        }
        // Two questions answered by one entry ("What do you do? What's a typical day like?") are one part, whose
        // `question` holds both in the visitor's words (no longer one slice of the message).
        const same = entry && searched.find((p) => p.entry?.id === entry.id);
        if (same) same.span = { ...same.span, text: `${same.span.text} ${span.text}`, end: span.end };
        else searched.push({ span, result, entry, stateAnswer, gap });
        if (entry) topic = entry.topic;
    }
    const answered = searched.filter((p) => p.entry);
    // One subject after all: route it as a single question, so its topic dialog can start.
    if (searched.length === 1) return { replied: false, result: searched[0].result };
    if (answered.length === 0) {
        // No question answerable on its own. The message as a whole may be ("What is a Clinical Laboratory Technician/
        // Clinical Laboratory Scientist? Can we have a Career Overview?"), or a licence question in it may name its state
        // elsewhere ("Working in CA w/out license?"): then it is routed as one question. Otherwise each question is named.
        const licenceAsked = searched.some((p) => p.result.hits.slice(0, 3).some((h) => h.entry.topic === 'licensure'));
        const whole = search(text);
        if (whole.confidence === 'answer' || (licenceAsked && namedState())) return { replied: false, result: whole };
    }
    // Answerable parts first, then the others named, up to MAX_ANSWERED_PARTS, shown in the order asked.
    const shown = [...answered, ...searched.filter((p) => !p.entry)].slice(0, MAX_ANSWERED_PARTS).sort((a, b) => a.span.start - b.span.start);

    // Questions not in the reply: found but not searched, or searched but beyond the parts shown.
    const leftOut = questions.length - questions.filter((q) => shown.some((p) => q.start >= p.span.start && q.end <= p.span.end)).length;
    await context.sendActivity(composeReply(shown, leftOut > 0, deps));
    for (const part of shown) {
        if (part.gap) await deps.unanswered.record(context, part.span.text, part.gap);
        else if (!part.entry && !part.result.outOfScope && part.result.confidence === 'none') await deps.unanswered.record(context, part.span.text);
    }
    const lastAnswered = shown.filter((p) => p.entry).pop();
    if (lastAnswered?.entry) memory.lastTopic = lastAnswered.entry.topic;
    return { replied: true };
}

/** Where a situation names a place: "live in", "moving to", "from", "based in"… followed by up to three words. */
const PLACE_CUE = /\b(?:in|from|to|near|at)\s+((?:the\s+state\s+of\s+)?[\p{L}.'’-]+(?:\s+[\p{L}.'’-]+){0,2})/giu;
/** At most this many places are read: reading a whole long post for a state took ~0.4 ms, more than its searches. */
const MAX_PLACES = 6;

/**
 * Keeps the state the visitor's situation names ("I live in Texas", "moving to CA next year"), so a later licence
 * question can use it. Only the few words after "in", "from", "to"… are read, the way pay amounts are read in windows.
 */
function rememberState(situation: MessageSpan[], memory: ConversationMemory): void {
    const places: string[] = [];
    for (const sentence of situation) {
        PLACE_CUE.lastIndex = 0;
        for (let m = PLACE_CUE.exec(sentence.text); m && places.length < MAX_PLACES; m = PLACE_CUE.exec(sentence.text)) places.push(m[1]);
        if (places.length >= MAX_PLACES) break;
    }
    const named = places.length ? findJurisdiction(places.join('\n')) : undefined;
    if (named) memory.state = named.name;
}

/** One message answering `shown` in order, with the buttons of its parts and the trace's `parts`. */
function composeReply(shown: SearchedPart[], moreAsked: boolean, deps: DialogDeps): Partial<Activity> {
    const sections: string[] = [];
    const parts: AnswerPart[] = [];
    const buttons: CardAction[] = [];
    let needsAdvisor = false;
    let gapAsked = false;
    for (const { span, result, entry, stateAnswer, gap } of shown) {
        const quote = `“${span.text.length > QUOTE_LENGTH ? `${span.text.slice(0, QUOTE_LENGTH - 1).trimEnd()}…` : span.text}”`;
        if (entry) {
            const score = result.hits[0].score;
            // Headed by what it answers, in the entry's words: the visitor sees how their question was read.
            const body = stateAnswer ?? `${shortAnswer(entry.answer)}\n\n_${deps.replies.citation(entry.source, entry.asOf)}_`;
            sections.push(`**${entry.title}**\n\n${body}`);
            parts.push({ question: span.text, source: 'knowledge', ids: [entry.id], score });
            // An entry with a topic dialog (the pay check, the planner) or an answer cut short is offered as a button:
            // pressing it asks that question alone, for the dialog or the whole answer.
            const more = entry.dialog !== undefined || shortAnswer(entry.answer) !== entry.answer.trim();
            if (!stateAnswer && more) buttons.push(...deps.replies.followUpActions([entry.id]));
        } else if (gap) {
            // A short part: the honest sentence under the gap's title; the advisor offer closes the reply once.
            const known = deps.replies.knownGap(gap);
            sections.push(known ? `**${known.title}**\n\n${known.uncovered.trim()}` : NO_ANSWER(quote));
            parts.push({ question: span.text, source: 'fallback', reason: 'gap', gap, ids: [], score: result.hits[0]?.score ?? 0 });
            gapAsked = needsAdvisor = true;
        } else if (result.outOfScope === 'medical-advice') {
            sections.push(MEDICAL(quote, deps.search.medicalAdviceReply));
            parts.push({ question: span.text, source: 'fallback', reason: 'medical-advice', ids: [], score: 0 });
        } else if (result.confidence === 'suggest' && !result.outOfScope) {
            const hits = result.hits.slice(0, 2);
            sections.push(SUGGEST(quote, hits.map((h) => h.entry.title)));
            parts.push({ question: span.text, source: 'fallback', reason: 'suggestions', ids: hits.map((h) => h.entry.id), score: hits[0]?.score ?? 0 });
            // By title, as "Did you mean" buttons are: a suggested gap is no FAQ entry, yet pressing it asks its question.
            buttons.push(...hits.map((h) => ({ type: ActionTypes.ImBack, title: h.entry.title, value: h.entry.title })));
        } else {
            sections.push(NO_ANSWER(quote));
            parts.push({ question: span.text, source: 'fallback', reason: result.outOfScope ? 'out-of-scope' : 'no-match', ids: [], score: 0 });
            needsAdvisor = true;
        }
    }
    if (gapAsked) sections.push(deps.replies.gapAdvisorOffer);
    if (moreAsked) sections.push(MORE_ASKED);
    if (needsAdvisor) buttons.unshift(TALK_TO_ADVISOR);
    for (const { entry } of shown) if (entry) buttons.push(...deps.replies.followUpActions(entry.followUps));

    const answeredParts = parts.filter((p) => p.source === 'knowledge');
    const unique = buttons.filter((b, i) => buttons.findIndex((o) => o.value === b.value) === i).slice(0, MAX_BUTTONS);
    const text = sections.join('\n\n');
    const activity = unique.length ? MessageFactory.suggestedActions(unique, text) : MessageFactory.text(text);
    const answeredAny = answeredParts.length > 0;
    return withTrace(activity, {
        source: answeredAny ? 'knowledge' : 'fallback',
        ...(answeredAny ? {} : fallbackOf(parts)),
        ids: [...new Set((answeredAny ? answeredParts : parts).flatMap((p) => p.ids))],
        // The reply is as sure as its least sure answer.
        score: answeredAny ? Math.min(...answeredParts.map((p) => p.score)) : 0,
        parts,
    });
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
