import type { Server } from 'restify';
import { z } from 'zod';
import { HttpError } from '../../http/httpError';
import { parseInput } from '../../http/parseInput';
import { AccountError } from '../accounts';
import { normalizeUsername, ROLES } from '../accountRules';
import { passwordRefusal } from '../advisorAuth';
import { jsonBody, type AdvisorApiDeps, type AdvisorRoute } from './shared';

const NewAccount = z.strictObject({ username: z.string(), password: z.string(), role: z.enum(ROLES).default('advisor') });
const AccountChange = z.strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() });
const PasswordReset = z.strictObject({ newPassword: z.string() });

/** A refused account change (a taken username, a weak password) as the admin is told it: its reason, a 400. */
export function accountRefusal(err: unknown): HttpError | undefined {
    return err instanceof AccountError ? new HttpError(400, 'BadArgument', err.reason) : undefined;
}

/**
 * `/api/advisor/accounts...`, for admins: list, create, change an account's role or whether it is disabled, and reset
 * its password (which ends its sessions, see `AdvisorAccounts.setPassword`).
 */
export function addAccountRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'accounts' | 'audit'>): void {
    const { accounts, audit } = deps;
    server.get('/api/advisor/accounts', route('admin', async () => [200, { accounts: await accounts.list() }]));
    server.post(
        '/api/advisor/accounts',
        route('admin', async (req, advisor) => {
            const { username, password, role } = parseInput(NewAccount, jsonBody(req));
            const created = await accounts.create(username, password, role);
            await audit.record({ username: advisor.username, action: 'account', target: created.username, detail: `created (${role})` });
            return [201, created];
        }),
    );
    server.patch(
        '/api/advisor/accounts/:username',
        route('admin', async (req, advisor) => {
            const changes = parseInput(AccountChange, jsonBody(req));
            // Usernames are stored lower-case: "Admin" in the path is the account "admin", so compare the stored form.
            const username = normalizeUsername(String(req.params.username));
            if (username === undefined || !(await accounts.find(username))) throw new HttpError(404, 'NotFound', 'no such account');
            // Any role but admin takes the admin's own access to this page away (an editor is not an admin).
            if (username === advisor.username && (changes.disabled || (changes.role !== undefined && changes.role !== 'admin'))) {
                throw new HttpError(400, 'BadArgument', 'you cannot disable your own account or remove your own admin role');
            }
            if (changes.role) await accounts.setRole(username, changes.role);
            if (changes.disabled !== undefined) await accounts.setDisabled(username, changes.disabled);
            await audit.record({ username: advisor.username, action: 'account', target: username, detail: JSON.stringify(changes) });
            return [200, await accounts.find(username)];
        }),
    );
    server.post(
        '/api/advisor/accounts/:username/password',
        route('admin', async (req, advisor) => {
            const { newPassword } = parseInput(PasswordReset, jsonBody(req));
            const username = normalizeUsername(String(req.params.username));
            if (username === undefined || !(await accounts.find(username))) throw new HttpError(404, 'NotFound', 'username: no such account');
            // Resetting asks for no current password: an admin's own goes through /me/password, which does.
            if (username === advisor.username) {
                throw new HttpError(400, 'BadArgument', 'username: to change your own password, use "Change my password" (POST /api/advisor/me/password)');
            }
            try {
                await accounts.setPassword(username, newPassword);
            } catch (err) {
                throw passwordRefusal(err) ?? err;
            }
            await audit.record({ username: advisor.username, action: 'account', target: username, detail: 'password reset; sessions ended' });
            return [204];
        }),
    );
}
