import type { Activity } from 'botbuilder';
import { FEEDBACK_EVENT, readAnswerRating } from '../../src/replies/answerFeedback';
import { traceOf } from '../../src/replies/answerTrace';
import {
    notKeptMarker,
    REDACTION_LIMITS,
    REMOVED_ENTRIES_KEY,
    REPLY_REDACTION_CACHE_SIZE,
    redactActivity,
    redactPersonalData,
    REDACTION_MARKERS,
} from '../../src/transcripts/redact';

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
        ['call 555-1234', 'call [phone removed]'],
        ['Call (555)123-4567', 'Call [phone removed]'],
        ['1-800-555-1234', '[phone removed]'],
        ['+44 20 7946 0958 is my UK number', '[phone removed] is my UK number'],
        ['我的电话是5551234567', '我的电话是[phone removed]'],
        ['my zip is 90210-1234', 'my zip is [number removed]'],
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
        ['221B Baker Street', '[address removed]'],
        ['po box 12', '[address removed]'],
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
        'it is a 5 minute drive',
        'a 12 hour shift, 3 days a week',
        'is $57,380 the median? or $52k? or $25 an hour?',
        '$1,234,567.89 over 10 years',
        'the 2023-2024 school year, then 2024',
        'my zip is 90210',
        '15% or 12.5 % more',
        'entry salary-figures and bls-median-2023',
        'conversation 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        'urn:mlt-career-bot:rating:up?reply=AbC-123_x%7C0000012&ids=salary-figures%2Cbls-median-2023',
        'client id 1733312345678k3j2h',
        '2024-11-05T10:30:00.000Z',
        'webchat:activity-status/feedback',
        'mary@example has no domain',
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

describe('redactPersonalData, whatever the case and script', () => {
    it.each([
        ['write to Mary@example.com', 'write to [email removed]'],
        ['Jane.Smith@Gmail.com is mine', '[email removed] is mine'],
        ['JOHN+tag@example.org.', '[email removed].'],
        ['MARY@EXAMPLE.COM', '[email removed]'],
        ['mail josé@exämple.com today', 'mail [email removed] today'],
        ['用户@例子.广告', '[email removed]'],
        ['(Ana.María@correo.es)', '([email removed])'],
        ['see https://example.com/contact?email=Mary@Example.com&x=1', 'see https://example.com/contact?email=[email removed]&x=1'],
    ])('redacts the email in %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });
});

describe('redactPersonalData, the formats people write numbers and addresses in', () => {
    it.each([
        ['card 4111.1111.1111.1111 ok', 'card [number removed] ok'],
        ['card 4111_1111_1111_1111 ok', 'card [number removed] ok'],
        ['card 4111  1111  1111  1111 ok', 'card [number removed] ok'],
        ['card4111111111111111', 'card[number removed]'],
        ['ssn 123.45.6789', 'ssn [number removed]'],
        ['ssn 123 - 45 - 6789', 'ssn [number removed]'],
        ['ssn123-45-6789', 'ssn[number removed]'],
        ['call 555 1234 tonight', 'call [phone removed] tonight'],
    ])('redacts the number in %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each([
        ['12 elm st', '[address removed]'],
        ['500 oak road', '[address removed]'],
        ['I live at 12 ELM ST, apt 4', 'I live at [address removed]'],
        ['come to 9 n. main st. at noon', 'come to [address removed] at noon'],
    ])('redacts the street address in %j', (input, expected) => {
        expect(redactPersonalData(input)).toBe(expected);
    });

    it.each([
        'a 4 lane highway and a 2 way street',
        'the 2021 2022 2023 2024 cohorts',
        'tenant 12345678-1234-1234-1234-123456789012',
        'Teams chat 19:abc123@thread.tacv2',
    ])('leaves %j alone', (input) => {
        expect(redactPersonalData(input)).toBe(input);
    });
});

describe('redactPersonalData, past its limit', () => {
    it('keeps the first 10,000 characters up to a word’s end, redacted, and marks how much more was not kept', () => {
        const head = 'call 555-123-4567 or '.repeat(400); // 8,400 characters
        const tail = 'Mary@example.com '.repeat(200); // 3,400 more
        const input = head + tail;
        const out = redactPersonalData(input);
        expect(out).not.toMatch(/555-123-4567|Mary@|example\.com/i);
        const notKept = Number(/ \[… (\d+) characters not kept\]$/.exec(out)?.[1]);
        // Cut at the last space within the limit: what is kept is the limit less at most one word.
        expect(input.length - notKept).toBeGreaterThan(REDACTION_LIMITS.text - 20);
        expect(input.length - notKept).toBeLessThanOrEqual(REDACTION_LIMITS.text);
        expect(out).toBe(`${redactPersonalData(input.slice(0, input.length - notKept))} ${notKeptMarker(notKept)}`);
        expect(out).toContain('[phone removed] or [email removed]');
    });

    it('keeps nothing of one unbroken run longer than the limit: no piece of it can be checked whole', () => {
        const run = 'a1'.repeat(127_500);
        expect(redactPersonalData(run)).toBe(notKeptMarker(255_000));
        expect(redactPersonalData(`${run}@example.com`)).toBe(notKeptMarker(255_012));
    });
});

