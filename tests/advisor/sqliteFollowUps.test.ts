import { SqliteFollowUps } from '../../src/advisor/sqliteFollowUps';
import { describeFollowUpsContract } from './followUpsContract';

describeFollowUpsContract('SqliteFollowUps', async () => new SqliteFollowUps(':memory:'));
