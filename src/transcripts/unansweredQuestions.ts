import type { UnansweredQuestions } from '../../dialogs/dialogDeps';

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
 * The questions the bot could not answer, for the advisors' insights: those nothing matched, and those on a known gap
 * (with its name, so advisors see them by gap). Every implementation redacts before writing.
 */
export interface UnansweredQuestionStore extends UnansweredQuestions {
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