describe('redactActivity, every field a visitor can fill', () => {
    it('redacts channel data, entities, an event’s name and value deep, keys included, and keeps a rating’s reference to the answer it rates', () => {
        const activity: Partial<Activity> = {
            type: 'event',
            name: 'contact me: cd.user@example.com',
            value: { note: 'ssn 111-22-3333', 'Mary@example.com': true, nested: [{ card: '4111.1111.1111.1111' }] },
            channelData: { clientActivityID: '1733312345678k3j2h', clientTimestamp: '2024-11-05T10:30:00.000Z', extra: { who: 'cd.user@example.com', '555-123-4567': 'x' } },
            entities: [{ type: 'note', text: 'I live at 12 elm st' }],
            summary: 'Jane.Smith@Gmail.com',
            suggestedActions: { to: ['x'], actions: [{ type: 'imBack', title: 'JOHN+tag@example.org', value: 'JOHN+tag@example.org' }] },
            from: { id: 'dl_abc', name: 'Mary' },
            recipient: { id: 'bot' },
            conversation: { id: 'AbC1234567890xyz' },
            channelId: 'directline',
            serviceUrl: 'http://127.0.0.1:3978/',
        } as unknown as Partial<Activity>;
        const copy = redactActivity(activity, 'in');
        const stored = JSON.stringify(copy);
        for (const personal of ['cd.user@example.com', '111-22-3333', 'Mary@example.com', '4111.1111.1111.1111', '12 elm st', 'Jane.Smith', 'JOHN+tag', '555-123-4567', 'Mary"']) {
            expect(stored).not.toContain(personal);
        }
        expect(copy.name).toBe('contact me: [email removed]');
        expect(copy.value).toEqual({ note: 'ssn [number removed]', nested: [{ card: '[number removed]' }], [REMOVED_ENTRIES_KEY]: 1 });
        expect(copy.channelData).toEqual({
            clientActivityID: '1733312345678k3j2h',
            clientTimestamp: '2024-11-05T10:30:00.000Z',
            extra: { who: '[email removed]', [REMOVED_ENTRIES_KEY]: 1 },
        });
        expect(copy.entities).toEqual([{ type: 'note', text: 'I live at [address removed]' }]);
        expect({ conversation: copy.conversation, serviceUrl: copy.serviceUrl, from: copy.from }).toEqual({
            conversation: { id: 'AbC1234567890xyz' },
            serviceUrl: 'http://127.0.0.1:3978/',
            from: { id: 'dl_abc' },
        });
        // Ids are not personal data: the reference a rating carries comes out as it went in.
        const rating: Partial<Activity> = {
            type: 'event',
            name: FEEDBACK_EVENT,
            entities: [{ '@type': 'LikeAction', '@id': 'urn:mlt-career-bot:rating:up?reply=AbC-123_x%7C0000012&ids=salary-figures%2Cbls-median-2023' } as never],
        };
        const rated = redactActivity(rating, 'in');
        expect(rated).toEqual(rating);
        expect(readAnswerRating(rated)).toEqual({ rating: 'up', replyToId: 'AbC-123_x|0000012', ids: ['salary-figures', 'bls-median-2023'] });
    });

    it('keeps the bot’s own trace on a reply, redacting only the visitor’s words quoted in it', () => {
        const trace = {
            source: 'knowledge',
            ids: ['salary-figures', 'licensure-by-state'],
            score: 0.81,
            parts: [{ question: 'email Mary@example.com how much do MLTs make', source: 'knowledge', ids: ['salary-figures'] }],
            citations: [{ source: 'bls-ooh-2024', title: 'Median pay $57,380', section: 'Pay', asOf: '2024-11' }],
        };
        const reply = { type: 'message', text: 'The median was $57,380 in May 2023.', channelData: { answer: trace } } as Partial<Activity>;
        const copy = redactActivity(reply, 'out');
        expect(traceOf(copy)).toEqual({ ...trace, parts: [{ ...trace.parts[0], question: 'email [email removed] how much do MLTs make' }] });
        expect(copy.text).toBe(reply.text);
    });

    it('scans at most its limit: strings past it are marked, not kept, and keys past it are dropped', () => {
        const big = 'x '.repeat(REDACTION_LIMITS.text); // 20,000 characters each
        const value = { a: big, b: big, c: big, d: 'Mary@example.com', 'key Mary@example.com': 1 };
        const copy = redactActivity({ type: 'message', text: big, value } as Partial<Activity>, 'in');
        const stored = JSON.stringify(copy);
        expect(stored.length).toBeLessThan(REDACTION_LIMITS.activity + 1_000);
        expect(stored).not.toContain('Mary@example.com');
        // text, a and b take 10,000 characters each; c the 2,000 or so left; then no key can be read, so d and the
        // last entry are dropped and counted.
        expect(Object.keys(copy.value as object)).toEqual(['a', 'b', 'c', REMOVED_ENTRIES_KEY]);
        expect(copy.value).toMatchObject({ [REMOVED_ENTRIES_KEY]: 2 });
        const spent = redactActivity({ type: 'message', text: big, value: { a: big, b: big, c: big }, summary: 'Mary@example.com' } as Partial<Activity>, 'in');
        expect(spent.summary).toBe(REDACTION_MARKERS.email);
        const late = redactActivity({ type: 'message', text: big, value: { a: big, b: big, c: big }, speak: 'x', attachments: [{ contentType: 'Mary@example.com' }] } as Partial<Activity>, 'in');
        expect(late.attachments).toEqual([{ [REMOVED_ENTRIES_KEY]: 1 }]);
        expect((copy.value as { c: string }).c).toMatch(/^(x ){900,}\[… 1[89]\d{3} characters not kept\]$/);
    });
});
