import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PROJECT_ROOT } from '../../src/config/paths';
import { redactActivity, redactPersonalData } from '../../src/transcripts/redact';

/** Runs of each property; each builds a sentence of up to a dozen pieces and redacts it (well under 1 ms). */
const RUNS = 1_000;

// What surrounds the planted data: ordinary words (no street suffix: "90210 elm st" would be an address) and the
// ways people put a piece of text between others.
const WORDS = ['the', 'pay', 'is', 'and', 'what', 'about', 'in', 'my', 'for', 'how', 'much', 'salary', 'state', 'job', 'lab', 'after', 'school', 'median', 'earn', 'make', 'work', 'I', 'we', 'Texas', 'MLT', 'please', 'call', 'email', 'me', 'at', 'is', 'ok'];
const SEPARATORS = [' ', ', ', '. ', '\n', ' - ', '; ', ': ', ' (', ') ', '! ', '? '];

const word = fc.constantFrom(...WORDS);
const separator = fc.constantFrom(...SEPARATORS);
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

/** `text` with each letter's case chosen at random, or all lower, all upper or title case. */
function anyCase(text: string): fc.Arbitrary<string> {
    return fc.oneof(
        fc.constant(text.toLowerCase()),
        fc.constant(text.toUpperCase()),
        fc.constant(text.replace(/(^|[\s.])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())),
        fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('')),
    );
}

const emailLocal = fc.oneof(
    fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,14}[a-z0-9])?$/),
    fc.constantFrom('mary', 'jane.smith', 'john+tag', 'josé', 'ana.maría', '用户', 'o\'brien', 'first_last'),
);
const emailDomain = fc.oneof(
    fc.tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), fc.constantFrom('com', 'org', 'co.uk', 'io', 'museum', 'de')).map(([name, tld]) => `${name}.${tld}`),
    fc.constantFrom('exämple.com', '例子.广告', 'correo.es', 'mail.example.org', 'gmail.com'),
);
const email = fc.tuple(emailLocal, emailDomain).chain(([local, domain]) => anyCase(`${local}@${domain}`));

const groupSep = fc.constantFrom(' ', '  ', '-', '.', '_', ' - ', '');
const card = fc.oneof(
    fc.tuple(fc.constantFrom('4', '5', '6'), digits(3, 3), digits(4, 4), digits(4, 4), digits(4, 4), groupSep).map(([a, b, c, d, e, s]) => [a + b, c, d, e].join(s)),
    fc.tuple(fc.constantFrom('34', '37'), digits(2, 2), digits(6, 6), digits(5, 5), groupSep).map(([a, b, c, d, s]) => [a + b, c, d].join(s)),
);
const ssn = fc.tuple(digits(3, 3), digits(2, 2), digits(4, 4), fc.constantFrom('-', ' ', '.', ' - ', '  ')).map(([a, b, c, s]) => [a, b, c].join(s));
const exchange = fc.tuple(fc.integer({ min: 2, max: 9 }), digits(2, 2)).map(([n, rest]) => `${n}${rest}`);
const phone = fc.oneof(
    fc.tuple(exchange, exchange, digits(4, 4), fc.constantFrom('-', '.', ' ', '')).map(([a, b, c, s]) => [a, b, c].join(s)),
    fc.tuple(exchange, exchange, digits(4, 4), fc.constantFrom('', ' ')).map(([a, b, c, s]) => `(${a})${s}${b}-${c}`),
    fc.tuple(exchange, exchange, digits(4, 4)).map(([a, b, c]) => `+1 ${a} ${b} ${c}`),
    fc.tuple(exchange, digits(4, 4), fc.constantFrom('-', ' ', '.', ' - ')).map(([a, b, s]) => `${a}${s}${b}`),
    fc.tuple(fc.constantFrom('44', '49', '33', '81'), digits(2, 3), digits(3, 4), digits(4, 4)).map(([cc, a, b, c]) => `+${cc} ${a} ${b} ${c}`),
);
const street = fc
    .tuple(
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('', 'N ', 'S. ', 'west '),
        fc.constantFrom('elm', 'oak', 'main', 'maple', '5th', 'pennsylvania', 'martin luther king', 'cedar hill'),
        fc.constantFrom('st', 'st.', 'street', 'road', 'rd', 'ave', 'avenue', 'blvd', 'lane', 'drive', 'dr', 'court', 'way', 'place', 'terrace'),
    )
    .chain(([n, direction, name, suffix]) => anyCase(`${n} ${direction}${name} ${suffix}`));
const octet = fc.integer({ min: 0, max: 255 });
const ip = fc.oneof(
    fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
    fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => g.map((n) => n.toString(16)).join(':')),
);

/** Personal data in the formats people write it in, each with its kind for the failure message. */
const personal = fc.oneof(
    email.map((text) => ({ kind: 'email', text })),
    card.map((text) => ({ kind: 'card', text })),
    ssn.map((text) => ({ kind: 'ssn', text })),
    phone.map((text) => ({ kind: 'phone', text })),
    street.map((text) => ({ kind: 'street', text })),
    ip.map((text) => ({ kind: 'ip', text })),
);

