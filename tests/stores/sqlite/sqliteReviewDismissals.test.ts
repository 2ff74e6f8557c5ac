import { SqliteReviewDismissals } from '../../../src/stores/sqlite/sqliteReviewDismissals';
import { describeReviewDismissalsContract } from '../../advisor/reviewDismissalsContract';

describeReviewDismissalsContract('SqliteReviewDismissals', async () => new SqliteReviewDismissals(':memory:'));
