import { PgKnowledgeLayer } from '../../../src/stores/postgres/pgKnowledgeLayer';
import { describeWithPostgres } from '../../helpers/postgres';
import { knowledgeLayerContract } from '../knowledgeLayerContract';

describeWithPostgres('PgKnowledgeLayer on PostgreSQL', (db) => {
    knowledgeLayerContract(async () => {
        await db().reset();
        return new PgKnowledgeLayer(db().pool);
    });

    it('lets two instances (two pools) take turns: a save on one is seen, and refused as stale, on the other', async () => {
        await db().reset();
        const a = new PgKnowledgeLayer(db().pool);
        const b = new PgKnowledgeLayer(db().openPool());
        await a.saveDraft({ key: 'entry:x', body: { id: 'x' }, baseHash: null }, 0, 'ann');
        await expect(b.saveDraft({ key: 'entry:x', body: { id: 'x', title: 'later' }, baseHash: null }, 0, 'bob')).rejects.toMatchObject({ name: 'StaleDraftError', actual: 1 });
        await b.publish('bob', (drafts) => ({ items: drafts, changes: [] }));
        expect(await a.liveVersion()).toBe(1);
    });
});
