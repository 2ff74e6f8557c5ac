import { PgUnansweredQuestions } from '../../../src/stores/postgres/pgUnansweredQuestions';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeUnansweredQuestionsContract } from '../../transcripts/unansweredContract';

describeWithPostgres('PgUnansweredQuestions on PostgreSQL', (db) => {
    describeUnansweredQuestionsContract('PgUnansweredQuestions', async () => {
        await db().reset();
        return new PgUnansweredQuestions(db().pool);
    });

    describe('PgUnansweredQuestions', () => {
        beforeEach(() => db().reset());

        it('records a question holding U+0000 (which PostgreSQL refuses) with U+FFFD in its place', async () => {
            const store = new PgUnansweredQuestions(db().pool);
            await store.add({ at: new Date().toISOString(), channelId: 'webchat', conversationId: 'c\u00001', question: 'what\u0000 is an mlt?' });
            expect(await store.list()).toMatchObject([{ conversationId: 'c\uFFFD1', question: 'what\uFFFD is an mlt?' }]);
            expect(await store.deleteForConversation('webchat', 'c\u00001')).toBe(1);
        });
    });
});