// Knowledge entry ids as the bot has them (some end in a year: "bls-median-2023").
const ENTRY_IDS = readdirSync(join(PROJECT_ROOT, 'knowledge', 'faq'))
    .flatMap((file) => [...readFileSync(join(PROJECT_ROOT, 'knowledge', 'faq', file), 'utf8').matchAll(/^\s*- id: (\S+)/gm)].map((m) => m[1]));
const conversationId = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('base64url'));

/** What must come out as it went in: money, years, ZIP codes, percentages, durations and the bot's own ids. */
const kept = fc.oneof(
    fc.integer({ min: 1, max: 999_999 }).map((n) => `$${n.toLocaleString('en-US')}`),
    fc.integer({ min: 1, max: 999 }).map((n) => `$${n}k`),
    fc.tuple(fc.integer({ min: 10, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([d, c]) => `$${d}.${String(c).padStart(2, '0')} an hour`),
    fc.tuple(fc.integer({ min: 30, max: 60 }), fc.integer({ min: 61, max: 99 })).map(([a, b]) => `$${a},000-$${b},000`),
    fc.integer({ min: 1950, max: 2035 }).map(String),
    fc.integer({ min: 1950, max: 2034 }).map((y) => `${y}-${y + 1}`),
    fc.integer({ min: 1950, max: 2034 }).map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`),
    fc.integer({ min: 501, max: 99_950 }).map((zip) => String(zip).padStart(5, '0')),
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom('', '.5', '.25'), fc.constantFrom('%', ' %', ' percent')).map(([n, d, p]) => `${n}${d}${p}`),
    fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('years', 'months', 'weeks', 'days', 'hours', 'minutes', 'year', 'hour', 'minute')).map(([n, unit]) => `${n} ${unit}`),
    fc.integer({ min: 1, max: 60 }).map((n) => `a ${n} minute drive`),
    fc.integer({ min: 1, max: 40 }).map((n) => `${n} years on the road`),
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 36 })).map(([a, b]) => `${a}-${b} months`),
    fc.integer({ min: 1, max: 100 }).map((n) => `${n} miles down the road`),
    fc.constantFrom(...ENTRY_IDS),
    fc.uuid(),
    conversationId,
    fc.tuple(conversationId, fc.integer({ min: 0, max: 9_999_999 })).map(([id, seq]) => `${id}|${String(seq).padStart(7, '0')}`),
    fc.tuple(conversationId, fc.integer({ min: 0, max: 999 }), fc.subarray(ENTRY_IDS, { minLength: 1, maxLength: 3 })).map(
        ([id, seq, ids]) => `urn:mlt-career-bot:rating:up?${new URLSearchParams({ reply: `${id}|${String(seq).padStart(7, '0')}`, ids: ids.join(',') })}`,
    ),
);

/** A sentence: `pieces` with at least one ordinary word between any two, joined by separators. */
function sentence<T>(piece: fc.Arbitrary<T>, text: (t: T) => string): fc.Arbitrary<{ pieces: T[]; text: string }> {
    return fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), separator, piece, separator), { minLength: 1, maxLength: 4 }).chain((parts) =>
        fc.tuple(fc.array(word, { maxLength: 2 })).map(([tail]) => ({
            pieces: parts.map(([, , p]) => p),
            text: parts.map(([before, s1, p, s2]) => `${before.join(' ')}${s1}${text(p)}${s2}`).join('') + tail.join(' '),
        })),
    );
}

describe('redaction, as a property', () => {
    it('never keeps planted personal data, whatever its format, case or surroundings', () => {
        fc.assert(
            fc.property(sentence(personal, (p) => p.text), ({ pieces, text }) => {
                const out = redactPersonalData(text).toLowerCase();
                for (const { kind, text: planted } of pieces) {
                    if (out.includes(planted.toLowerCase())) throw new Error(`${kind} ${JSON.stringify(planted)} kept in ${JSON.stringify(out)}`);
                }
            }),
            { numRuns: RUNS },
        );
    });

    it('never keeps planted personal data in any field of an activity, keys included', () => {
        const activity = fc.tuple(sentence(personal, (p) => p.text), sentence(personal, (p) => p.text), personal).map(([a, b, key]) => ({
            planted: [...a.pieces, ...b.pieces, key],
            activity: { type: 'event', name: a.text, value: { form: [b.text], [key.text]: 1 }, channelData: { note: b.text }, entities: [{ type: 'x', text: a.text }] },
        }));
        fc.assert(
            fc.property(activity, ({ planted, activity }) => {
                const stored = JSON.stringify(redactActivity(activity, 'in')).toLowerCase();
                for (const { kind, text } of planted) {
                    if (stored.includes(JSON.stringify(text.toLowerCase()).slice(1, -1))) throw new Error(`${kind} ${JSON.stringify(text)} kept in ${stored}`);
                }
            }),
            { numRuns: RUNS / 2 },
        );
    });

    it('keeps money, years, ZIP codes, percentages, durations and the bot’s ids as they are', () => {
        fc.assert(
            fc.property(sentence(kept, (k) => k), ({ text }) => {
                expect(redactPersonalData(text)).toBe(text);
            }),
            { numRuns: RUNS },
        );
    });
});
