import type { Server } from 'restify';
import { z } from 'zod';
import { parseInput } from '../../http/parseInput';
import type { AdvisorApiDeps, AdvisorRoute } from './shared';

const AuditQuery = z.strictObject({
    before: z.iso
        .datetime('expected an ISO 8601 time in UTC, such as 2025-01-31T12:00:00Z')
        .refine((t) => new Date(t).getUTCFullYear() >= 1, 'expected a time from year 1 on')
        .optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** `GET /api/advisor/audit`, for admins: the audit log, newest first, a page at a time. */
export function addAuditRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'audit'>): void {
    server.get(
        '/api/advisor/audit',
        route('admin', async (req) => {
            const query = parseInput(AuditQuery, req.query);
            return [200, { entries: await deps.audit.list(query) }];
        }),
    );
}
