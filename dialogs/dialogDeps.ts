import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Facts } from '../src/knowledge/factsSchema';
import type { Topic } from '../src/knowledge/schema';
import type { KnowledgeSearch } from '../src/knowledge/searchIndex';
import type { Replies } from '../src/bot/replies';

/** What the bot remembers about a conversation between turns, besides the dialog stack. */
export interface ConversationMemory {
    /** The topic last answered, so an elliptical follow-up ("and in Tennessee?") stays on it. */
    lastTopic?: Topic;
    /** Set once the visitor has been welcomed. */
    welcomed?: boolean;
}

/** Receives the questions the bot could not answer, for the advisors' report. */
export interface UnansweredQuestions {
    record(context: TurnContext, question: string): Promise<void>;
}

/** Everything a dialog needs from the rest of the bot; dialogs see interfaces, never Fuse or a database. */
export interface DialogDeps {
    search: KnowledgeSearch;
    facts: Facts;
    replies: Replies;
    memory: StatePropertyAccessor<ConversationMemory>;
    unanswered: UnansweredQuestions;
}
