import type { Activity } from 'botbuilder';
import type { FaqEntry } from '../src/knowledge/schema';
import type { DialogDeps } from './dialogDeps';

/**
 * When a knowledge entry's topic dialog starts (the entry's `dialogStarts`, `dialogRequests` in knowledge/faq).
 *
 * @remarks
 * Dialogs whose first reply answers the question (the comparison, licence rules, pay figures, workplaces) start
 * whenever their entry matches best. Dialogs that open with a question of their own (the quiz, the planner) start only
 * when the visitor chose them: "Should I become an MLT?" wants an answer, not "What's your education so far?".
 */

/** Lowercase words separated by single spaces, with a space at each end, so phrases match as whole words. */
function words(text: string): string {
    return ` ${text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^a-z0-9']+/g, ' ').trim()} `;
}

/** True when this entry's dialog waits to be asked for rather than starting on a match. */
export function startsOnRequest(entry: FaqEntry): boolean {
    return entry.dialog !== undefined && entry.dialogStarts === 'request';
}

/**
 * The entry whose dialog the visitor asks for: they pressed its button (the text is its title) or used one of its
 * requests ("can you make me a plan?"). Linear in the text's length for each of the few requests.
 */
export function requestedDialogEntry(entries: readonly FaqEntry[], text: string): FaqEntry | undefined {
    const said = words(text);
    return entries.find(
        (entry) => startsOnRequest(entry) && (said === words(entry.title) || entry.dialogRequests.some((request) => said.includes(words(request)))),
    );
}

/**
 * The entry's answer with its dialog offered as the first button (its title, which starts it when pressed), in place of
 * starting it. The entry's own follow-ups follow.
 */
export function answerOfferingDialog(deps: Pick<DialogDeps, 'replies'>, entry: FaqEntry, score: number): Partial<Activity> {
    return deps.replies.answer(entry, score, { itself: true });
}
