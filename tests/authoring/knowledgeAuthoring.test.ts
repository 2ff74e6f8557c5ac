import pino from 'pino';
import { KnowledgeAuthoring, AuthoringError, slugOf } from '../../src/authoring/knowledgeAuthoring';
import { LiveKnowledge } from '../../src/authoring/liveKnowledge';
import { StaleDraftError } from '../../src/authoring/knowledgeStore';
import { SqliteKnowledgeLayer } from '../../src/stores/sqlite/sqliteKnowledgeLayer';
import { createSearchIndex } from '../../src/knowledge/searchIndex';
import { realKnowledge } from '../helpers/botHarness';

const { kb: base } = realKnowledge();
/** Words no entry uses, so only the phrasing added here can answer them. */
const ODD_QUESTION = 'what does a zorblax glimmerstat technician earn';

describe('KnowledgeAuthoring', () => {
    let store: SqliteKnowledgeLayer;
    let authoring: KnowledgeAuthoring;
    beforeEach(() => {
        store = new SqliteKnowledgeLayer(':memory:');
        authoring = new KnowledgeAuthoring(base, store);
    });
    afterEach(() => store.close());

    const plain = () => base.entries.find((e) => e.id === 'skills-advice-new-techs')!;

    it('lists every shipped entry at version 0, filtered by topic and by words', async () => {
        const all = await authoring.entries();
        expect(all).toHaveLength(base.entries.length);
        expect(all.every((e) => e.version === 0 && e.status === 'shipped' && !e.unpublished)).toBe(true);
        const salary = await authoring.entries({ topic: 'salary' });
        expect(salary.length).toBeGreaterThan(0);
        expect(salary.every((e) => e.topic === 'salary')).toBe(true);
        const found = await authoring.entries({ q: plain().title.split(' ').slice(0, 2).join(' ').toUpperCase() });
        expect(found.map((e) => e.id)).toContain(plain().id);
    });

    it('saves a phrasing to the draft at version 1, unpublished, and refuses the later of two saves from one version', async () => {
        const entry = await authoring.entry(plain().id);
        const saved = await authoring.save(entry.id, { ...entry, questions: [...entry.questions, ODD_QUESTION] }, entry.version, 'ann');
        expect(saved).toMatchObject({ version: 1, status: 'edited', unpublished: true, updatedBy: 'ann' });
        expect(saved.questions).toContain(ODD_QUESTION);
        await expect(authoring.save(entry.id, { ...entry, title: 'Another title' }, entry.version, 'bob')).rejects.toBeInstanceOf(StaleDraftError);
        expect((await authoring.entry(entry.id)).title).toBe(entry.title);
    });

    it.each([
        ['answer', { answer: '' }],
        ['source', { source: [] }],
        ['questions', { questions: ['just one'] }],
        ['followUps.0', { followUps: ['no-such-entry'] }],
        ['source.0.doc', { source: [{ doc: 'no-such-article', section: 'x' }] }],
    ])('refuses a save that breaks %s, naming it', async (field, change) => {
        const entry = await authoring.entry(plain().id);
        const refused = await authoring.save(entry.id, { ...entry, ...change }, 0, 'ann').catch((err: unknown) => err);
        expect(refused).toBeInstanceOf(AuthoringError);
        expect(refused).toMatchObject({ status: 400, problems: [expect.objectContaining({ field })] });
        expect((refused as Error).message).toContain(field);
        expect(await store.drafts()).toEqual([]);
    });

    it('keeps the answer of an entry that starts a dialog read-only', async () => {
        const entry = await authoring.entry('licensure-by-state');
        expect(entry.readOnly).toEqual(expect.arrayContaining(['answer', 'dialog']));
        await expect(authoring.save(entry.id, { ...entry, answer: 'Something else' }, 0, 'ann')).rejects.toMatchObject({ status: 400, problems: [expect.objectContaining({ field: 'answer' })] });
        // Its phrasings may still change.
        const saved = await authoring.save(entry.id, { ...entry, questions: [...entry.questions, 'licence rules where i live?'] }, 0, 'ann');
        expect(saved.version).toBe(1);
    });

    it('adds a new entry with an id made from its title, and refuses a taken id', async () => {
        const input = { title: 'Night shifts', topic: 'duties', questions: ['night shift?', 'do labs run at night', 'overnight work in a lab'], answer: 'Hospital labs run around the clock.', source: plain().source };
        const created = await authoring.create(input, 'ann');
        expect(created).toMatchObject({ id: 'night-shifts', status: 'new', version: 1 });
        await expect(authoring.create(input, 'bob')).rejects.toMatchObject({ status: 409 });
        await expect(authoring.create({ ...input, id: plain().id }, 'bob')).rejects.toMatchObject({ status: 409 });
        expect(slugOf('  What’s the PAY?? ')).toBe('what-s-the-pay');
    });

    it('refuses to retire an entry another entry follows up on, naming that entry', async () => {
        const referenced = base.entries.find((e) => e.followUps.includes('advancement-options'))!;
        const refused = await authoring.retire('advancement-options', 0, 'ann').catch((err: unknown) => err);
        expect(refused).toMatchObject({ status: 400, problems: expect.arrayContaining([expect.objectContaining({ entryId: referenced.id, field: expect.stringMatching(/^followUps\./) })]) });
        const retired = await authoring.retire(plain().id, 0, 'ann');
        expect(retired.status).toBe('retired');
    });

    it('publishes the draft with a readable diff, refuses to publish nothing, and restores an earlier version', async () => {
        const entry = await authoring.entry(plain().id);
        await authoring.save(entry.id, { ...entry, questions: [...entry.questions, ODD_QUESTION], answer: `${entry.answer} Extra words.` }, 0, 'ann');
        const v1 = await authoring.publish('ann');
        expect(v1.n).toBe(1);
        expect(v1.changes).toEqual([
            expect.objectContaining({
                key: `entry:${entry.id}`,
                kind: 'changed',
                title: entry.title,
                fields: expect.arrayContaining([
                    { field: 'questions', added: [ODD_QUESTION], removed: [] },
                    expect.objectContaining({ field: 'answer', words: expect.arrayContaining([expect.objectContaining({ op: 'added', text: expect.stringContaining('Extra') })]) }),
                ]),
            }),
        ]);
        expect((await authoring.entry(entry.id)).unpublished).toBe(false);
        await expect(authoring.publish('ann')).rejects.toMatchObject({ status: 409 });

        const back = await authoring.restore(0, 'bob');
        expect(back).toMatchObject({ n: 2, restoredFrom: 0, changes: [expect.objectContaining({ kind: 'restored' })] });
        expect((await authoring.entry(entry.id)).questions).not.toContain(ODD_QUESTION);
        const again = await authoring.restore(1, 'bob');
        expect(again.n).toBe(3);
        expect((await authoring.entry(entry.id)).questions).toContain(ODD_QUESTION);
        expect((await authoring.versions()).map((v) => v.n)).toEqual([3, 2, 1]);
    });

    it('gives the same knowledge object for the same draft and version, and a new one after a save', async () => {
        const first = await authoring.draftKnowledge();
        expect(await authoring.draftKnowledge()).toBe(first);
        const entry = await authoring.entry(plain().id);
        await authoring.save(entry.id, { ...entry, questions: [...entry.questions, ODD_QUESTION] }, 0, 'ann');
        const second = await authoring.draftKnowledge();
        expect(second).not.toBe(first);
        expect(second.entries.find((e) => e.id === entry.id)?.questions).toContain(ODD_QUESTION);
        await authoring.publish('ann');
        expect(await authoring.publishedKnowledge(1)).toBe(await authoring.publishedKnowledge(1));
    });

    it('edits the synonyms with the same version check', async () => {
        const { synonyms, version } = await authoring.synonyms();
        const saved = await authoring.saveSynonyms({ ...synonyms, paycheck: ['pay packet'] }, version, 'ann');
        expect(saved.synonyms.paycheck).toEqual(['pay packet']);
        await expect(authoring.saveSynonyms(synonyms, version, 'bob')).rejects.toBeInstanceOf(StaleDraftError);
        await expect(authoring.saveSynonyms({ 'Two Words': ['x'] }, saved.version, 'bob')).rejects.toMatchObject({ status: 400 });
    });

    it('flags an entry whose shipped text a release changed since advisors changed it, and keeps theirs', async () => {
        const entry = await authoring.entry(plain().id);
        await authoring.save(entry.id, { ...entry, questions: [...entry.questions, ODD_QUESTION] }, 0, 'ann');
        const released = { ...base, entries: base.entries.map((e) => (e.id === entry.id ? { ...e, answer: `${e.answer} (updated by a release)` } : e)) };
        const afterRelease = new KnowledgeAuthoring(released, store);
        const seen = await afterRelease.entry(entry.id);
        expect(seen).toMatchObject({ baseChanged: true, status: 'edited', shipped: { answer: expect.stringContaining('(updated by a release)') } });
        expect(seen.questions).toContain(ODD_QUESTION);
        expect(seen.answer).toBe(entry.answer);
        // Once a release ships the advisors' text itself (exported and committed), there is nothing left to compare.
        const exported = { ...base, entries: base.entries.map((e) => (e.id === entry.id ? { ...e, questions: [...e.questions, ODD_QUESTION] } : e)) };
        expect((await new KnowledgeAuthoring(exported, store).entry(entry.id)).baseChanged).toBe(false);
    });
});

