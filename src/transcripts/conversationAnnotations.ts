import type { ConversationAnnotations } from './conversationLog';

/** How much an advisor can write on one conversation; enough for a triage note, small enough for the list view. */
export const ANNOTATION_LIMITS = Object.freeze({
    tags: 20,
    tagLength: 40,
    notesLength: 5_000,
});

/**
 * Checks and tidies an advisor's changes: tags trimmed, empty ones dropped, duplicates removed (first kept).
 * @param where the method name errors start with, e.g. `SqliteConversationLog.annotate()`
 * @throws Error when there are too many tags, a tag is too long, or the notes are too long
 */
export function normaliseAnnotations(changes: ConversationAnnotations, where: string): ConversationAnnotations {
    const out: ConversationAnnotations = {};
    if (changes.reviewed !== undefined) out.reviewed = Boolean(changes.reviewed);
    if (changes.tags !== undefined) {
        if (!Array.isArray(changes.tags) || changes.tags.some((t) => typeof t !== 'string')) throw new Error(`${where}: tags must be a list of strings`);
        const tags = [...new Set(changes.tags.map((t) => t.trim()).filter(Boolean))];
        const long = tags.find((t) => t.length > ANNOTATION_LIMITS.tagLength);
        if (long !== undefined) throw new Error(`${where}: a tag is longer than ${ANNOTATION_LIMITS.tagLength} characters`);
        if (tags.length > ANNOTATION_LIMITS.tags) throw new Error(`${where}: more than ${ANNOTATION_LIMITS.tags} tags`);
        out.tags = tags;
    }
    if (changes.notes !== undefined) {
        if (typeof changes.notes !== 'string') throw new Error(`${where}: notes must be a string`);
        if (changes.notes.length > ANNOTATION_LIMITS.notesLength) throw new Error(`${where}: notes are longer than ${ANNOTATION_LIMITS.notesLength} characters`);
        out.notes = changes.notes;
    }
    return out;
}
