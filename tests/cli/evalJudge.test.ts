import type { Activity } from 'botbuilder';
import { join } from 'node:path';
import { judge, summarise, type EvalItem } from '../../src/cli/evalJudge';
import { readQuestionSet } from '../../src/knowledge/questionCase';

const item = (over: Partial<EvalItem> = {}): EvalItem => ({ id: 'x-1', topic: 'salary', kind: 'in', turns: ['how much do MLTs make?'], any: [['57,380']], none: [], ...over });
const reply = (text: string, source: 'knowledge' | 'fallback' | 'dialog', extra: Partial<Activity> = {}): Partial<Activity> => ({
    type: 'message', text, channelData: { answer: { source, ids: [], score: 0.5, ...(source === 'fallback' ? { reason: 'suggestions' } : {}) } }, ...extra,
});
const buttons = (...titles: string[]) => ({ suggestedActions: { to: [], actions: titles.map((title) => ({ type: 'imBack', title, value: title })) } });

describe('the eval judge (strict, as ../shared/eval/README.md says)', () => {
    it('passes an answer that holds a fact of every group, with or without commas', () => {
        expect(judge(item(), [reply('The BLS median was $57,380 in May 2023.', 'knowledge')]).passed).toBe(true);
        expect(judge(item({ any: [['57380']] }), [reply('The BLS median was $57,380.', 'knowledge')]).passed).toBe(true);
    });

    it('fails a "Did you mean" or a fallback for a question the sources answer, whatever its text says', () => {
        const outcome = judge(item(), [reply('Did you mean: what do MLTs make ($57,380)?', 'fallback')]);
        expect(outcome.passed).toBe(false);
        expect(outcome.problems).toContain('no answer: every reply is a fallback (suggestions)');
    });

    it('does not read suggestion buttons or card buttons as the answer', () => {
        const card = { attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { text: 'Pick one', buttons: [{ type: 'imBack', title: 'Salary: $57,380' }] } }] };
        expect(judge(item(), [reply('Here is what I found about pay.', 'knowledge', buttons('$57,380 a year'))]).passed).toBe(false);
        expect(judge(item(), [reply('Here is what I found about pay.', 'knowledge', card)]).passed).toBe(false);
        expect(judge(item(), [reply('', 'knowledge', { attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { text: 'Median $57,380' } }] })]).passed).toBe(true);
    });

    it('does not read the titles a "Did you mean" part names in the text of a reply to several questions', () => {
        const offered = 'I’m not sure what you mean by “and the pay?”. Did you mean **Is the median $57,380?** or **What raises MLT pay?**?';
        expect(judge(item(), [reply(`**What is an MLT?**\n\nA technician.\n\n${offered}`, 'knowledge')]).passed).toBe(false);
        expect(judge(item(), [reply(`**What do MLTs earn?**\n\nThe median is $57,380.\n\n${offered}`, 'knowledge')]).passed).toBe(true);
        // What must not be said is not said there either.
        expect(judge(item({ kind: 'out', any: [], none: ['$57,380'] }), [reply(offered, 'knowledge')]).passed).toBe(false);
    });

    it('holds a question the sources cannot answer back by what must not be said, fallback or not', () => {
        const out = item({ kind: 'out', any: [], none: ['requires a license'] });
        expect(judge(out, [reply('Our sources do not cover phlebotomy licences.', 'fallback')]).passed).toBe(true);
        expect(judge(out, [reply('California requires a license.', 'knowledge')]).passed).toBe(false);
    });

    it('reports by phrasing when the set names it', () => {
        const outcomes = [
            judge(item({ id: 'a', phrasing: ['long', 'several'] }), [reply('$57,380', 'knowledge')]),
            judge(item({ id: 'b', phrasing: ['long'] }), [reply('no idea', 'fallback')]),
        ];
        const { accuracy, report } = summarise(outcomes);
        expect(accuracy).toBe(0.5);
        expect(report).toMatch(/^long\s+1\/2\s+50\.0%$/m);
        expect(report).toMatch(/^several\s+1\/1\s+100\.0%$/m);
    });

    // tests/eval/README.md, "Blind sets": written by helpers who never saw the code, the knowledge or the other sets.
    it.each(['blind-questions.jsonl', 'blind-questions-check.jsonl'])('reads %s: every case judgeable as the eval judges it', (file) => {
        const cases = readQuestionSet(join(__dirname, '..', 'eval', file));
        const topics = ['salary', 'outlook', 'licensure', 'certification', 'education', 'accreditation', 'mlt-vs-mls', 'duties', 'workplaces', 'skills', 'specializations', 'advancement', 'suitability', 'gap'];
        expect(cases.length).toBeGreaterThanOrEqual(50);
        expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
        for (const c of cases) {
            expect({ id: c.id, topic: topics.includes(c.topic), turns: c.turns.length > 0 && c.turns.every((t) => t.trim().length > 0) }).toEqual({ id: c.id, topic: true, turns: true });
            // An answerable case names at least one fact, each group in lowercase as the judge reads replies; one the
            // sources cannot answer names none.
            expect({ id: c.id, groups: c.kind === 'in' ? c.any.length > 0 : c.any.length === 0 }).toEqual({ id: c.id, groups: true });
            for (const group of c.any) expect(group.every((needle) => needle.length > 0 && needle === needle.toLowerCase())).toBe(true);
        }
    });
});
