import { join } from 'node:path';
import { Activity, ConversationState, MemoryStorage } from 'botbuilder';
import { activityText } from '../../src/bot/activityText';
import { traceOf } from '../../src/replies/answerTrace';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { loadKnowledge, KnowledgeBase } from '../../src/knowledge/loader';
import { createSearchIndex, KnowledgeSearch } from '../../src/knowledge/searchIndex';
import { createSmallTalk } from '../../src/knowledge/smallTalk';
import { createReplies } from '../../src/replies/replies';
import { RenderRepliesMiddleware } from '../../src/channels/renderReplies';
import type { ConversationMemory, DialogDeps, FollowUpDetails } from '../../dialogs/dialogDeps';

/** The real `knowledge/` folder, loaded once per test file. */
export const KNOWLEDGE_DIR = join(__dirname, '..', '..', 'knowledge');

let cached: { kb: KnowledgeBase; search: KnowledgeSearch } | undefined;

/** Loads the real knowledge base and its search index (cached across tests of one file). */
export function realKnowledge(): { kb: KnowledgeBase; search: KnowledgeSearch } {
    if (!cached) {
        const kb = loadKnowledge(KNOWLEDGE_DIR);
        cached = { kb, search: createSearchIndex(kb) };
    }
    return cached;
}

/** What the fake follow-up desk received: requests, and the turns kept out of the transcript (by activity id). */
export interface FollowUpsSeen {
    requests: FollowUpDetails[];
    keptOut: { text: string; marker: string }[];
}

/**
 * Dialog dependencies over the real knowledge and in-memory state; `unanswered` collects recorded questions: those
 * on a known gap in `gapQuestions`, the others in `unansweredQuestions`.
 */
export function dialogDeps(
    conversationState = new ConversationState(new MemoryStorage()),
): DialogDeps & {
    conversationState: ConversationState;
    unansweredQuestions: string[];
    gapQuestions: { question: string; gap: string }[];
    followUpsSeen: FollowUpsSeen;
    /** The conversations whose erasure a dialog asked for, as `channelId/conversationId`. */
    erasuresAsked: string[];
} {
    const { kb, search } = realKnowledge();
    const unansweredQuestions: string[] = [];
    const gapQuestions: { question: string; gap: string }[] = [];
    const followUpsSeen: FollowUpsSeen = { requests: [], keptOut: [] };
    const erasuresAsked: string[] = [];
    return {
        search,
        smallTalk: createSmallTalk(kb.smallTalk),
        facts: kb.facts,
        replies: createReplies(search, kb.sources, kb.gaps),
        memory: conversationState.createProperty<ConversationMemory>('memory'),
        unanswered: {
            record: async (_context, question, gap) => void (gap ? gapQuestions.push({ question, gap }) : unansweredQuestions.push(question)),
        },
        followUps: {
            retentionDays: 365,
            request: async (_context, details) => void followUpsSeen.requests.push(details),
            keepOutOfTranscript: (context, marker) => void followUpsSeen.keptOut.push({ text: context.activity.text ?? '', marker }),
        },
        erasure: { eraseAfterTurn: (context) => void erasuresAsked.push(`${context.activity.channelId}/${context.activity.conversation.id}`) },
        conversationState,
        unansweredQuestions,
        gapQuestions,
        followUpsSeen,
        erasuresAsked,
    };
}

/**
 * A DialogTestClient for `dialog` that saves conversation state between turns and renders replies, as the bot does;
 * `channelId` chooses the rendering (any channel but Teams reads text with source lines).
 */
export function testClient(dialog: Dialog, deps: { conversationState: ConversationState }, options?: unknown, channelId = 'test'): DialogTestClient {
    return new DialogTestClient(channelId, dialog, options, [new RenderRepliesMiddleware()], deps.conversationState);
}

/** All visible text of a reply (message text, card text and button titles), lowercased. */
export function visible(activity: Partial<Activity> | undefined): string {
    return activity ? activityText(activity).toLowerCase() : '';
}

/** Sends `text` and returns every reply of that turn. */
export async function turn(client: DialogTestClient, text: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [await client.sendActivity(text)];
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
    return replies.filter(Boolean);
}

/** All visible text of a turn's replies, lowercased. */
export const said = (replies: Partial<Activity>[]): string => replies.map(visible).join('\n');

/**
 * The short source line under an answer part, as text channels show it: short titles and dates, never a section (the
 * sections are in the trace). Case-insensitive, for text read with `visible`.
 */
export const SOURCE_LINE = /^_sources?: [^“”\n]+_$/im;

/** The article sections a reply's trace cites (its `citations`), as data: no text is read. */
export const citedSections = (activity: Partial<Activity>): string[] => (traceOf(activity)?.citations ?? []).flatMap((c) => ('section' in c ? [c.section] : []));
