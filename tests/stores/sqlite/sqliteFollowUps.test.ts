import { SqliteFollowUps } from '../../../src/stores/sqlite/sqliteFollowUps';
import { describeFollowUpsContract } from '../../advisor/followUpsContract';

describeFollowUpsContract('SqliteFollowUps', async () => new SqliteFollowUps(':memory:'));
