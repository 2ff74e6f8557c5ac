import type { KnowledgeLayerStore } from '../../src/authoring/knowledgeStore';
import { StaleDraftError } from '../../src/authoring/knowledgeStore';
import type { LayerItem } from '../../src/authoring/knowledgeLayer';

const item = (key: string, body: unknown, baseHash: string | null = null): LayerItem => ({ key, body, baseHash });

/** What every KnowledgeLayerStore must do, run against SQLite and PostgreSQL alike. */
export function knowledgeLayerContract(open: () => Promise<KnowledgeLayerStore>): void {
    let store: KnowledgeLayerStore;
    beforeEach(async () => {
        store = await open();
    });

    it('saves a draft item at version 1, then 2, and refuses a save whose expected version is stale', async () => {
        const first = await store.saveDraft(item('entry:a', { id: 'a', title: 'A' }, 'h1'), 0, 'ann');
        expect(first).toMatchObject({ key: 'entry:a', version: 1, updatedBy: 'ann', baseHash: 'h1' });
        await expect(store.saveDraft(item('entry:a', { id: 'a', title: 'B' }), 0, 'bob')).rejects.toBeInstanceOf(StaleDraftError);
        const second = await store.saveDraft(item('entry:a', { id: 'a', title: 'B' }), 1, 'bob');
        expect(second.version).toBe(2);
        expect(await store.drafts()).toEqual([expect.objectContaining({ key: 'entry:a', body: { id: 'a', title: 'B' }, version: 2, updatedBy: 'bob', baseHash: null })]);
    });

    it('keeps a retired entry as a null body, and discards a draft only at its version', async () => {
        await store.saveDraft(item('entry:gone', null, 'h'), 0, 'ann');
        expect((await store.drafts())[0]).toMatchObject({ key: 'entry:gone', body: null });
        await expect(store.discardDraft('entry:gone', 5)).rejects.toBeInstanceOf(StaleDraftError);
        await store.discardDraft('entry:gone', 1);
        expect(await store.drafts()).toEqual([]);
    });

    it('refuses an editor’s copy from before a discard, even once someone has drafted the item again (no lost update)', async () => {
        await store.saveDraft(item('entry:a', { id: 'a', by: 'ann' }), 0, 'ann');
        // Bob opened the draft at version 1; Ann discards it and Cy drafts it afresh.
        await store.discardDraft('entry:a', 1);
        expect(await store.drafts()).toEqual([]);
        const again = await store.saveDraft(item('entry:a', { id: 'a', by: 'cy' }), 0, 'cy');
        expect(again.version).toBeGreaterThan(1);
        await expect(store.saveDraft(item('entry:a', { id: 'a', by: 'bob' }), 1, 'bob')).rejects.toBeInstanceOf(StaleDraftError);
        expect((await store.drafts())[0].body).toEqual({ id: 'a', by: 'cy' });
    });

    it('publishes numbered versions from the drafts, with what compose says, and lists them newest first', async () => {
        expect(await store.liveVersion()).toBe(0);
        await store.saveDraft(item('entry:a', { id: 'a' }), 0, 'ann');
        const seen: unknown[] = [];
        const v1 = await store.publish('ann', (drafts, live) => {
            seen.push(drafts.map((d) => d.key), live);
            return { items: drafts.map(({ key, body, baseHash }) => ({ key, body, baseHash })), changes: [{ key: 'entry:a', kind: 'added', title: 'A', fields: [] }] };
        });
        expect(seen).toEqual([['entry:a'], undefined]);
        expect(v1).toMatchObject({ n: 1, publishedBy: 'ann', restoredFrom: null, items: [{ key: 'entry:a', body: { id: 'a' }, baseHash: null }] });
        const v2 = await store.publish('bob', (_drafts, live) => {
            expect(live?.n).toBe(1);
            return { items: [], changes: [{ key: 'entry:a', kind: 'retired', title: 'A', fields: [] }], restoredFrom: 0 };
        });
        expect(v2.n).toBe(2);
        expect(await store.liveVersion()).toBe(2);
        expect((await store.versions()).map((v) => [v.n, v.publishedBy, v.restoredFrom])).toEqual([[2, 'bob', 0], [1, 'ann', null]]);
        expect(await store.version(1)).toMatchObject({ n: 1, items: [{ key: 'entry:a' }], changes: [{ kind: 'added' }] });
        expect(await store.version(3)).toBeUndefined();
        // Publishing does not touch the drafts unless asked to.
        expect((await store.drafts()).map((d) => d.key)).toEqual(['entry:a']);
    });

    it('publishes nothing when compose throws', async () => {
        await expect(store.publish('ann', () => { throw new Error('nothing to publish'); })).rejects.toThrow('nothing to publish');
        expect(await store.liveVersion()).toBe(0);
    });

    it('replaces the drafts when a restore asks, raising each kept key’s version so stale copies are refused', async () => {
        await store.saveDraft(item('entry:a', { id: 'a', v: 1 }), 0, 'ann');
        await store.saveDraft(item('entry:b', { id: 'b' }), 0, 'ann');
        await store.publish('ann', () => ({ items: [item('entry:a', { id: 'a', v: 0 })], changes: [], restoredFrom: 0, replaceDrafts: true }));
        const drafts = await store.drafts();
        expect(drafts.map((d) => [d.key, d.body])).toEqual([['entry:a', { id: 'a', v: 0 }]]);
        expect(drafts[0].version).toBeGreaterThan(1);
        await expect(store.saveDraft(item('entry:a', { id: 'a' }), 1, 'bob')).rejects.toBeInstanceOf(StaleDraftError);
        // A key the restore dropped, drafted again, does not take a version an old copy may hold.
        const b = await store.saveDraft(item('entry:b', { id: 'b', again: true }), 0, 'cy');
        expect(b.version).toBeGreaterThan(1);
    });

    it('gives one version number to each of two publications racing', async () => {
        const compose = () => ({ items: [], changes: [] });
        const [x, y] = await Promise.all([store.publish('ann', compose), store.publish('bob', compose)]);
        expect([x.n, y.n].sort()).toEqual([1, 2]);
    });

    it('keeps text with quotes, newlines and non-Latin letters exactly', async () => {
        const body = { id: 'a', answer: 'It\u2019s "fine".\n\n- 日本語 — ✓' };
        await store.saveDraft(item('entry:a', body), 0, 'ann');
        expect((await store.drafts())[0].body).toEqual(body);
    });
}
