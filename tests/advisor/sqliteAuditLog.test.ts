import { SqliteAuditLog } from '../../src/advisor/sqliteAuditLog';
import { describeAuditLogContract } from './auditLogContract';

describeAuditLogContract('SqliteAuditLog', async (options) => new SqliteAuditLog(':memory:', options), (audit) => audit.close());
