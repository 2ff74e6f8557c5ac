import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKnowledgeLayer } from '../../../src/stores/sqlite/sqliteKnowledgeLayer';
import { knowledgeLayerContract } from '../knowledgeLayerContract';

describe('SqliteKnowledgeLayer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-layer-'));
    const opened: SqliteKnowledgeLayer[] = [];
    let n = 0;
    afterEach(async () => {
        await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    knowledgeLayerContract(async () => {
        const store = new SqliteKnowledgeLayer(join(dir, `bot-${++n}.sqlite`));
        opened.push(store);
        return store;
    });

    it('is shared by two connections to one file, as the app’s stores are', async () => {
        const file = join(dir, 'shared.sqlite');
        const a = new SqliteKnowledgeLayer(file);
        const b = new SqliteKnowledgeLayer(file);
        opened.push(a, b);
        await a.saveDraft({ key: 'entry:x', body: { id: 'x' }, baseHash: null }, 0, 'ann');
        await b.publish('bob', (drafts) => ({ items: drafts, changes: [] }));
        expect(await a.liveVersion()).toBe(1);
    });
});
