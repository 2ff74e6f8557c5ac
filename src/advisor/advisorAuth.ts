import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import type { RateLimiters } from '../http/rateLimits';
import { AccountError, ROLE_RANK, type Advisor, type AdvisorAccounts, type AdvisorRole, type AdvisorSessions, type AuditLog } from './accounts';
import { clearSessionCookie, isHttps, readCookies, sessionCookie } from './advisorCookie';
import { clientAddress } from '../http/clientAddress';
import { HttpError, sendError } from '../http/httpError';
import { route, type ErrorMapper, type RouteAnswer } from '../http/route';
import { SignInThrottle } from './signInThrottle';
import { checkConsoleRequest } from './consoleOrigin';
import { normalizeUsername } from './accountRules';
import { parseInput } from '../http/parseInput';
import { z } from 'zod';

/** `POST /api/advisor/me/password`: the advisor's current password and the new one. */
const PasswordChange = z.strictObject({ currentPassword: z.string(), newPassword: z.string() });

/** The console's session cookie: a random token, HttpOnly, SameSite=Strict. */
export const ADVISOR_COOKIE = 'mltcb_advisor';

/** Where the sign-in form is shown (by the console's page routes) and posted. */
export const SIGN_IN_PATH = '/advisor/sign-in';

/** What advisor authentication needs. */
export interface AdvisorAuthDeps {
    accounts: AdvisorAccounts;
    sessions: AdvisorSessions;
    audit: AuditLog;
    logger: Logger;
    /** In memory by default, one per `createAdvisorAuth`; tests pass one with a clock and no delays. */
    throttle?: SignInThrottle;
    /**
     * True behind a reverse proxy that sets `X-Forwarded-For`: the throttle then counts the address the
     * proxy saw. Off by default, because without such a proxy anyone can write that header.
     */
    trustProxy?: boolean;
    /** Counts every sign-in attempt per address (`signIns`), before the throttle; without it, only the throttle applies. */
    rateLimits?: RateLimiters;
}

/** Sign-in, sign-out and the session check the console's routes share. */
export interface AdvisorAuth {
    /** The signed-in advisor of the request's session cookie, if any. */
    authenticate(req: Request): Promise<Advisor | undefined>;
    /**
     * For an API handler: the signed-in advisor, or undefined after answering 401 (no valid session) or
     * 403 (`role: 'admin'` asked of an advisor). Always sets `cache-control: no-store`.
     */
    requireAdvisor(req: Request, res: Response, role?: AdvisorRole): Promise<Advisor | undefined>;
    /**
     * `POST /advisor/sign-in`, `POST /advisor/sign-out`, `GET /api/advisor/me` and `POST /api/advisor/me/password`;
     * the last two answer failures as the rest of the advisor API does, with `knownErrors` (the server's KNOWN_ERRORS).
     */
    addSignInRoutes(server: Server, knownErrors?: readonly ErrorMapper[]): void;
    /**
     * Refuses, before routing, every change to the console that does not come from its own origin (403
     * `CrossOrigin`) and every change to its API that is not JSON (415): see `checkConsoleRequest`.
     */
    addOriginCheck(server: Server): void;
    /** Creates the first account, an admin, from the bootstrap settings when there is no account yet. */
    bootstrap(config: Partial<Pick<AppConfig, 'ADVISOR_BOOTSTRAP_USER' | 'ADVISOR_BOOTSTRAP_PASSWORD'>>): Promise<void>;
}

