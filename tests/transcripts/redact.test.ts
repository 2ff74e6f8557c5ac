import type { Activity } from 'botbuilder';
import { REPLY_REDACTION_CACHE_SIZE, redactActivity, redactPersonalData, REDACTION_MARKERS } from '../../src/transcripts/redact';

describe('redactPersonalData', () => {
    it.each([
        ['email me at jane.doe@example.org please', 'email me at [email removed] please'],
        ['call (555) 123-4567 tomorrow', 'call [phone removed] tomorrow'],
        ['or 555-123-4567', 'or [phone removed]'],
        ['my cell is +1 555 123 4567.', 'my cell is [phone removed].'],
        ['call me 5551234567', 'call me [phone removed]'],
        ['ssn 123-45-6789', 'ssn [number removed]'],
        ['ssn 123 45 6789', 'ssn [number removed]'],
        ['card 4111 1111 1111 1111 thanks', 'card [number removed] thanks'],
        ['card 4111-1111-1111-1111 thanks', 'card [number removed] thanks'],
        ['amex 3782 822463 10005', 'amex [number removed]'],
        ['19 digits 6011000990139424123', '19 digits [number removed]'],
    ])('redacts %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each([
        ['I live at 123 Main Street in Dallas', 'I live at [address removed] in Dallas'],
        ['send it to 4500 N. Oak Ave, Apt 4B please', 'send it to [address removed] please'],
        ['I am at 77 West 5th St.', 'I am at [address removed]'],
        ['my address is 12 Elm Rd', 'my address is [address removed]'],
        ['123 main street', '[address removed]'],
        ['PO Box 123', '[address removed]'],
        ['write to P.O. Box 77, Austin', 'write to [address removed], Austin'],
    ])('redacts the street address in %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each([
        ['my ip is 192.168.1.20 ok', 'my ip is [number removed] ok'],
        ['from fe80::1ff:fe23:4567:890a', 'from [number removed]'],
        ['no digit at all: dead:beef::cafe:babe', 'no digit at all: [number removed]'],
    ])('redacts the IP address in %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each([
        'how much do MLTs make in 2024?',
        'What does an MLT earn in 2024',
        'is $57,380 the median?',
        'I make $52,000 a year',
        'I am 35 and switching careers',
        'a 2-year associate program',
        'is 2 years of school enough',
        'ASCP exam 100 questions',
        'Texas',
        'what do MLTs earn in zip code 75201?',
        'does pay depend on my zip code?',
        'the 2023-2024 school year',
        'tuition is 1500-3000 dollars',
        'it is a 5 minute drive from home',
        'I spent 2 years on the road',
        'I worked 3 years at St Mary Hospital',
        'Teams renders Adaptive Cards 1.5',
        'is it 10:30 already?',
    ])('leaves %j alone', (input) => {
        expect(redactPersonalData(input)).toBe(input);
    });

    it('marks every redaction visibly', () => {
        const out = redactPersonalData('a@b.co and 212 555 0123, 9 Oak Lane');
        expect(out).toContain(REDACTION_MARKERS.email);
        expect(out).toContain(REDACTION_MARKERS.phone);
        expect(out).toContain(REDACTION_MARKERS.address);
    });
});

describe('redactActivity', () => {
    const incoming = (): Partial<Activity> => ({
        type: 'message',
        text: 'I am jane@example.org',
        speak: 'call 555-123-4567',
        from: { id: 'user-29', name: 'Jane Doe', aadObjectId: 'aad-1', role: 'user' },
        recipient: { id: 'bot-1', name: 'MLT Career Assistant' },
        value: { form: { email: 'jane@example.org', phones: ['555-123-4567'] }, count: 3, ok: true },
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'PO Box 12' }] } }],
        membersAdded: [{ id: 'user-29', name: 'Jane Doe' }, { id: 'bot-1', name: 'MLT Career Assistant' }],
    });

    it('redacts text, value and attachments deep, and removes the visitor’s name and Entra id', () => {
        const copy = redactActivity(incoming(), 'in');
        expect(copy.text).toBe('I am [email removed]');
        expect(copy.speak).toBe('call [phone removed]');
        expect(copy.value).toEqual({ form: { email: '[email removed]', phones: ['[phone removed]'] }, count: 3, ok: true });
        expect(JSON.stringify(copy.attachments)).toContain('"text":"[address removed]"');
        expect(copy.from).toEqual({ id: 'user-29', role: 'user' });
        expect(copy.recipient).toEqual({ id: 'bot-1', name: 'MLT Career Assistant' });
        expect(copy.membersAdded).toEqual([{ id: 'user-29' }, { id: 'bot-1', name: 'MLT Career Assistant' }]);
    });

    it('removes the name of the recipient of an outgoing activity', () => {
        const copy = redactActivity({ type: 'message', text: 'Hi', from: { id: 'bot-1', name: 'Bot' }, recipient: { id: 'user-29', name: 'Jane Doe', aadObjectId: 'a' } }, 'out');
        expect(copy.from).toEqual({ id: 'bot-1', name: 'Bot' });
        expect(copy.recipient).toEqual({ id: 'user-29' });
    });

    it('leaves the activity it was given untouched', () => {
        const original = incoming();
        const before = JSON.stringify(original);
        redactActivity(original, 'in');
        expect(JSON.stringify(original)).toBe(before);
    });

    it('redacts the bot’s own texts as well, every time it sends them, including ones it sends again after many others', () => {
        const reply = (text: string): Partial<Activity> => ({ type: 'message', text, attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { text } }] });
        const withContact = 'We will write to jane@example.org or call 555-123-4567.';
        const redacted = 'We will write to [email removed] or call [phone removed].';
        expect(redactActivity(reply(withContact), 'out').text).toBe(redacted);
        // More distinct replies than the cache keeps, so the first one is forgotten and redacted again.
        for (let i = 0; i <= REPLY_REDACTION_CACHE_SIZE; i++) redactActivity(reply(`The median was $${50_000 + i} as of 2024.`), 'out');
        const again = redactActivity(reply(withContact), 'out');
        expect({ text: again.text, card: (again.attachments?.[0].content as { text: string }).text }).toEqual({ text: redacted, card: redacted });
        expect(redactActivity(reply('The median was $57,380 as of May 2024.'), 'out').text).toBe('The median was $57,380 as of May 2024.');
    });
});
