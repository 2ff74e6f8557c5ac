import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { newId } from '../../transcripts/activityIds';

/** How long a token lives, as Azure's Direct Line does; the widget and Web Chat refresh it before then. */
export const TOKEN_LIFETIME_SECONDS = 1800;

const ISSUER = 'mlt-career-bot';
const AUDIENCE = 'directline';

/** What a valid token grants: one conversation, as one user. */
export interface TokenGrant {
    conversationId: string;
    /** Web Chat reads the user id from the token's `user` claim, so it is named that way. */
    userId: string;
}

/** What a token that checks out says: its grant, and which token it is (a refresh revokes it by its id). */
export interface VerifiedToken extends TokenGrant {
    /** The token's own id (`jti`), unique to each token issued. */
    tokenId: string;
    expiresAt: Date;
}

/** A token and the conversation it is bound to, in the shape Direct Line 3.0 answers with. */
export interface IssuedToken {
    conversationId: string;
    token: string;
    expires_in: number;
}

/** Why a token was refused; the routes map each to its HTTP status. */
export type TokenProblem = 'missing' | 'invalid' | 'expired';

/** Raised by `verify` when a token does not grant anything. */
export class TokenError extends Error {
    override readonly name = 'TokenError';
    constructor(readonly problem: TokenProblem, message: string) {
        super(message);
    }
}

/**
 * Signs and checks the built-in Direct Line's tokens (HS256 JWTs).
 * @remarks Issuing a token writes nothing, so handing them to every page view costs nothing; only a refresh writes
 * (the id of the token it replaces, see DirectLineStore.revokeToken). The signing key comes from the store, so
 * tokens stay valid across a restart and between instances.
 */
export class DirectLineTokens {
    /** Made once: given raw bytes, jsonwebtoken tries to parse them as a PEM key on every call (most of a poll's CPU). */
    private readonly key: KeyObject;

    constructor(key: Buffer, private readonly lifetimeSeconds = TOKEN_LIFETIME_SECONDS) {
        this.key = createSecretKey(key);
    }

    /** A token for a new conversation with a new anonymous user. */
    issueForNewConversation(): IssuedToken {
        return this.issue({ conversationId: newId(), userId: `dl_${newId()}` });
    }

    /** A token for the given grant, valid for the token lifetime from now. */
    issue(grant: TokenGrant): IssuedToken {
        const token = jwt.sign({ conv: grant.conversationId, user: grant.userId }, this.key, {
            algorithm: 'HS256',
            issuer: ISSUER,
            audience: AUDIENCE,
            expiresIn: this.lifetimeSeconds,
            jwtid: newId(),
        });
        return { conversationId: grant.conversationId, token, expires_in: this.lifetimeSeconds };
    }

    /**
     * Reads the grant from an `Authorization: Bearer …` header value; throws TokenError when it grants nothing.
     * @remarks Checks the signature and the lifetime only: whether a refresh has revoked the token is the store's to say.
     */
    verify(authorization: string | undefined): VerifiedToken {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
        if (!match) throw new TokenError('missing', 'expected an "Authorization: Bearer <token>" header');
        let claims: jwt.JwtPayload | string;
        try {
            claims = jwt.verify(match[1], this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        } catch (err) {
            if (err instanceof jwt.TokenExpiredError) throw new TokenError('expired', 'the token has expired; refresh it before it expires, or start a new conversation');
            throw new TokenError('invalid', 'the token is not valid');
        }
        if (typeof claims === 'string' || typeof claims.conv !== 'string' || typeof claims.user !== 'string' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') {
            throw new TokenError('invalid', 'the token is not valid');
        }
        return { conversationId: claims.conv, userId: claims.user, tokenId: claims.jti, expiresAt: new Date(claims.exp * 1000) };
    }
}
