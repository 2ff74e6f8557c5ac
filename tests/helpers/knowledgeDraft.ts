import { applyLayer, entryKey, LayerItem, shippedHash } from '../../src/authoring/knowledgeLayer';
import type { KnowledgeBase } from '../../src/knowledge/loader';

/** `kb` with an editor's layer `items` over it, which must load without problems. */
export function draftOf(kb: KnowledgeBase, items: LayerItem[]): KnowledgeBase {
    const layered = applyLayer(kb, items);
    expect(layered.problems).toEqual([]);
    return layered.kb;
}

/** `kb` with the questions of `entryId` changed by `edit`, as an editor's draft would have them. */
function withQuestions(kb: KnowledgeBase, entryId: string, edit: (questions: string[]) => string[]): KnowledgeBase {
    const entry = kb.entries.find((e) => e.id === entryId)!;
    return draftOf(kb, [{ key: entryKey(entryId), body: { ...entry, questions: edit(entry.questions) }, baseHash: shippedHash(entry) }]);
}

/** `kb` with `phrasing` added to the questions of `entryId`. */
export function withPhrasing(kb: KnowledgeBase, entryId: string, phrasing: string): KnowledgeBase {
    return withQuestions(kb, entryId, (questions) => [...questions, phrasing]);
}

/**
 * The knowledge before real-257 of the tuning half ("Will I be able to advance my education in MLT after completing
 * the AAS degree?") was answered: `kb` without the phrasings of `advancement-mlt-to-mls` that name the associate degree,
 * nor those of `mlt-vs-mls-senior-mlt` on being promoted (read as advancing, they answer it alone once the others are
 * gone). Tests of what adding a phrasing changes start from it, so that they do not depend on which real questions the
 * shipped knowledge happens to answer.
 */
export function beforeReal257(kb: KnowledgeBase): { kb: KnowledgeBase; entryId: string; question: string } {
    const entryId = 'advancement-mlt-to-mls';
    const withoutPromotion = withQuestions(kb, 'mlt-vs-mls-senior-mlt', (questions) => questions.filter((q) => !/promote/i.test(q)));
    return {
        kb: withQuestions(withoutPromotion, entryId, (questions) => questions.filter((q) => !/associate/i.test(q))),
        entryId,
        question: 'Will I be able to advance my education in MLT after completing the AAS degree?',
    };
}
