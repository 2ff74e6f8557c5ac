import { randomBytes } from 'node:crypto';
import { DirectLineTokens, TokenError } from '../../../src/channels/directLine/directLineTokens';

const problemOf = (fn: () => unknown) => {
    try {
        fn();
    } catch (err) {
        return err instanceof TokenError ? err.problem : `unexpected ${String(err)}`;
    }
    return 'accepted';
};

describe('DirectLineTokens', () => {
    const key = randomBytes(32);
    const tokens = new DirectLineTokens(key);

    it('issues a token for a new conversation that grants that conversation and its user', () => {
        const issued = tokens.issueForNewConversation();
        const grant = tokens.verify(`Bearer ${issued.token}`);
        expect(grant.conversationId).toBe(issued.conversationId);
        expect(grant.userId).toMatch(/^dl_[\w-]{22}$/);
        expect(issued.expires_in).toBe(1800);
    });

    it('puts the user id in a "user" claim, where Web Chat looks for it', () => {
        const issued = tokens.issue({ conversationId: 'c1', userId: 'dl_u1' });
        const payload = JSON.parse(Buffer.from(issued.token.split('.')[1], 'base64url').toString());
        expect(payload).toMatchObject({ conv: 'c1', user: 'dl_u1' });
    });

    it('gives every new conversation a different id', () => {
        const ids = new Set(Array.from({ length: 50 }, () => tokens.issueForNewConversation().conversationId));
        expect(ids.size).toBe(50);
    });

    it.each([
        ['no header', undefined, 'missing'],
        ['a header without Bearer', 'Basic abc', 'missing'],
        ['garbage', 'Bearer abc.def.ghi', 'invalid'],
        ['a token signed with another key', `Bearer ${new DirectLineTokens(randomBytes(32)).issue({ conversationId: 'c', userId: 'u' }).token}`, 'invalid'],
        ['an expired token', `Bearer ${new DirectLineTokens(key, -10).issue({ conversationId: 'c', userId: 'u' }).token}`, 'expired'],
    ])('refuses %s', (_name, header, problem) => {
        expect(problemOf(() => tokens.verify(header))).toBe(problem);
    });

    it('refuses an unsigned ("alg: none") token made from a real one', () => {
        const [, payload] = tokens.issue({ conversationId: 'c', userId: 'u' }).token.split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        expect(problemOf(() => tokens.verify(`Bearer ${header}.${payload}.`))).toBe('invalid');
    });
});
