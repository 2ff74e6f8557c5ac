import { Activity, CardAction, MessageFactory, TurnContext } from 'botbuilder';
import { withTrace } from '../src/replies/answerTrace';
import type { SmallTalkEntry } from '../src/knowledge/smallTalkSchema';
import type { ConversationMemory, DialogDeps } from './dialogDeps';
import type { FaqEntry } from '../src/knowledge/schema';
import { GAP_ID_PREFIX, type Gap } from '../src/knowledge/gapSchema';
import { SMALL_TALK_DIALOG } from '../src/knowledge/dialogIds';

/** Kinds that end what the visitor was doing: said while a topic dialog waits, they end it rather than reprompt. */
export const ENDS_TOPIC_DIALOG: ReadonlySet<SmallTalkEntry['id']> = new Set(['goodbye', 'frustration']);
/** Small talk that only says the last answer was heard ("ok that sounds cool.", "thanks!"), before a follow-up to it. */
export const SAYS_HEARD: ReadonlySet<SmallTalkEntry['id']> = new Set(['acknowledgement', 'thanks', 'compliment']);

/**
 * What the last reply answered: each part of a reply to several questions (entries, and known gaps by `gap:<name>`), else
 * the entry last answered, else the known gap last named; none before any answer.
 */
function answeredLast(deps: Pick<DialogDeps, 'search' | 'replies'>, memory: ConversationMemory): Array<FaqEntry | Gap> {
    const byId = (id: string) => (id.startsWith(GAP_ID_PREFIX) ? deps.replies.knownGap(id.slice(GAP_ID_PREFIX.length)) : deps.search.entry(id));
    const ids = memory.lastParts ?? (memory.lastEntry ? [memory.lastEntry] : memory.lastGap ? [`${GAP_ID_PREFIX}${memory.lastGap}`] : []);
    return ids.map(byId).filter((found): found is FaqEntry | Gap => found !== undefined);
}

/**
 * The reply to a small-talk message, with `actions` as buttons and the small-talk trace; with `whileAsking`, the
 * entry's reply for when a dialog's question is about to be asked again, which may be none (`undefined`). A kind that
 * `namesSources` is answered with the sources of the last answer (`Replies.sources`), whether a question waits or not.
 * @remarks Variants are taken in turn, counted per conversation in its memory: the same visitor saying "thanks" twice
 * gets two different replies, yet a conversation replays the same way every time (tests, transcripts, the eval),
 * which a random pick would not.
 */
export async function smallTalkReply(
    deps: Pick<DialogDeps, 'memory' | 'search' | 'replies'>,
    context: TurnContext,
    entry: SmallTalkEntry,
    actions: CardAction[],
    whileAsking = false,
): Promise<Partial<Activity> | undefined> {
    const memory = await deps.memory.get(context, {});
    // "Where did you get that?": the sources of the answer just given (a dialog's question waiting or not), of every part
    // of a reply to several questions. After a known gap's reply, the sources of what it says the sources do say.
    const last = entry.namesSources ? answeredLast(deps, memory) : [];
    const variants = entry.namesSources ? ((last.length ? undefined : entry.withoutAnswer) ?? entry.replies) : whileAsking ? (entry.whileAsking ?? entry.replies) : entry.replies;
    if (variants.length === 0) return undefined;
    const count = memory.smallTalkCount ?? 0;
    memory.smallTalkCount = count + 1;
    const text = variants[count % variants.length];
    if (entry.namesSources) return deps.replies.sources(last, text, actions);
    const activity = actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
    return withTrace(activity, { source: 'dialog', dialog: SMALL_TALK_DIALOG, ids: [], score: 1 });
}
