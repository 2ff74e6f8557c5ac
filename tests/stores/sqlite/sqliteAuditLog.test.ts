import { SqliteAuditLog } from '../../../src/stores/sqlite/sqliteAuditLog';
import { describeAuditLogContract } from '../../advisor/auditLogContract';

describeAuditLogContract('SqliteAuditLog', async (options) => new SqliteAuditLog(':memory:', options), (audit) => audit.close());
