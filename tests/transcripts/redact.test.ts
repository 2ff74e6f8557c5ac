import { redactPersonalData, REDACTION_MARKERS } from '../../src/transcripts/redact';

describe('redactPersonalData', () => {
    it.each([
        ['email me at jane.doe@example.org please', 'email me at [email removed] please'],
        ['call (555) 123-4567 tomorrow', 'call [phone removed] tomorrow'],
        ['or 555-123-4567', 'or [phone removed]'],
        ['my cell is +1 555 123 4567.', 'my cell is [phone removed].'],
        ['ssn 123-45-6789', 'ssn [number removed]'],
        ['card 4111 1111 1111 1111 thanks', 'card [number removed] thanks'],
    ])('redacts %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each(['how much do MLTs make in 2024?', 'is $57,380 the median?', 'I am 35 and switching careers', 'a 2-year associate program'])(
        'leaves %j alone',
        (input) => {
            expect(redactPersonalData(input)).toBe(input);
        },
    );

    it('marks every redaction visibly', () => {
        const out = redactPersonalData('a@b.co and 212 555 0123');
        expect(out).toContain(REDACTION_MARKERS.email);
        expect(out).toContain(REDACTION_MARKERS.phone);
    });
});
