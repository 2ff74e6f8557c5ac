import type { Request } from 'restify';
import { checkActivity } from '../../src/server/validateActivity';
import { MAX_JSON_DEPTH } from '../../src/http/jsonDepth';

/** The parts of a restify request checkActivity reads. */
const request = (body: unknown, json = true) => ({ body, is: (type: string) => json && type === 'json' }) as unknown as Request;

const valid = () => ({
    type: 'message',
    text: 'do I need a license?',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    conversation: { id: 'a:1', conversationType: 'personal' },
    from: { id: '29:1', name: 'Sam', aadObjectId: 'x' },
    recipient: { id: '28:bot' },
    timestamp: '2026-11-22T10:00:00.000Z',
    entities: [{ type: 'mention', mentioned: { id: '28:bot', name: 'MLT Career Assistant' }, text: '<at>MLT</at>' }],
    channelData: { tenant: { id: 't' }, teamsChannelId: '19:abc' },
});

describe('checkActivity', () => {
    it('takes a Teams message, keeps the fields it does not know, and turns the timestamp into a Date', () => {
        const checked = checkActivity(request(valid()));
        expect(checked.ok).toBe(true);
        if (!checked.ok) return;
        expect(checked.activity.timestamp).toEqual(new Date('2026-11-22T10:00:00.000Z'));
        expect((checked.activity as unknown as { rawTimestamp: string }).rawTimestamp).toBe('2026-11-22T10:00:00.000Z');
        expect(checked.activity.channelData).toEqual({ tenant: { id: 't' }, teamsChannelId: '19:abc' });
        expect(checked.activity.entities?.[0]).toMatchObject({ text: '<at>MLT</at>' });
    });

    it.each<[string, (a: Record<string, unknown>) => void, RegExp]>([
        ['no type', (a) => delete a.type, /^expected the activity to have a "type"$/],
        ['an empty type', (a) => (a.type = ''), /"type"/],
        ['no conversation', (a) => delete a.conversation, /^expected the activity to have a "conversation"$/],
        ['a conversation id that is a number', (a) => (a.conversation = { id: 7 }), /"conversation\.id" to be a string/],
        ['no channelId', (a) => delete a.channelId, /^expected the activity to have a "channelId"$/],
        ['a channelId that is an object', (a) => (a.channelId = { toString: '' }), /"channelId" to be a string/],
        ['no serviceUrl', (a) => delete a.serviceUrl, /"serviceUrl"/],
        ['text that is not a string', (a) => (a.text = ['hi']), /"text" to be a string/],
        ['text over 10,000 characters', (a) => (a.text = 'x'.repeat(10_001)), /^expected "text" to be at most 10000 characters$/],
        ['a button value’s text over 10,000 characters', (a) => (a.value = { text: 'x'.repeat(210_000) }), /^expected "value\.text" to be at most 10000 characters$/],
        ['a button value’s query over 10,000 characters', (a) => (a.value = { query: 'x'.repeat(10_001) }), /^expected "value\.query" to be at most 10000 characters$/],
        ['from that is a string', (a) => (a.from = 'someone'), /"from" to be an object/],
        ['recipient that is null', (a) => (a.recipient = null), /"recipient" to be an object/],
        ['a role that is a number', (a) => (a.from = { id: 'u', role: 1 }), /"from\.role" to be a string/],
        ['membersAdded that is not a list', (a) => (a.membersAdded = { id: 'u' }), /"membersAdded" to be a list/],
        ['a member that is null', (a) => (a.membersAdded = [null]), /"membersAdded\[\]" to be an object/],
        ['a mention of a string', (a) => (a.entities = [{ type: 'mention', mentioned: 'bot' }]), /"entities\[\]\.mentioned" to be an object/],
        ['a timestamp that is not a date', (a) => (a.timestamp = 'yesterday-ish'), /"timestamp" to be a date/],
        ['channelData that is a list', (a) => (a.channelData = []), /"channelData" to be an object/],
        ['a tenant id that is an object', (a) => (a.channelData = { tenant: { id: {} } }), /"channelData\.tenant\.id" to be a string/],
    ])('refuses an activity with %s, naming the field', (_name, change, message) => {
        const activity = valid();
        change(activity);
        expect(checkActivity(request(activity))).toEqual({ ok: false, message: expect.stringMatching(message) });
    });

    it('refuses a body that is not JSON, or not an object', () => {
        expect(checkActivity(request(valid(), false))).toEqual({ ok: false, message: expect.stringMatching(/Content-Type: application\/json/) });
        expect(checkActivity(request([valid()]))).toEqual({ ok: false, message: 'expected the body to be an activity object' });
        expect(checkActivity(request(null))).toEqual({ ok: false, message: 'expected the body to be an activity object' });
    });

    it(`refuses a value nested more than ${MAX_JSON_DEPTH} levels deep, and takes one at the limit`, () => {
        const nest = (levels: number) => {
            let value: unknown = 'bottom';
            for (let i = 0; i < levels; i++) value = { a: value };
            return value;
        };
        // The activity itself is one level; its value adds the rest.
        expect(checkActivity(request({ ...valid(), value: nest(MAX_JSON_DEPTH - 1) })).ok).toBe(true);
        expect(checkActivity(request({ ...valid(), value: nest(MAX_JSON_DEPTH) }))).toEqual({ ok: false, message: expect.stringMatching(/nest at most/) });
    });
});
