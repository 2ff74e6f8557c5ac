import { isIPv6 } from 'node:net';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { Middleware, TurnContext } from 'botbuilder';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from './clientAddress';
import { HttpError, sendError } from './httpError';

/** At most `points` requests per key in each window of `durationSeconds`; the key is a client address or a conversation. */
export interface RateLimit {
    points: number;
    durationSeconds: number;
    per: 'address' | 'conversation';
}

/**
 * How many requests each public endpoint takes, and why. A request over its limit gets 429 with `Retry-After`.
 * @remarks Counted in memory, per instance: with several instances behind a load balancer each counts its own,
 * so a client spread over N instances gets up to N times the limit. That is enough for abuse protection (it stops
 * one client from taking a whole instance); a shared count in PostgreSQL or Redis is future work.
 * A window starts with a key's first request and lasts `durationSeconds` (a fixed window, not a sliding one).
 */
export const RATE_LIMITS = deepFreeze({
    /**
     * `POST /api/directline/token` and `POST /v3/directline/tokens/generate`, together. The widget takes a token
     * once per new chat (a reload resumes with a refresh), so this is new chats a minute from one address: 30 lets
     * a classroom behind one router open the chat together, and slows a script hoarding tokens (with
     * `DIRECT_LINE_SECRET`, each one also spends the secret's quota at Azure, which all visitors share).
     */
    tokens: { points: 30, durationSeconds: 60, per: 'address' },
    /**
     * `POST /v3/directline/tokens/refresh`, per conversation (the token's). A conversation needs one refresh per
     * 30-minute token at most, but the widget keeps two tokens alive (its stored one, every 10 minutes, and Web
     * Chat's own, every 15) and a page load may refresh the stored one: 6 in 10 minutes covers that in two tabs of
     * one conversation. Each refresh writes the replaced token's id, so refreshing without end must not be possible.
     */
    tokenRefreshes: { points: 6, durationSeconds: 10 * 60, per: 'conversation' },
    /** `POST /v3/directline/conversations`: each start stores a conversation and runs a welcome turn; one per new chat, as for tokens. */
    conversationStarts: { points: 30, durationSeconds: 60, per: 'address' },
    /**
     * `POST /v3/directline/conversations/{id}/activities`: a message (or a thumbs up/down) every 2 s for a minute is
     * faster than anyone types or clicks through a quiz; a script flooding one conversation would queue its turns.
     */
    messages: { points: 30, durationSeconds: 60, per: 'conversation' },
    /** The same route per address, whatever the conversation: four busy chats behind one router, and no dodging the per-conversation limit by opening conversation after conversation. */
    messagesPerAddress: { points: 120, durationSeconds: 60, per: 'address' },
    /**
     * `GET /v3/directline/conversations/{id}/activities`: Web Chat polls once a second (60 a minute); 300 leaves room
     * for a duplicated tab, the burst after a reconnect, and a client polling faster than Web Chat.
     */
    polls: { points: 300, durationSeconds: 60, per: 'conversation' },
    /**
     * `POST /api/messages`, per channel and conversation, counted only once the request is authenticated. With app
     * credentials the Bot Framework Service is trusted, but it relays whatever a chat's members send: one Teams chat
     * or a script behind Azure's Direct Line flooding still queues turns and fills storage. 120 leaves room for a
     * team channel where several people use the compose-box search (each query is an invoke in that conversation).
     */
    channelActivities: { points: 120, durationSeconds: 60, per: 'conversation' },
    /**
     * `POST /advisor/sign-in` per address, on top of the sign-in throttle (which counts failures and locks): this
     * counts every attempt and refuses before any password is hashed or any audit line written. 30 in 15 minutes is
     * a whole office signing in at the start of a shift; the throttle locks an address after 20 failures anyway.
     */
    signIns: { points: 30, durationSeconds: 15 * 60, per: 'address' },
});

/** The name of one limit in RATE_LIMITS. */
export type RateLimitName = keyof typeof RATE_LIMITS;

/** Smaller limits, for tests: the `per` of each stays as RATE_LIMITS has it. */
export type RateLimitOverrides = Partial<Record<RateLimitName, Partial<Pick<RateLimit, 'points' | 'durationSeconds'>>>>;

/** The limits as a route applies them; every method answers 429 itself and returns false when the request is refused. */
export interface RateLimiters {
    /** The key of an `address` limit: the client address (see `addressKey`). */
    addressOf(req: Request): string;
    /** Counts the request against the key; over the limit, answers 429 and returns false. */
    take(name: RateLimitName, key: string, res: Response): Promise<boolean>;
    /** Answers 429 and returns false when the key's budget is spent, without counting the request (see `count`). */
    check(name: RateLimitName, key: string, res: Response): Promise<boolean>;
    /** Counts a request `check` let through, once it proved genuine: outsiders cannot spend a conversation's budget. */
    count(name: RateLimitName, key: string): Promise<void>;
    /** Gives back what `take` counted for a request that was not the key's own (a wrong token): it leaves nothing in memory. */
    refund(name: RateLimitName, key: string): Promise<void>;
}

