import * as crypto from 'node:crypto';

/** Random bytes to hand out before the real ones, so a test can make a draw start with "-". */
const planted: Buffer[] = [];
jest.mock('node:crypto', () => {
    const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    return { ...actual, randomBytes: jest.fn((size: number) => planted.shift() ?? actual.randomBytes(size)) };
});
import { toCsv } from '../../src/advisor/csv';
import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { activityId } from '../../src/channels/directLine/directLineStore';
import { FORMULA_START, newId } from '../../src/transcripts/activityIds';

const COUNT = 10_000;
/** What a spreadsheet reads as a formula, spelled out here rather than taken from the code under test. */
const FORMULA_CHARACTERS = ['=', '+', '-', '@', '\t', '\r'];

/** The field as the CSV export writes it when it leaves the text as it is. */
const unchangedInCsv = (id: string) => toCsv(['id'], [[id]]) === `"id"\r\n"${id}"\r\n`;

describe('the ids our Direct Line and transcript mint (issue 17: exports keep ids)', () => {
    it(`${COUNT.toLocaleString('en')} minted ids: none starts with a formula character, all are unique, each is 128 bits of base64url`, () => {
        const ids = Array.from({ length: COUNT }, newId);
        expect(ids.filter((id) => FORMULA_CHARACTERS.includes(id[0]))).toEqual([]);
        expect(new Set(ids).size).toBe(COUNT);
        expect(ids.filter((id) => !/^[A-Za-z0-9_-]{22}$/.test(id))).toEqual([]);
        expect(ids.filter((id) => !unchangedInCsv(id))).toEqual([]);
    });

    it(`${COUNT.toLocaleString('en')} Direct Line conversations: their ids and the ids of their activities come through CSV unchanged`, () => {
        const tokens = new DirectLineTokens(crypto.randomBytes(32));
        const conversations = Array.from({ length: COUNT }, () => tokens.issueForNewConversation().conversationId);
        expect(new Set(conversations).size).toBe(COUNT);
        const minted = conversations.flatMap((id, n) => [id, activityId(id, 0), activityId(id, n + 1)]);
        expect(minted.filter((id) => FORMULA_CHARACTERS.includes(id[0]) || !unchangedInCsv(id))).toEqual([]);
    });

    it('draws again when the random bytes would start the id with "-" (1 draw in 64), keeping length and alphabet', () => {
        // 0xF8 is 111110…: base64url's 62nd character, "-", comes first.
        const dash = Buffer.alloc(16, 0xf8);
        const plain = Buffer.alloc(16, 0x01);
        expect(dash.toString('base64url')[0]).toBe('-');
        planted.push(dash, dash, plain);
        const drawn = jest.mocked(crypto.randomBytes).mock.calls.length;
        expect(newId()).toBe(plain.toString('base64url'));
        expect(jest.mocked(crypto.randomBytes).mock.calls.length - drawn).toBe(3);
        expect(planted).toEqual([]);
    });

    it('still guards what outside callers choose: a conversation id a channel gave that starts with "-"', () => {
        expect(FORMULA_START.test('-J1-abc')).toBe(true);
        expect(toCsv(['conversationId'], [['-J1-abc'], ['@home'], ['=1+1']])).toBe(`"conversationId"\r\n"'-J1-abc"\r\n"'@home"\r\n"'=1+1"\r\n`);
    });
});
