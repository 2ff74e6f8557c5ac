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

    // The formats 799221d's findContact found too: kept, now that it no longer calls recognizers-text.
    it('still finds phone numbers as typed, and nothing in ordinary text', () => {
        const phones = ['(555) 123-4567', 'call 555.123.4567 after 5', '+44 20 7946 0958', 'my number is 555 1234'].map(findContact);
        expect(phones).toEqual([
            { kind: 'phone', value: '(555) 123-4567' },
            { kind: 'phone', value: '555.123.4567' },
            { kind: 'phone', value: '+44 20 7946 0958' },
            { kind: 'phone', value: '555 1234' },
        ]);
        expect(['Sam', 'call me maybe', 'I earn $52,000 in 2024', 'mary@example'].map(findContact)).toEqual([undefined, undefined, undefined, undefined]);
    });

    it(`searches only the first ${MAX_CONTACT_SEARCH} characters`, () => {
        expect(findContact(`${'x '.repeat(MAX_CONTACT_SEARCH)} Mary@example.com`)).toBeUndefined();
        expect(findContact(`${'a1'.repeat(127_500)} Mary@example.com`)).toBeUndefined();
        expect(findContact(`${'x '.repeat(MAX_CONTACT_SEARCH / 4)} Mary@example.com`)).toEqual({ kind: 'email', value: 'Mary@example.com' });
    });
});
