import { checkContent } from '../../src/knowledge/contentCheck';
import { realKnowledge } from '../helpers/botHarness';

const { kb, search } = realKnowledge();

describe('checkContent', () => {
    it('finds no error in the knowledge as committed', () => {
        expect(checkContent(kb, search).errors).toEqual([]);
    });

    it('names a word listed under two terms of language.yaml, and one listed twice under one', () => {
        const synonyms = { ...kb.language.synonyms, bonus: [...kb.language.synonyms.bonus, 'sign-on bonus'], tryout: ['board exam'] };
        const report = checkContent({ ...kb, language: { ...kb.language, synonyms } }, search);
        expect(report.errors).toContainEqual(expect.objectContaining({ file: 'language.yaml', entryId: 'synonyms.tryout', message: expect.stringContaining('"exam"') }));
        expect(report.warnings).toContainEqual(expect.objectContaining({ entryId: 'synonyms.bonus', message: expect.stringContaining('listed twice') }));
    });

    it('names a word of opinionAsks that reads as no term, so it could never match', () => {
        const asks = kb.language.opinionAsks!;
        const language = { ...kb.language, opinionAsks: { ...asks, entering: [...asks.entering, 'considering'] } };
        const report = checkContent({ ...kb, language }, search);
        expect(report.errors).toEqual([
            { file: 'language.yaml', entryId: 'opinionAsks.entering', field: `${asks.entering.length}`, message: '"considering" is a stop word, so it never matches: remove it' },
        ]);
    });
});
