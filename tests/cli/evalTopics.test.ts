import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeTopics, readTopicQuestions, topicOutcome, topicReport, type TopicLookup, type TopicQuestion } from '../../src/cli/evalTopics';
import type { AnswerTrace } from '../../src/replies/answerTrace';
import type { Topic } from '../../src/knowledge/schema';
import { loadKnowledge } from '../../src/knowledge/loader';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../../src/config/paths';

const entryTopics: Record<string, Topic> = { 'salary-figures': 'salary', 'job-outlook-growth': 'job-outlook', 'duties-overview': 'duties' };
const lookup: TopicLookup = {
    entryTopic: (id) => entryTopics[id],
    dialogTopic: (dialog) => (dialog === 'salaryCheck' ? 'salary' : undefined),
};
const knowledge = (ids: string[], parts?: AnswerTrace['parts']): AnswerTrace => ({ source: 'knowledge', ids, score: 0.8, ...(parts ? { parts } : {}) });
const fallback = (reason: AnswerTrace['reason'], extra: Partial<AnswerTrace> = {}): AnswerTrace => ({ source: 'fallback', ids: [], score: 0, reason, ...extra });

describe('the topic judge of the development set (npm run eval:topics)', () => {
    it('counts an answer from an entry of a labelled topic as right, and from another topic as not', () => {
        expect(topicOutcome({ topics: ['salary'] }, knowledge(['salary-figures']), lookup)).toBe('right');
        expect(topicOutcome({ topics: ['duties', 'salary'] }, knowledge(['salary-figures']), lookup)).toBe('right');
        expect(topicOutcome({ topics: ['duties'] }, knowledge(['salary-figures']), lookup)).toBe('other-topic');
    });

    it('reads only the answered parts of a reply to several questions, not its suggestions', () => {
        const parts: AnswerTrace['parts'] = [
            { question: 'what do you do?', source: 'knowledge', ids: ['duties-overview'], score: 0.9 },
            { question: 'and the pay?', source: 'fallback', reason: 'suggestions', ids: ['salary-figures'], score: 0.4 },
        ];
        expect(topicOutcome({ topics: ['salary'] }, knowledge(['duties-overview', 'salary-figures'], parts), lookup)).toBe('other-topic');
        expect(topicOutcome({ topics: ['duties', 'salary'] }, knowledge(['duties-overview', 'salary-figures'], parts), lookup)).toBe('right');
    });

    it('counts getting hired and the job market as one subject', () => {
        expect(topicOutcome({ topics: ['job-search'] }, knowledge(['job-outlook-growth']), lookup)).toBe('right');
    });

    it('reads a topic dialog as an answer from its topic, and small talk as none', () => {
        expect(topicOutcome({ topics: ['salary'] }, { source: 'dialog', dialog: 'salaryCheck', ids: [], score: 1 }, lookup)).toBe('right');
        expect(topicOutcome({ topics: ['salary'] }, { source: 'dialog', dialog: 'small-talk', ids: [], score: 1 }, lookup)).toBe('no-answer');
    });

    it('names why an answerable question got no answer', () => {
        expect(topicOutcome({ topics: ['salary'] }, fallback('suggestions', { ids: ['salary-figures'] }), lookup)).toBe('suggestions');
        expect(topicOutcome({ topics: ['salary'] }, fallback('gap', { gap: 'tuition' }), lookup)).toBe('gap');
        expect(topicOutcome({ topics: ['salary'] }, fallback('no-match'), lookup)).toBe('no-answer');
        expect(topicOutcome({ topics: ['salary'] }, undefined, lookup)).toBe('no-answer');
    });

    it('holds a question only on gaps back unless the reply answers it from some entry', () => {
        expect(topicOutcome({ topics: ['gap:shifts'] }, fallback('gap', { gap: 'shifts' }), lookup)).toBe('held-back');
        expect(topicOutcome({ topics: ['gap:shifts'] }, fallback('suggestions'), lookup)).toBe('held-back');
        expect(topicOutcome({ topics: ['gap:shifts'] }, knowledge(['duties-overview']), lookup)).toBe('answered-gap-question');
    });

    it('reports the share answered from a labelled topic over the answerable questions only', () => {
        const q = (topics: string[], phrasing: TopicQuestion['phrasing'] = []) => ({ topics, phrasing }) as TopicQuestion;
        const report = topicReport([
            { question: q(['salary'], ['long']), outcome: 'right' },
            { question: q(['duties']), outcome: 'suggestions' },
            { question: q(['gap:shifts']), outcome: 'held-back' },
        ]);
        expect(report).toContain('3 questions, 2 answerable by the sources');
        expect(report).toContain('answered from a labelled topic: 1/2 (50.0%)');
        expect(report).toMatch(/ {2}long +1\/1/);
        expect(report).toMatch(/ {2}duties +0\/1/);
    });

    it('reads the committed set: every line valid, every gap label a known gap (or "other"), every topic one of the knowledge', () => {
        const questions = readTopicQuestions(join(PROJECT_ROOT, 'tests', 'eval', 'allied-questions.jsonl'));
        expect(questions.length).toBeGreaterThanOrEqual(300);
        const gaps = new Set(loadKnowledge(DEFAULT_KNOWLEDGE_DIR).gaps.gaps.map((g) => `gap:${g.name}`));
        const unknownGaps = questions.flatMap((question) => question.topics).filter((t) => t.startsWith('gap:') && t !== 'gap:other' && !gaps.has(t));
        expect(unknownGaps).toEqual([]);
        expect(new Set(questions.map((question) => question.url)).size).toBeGreaterThanOrEqual(150);
        // The knowledge's own lookup knows every topic the set names.
        const topics = knowledgeTopics();
        expect(topics.entryTopic('salary-figures')).toBe('salary');
        expect(topics.dialogTopic('salaryCheck')).toBe('salary');
    });

    /**
     * A development set dealt into a half to tune on and a half to check: both halves valid, with at least `min` questions
     * each, ids unique across them, every gap label a known gap (or "other"), and no page or reddit thread (the same on any
     * mirror host) of the files in `notFrom` used again.
     */
    function expectTwoHalves(names: [dev: string, check: string], min: [dev: number, check: number], notFrom: string[]): void {
        const read = (name: string) => readTopicQuestions(join(PROJECT_ROOT, 'tests', 'eval', name));
        const [dev, check] = names.map(read);
        expect(dev.length).toBeGreaterThanOrEqual(min[0]);
        expect(check.length).toBeGreaterThanOrEqual(min[1]);
        const both = [...dev, ...check];
        expect(new Set(both.map((question) => question.id)).size).toBe(both.length);
        const gaps = new Set(loadKnowledge(DEFAULT_KNOWLEDGE_DIR).gaps.gaps.map((g) => `gap:${g.name}`));
        expect(both.flatMap((q) => q.topics).filter((t) => t.startsWith('gap:') && t !== 'gap:other' && !gaps.has(t))).toEqual([]);
        const thread = (url: string) => /\/comments\/([a-z0-9]+)/i.exec(url)?.[1] ?? url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
        const used = new Set(
            notFrom.flatMap((name) =>
                readFileSync(join(PROJECT_ROOT, 'tests', 'eval', name), 'utf8')
                    .split('\n')
                    .filter(Boolean)
                    .map((line) => thread((JSON.parse(line) as { url: string }).url)),
            ),
        );
        expect(both.filter((q) => used.has(thread(q.url))).map((q) => q.id)).toEqual([]);
    }

    it('reads the MLT question sets: valid lines, known gaps, ids unique across both halves, no page used by real-questions.jsonl', () => {
        expectTwoHalves(['mlt-questions.jsonl', 'mlt-questions-check.jsonl'], [30, 30], ['real-questions.jsonl']);
    });

    /** The development sets gathered after the first, in the order they were gathered: each uses no page of any before it. */
    const LATER_SETS: Array<{ name: string; files: [dev: string, check: string]; min: [dev: number, check: number] }> = [
        { name: 'second allied set', files: ['allied-questions-2.jsonl', 'allied-questions-2-check.jsonl'], min: [60, 40] },
        { name: 'third allied set', files: ['allied-questions-3.jsonl', 'allied-questions-3-check.jsonl'], min: [55, 55] },
        { name: 'fourth allied set', files: ['allied-questions-4.jsonl', 'allied-questions-4-check.jsonl'], min: [55, 55] },
        { name: 'fifth allied set', files: ['allied-questions-5.jsonl', 'allied-questions-5-check.jsonl'], min: [50, 50] },
        { name: 'sixth allied set', files: ['allied-questions-6.jsonl', 'allied-questions-6-check.jsonl'], min: [14, 14] },
    ];
    const FIRST_SETS = ['real-questions.jsonl', 'allied-questions.jsonl', 'mlt-questions.jsonl', 'mlt-questions-check.jsonl'];

    it.each(LATER_SETS.map((set, i) => ({ ...set, earlier: [...FIRST_SETS, ...LATER_SETS.slice(0, i).flatMap((s) => s.files)] })))(
        'reads the $name: valid lines, known gaps, ids unique across both halves, no page used before',
        ({ files, min, earlier }) => {
            expectTwoHalves(files, min, earlier);
        },
    );

    it('names the line and field of a bad line, and an id used twice', () => {
        const dir = mkdtempSync(join(tmpdir(), 'topics-'));
        try {
            const good = { id: 'allied-001', url: 'https://example.org/t', source: 's', profession: 'rad tech', text: 'q?', mlt: 'q?', topics: ['salary'], phrasing: [] };
            const file = join(dir, 'set.jsonl');
            writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: 'allied-002', topics: ['pay'] })}\n`);
            expect(() => readTopicQuestions(file)).toThrow(/set\.jsonl:2: topics\.0/);
            writeFileSync(file, `${JSON.stringify(good)}\n\n${JSON.stringify(good)}\n`);
            expect(() => readTopicQuestions(file)).toThrow(/set\.jsonl:3: id allied-001 is used twice/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
