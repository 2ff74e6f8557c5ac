import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { bearerTokenProblem } from '../../src/channels/adapter';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const claims = { iss: 'https://api.botframework.com', aud: 'app' };

describe('bearerTokenProblem', () => {
    it('lets an RS256 token that names its key go on to the signature check', () => {
        expect(bearerTokenProblem(`Bearer ${jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: 'k1' })}`)).toBeUndefined();
    });

    it.each<[string, string, RegExp]>([
        ['no header', '', /no Authorization header/],
        ['another scheme', 'Basic dXNlcjpwYXNz', /not "Bearer"/],
        ['a bearer that is not a JWT', 'Bearer not-a-jwt', /not "Bearer"/],
        ['three segments that do not decode', 'Bearer aaa.bbb.ccc', /not a JWT/],
        ['an unsigned token', `Bearer ${jwt.sign(claims, null as unknown as string, { algorithm: 'none' })}`, /"none", not RS256/],
        ['a token signed with a shared secret', `Bearer ${jwt.sign(claims, 'secret', { algorithm: 'HS256', keyid: 'k1' })}`, /"HS256", not RS256/],
        ['an RS256 token without a key id', `Bearer ${jwt.sign(claims, privateKey, { algorithm: 'RS256' })}`, /no signing key/],
    ])('refuses %s before any key is looked up', (_name, header, reason) => {
        expect(bearerTokenProblem(header)).toMatch(reason);
    });
});
