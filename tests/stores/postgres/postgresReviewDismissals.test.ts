import { PgReviewDismissals } from '../../../src/stores/postgres/pgReviewDismissals';
import { describeWithPostgres } from '../../helpers/postgres';
import { describeReviewDismissalsContract } from '../../advisor/reviewDismissalsContract';

describeWithPostgres('PgReviewDismissals on PostgreSQL', (db) => {
    describeReviewDismissalsContract('PgReviewDismissals', async () => {
        await db().reset();
        return new PgReviewDismissals(db().pool);
    });
});
