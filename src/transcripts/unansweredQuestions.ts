import type { TurnContext } from 'botbuilder';
import type { UnansweredQuestions } from '../../dialogs/dialogDeps';
import { redactPersonalData } from './redact';

/** One question the bot could not answer, as advisors see it. */
export interface UnansweredQuestion {
    at: string;
    channelId: string;
    conversationId: string;
    question: string;
    /** The known gap it asked about (`knowledge/gaps.yaml`); absent for a question nothing matched. */
    gap?: string;
}

/**
 * Where the questions the bot could not answer are kept, for the advisors' insights: those nothing matched, and those
 * on a known gap (with its name, so advisors see them by gap). A store only stores: `UnansweredQuestionRecorder`
 * redacts before anything reaches it.
 */
export interface UnansweredQuestionStore {
    /** Keeps one question as given (already redacted); `at` is `toISOString()` text. */
    add(question: UnansweredQuestion): Promise<void>;
    /** The most recent questions first. */
    list(limit?: number): Promise<UnansweredQuestion[]>;
    /** Questions asked in [from, to), oldest first. */
    between(from: Date, to: Date): Promise<UnansweredQuestion[]>;
    /** Deletes one conversation's questions (the conversation was deleted on request). */
    deleteForConversation(channelId: string, conversationId: string): Promise<number>;
    /** Deletes questions asked before `cutoff` (retention). */
    deleteOlderThan(cutoff: Date): Promise<number>;
    close(): Promise<void>;
}

/** A stored row: `gap` is NULL for a question nothing matched. */
export type UnansweredRow = Omit<UnansweredQuestion, 'gap'> & { gap: string | null };

/** A stored row as advisors see it: `gap` only when the question was on one. */
export function toQuestion({ gap, ...row }: UnansweredRow): UnansweredQuestion {
    return gap ? { ...row, gap } : row;
}

/**
 * What the dialogs record unanswered questions through: takes where and when from the turn and redacts personal
 * data, once, before the question reaches any store.
 */
export class UnansweredQuestionRecorder implements UnansweredQuestions {
    constructor(
        private readonly store: Pick<UnansweredQuestionStore, 'add'>,
        private readonly now: () => Date = () => new Date(),
    ) {}

    async record(context: TurnContext, question: string, gap?: string): Promise<void> {
        const { channelId = '', conversation } = context.activity;
        const asked: UnansweredQuestion = { at: this.now().toISOString(), channelId, conversationId: conversation?.id ?? '', question: redactPersonalData(question) };
        await this.store.add(gap ? { ...asked, gap } : asked);
    }
}
