import type { Activity, ActivityHandler, ChannelAccount, CloudAdapter } from 'botbuilder';
import { AuthenticateRequestResult, AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { Logger } from 'pino';
import { loggedIdOf } from '../../transcripts/activityIds';
import { activityId, type DirectLineStore } from './directLineStore';
import { DirectLineError } from './directLineError';
import { DirectLineTokens, IssuedToken, TokenError, TokenGrant, VerifiedToken } from './directLineTokens';
import { parseInboundActivity } from './inboundActivity';
import { LocalConnectorFactory } from './localConnector';

/** The channel id the bot sees for the built-in Direct Line, as for Azure's. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';

/** True when the conversation is one of the built-in Direct Line's (the only ones its store holds). */
export function isDirectLine(channelId: string): boolean {
    return channelId === DIRECT_LINE_CHANNEL_ID;
}

/** The bot as the built-in Direct Line presents it to clients. */
export const BOT_ACCOUNT: ChannelAccount = { id: 'mlt-career-bot', name: 'MLT Career Assistant', role: 'bot' };

/** Timing and sizes of the built-in Direct Line, each with the reason for its value. */
export const DIRECT_LINE_TUNING = Object.freeze({
    /** A POST returns when the bot's turn ends or after this long: DirectLineJS gives up at 20 s and posts again. */
    turnWaitMs: 10_000,
    /** Activities per GET; a client with a long history catches up in pages, as the watermark moves. */
    pageSize: 100,
    /** A typing activity older than this is history, not news: a resumed chat must not show the bot typing. */
    typingFreshMs: 10_000,
    /** Conversations idle this long are deleted: the visitor's own words are kept no longer than needed to resume. */
    idleRetentionMs: 24 * 60 * 60 * 1000,
    /** How often idle conversations are looked for. */
    sweepEveryMs: 60 * 60 * 1000,
    /**
     * A token a refresh replaced still polls and posts for this long, never longer: the requests a client sent
     * before the new token reached it arrive after the refresh (DirectLineJS gives up on one after 20 s), and a 403
     * to one of them stops DirectLineJS polling for good. It cannot be refreshed again, nor start or resume a
     * conversation (each would mint a new token).
     */
    replacedTokenGraceMs: 30 * 1000,
    /**
     * A conversation its visitor deleted ("delete my chat") keeps its copy here until the client has read the reply
     * saying so, and this long at most: Web Chat polls every second, and a hidden tab's timers still run once a minute.
     * A copy whose client never comes back is gone by then; a process that stops first erases what it holds on `close`.
     */
    erasedCopyGraceMs: 60 * 1000,
});

/** The channel's tuned numbers (see DIRECT_LINE_TUNING). */
export type DirectLineTuning = Record<keyof typeof DIRECT_LINE_TUNING, number>;

/** What the channel is built on. */
export interface DirectLineChannelDeps {
    store: DirectLineStore;
    adapter: CloudAdapter;
    bot: Pick<ActivityHandler, 'run'>;
    logger: Logger;
    /** The bot's app id, when app credentials are configured. */
    appId?: string;
    /** The clock; tests move it. */
    now?: () => Date;
    tuning?: Partial<DirectLineTuning>;
}

/** A conversation as Direct Line 3.0 describes it to a client; no `streamUrl`, as this server only polls. */
export type ConversationResponse = IssuedToken;

/**
 * The built-in Direct Line 3.0 (polling): tokens, conversations and their activities, independent of HTTP.
 * @remarks Client activities go to the same adapter and bot as `/api/messages`, through `processActivityDirect`
 * with an in-process connector; whatever the bot sends is appended to the conversation as it is sent, so
 * replies sent later in a turn (or after a delay) reach the polling client in order.
 */
export class DirectLineChannel {
    private tokens?: Promise<DirectLineTokens>;
    private readonly turns = new Set<Promise<void>>();
    private readonly tuning: DirectLineTuning;
    private readonly now: () => Date;
    private readonly auth: AuthenticateRequestResult;
    private readonly sweeper: NodeJS.Timeout;
    /** Conversations their visitor deleted whose copy waits for the client to read the last reply: what erases each. */
    private readonly erased = new Map<string, { erase: () => Promise<void>; timer: NodeJS.Timeout }>();

    constructor(private readonly deps: DirectLineChannelDeps) {
        this.tuning = { ...DIRECT_LINE_TUNING, ...deps.tuning };
        this.now = deps.now ?? (() => new Date());
        const appId = deps.appId ?? '';
        this.auth = {
            audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
            claimsIdentity: new ClaimsIdentity(
                [
                    { type: AuthenticationConstants.AudienceClaim, value: appId },
                    { type: AuthenticationConstants.AppIdClaim, value: appId },
                ],
                true,
            ),
            connectorFactory: new LocalConnectorFactory((conversationId, activity) => this.deliverFromBot(conversationId, activity)),
        };
        this.sweeper = setInterval(() => void this.deleteIdle(), this.tuning.sweepEveryMs).unref();
    }

    /** `POST /tokens/generate`: a token for a new conversation. */
    async generateToken(): Promise<IssuedToken> {
        return (await this.signer()).issueForNewConversation();
    }

    /**
     * Checks a token's signature and lifetime, not yet whether it was revoked: what `POST /tokens/refresh` counts
     * against its conversation's limit before refreshing it.
     */
    async verifyToken(authorization: string | undefined): Promise<VerifiedToken> {
        return this.grantOf(await this.signer(), authorization);
    }

    /**
     * `POST /tokens/refresh`: a fresh token for the same conversation, while the given one is valid and has not been
     * refreshed before. The given token is revoked: it is refused from `replacedTokenGraceMs` on.
     */
    async refreshToken(token: VerifiedToken): Promise<IssuedToken> {
        const signer = await this.signer();
        const { tokenId, conversationId, expiresAt } = token;
        if (!(await this.deps.store.revokeToken({ tokenId, conversationId, expiresAt }, this.now()))) throw replacedToken();
        return signer.issue({ conversationId: token.conversationId, userId: token.userId });
    }

    /** `POST /conversations`: starts the token's conversation (the bot is told the visitor joined) or returns it. */
    async startConversation(authorization: string | undefined, serviceUrl: string): Promise<{ created: boolean; conversation: ConversationResponse }> {
        const signer = await this.signer();
        const token = this.grantOf(signer, authorization);
        // A replaced token must not start (or restart) its conversation: the answer carries a new token.
        if ((await this.deps.store.tokenState(token.conversationId, token.tokenId)).revokedAt) throw replacedToken();
        const grant: TokenGrant = { conversationId: token.conversationId, userId: token.userId };
        const created = await this.deps.store.startConversation(grant, this.now());
        if (created) {
            const user = { id: grant.userId, role: 'user' };
            await this.runTurn({
                type: 'conversationUpdate',
                // Not stored (clients are not shown it), but served to the bot as any activity is: with its own id.
                id: activityId(grant.conversationId, 0),
                ...this.envelope(grant),
                from: user,
                membersAdded: [{ id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name }, user],
                serviceUrl,
            } as Activity);
        }
        return { created, conversation: signer.issue(grant) };
    }

    /** `GET /conversations/{id}`: resumes a conversation the token is for. */
    async resumeConversation(authorization: string | undefined, conversationId: string): Promise<ConversationResponse> {
        const signer = await this.signer();
        const grant = await this.grantFor(signer, authorization, conversationId, { mintsToken: true });
        return signer.issue(grant);
    }

    /** `POST /conversations/{id}/activities`: stores the client's activity, runs the bot's turn, returns the id. */
    async postActivity(authorization: string | undefined, conversationId: string, body: unknown, serviceUrl: string): Promise<{ id: string }> {
        const grant = await this.grantFor(await this.signer(), authorization, conversationId);
        const { from, ...inbound } = parseInboundActivity(body);
        const activity = {
            ...inbound,
            // Visitor text is plain text, never markup, wherever it is shown again.
            ...(inbound.text !== undefined ? { textFormat: 'plain' } : {}),
            ...this.envelope(grant),
            from: { id: grant.userId, ...(from?.name ? { name: from.name } : {}), role: 'user' },
        };
        const stored = await this.deps.store.append(conversationId, activity as Partial<Activity>, this.now());
        await this.runTurn({ ...stored, serviceUrl });
        return { id: stored.id ?? '' };
    }

    /** `GET /conversations/{id}/activities?watermark=`: what was added after the watermark. */
    async listActivities(authorization: string | undefined, conversationId: string, watermark: string | undefined): Promise<{ activities: Activity[]; watermark: string }> {
        await this.grantFor(await this.signer(), authorization, conversationId);
        const after = parseWatermark(watermark);
        const page = await this.deps.store.activitiesAfter(conversationId, after, this.tuning.pageSize);
        const freshAfter = this.now().getTime() - this.tuning.typingFreshMs;
        const activities = page.activities.filter((a) => a.type !== 'typing' || Date.parse(String(a.timestamp)) >= freshAfter);
        // Nothing after the client's watermark: it has read the reply saying its conversation was deleted.
        if (page.activities.length === 0 && this.erased.has(conversationId)) await this.eraseCopy(conversationId);
        return { activities, watermark: String(page.watermark) };
    }

    /**
     * Keeps the copy of a conversation its visitor deleted until the client has read everything in it (a poll that
     * finds nothing new), or `erasedCopyGraceMs` at most, then calls `erase`. Everything else of the conversation is
     * already erased; the copy holds the reply that says so, which the client reads after the turn has ended.
     */
    keepUntilDelivered(conversationId: string, erase: () => Promise<void>): void {
        if (this.erased.has(conversationId)) return;
        const timer = setTimeout(() => void this.eraseCopy(conversationId), this.tuning.erasedCopyGraceMs).unref();
        this.erased.set(conversationId, { erase, timer });
    }

    /** Stops the sweeper, waits for turns still running (up to `timeoutMs`), and erases the copies `keepUntilDelivered` holds. */
    async close(timeoutMs = 10_000): Promise<void> {
        clearInterval(this.sweeper);
        await Promise.race([Promise.allSettled([...this.turns]), delay(timeoutMs)]);
        await Promise.allSettled([...this.erased.keys()].map((id) => this.eraseCopy(id)));
    }

    private async eraseCopy(conversationId: string): Promise<void> {
        const pending = this.erased.get(conversationId);
        if (!pending) return;
        this.erased.delete(conversationId);
        clearTimeout(pending.timer);
        await pending.erase();
    }

    /** Deletes conversations idle past the retention period. */
    async deleteIdle(): Promise<number> {
        try {
            const deleted = await this.deps.store.deleteIdle(new Date(this.now().getTime() - this.tuning.idleRetentionMs));
            if (deleted > 0) this.deps.logger.info({ deleted }, 'directline: deleted idle conversations');
            return deleted;
        } catch (err) {
            this.deps.logger.error({ err }, 'directline: could not delete idle conversations');
            return 0;
        }
    }

    private signer(): Promise<DirectLineTokens> {
        this.tokens ??= this.deps.store.signingKey().then((key) => new DirectLineTokens(key));
        // A store that failed to answer is asked again next time rather than failing forever.
        this.tokens.catch(() => (this.tokens = undefined));
        return this.tokens;
    }

    private grantOf(signer: DirectLineTokens, authorization: string | undefined): VerifiedToken {
        try {
            return signer.verify(authorization);
        } catch (err) {
            if (!(err instanceof TokenError)) throw err;
            if (err.problem === 'expired') throw new DirectLineError(403, 'TokenExpired', err.message);
            throw new DirectLineError(401, 'Unauthorized', err.message);
        }
    }

    /**
     * The grant of a token for `conversationId`, once the conversation exists and the token was not revoked by a
     * refresh (a replaced token reads and posts for a short grace; one that would mint a new token has none).
     */
    private async grantFor(signer: DirectLineTokens, authorization: string | undefined, conversationId: string, options: { mintsToken?: boolean } = {}): Promise<TokenGrant> {
        const token = this.grantOf(signer, authorization);
        if (token.conversationId !== conversationId) throw new DirectLineError(403, 'Forbidden', 'the token is for another conversation');
        const { conversation, revokedAt } = await this.deps.store.tokenState(conversationId, token.tokenId);
        if (revokedAt && (options.mintsToken || this.now().getTime() - revokedAt.getTime() > this.tuning.replacedTokenGraceMs)) throw replacedToken();
        if (!conversation) {
            throw new DirectLineError(404, 'NotFound', 'no such conversation: it was never started, or it ended after a day without messages');
        }
        return { conversationId: token.conversationId, userId: token.userId };
    }

    private envelope(grant: TokenGrant): Partial<Activity> {
        return {
            channelId: DIRECT_LINE_CHANNEL_ID,
            conversation: { id: grant.conversationId } as Activity['conversation'],
            recipient: BOT_ACCOUNT,
            timestamp: this.now(),
        };
    }

    /**
     * Appends what the bot sends, as the channel would deliver it: with its timestamp and sender, and under the id the
     * transcript logged it with, so the client and an exported transcript name it alike (or else the channel's own).
     */
    private deliverFromBot(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
        const { serviceUrl: _serviceUrl, id: _id, ...rest } = activity;
        const id = loggedIdOf(activity);
        return this.deps.store.append(
            conversationId,
            { ...rest, ...(id ? { id } : {}), channelId: DIRECT_LINE_CHANNEL_ID, from: { ...BOT_ACCOUNT, ...activity.from, role: 'bot' }, timestamp: this.now() },
            this.now(),
        );
    }

    /** Runs the bot's turn; waits for it at most `turnWaitMs`, and it goes on (sending replies) after that. */
    private runTurn(activity: Activity): Promise<void> {
        const turn = this.deps.adapter.processActivityDirect(this.auth, activity, (context) => this.deps.bot.run(context)).catch((err: unknown) => {
            this.deps.logger.error({ err, conversationId: activity.conversation.id }, 'directline: turn failed');
        });
        this.turns.add(turn);
        void turn.finally(() => this.turns.delete(turn));
        return Promise.race([turn, delay(this.tuning.turnWaitMs)]);
    }
}

/** A token a refresh replaced: 403, as for an expired one, which is what DirectLineJS and Azure's clients expect. */
function replacedToken(): DirectLineError {
    return new DirectLineError(403, 'TokenExpired', 'the token was replaced by a refreshed one; use the new token');
}

function parseWatermark(watermark: string | undefined): number {
    if (watermark === undefined || watermark === '') return 0;
    if (!/^\d{1,15}$/.test(watermark)) throw new DirectLineError(400, 'BadArgument', 'expected "watermark" to be a number from an earlier response');
    return Number(watermark);
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