describe('LiveKnowledge', () => {
    const logger = pino({ level: 'silent' });

    it('answers from a publication once it refreshes, and from the shipped knowledge after a restore', async () => {
        const store = new SqliteKnowledgeLayer(':memory:');
        const authoring = new KnowledgeAuthoring(base, store);
        const live = new LiveKnowledge({ base, store, build: createSearchIndex, logger });
        expect(live.current.search(ODD_QUESTION).confidence).not.toBe('answer');
        const entry = await authoring.entry('skills-advice-new-techs');
        await authoring.save(entry.id, { ...entry, questions: [...entry.questions, ODD_QUESTION] }, 0, 'ann');
        await live.refresh();
        expect(live.current.search(ODD_QUESTION).confidence).not.toBe('answer');
        await authoring.publish('ann');
        await live.refresh();
        expect(live.status()).toEqual({ version: 1, published: 1, broken: [] });
        const found = live.current.search(ODD_QUESTION);
        expect([found.confidence, found.hits[0]?.entry.id]).toEqual(['answer', entry.id]);
        await authoring.restore(0, 'ann');
        await live.refresh();
        expect(live.status().version).toBe(2);
        expect(live.current.search(ODD_QUESTION).confidence).not.toBe('answer');
        await store.close();
    });

    it('skips a published version that no longer loads for the last good one, and says which', async () => {
        const store = new SqliteKnowledgeLayer(':memory:');
        const entry = base.entries.find((e) => e.id === 'skills-advice-new-techs')!;
        await store.publish('ann', () => ({ items: [{ key: `entry:${entry.id}`, body: { ...entry, questions: [...entry.questions, ODD_QUESTION] }, baseHash: null }], changes: [] }));
        // As if a release had changed the schema under version 2: its entry no longer loads.
        await store.publish('ann', () => ({ items: [{ key: `entry:${entry.id}`, body: { ...entry, colour: 'red' }, baseHash: null }], changes: [] }));
        const errors: string[] = [];
        const live = new LiveKnowledge({ base, store, build: createSearchIndex, logger: pino({ level: 'error' }, { write: (line: string) => void errors.push(line) }) });
        await live.refresh();
        expect(live.status()).toMatchObject({ version: 1, published: 2, broken: [expect.objectContaining({ n: 2, problems: [expect.objectContaining({ entryId: entry.id })] })] });
        expect(live.current.search(ODD_QUESTION).confidence).toBe('answer');
        expect(errors.join('')).toContain('published version 2 does not load');
        await store.close();
    });

    it('keeps answering from what it has while the store does not answer', async () => {
        const failing = { liveVersion: () => Promise.reject(new Error('database down')), version: () => Promise.reject(new Error('database down')) };
        const live = new LiveKnowledge({ base, store: failing, build: createSearchIndex, logger });
        await live.refresh();
        expect(live.status()).toEqual({ version: 0, published: 0, broken: [] });
        expect(live.current.search('how much do mlts make').confidence).toBe('answer');
    });
});
