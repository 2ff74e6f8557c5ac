import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Facts } from '../src/knowledge/factsSchema';
import type { Topic } from '../src/knowledge/schema';
import type { KnowledgeSearch } from '../src/knowledge/searchIndex';
import type { SmallTalk } from '../src/knowledge/smallTalk';
import type { Replies } from '../src/replies/replies';
import type { PayAmount } from '../src/recognizers';
import type { EducationLevel } from './pathwayAnswers';

/** What the bot remembers about a conversation between turns, besides the dialog stack. */
export interface ConversationMemory {
    /** The topic last answered, so an elliptical follow-up ("and in Tennessee?") stays on it. */
    lastTopic?: Topic;
    /**
     * The FAQ entry last answered (its id, never the visitor's words), so a follow-up that leans on it ("is it hard?",
     * "and for MLS?") is read with that entry's question.
     */
    lastEntry?: string;
    /**
     * The US state or territory the visitor named while describing their situation ("I live in Texas. Do I need…"),
     * by name, so a later licence question is answered for it. Kept in conversation state: deleted with it.
     */
    state?: string;
    /** The known gap the last reply named (its name), when it was one: see `rememberGap`. */
    lastGap?: string;
    /**
     * What each part of the last reply answered, when it answered several questions: entry ids, and `gap:<name>` for a
     * known gap's part. "Where did you get that?" names the sources of every part, not only the last. Any later answer
     * clears it.
     */
    lastParts?: string[];
    /** Their schooling, as they described it ("I have a BS in biology"): the pathway planner does not ask again. */
    education?: EducationLevel;
    /** Their current or last job ("phlebotomist", "nurse"), for the advisor who follows up. */
    work?: string;
    /** A pay figure they named (their pay or an offer): the salary figures offer to compare it. */
    pay?: PayAmount;
    /** Set once the visitor has been welcomed. */
    welcomed?: boolean;
    /** Small-talk replies given so far, so the next one takes the next variant rather than repeating itself. */
    smallTalkCount?: number;
}

/** Remembers the entry just answered (not a known gap's reply) and its topic, for the follow-ups that lean on them. */
export function rememberAnswer(memory: ConversationMemory, entry: { id: string; topic: Topic; gap?: string }): void {
    memory.lastTopic = entry.topic;
    delete memory.lastGap;
    delete memory.lastParts;
    if (entry.gap) delete memory.lastEntry;
    else memory.lastEntry = entry.id;
}

/**
 * Remembers that the last reply named a known gap: a follow-up that plainly leans on it ("what about H-1B?" after
 * visas) is read with it, and the answer before it is no longer the one a follow-up leans on.
 */
export function rememberGap(memory: ConversationMemory, gap: string): void {
    memory.lastGap = gap;
    delete memory.lastEntry;
    delete memory.lastParts;
}

/** Receives the questions the bot could not answer, for the advisors' report. */
export interface UnansweredQuestions {
    /** @param gap the known gap the question is on: advisors see it under that gap, not among the unmatched questions */
    record(context: TurnContext, question: string, gap?: string): Promise<void>;
}

/** What a visitor asked to be contacted about, with the details they gave. */
export interface FollowUpDetails {
    name: string;
    contact: string;
    contactKind: 'email' | 'phone';
    topic: string;
}

/** Takes visitors' requests to talk to a person. */
export interface FollowUpDesk {
    /** Puts the request in the advisors' queue: the one place contact details are kept. */
    request(context: TurnContext, details: FollowUpDetails): Promise<void>;
    /** Keeps what the visitor typed this turn out of the transcript (it is a name or contact details). */
    keepOutOfTranscript(context: TurnContext, marker: string): void;
    /** Days the details are kept before they are deleted. */
    readonly retentionDays: number;
}

/** Erases a visitor's conversation at their request ("delete my chat"). */
export interface ConversationErasure {
    /** Erases the conversation everywhere once this turn is over, so the turn itself is not kept either. */
    eraseAfterTurn(context: TurnContext): void;
}

/** Everything a dialog needs from the rest of the bot; dialogs see interfaces, never Fuse or a database. */
export interface DialogDeps {
    search: KnowledgeSearch;
    /** Recognises greetings, thanks, goodbyes and the like, which are answered without searching. */
    smallTalk: SmallTalk;
    facts: Facts;
    replies: Replies;
    memory: StatePropertyAccessor<ConversationMemory>;
    unanswered: UnansweredQuestions;
    followUps: FollowUpDesk;
    erasure: ConversationErasure;
}
