import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/loader';
import { KnowledgeLoadError } from '../../src/knowledge/knowledgeLoadError';
import { KNOWLEDGE_DIR } from '../helpers/botHarness';

/** A copy of the real knowledge folder that a test may break. */
function copyOfKnowledge(): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'kb-')), 'knowledge');
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    return dir;
}

function loadError(dir: string): KnowledgeLoadError {
    try {
        loadKnowledge(dir);
    } catch (err) {
        if (err instanceof KnowledgeLoadError) return err;
        throw err;
    }
    throw new Error('expected loadKnowledge() to fail');
}

describe('loadKnowledge', () => {
    describe('with the real knowledge folder', () => {
        const kb = loadKnowledge(KNOWLEDGE_DIR);

        it('loads entries for every topic of the articles', () => {
            const topics = new Set(kb.entries.map((e) => e.topic));
            expect([...topics].sort()).toEqual(
                ['advancement', 'certification', 'duties', 'education', 'job-outlook', 'licensure', 'mlt-vs-mls', 'salary', 'skills', 'specializations', 'suitability', 'workplaces', 'job-search'].sort(),
            );
        });

        it('gives every dated salary figure its source and date', () => {
            const bls = kb.facts.salary.figures.find((f) => f.amount === 57380);
            expect(bls).toMatchObject({ kind: 'median', asOf: '2023-05' });
            expect(kb.facts.salary.figures.find((f) => f.amount === 57464)).toMatchObject({ asOf: '2024-11' });
            expect(kb.facts.salary.figures.find((f) => f.amount === 39624)?.asOf).toBeUndefined();
        });

        it('lists the licensing states and Puerto Rico', () => {
            const codes = kb.facts.licensure.requiringJurisdictions.map((j) => j.code).sort();
            expect(codes).toEqual(['CA', 'FL', 'HI', 'LA', 'MT', 'ND', 'NV', 'NY', 'PR', 'TN', 'WV']);
        });
    });

    describe('when an entry breaks the schema', () => {
        it('names the file, the entry and the field', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'faq', 'salary.yaml');
            writeFileSync(file, readFileSync(file, 'utf8').replace(/(id: salary-figures\n(?:.*\n)*?\s+)questions:/, '$1questions: []\n    oldQuestions:'));
            const error = loadError(dir);
            expect(error.message).toContain('knowledge/faq/salary.yaml › entry "salary-figures"');
            expect(error.message).toMatch(/at questions/);
            expect(error.file).toBe('knowledge/faq/salary.yaml');
            expect(error.entryId).toBe('salary-figures');
            // The broken entry's id is still known: entries that follow up on it are not reported too.
            expect(error.problems.map((p) => p.entryId)).toEqual(['salary-figures', 'salary-figures']);
            expect(error.message).toContain('Unrecognized key: "oldQuestions"');
        });
    });

    describe('when a file is not valid YAML', () => {
        it('names the file', () => {
            const dir = copyOfKnowledge();
            writeFileSync(join(dir, 'faq', 'skills.yaml'), 'entries:\n  - id: [unclosed\n');
            expect(loadError(dir).message).toMatch(/knowledge\/faq\/skills\.yaml\n\s+✖ invalid YAML/);
        });

        it('names the file when an alias points at no anchor (well-formed YAML that is not data)', () => {
            const dir = copyOfKnowledge();
            writeFileSync(join(dir, 'faq', 'skills.yaml'), 'entries:\n  - *nope\n');
            expect(loadError(dir).message).toMatch(/knowledge\/faq\/skills\.yaml\n\s+✖ invalid YAML: .*nope/);
        });
    });

    describe('when a follow-up names no entry', () => {
        it('reports the dangling id', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'faq', 'salary.yaml');
            writeFileSync(file, readFileSync(file, 'utf8').replace(/followUps:\n(\s+)- [a-z0-9-]+/, 'followUps:\n$1- no-such-entry'));
            const error = loadError(dir);
            expect(error.message).toContain('no entry has the id "no-such-entry"');
            expect(error.problems).toHaveLength(1);
        });
    });

    describe('when a source is a web page', () => {
        const COLLEGE = '      - title: MLT program – Example College\n        url: https://www.example.edu/mlt\n        date: 2026-03\n';

        it('loads it without looking for it in sources.yaml, beside the articles, in an entry and a gap', () => {
            const dir = copyOfKnowledge();
            const faq = join(dir, 'faq', 'salary.yaml');
            writeFileSync(faq, readFileSync(faq, 'utf8').replace(/(id: salary-figures\n(?:.*\n)*?\s+source:\n)/, `$1${COLLEGE}`));
            const gaps = join(dir, 'gaps.yaml');
            writeFileSync(gaps, readFileSync(gaps, 'utf8').replace(/(- name: age\n(?:.*\n)*?\s+source:\n)/, `$1${COLLEGE}`));
            const kb = loadKnowledge(dir);
            const page = { title: 'MLT program – Example College', url: 'https://www.example.edu/mlt', date: '2026-03' };
            expect(kb.entries.find((e) => e.id === 'salary-figures')?.source[0]).toEqual(page);
            expect(kb.gaps.gaps.find((g) => g.name === 'age')?.source?.[0]).toEqual(page);
        });

        it('names the file, the entry and source.0.url when the address is javascript:', () => {
            const dir = copyOfKnowledge();
            const faq = join(dir, 'faq', 'salary.yaml');
            writeFileSync(faq, readFileSync(faq, 'utf8').replace(/(id: salary-figures\n(?:.*\n)*?\s+source:\n)/, `$1${COLLEGE.replace('https://www.example.edu/mlt', "'javascript:alert(1)'")}`));
            const error = loadError(dir);
            expect(error.problems).toEqual([expect.objectContaining({ file: 'knowledge/faq/salary.yaml', entryId: 'salary-figures', field: 'source.0.url' })]);
        });
    });

    describe('when two entries share an id', () => {
        it('reports the duplicate and where the first one is', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'faq', 'skills.yaml');
            writeFileSync(file, readFileSync(file, 'utf8').replace(/- id: skills-[a-z-]+/, '- id: salary-figures'));
            expect(loadError(dir).message).toMatch(/duplicate id: also used in knowledge\/faq\/salary\.yaml/);
        });
    });

    describe('when a fact cites an unknown source', () => {
        it('names the facts file', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'facts', 'salary.yaml');
            writeFileSync(file, readFileSync(file, 'utf8').replace(/doc: med-tech-career-2026/, 'doc: made-up-article'));
            expect(loadError(dir).message).toContain('knowledge/facts/salary.yaml');
            expect(loadError(dir).message).toContain('made-up-article');
        });
    });

    describe('when language.yaml reads a title as a term no synonym group defines', () => {
        it('names the file, the reading and the term', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'language.yaml');
            writeFileSync(file, readFileSync(file, 'utf8').replace(/(alsoReadAs:\n  - name: mls\n    as:) mlt/, '$1 labtechnician'));
            const message = loadError(dir).message;
            expect(message).toContain('knowledge/language.yaml');
            expect(message).toContain('entry "mls"');
            expect(message).toContain('"labtechnician" is not a canonical term of synonyms → at as');
        });
    });

    describe('when a synonym phrase holds a slot that names no synonym group, or two slots', () => {
        it('names the file, the group and the slot', () => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'language.yaml');
            const yaml = readFileSync(file, 'utf8');
            expect(yaml).toContain('"there be {mlt} jobs"');
            writeFileSync(file, yaml.replace('"there be {mlt} jobs"', '"there be {labtechnician} jobs"').replace('"there be {lab} jobs"', '"there be {lab} {mlt} jobs"'));
            const message = loadError(dir).message;
            expect(message).toContain('knowledge/language.yaml');
            expect(message).toContain('"{labtechnician}" names no canonical term of synonyms');
            expect(message).toContain('"there be {lab} {mlt} jobs" holds 2 slots: a phrase holds at most one');
        });
    });

    describe('when the small-talk file is broken', () => {
        const breakSmallTalk = (edit: (yaml: string) => string): KnowledgeLoadError => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'smallTalk.yaml');
            writeFileSync(file, edit(readFileSync(file, 'utf8')));
            return loadError(dir);
        };

        it('names the file, the kind and the phrase when a phrase belongs to two kinds', () => {
            // "bye" is a goodbye; listing it under thanks too would make the reply depend on the order of the file.
            const error = breakSmallTalk((yaml) => yaml.replace(/(- id: thanks\n\s+phrases: \[\n\s+)/, '$1bye, '));
            expect(error.message).toContain('knowledge/smallTalk.yaml › entry "thanks"');
            expect(error.message).toMatch(/"bye" is also a phrase of "goodbye" → at phrases\.0/);
            expect(error.file).toBe('knowledge/smallTalk.yaml');
            expect(error.entryId).toBe('thanks');
        });

        it('names the kind whose replies are missing', () => {
            const error = breakSmallTalk((yaml) => yaml.replace(/(- id: goodbye\n(?:.*\n)*?\s+)replies:/, '$1oldReplies:'));
            expect(error.message).toContain('knowledge/smallTalk.yaml › entry "goodbye"');
            expect(error.message).toMatch(/at replies/);
        });

        it('names the kind with an unbalanced choice', () => {
            const error = breakSmallTalk((yaml) => yaml.replace('"who {are you|is this}"', '"who {are you|is this"'));
            expect(error.message).toContain('knowledge/smallTalk.yaml › entry "identity"');
            expect(error.message).toMatch(/unbalanced braces/);
        });

        it('names an entry whose kind is not one the bot knows', () => {
            const error = breakSmallTalk((yaml) => yaml.replace('- id: compliment', '- id: compliments'));
            expect(error.message).toContain('knowledge/smallTalk.yaml › entry "compliments"');
            expect(error.message).toMatch(/expected one of sources, frustration, identity/);
        });

        it('names the file when it is missing', () => {
            const dir = copyOfKnowledge();
            rmSync(join(dir, 'smallTalk.yaml'));
            expect(loadError(dir).message).toMatch(/knowledge\/smallTalk\.yaml\n {2}✖ file is missing/);
        });
    });

    describe('when the gaps file is broken', () => {
        const breakGaps = (edit: (yaml: string) => string): KnowledgeLoadError => {
            const dir = copyOfKnowledge();
            const file = join(dir, 'gaps.yaml');
            const before = readFileSync(file, 'utf8');
            const after = edit(before);
            expect(after).not.toBe(before);
            writeFileSync(file, after);
            return loadError(dir);
        };

        it('loads the real gaps, each searched as an entry of its own', () => {
            const kb = loadKnowledge(KNOWLEDGE_DIR);
            expect(kb.gaps.gaps.map((g) => g.name)).toEqual(expect.arrayContaining(['shifts', 'stress', 'exam-format', 'tuition', 'visa', 'colour-vision', 'criminal-record', 'age', 'phlebotomy-licensing']));
        });

        it('names the file, the gap and the field when a gap has too few questions', () => {
            const error = breakGaps((yaml) => yaml.replace(/(- name: colour-vision\n(?:.*\n)*?\s+questions:\n)(?:\s+- .*\n)+/, '$1      - can a colour blind person do lab work?\n'));
            expect(error.message).toContain('knowledge/gaps.yaml › entry "colour-vision"');
            expect(error.message).toMatch(/expected at least three ways people ask this → at questions/);
            expect(error.file).toBe('knowledge/gaps.yaml');
            expect(error.entryId).toBe('colour-vision');
        });

        it('names a gap that says what the sources say without citing them', () => {
            const error = breakGaps((yaml) => yaml.replace(/(- name: criminal-record\n(?:.*\n)*?)\s+source:\n\s+- doc: .*\n\s+section: .*\n/, '$1'));
            expect(error.message).toContain('knowledge/gaps.yaml › entry "criminal-record"');
            expect(error.message).toMatch(/expected the sources of `sourcesSay` → at source/);
        });

        it('names a gap whose source or follow-up does not exist, and a name used twice', () => {
            const error = breakGaps((yaml) =>
                yaml
                    .replace(/(- name: age\n(?:.*\n)*?\s+- doc: )mlt-online-classes/, '$1made-up-article')
                    .replace(/(- name: shifts\n(?:.*\n)*?\s+followUps:\n\s+- )workplaces-settings/, '$1no-such-entry')
                    .replace('- name: stress', '- name: shifts'),
            );
            expect(error.message).toMatch(/knowledge\/gaps\.yaml › entry "age"\n\s+✖ "made-up-article" is not listed in knowledge\/sources\.yaml → at source\.0\.doc/);
            expect(error.message).toMatch(/entry "shifts"\n\s+✖ no FAQ entry has the id "no-such-entry" → at followUps\.0/);
            expect(error.message).toMatch(/entry "shifts"\n\s+✖ duplicate name: another gap already has it → at name/);
        });

        it('names a gap name that is not kebab-case', () => {
            const error = breakGaps((yaml) => yaml.replace('- name: visa', '- name: Visa_Questions'));
            expect(error.message).toContain('knowledge/gaps.yaml › entry "Visa_Questions"');
            expect(error.message).toMatch(/→ at name/);
        });
    });
});