/** Builds the console's authentication: cookie sessions, a throttled sign-in form, and the bootstrap admin. */
export function createAdvisorAuth(deps: AdvisorAuthDeps): AdvisorAuth {
    const { accounts, sessions, audit, logger } = deps;
    const throttle = deps.throttle ?? new SignInThrottle();

    /**
     * Checks a password under the sign-in throttle: a wrong one (or a failed check) counts against the name and the
     * address, is audited as `failure` says and answered only after the throttle's delay; a right one clears the count.
     */
    async function verifyThrottled(username: string, password: string, ip: string, failure: { action: string; detail: string }): Promise<Advisor | undefined> {
        let advisor: Advisor | undefined;
        try {
            advisor = await accounts.verify(username, password);
        } catch (err) {
            throttle.failed(username, ip);
            throw err;
        }
        if (!advisor) {
            const delayMs = throttle.failed(username, ip);
            await audit.record({ username, ...failure });
            await sleep(delayMs);
            return undefined;
        }
        throttle.succeeded(username, ip);
        return advisor;
    }

    async function authenticate(req: Request): Promise<Advisor | undefined> {
        for (const token of readCookies(req.header('cookie'), ADVISOR_COOKIE)) {
            const advisor = await sessions.find(token);
            if (advisor) return advisor;
        }
        return undefined;
    }

    async function requireAdvisor(req: Request, res: Response, role?: AdvisorRole): Promise<Advisor | undefined> {
        res.header('cache-control', 'no-store');
        const advisor = await authenticate(req);
        if (!advisor) {
            sendError(res, new HttpError(401, 'Unauthorized', 'sign in first'));
            return undefined;
        }
        if (role !== undefined && ROLE_RANK[advisor.role] < ROLE_RANK[role]) {
            sendError(res, new HttpError(403, 'Forbidden', role === 'admin' ? 'this needs an admin account' : `this needs an ${role} or admin account`));
            return undefined;
        }
        return advisor;
    }

    async function signIn(req: Request, res: Response): Promise<void> {
        const { rateLimits } = deps;
        if (rateLimits && !(await rateLimits.take('signIns', rateLimits.addressOf(req), res))) return;
        const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
        const password = typeof body.password === 'string' ? body.password : '';
        // Audited and throttled under the name typed only when it could be a username: a password typed
        // into the wrong field must not end up in the audit log.
        const username = normalizeUsername(body.username) ?? '(not a valid username)';
        const ip = clientAddress(req, deps.trustProxy ?? false);

        const decision = throttle.begin(username, ip);
        if (!decision.allowed) {
            logger.warn({ username, ip }, 'advisor sign-in refused: too many failed attempts');
            await audit.record({ username, action: 'sign-in-failed', detail: `locked, from ${ip}` });
            res.header('retry-after', String(decision.retryAfterSeconds));
            return redirect(res, `${SIGN_IN_PATH}?error=locked`);
        }

        const advisor = await verifyThrottled(username, password, ip, { action: 'sign-in-failed', detail: `from ${ip}` });
        if (!advisor) return redirect(res, `${SIGN_IN_PATH}?error=invalid`);

        // A new sign-in replaces whatever session this browser had.
        for (const old of readCookies(req.header('cookie'), ADVISOR_COOKIE)) await sessions.revoke(old);
        await audit.record({ username: advisor.username, action: 'sign-in', detail: `from ${ip}` });
        await startSession(req, res, advisor.username);
        logger.info({ username: advisor.username }, 'advisor signed in');
        redirect(res, '/advisor');
    }

    async function signOut(req: Request, res: Response): Promise<void> {
        const advisor = await authenticate(req);
        for (const token of readCookies(req.header('cookie'), ADVISOR_COOKIE)) await sessions.revoke(token);
        if (advisor) await audit.record({ username: advisor.username, action: 'sign-out' });
        res.header('set-cookie', clearSessionCookie(ADVISOR_COOKIE, isHttps(req)));
        redirect(res, SIGN_IN_PATH);
    }

    /** Starts a session for `username` and hands its cookie to the browser. */
    async function startSession(req: Request, res: Response, username: string): Promise<void> {
        const session = await sessions.create(username);
        const maxAgeSeconds = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
        res.header('set-cookie', sessionCookie(ADVISOR_COOKIE, session.token, maxAgeSeconds, isHttps(req)));
    }

    /**
     * `POST /api/advisor/me/password` `{ currentPassword, newPassword }`: the signed-in advisor changes their own
     * password. The current one is checked as a sign-in checks it, counted by the same throttle and rate limit, so a
     * stolen session cannot be used to guess it faster than the sign-in form allows. `AdvisorAccounts.setPassword`
     * ends every session of the account; this browser then gets a new one, so only the others end.
     */
    async function changeOwnPassword(req: Request, res: Response): Promise<RouteAnswer> {
        const advisor = await requireAdvisor(req, res);
        if (!advisor) return undefined;
        // The origin check refuses an API change that is not JSON before routing; this stays for the body's type.
        if (!req.is('json')) throw new HttpError(415, 'BadArgument', 'expected a JSON body (Content-Type: application/json)');
        const { currentPassword, newPassword } = parseInput(PasswordChange, req.body ?? {});
        const { rateLimits } = deps;
        if (rateLimits && !(await rateLimits.take('signIns', rateLimits.addressOf(req), res))) return undefined;
        const { username } = advisor;
        const ip = clientAddress(req, deps.trustProxy ?? false);
        const decision = throttle.begin(username, ip);
        if (!decision.allowed) {
            await audit.record({ username, action: 'password-change-failed', detail: `locked, from ${ip}` });
            throw new HttpError(429, 'TooManyAttempts', 'currentPassword: too many wrong attempts; try again later', {
                headers: { 'retry-after': String(decision.retryAfterSeconds) },
            });
        }
        const verified = await verifyThrottled(username, currentPassword, ip, { action: 'password-change-failed', detail: `wrong current password, from ${ip}` });
        if (!verified) throw new HttpError(403, 'Forbidden', 'currentPassword: that is not your current password');
        try {
            await accounts.setPassword(username, newPassword);
        } catch (err) {
            throw passwordRefusal(err) ?? err;
        }
        await audit.record({ username, action: 'password', target: username, detail: 'changed own password; other sessions ended' });
        // setPassword ended every session, this one included: the advisor who changed it stays signed in here.
        await startSession(req, res, username);
        logger.info({ username }, 'advisor changed their password');
        return [204];
    }

    return {
        authenticate,
        requireAdvisor,
        addSignInRoutes(server: Server, knownErrors: readonly ErrorMapper[] = []): void {
            server.post(SIGN_IN_PATH, signIn);
            server.post('/advisor/sign-out', signOut);
            const context = { logger, surface: 'advisor api', knownErrors };
            server.get(
                '/api/advisor/me',
                route(context, async (req, res) => {
                    const advisor = await requireAdvisor(req, res);
                    return advisor ? [200, { username: advisor.username, role: advisor.role }] : undefined;
                }),
            );
            server.post('/api/advisor/me/password', route(context, changeOwnPassword));
        },
        addOriginCheck(server: Server): void {
            server.pre((req: Request, res: Response, next: Next) => {
                const refusal = checkConsoleRequest(req, deps.trustProxy ?? false);
                if (!refusal) return next();
                logger.warn(
                    { method: req.method, path: req.path().slice(0, 200), origin: req.header('origin')?.slice(0, 200), secFetchSite: req.header('sec-fetch-site')?.slice(0, 40), code: refusal.code },
                    'advisor console: refused a change that did not come from the console',
                );
                sendError(res, new HttpError(refusal.status, refusal.code, refusal.message));
                return next(false);
            });
        },
        async bootstrap(config) {
            const { ADVISOR_BOOTSTRAP_USER: username, ADVISOR_BOOTSTRAP_PASSWORD: password } = config;
            if (!username && !password) return;
            if (!username || !password) {
                const missing = username ? 'ADVISOR_BOOTSTRAP_PASSWORD' : 'ADVISOR_BOOTSTRAP_USER';
                logger.warn(`advisor bootstrap: ${missing} is not set, so no first account was created; set both or neither`);
                return;
            }
            if ((await accounts.count()) > 0) {
                logger.debug('advisor bootstrap: accounts exist already; ADVISOR_BOOTSTRAP_USER and ADVISOR_BOOTSTRAP_PASSWORD are not used');
                return;
            }
            try {
                const created = await accounts.create(username, password, 'admin');
                await audit.record({ username: 'bootstrap', action: 'account', target: created.username, detail: 'created admin from ADVISOR_BOOTSTRAP_USER' });
                logger.info({ username: created.username }, 'advisor bootstrap: created the first admin account; ADVISOR_BOOTSTRAP_PASSWORD can now be removed');
            } catch (err) {
                if (!(err instanceof AccountError)) throw err;
                // The visitors' bot still starts: a bad bootstrap setting only keeps the console without an account.
                logger.error(`advisor bootstrap: no account was created from ADVISOR_BOOTSTRAP_USER: ${err.message}`);
            }
        },
    };
}

/**
 * A new password the account rules refused (too short, too long), as a 400 naming the field: the rules' reason does
 * not know which field the password came in.
 */
export function passwordRefusal(err: unknown): HttpError | undefined {
    return err instanceof AccountError ? new HttpError(400, 'BadArgument', `newPassword: ${err.reason}`) : undefined;
}

/** 303: the browser follows with a GET, so a reload does not post the form again. */
function redirect(res: Response, location: string): void {
    res.header('cache-control', 'no-store');
    res.header('location', location);
    res.send(303);
}

function sleep(ms: number): Promise<void> {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
