import { loadKnowledge } from '../knowledge/loader';
import { createSearchIndex } from '../knowledge/searchIndex';
import { checkContent } from '../knowledge/contentCheck';
import { formatProblem, KnowledgeLoadError } from '../knowledge/knowledgeLoadError';
import { DEFAULT_KNOWLEDGE_DIR } from '../config/paths';

/** `npm run knowledge:check [dir]`: the start-up validation plus collisions and self-retrieval. Exits 1 on errors. */
function main(argv: string[]): number {
    const dir = argv[0] ?? DEFAULT_KNOWLEDGE_DIR;
    try {
        const kb = loadKnowledge(dir);
        const report = checkContent(kb, createSearchIndex(kb));
        report.warnings.forEach((w) => console.warn(`warning: ${formatProblem(w)}`));
        report.errors.forEach((e) => console.error(`error: ${formatProblem(e)}`));
        const questions = kb.entries.reduce((n, e) => n + e.questions.length, 0);
        console.log(`${kb.entries.length} entries, ${questions} questions, ${kb.sources.length} sources: ${report.errors.length} errors, ${report.warnings.length} warnings`);
        return report.errors.length > 0 ? 1 : 0;
    } catch (err) {
        if (err instanceof KnowledgeLoadError) {
            console.error(err.message);
            return 1;
        }
        throw err;
    }
}

process.exitCode = main(process.argv.slice(2));
