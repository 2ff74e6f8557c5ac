/** One thing wrong in a content file, precise enough for an author to fix it from this alone. */
export interface KnowledgeProblem {
    /** Path relative to the knowledge folder's parent, e.g. `knowledge/faq/salary.yaml`. */
    file: string;
    /** The entry's id, or `#3` (its position) when it has no usable id. */
    entryId?: string;
    /** Dotted path of the field inside the entry, e.g. `questions` or `source.0.doc`. */
    field?: string;
    message: string;
}

/** Raised when `knowledge/` cannot be loaded; its message lists every problem found. */
export class KnowledgeLoadError extends Error {
    override readonly name = 'KnowledgeLoadError';
    /** File of the first problem. */
    readonly file: string;
    /** Entry of the first problem, when it concerns an entry. */
    readonly entryId?: string;

    constructor(readonly problems: KnowledgeProblem[]) {
        super(`loadKnowledge(): ${problems.length} problem${problems.length === 1 ? '' : 's'} in the knowledge files\n${problems.map(formatProblem).join('\n')}`);
        this.file = problems[0]?.file ?? '';
        this.entryId = problems[0]?.entryId;
    }
}

/** Formats a problem the way zod points at a place: `file › entry "id"` then `✖ message → at field`. */
export function formatProblem(problem: KnowledgeProblem): string {
    const where = problem.entryId ? `${problem.file} › entry "${problem.entryId}"` : problem.file;
    const at = problem.field ? ` → at ${problem.field}` : '';
    return `${where}\n  ✖ ${problem.message}${at}`;
}
