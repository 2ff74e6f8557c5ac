import type { KnowledgeBase } from './loader';
import type { KnowledgeSearch } from './searchIndex';
import type { KnowledgeProblem } from './knowledgeLoadError';
import { createSmallTalk } from './smallTalk';
import { gapOf } from './gapSchema';
import { splitWords } from './textNormalizer';
import { slotForms } from './languageSchema';

/** What the content check found beyond the schema: errors block a release, warnings are worth a look. */
export interface ContentReport {
    errors: KnowledgeProblem[];
    warnings: KnowledgeProblem[];
}

/**
 * Checks what the loader cannot see entry by entry: the same question in two entries (after synonyms and
 * stemming), a question that small talk would answer before search sees it, and questions that the search does
 * not lead back to their own entry. Known gaps count as entries: a gap question that an FAQ entry answers, or an FAQ
 * question that finds a gap first, is worth a look. And a word of language.yaml listed under two terms.
 */
export function checkContent(kb: KnowledgeBase, search: KnowledgeSearch): ContentReport {
    const errors: KnowledgeProblem[] = [];
    const warnings: KnowledgeProblem[] = [];
    const owners = new Map<string, string>();
    const smallTalk = createSmallTalk(kb.smallTalk);
    for (const entry of kb.entries) {
        const file = kb.entryFiles.get(entry.id) ?? '';
        entry.questions.forEach((question, i) => {
            const key = [...new Set(search.normalizer.terms(question))].sort().join(' ');
            const owner = owners.get(key);
            if (owner && owner !== entry.id) {
                errors.push({ file, entryId: entry.id, field: `questions.${i}`, message: `"${question}" collides with a question of entry "${owner}" (same words after normalising)` });
            } else owners.set(key, entry.id);

            // Small talk is routed before search: a question made only of its phrases would never reach its entry.
            const chat = smallTalk.match(question);
            if (chat) errors.push({ file, entryId: entry.id, field: `questions.${i}`, message: `"${question}" is small talk (${chat.id} in knowledge/smallTalk.yaml), so search never sees it` });

            const top = search.search(question).hits[0];
            if (top && top.entry.id !== entry.id && top.entry.dialog === undefined) {
                warnings.push({ file, entryId: entry.id, field: `questions.${i}`, message: `"${question}" finds entry "${top.entry.id}" first (score ${top.score})` });
            }
        });
    }
    checkGapQuestions(kb, search, owners, warnings, errors);
    checkSynonyms(kb, errors, warnings);
    checkOpinionAsks(kb, search, errors);
    return { errors, warnings };
}

/**
 * The words of `opinionAsks` are compared as the search reads them: an `entering` or `filler` word that reads as no
 * term (a stop word: "considering") can never match, and is an error, so that an author's edit cannot silently do
 * nothing. (`words` are matched as written, so a stop word such as "thoughts" is fine there.)
 */
function checkOpinionAsks(kb: KnowledgeBase, search: KnowledgeSearch, errors: KnowledgeProblem[]): void {
    const asks = kb.language.opinionAsks;
    if (!asks) return;
    for (const field of ['entering', 'filler'] as const) {
        asks[field].forEach((word, i) => {
            if (search.normalizer.terms(word).length === 0) {
                errors.push({ file: 'language.yaml', entryId: `opinionAsks.${field}`, field: `${i}`, message: `"${word}" is a stop word, so it never matches: remove it` });
            }
        });
    }
}

/**
 * A word or phrase is read as one term: listed under two terms, only the last is ever read (an error); listed twice
 * under one ("licences", "long-term" beside "long term": the same words once split), it is written once too often.
 */
function checkSynonyms(kb: KnowledgeBase, errors: KnowledgeProblem[], warnings: KnowledgeProblem[]): void {
    const termOf = new Map<string, string>();
    for (const [term, variants] of Object.entries(kb.language.synonyms)) {
        variants.forEach((variant, i) => {
            for (const form of slotForms(variant, kb.language.synonyms)) {
                const words = splitWords(form).join(' ');
                const other = termOf.get(words);
                const problem = { file: 'language.yaml', entryId: `synonyms.${term}`, field: `${i}` };
                if (other === term) warnings.push({ ...problem, message: `"${form}" is listed twice under "${term}"` });
                else if (other) errors.push({ ...problem, message: `"${form}" is also listed under "${other}": only one of them is read` });
                termOf.set(words, term);
            }
        });
    }
}

/** A gap's questions must not repeat an FAQ question, and should lead to the gap. */
function checkGapQuestions(kb: KnowledgeBase, search: KnowledgeSearch, owners: ReadonlyMap<string, string>, warnings: KnowledgeProblem[], errors: KnowledgeProblem[]): void {
    const file = 'knowledge/gaps.yaml';
    for (const gap of kb.gaps.gaps) {
        gap.questions.forEach((question, i) => {
            const owner = owners.get([...new Set(search.normalizer.terms(question))].sort().join(' '));
            if (owner) errors.push({ file, entryId: gap.name, field: `questions.${i}`, message: `"${question}" collides with a question of entry "${owner}" (same words after normalising)` });
            const top = search.search(question).hits[0];
            if (top && gapOf(top.entry) !== gap.name) warnings.push({ file, entryId: gap.name, field: `questions.${i}`, message: `"${question}" finds entry "${top.entry.id}" first (score ${top.score})` });
        });
    }
}