/** What the limiters are built from. */
export interface RateLimitersOptions {
    /** False lets every request through (`RATE_LIMITS=off`, for load benchmarks). */
    enabled: boolean;
    /** Behind a reverse proxy that appends `X-Forwarded-For` (`TRUST_PROXY`): the address is the one it saw. */
    trustProxy: boolean;
    logger: Logger;
    overrides?: RateLimitOverrides;
}

/** Builds one in-memory limiter per entry of RATE_LIMITS (with the overrides applied). */
export function createRateLimiters(options: RateLimitersOptions): RateLimiters {
    const addressOf = (req: Request) => addressKey(clientAddress(req, options.trustProxy));
    if (!options.enabled) {
        const allow = async () => true;
        return { addressOf, take: allow, check: allow, count: async () => undefined, refund: async () => undefined };
    }
    const limits = {} as Record<RateLimitName, { limit: RateLimit; limiter: RateLimiterMemory }>;
    for (const name of Object.keys(RATE_LIMITS) as RateLimitName[]) {
        const limit = { ...RATE_LIMITS[name], ...options.overrides?.[name] };
        limits[name] = { limit, limiter: new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.durationSeconds }) };
    }
    const refuse = (name: RateLimitName, key: string, res: Response, state: RateLimiterRes): false => {
        const { limit } = limits[name];
        // Logged once a window, not once a refused request: a flood must not flood the log too.
        if (state.consumedPoints === limit.points + 1) options.logger.warn({ limit: name, per: limit.per, key }, 'rate limit reached');
        tooManyRequests(res, limit, state.msBeforeNext);
        return false;
    };
    return {
        addressOf,
        async take(name, key, res) {
            try {
                await limits[name].limiter.consume(key);
                return true;
            } catch (rejection) {
                if (!(rejection instanceof RateLimiterRes)) throw rejection;
                return refuse(name, key, res, rejection);
            }
        },
        async check(name, key, res) {
            const { limit, limiter } = limits[name];
            const state = await limiter.get(key);
            if (!state || state.msBeforeNext <= 0 || state.consumedPoints < limit.points) return true;
            // Refused requests are counted, as `take` counts them, so that the first refusal is the one logged.
            return refuse(name, key, res, await limiter.penalty(key));
        },
        async count(name, key) {
            await limits[name].limiter.penalty(key);
        },
        async refund(name, key) {
            const { limiter } = limits[name];
            if ((await limiter.reward(key)).consumedPoints <= 0) await limiter.delete(key);
        },
    };
}

/** The key of `channelActivities`: conversation ids are only unique within their channel. */
export function channelConversationKey(channelId: unknown, conversationId: unknown): string {
    return `${String(channelId ?? '')}|${String(conversationId ?? '')}`;
}

/**
 * Counts each turn against `channelActivities` (which `POST /api/messages` checks) once the adapter has
 * authenticated it, and before the turn waits behind its conversation's earlier turns, so a flood queued behind one
 * slow turn is counted as it arrives. Put it before the conversation queue.
 * @remarks The built-in Direct Line's turns are counted too (its own limits keep them far below this one), as
 * a turn does not say which route it came in by.
 */
export function countChannelTurns(limits: Pick<RateLimiters, 'count'>): Middleware {
    return {
        async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
            await limits.count('channelActivities', channelConversationKey(context.activity.channelId, context.activity.conversation?.id));
            await next();
        },
    };
}

/** Answers 429 with `Retry-After` (whole seconds, at least 1) and the error body every route uses. */
function tooManyRequests(res: Response, limit: Pick<RateLimit, 'per'>, msBeforeNext: number): void {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    const what = limit.per === 'address' ? 'from this address' : 'for this conversation';
    sendError(res, new HttpError(429, 'TooManyRequests', `too many requests ${what}; try again in ${seconds} second${seconds === 1 ? '' : 's'}`, { headers: { 'retry-after': String(seconds) } }));
}

/**
 * The key an address is counted under: an IPv4 address as it is (also when written as `::ffff:a.b.c.d`), an
 * IPv6 address by its /64 network, since one home or phone is given a whole /64 and could otherwise change
 * address for every request.
 */
export function addressKey(address: string): string {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
    if (mapped) return mapped[1];
    const bare = address.split('%')[0];
    if (!isIPv6(bare)) return address;
    const [head, tail] = bare.split('::');
    const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
    const left = groups(head);
    const right = groups(tail);
    const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

function deepFreeze<T extends Record<string, RateLimit>>(limits: T): Readonly<{ [K in keyof T]: Readonly<RateLimit> }> {
    for (const limit of Object.values(limits)) Object.freeze(limit);
    return Object.freeze(limits);
}
