import { findContact, MAX_CONTACT_SEARCH } from '../../src/recognizers/contact';

describe('findContact', () => {
    it.each([
        ['Mary@example.com', 'Mary@example.com'],
        ['you can reach me at Jane.Smith@Gmail.com thanks', 'Jane.Smith@Gmail.com'],
        ['JOHN+tag@example.org.', 'JOHN+tag@example.org'],
        ['josé@exämple.com', 'josé@exämple.com'],
        ['用户@例子.广告', '用户@例子.广告'],
    ])('finds the email in %j, any case or script', (text, value) => {
        expect(findContact(text)).toEqual({ kind: 'email', value });
    });

    it.each([
        ['(555) 123-4567', '(555) 123-4567'],
        ['call 555.123.4567 after 5', '555.123.4567'],
        ['+44 20 7946 0958', '+44 20 7946 0958'],
        ['my number is 555 1234', '555 1234'],
    ])('finds the phone number in %j', (text, value) => {
        expect(findContact(text)).toEqual({ kind: 'phone', value });
    });

    it.each(['Sam', 'call me maybe', 'I earn $52,000 in 2024', 'mary@example', 'a1'.repeat(127_500)])('finds nothing in %j', (text) => {
        expect(findContact(text)).toBeUndefined();
    });

    it(`searches only the first ${MAX_CONTACT_SEARCH} characters`, () => {
        expect(findContact(`${'x '.repeat(MAX_CONTACT_SEARCH)} Mary@example.com`)).toBeUndefined();
        expect(findContact(`${'x '.repeat(MAX_CONTACT_SEARCH / 4)} Mary@example.com`)).toEqual({ kind: 'email', value: 'Mary@example.com' });
    });
});
