import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import type { App } from '../../src/app';
import { activityText } from '../../src/bot/activityText';
import { FEEDBACK_EVENT } from '../../src/replies/answerFeedback';
import { botMessages, directLineClient } from '../helpers/directLineClient';
import { applyMutations, contentType, DeepNesting, junkValue, Mutation, mutation, rawBody, responseProblem, toJsonBody } from '../helpers/activityFuzz';
import { startTestApp } from '../helpers/testApp';

/** Runs of the property: each opens a conversation, posts, and asks a question; about 4 s on this 2-core machine. */
const RUNS = 150;
const REQUEST_TIMEOUT_MS = 15_000;

/** What a client may send, and what it must not be able to set (the server sets those). */
const INBOUND_PATHS = [
    'type',
    'text',
    'textFormat',
    'locale',
    'localTimestamp',
    'localTimezone',
    'name',
    'value',
    'value.action',
    'channelData',
    'channelData.clientActivityID',
    'channelData.postBack',
    'entities',
    'entities.0',
    'entities.0.@type',
    'entities.0.@id',
    'attachments',
    'attachments.0',
    'from',
    'from.id',
    'from.name',
    'from.role',
    'id',
    'conversation',
    'conversation.id',
    'recipient',
    'timestamp',
    'serviceUrl',
    'replyToId',
    'membersAdded',
    'suggestedActions',
    'deliveryMode',
] as const;

type Kind = 'message' | 'buttonPress' | 'ratingEvent' | 'typing';

/** Valid activities, as Web Chat posts them. */
function validActivity(kind: Kind): Record<string, unknown> {
    const client = { locale: 'en-US', from: { id: 'dl_web_chat', name: 'Sam' }, channelData: { clientActivityID: 'client-1' } };
    switch (kind) {
        case 'message':
            return { ...client, type: 'message', text: 'do I need a license to work as an MLT?', textFormat: 'plain' };
        case 'buttonPress':
            return { ...client, type: 'message', text: 'Tennessee', value: { state: 'TN' } };
        case 'ratingEvent':
            return { ...client, type: 'event', name: FEEDBACK_EVENT, entities: [{ '@type': 'LikeAction', '@id': 'urn:mlt-career-bot:rating:up?reply=x&ids=salary-figures' }] };
        case 'typing':
            return { ...client, type: 'typing' };
    }
}

/** What the fuzzer posts: a mutated activity, any JSON value, or raw bytes under some content type. */
type Posted = { kind: 'activity'; activity: Kind; mutations: Mutation[] } | { kind: 'json'; value: unknown } | { kind: 'raw'; type?: string; body: Uint8Array | string };

const posted: fc.Arbitrary<Posted> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('activity' as const), activity: fc.constantFrom<Kind>('message', 'buttonPress', 'ratingEvent', 'typing'), mutations: fc.array(mutation(INBOUND_PATHS), { minLength: 1, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.oneof(fc.jsonValue(), junkValue) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), type: fc.option(contentType, { nil: undefined }), body: rawBody(JSON.stringify(validActivity('message'))) }) },
);

let app: App;
let dl: ReturnType<typeof directLineClient>;
let base: string;

beforeAll(async () => {
    // SQLite, as `npm start` runs: the posted activities are stored as JSON in the Direct Line store.
    // The fuzzer opens and posts hundreds of times a minute from one address: lift the limits (not remove them, so their code still runs).
    const lifted = { points: 1_000_000 };
    const started = await startTestApp(
        { STORAGE: 'sqlite', DATA_DIR: mkdtempSync(join(tmpdir(), 'dl-fuzz-')) },
        { rateLimits: { messages: lifted, messagesPerAddress: lifted, tokens: lifted, conversationStarts: lifted, polls: lifted } },
    );
    app = started.app;
    base = `${started.base}/v3/directline`;
    dl = directLineClient(base);
});
afterAll(() => app.shutdown(2000));

function bodyOf(p: Posted, conversationId: string): { body: string | Uint8Array; headers: Record<string, string> } {
    if (p.kind === 'raw') return { body: p.body, headers: p.type === undefined ? {} : { 'content-type': p.type } };
    const value = p.kind === 'json' ? p.value : applyMutations({ ...validActivity(p.activity), conversation: { id: conversationId } }, p.mutations);
    return { body: toJsonBody(value), headers: { 'content-type': 'application/json' } };
}

/** The conversation still works for its client: polling from `watermark` pages through, and a salary question gets the BLS figure. */
async function stillUsable(token: string, conversationId: string, watermark: string): Promise<void> {
    const asked = await dl.post(token, conversationId, { type: 'message', text: 'how much do MLTs make?' });
    expect(asked.status).toBe(200);
    // The POST returns once the turn has ended, so its reply is already there (within a page or two).
    const seen: Activity[] = [];
    for (let page = 0; page < 5 && !botMessages(seen).some((m) => m.replyToId === asked.body.id); page++) {
        const polled = await dl.poll(token, conversationId, watermark);
        expect({ status: polled.status, body: polled.status === 200 ? 'a page' : polled.body }).toEqual({ status: 200, body: 'a page' });
        seen.push(...polled.body.activities);
        watermark = polled.body.watermark;
    }
    const answer = botMessages(seen).filter((m) => m.replyToId === asked.body.id);
    expect(answer.map(activityText).join('\n')).toContain('57,380');
}

describe('POST /v3/directline/conversations/{id}/activities (property-based, over HTTP)', () => {
    it('answers whatever a client posts with 200 or a 4xx error body, never a 5xx, and the conversation stays usable', async () => {
        await fc.assert(
            fc.asyncProperty(posted, async (p) => {
                // A conversation per run, so that a failure shrinks to the one post that caused it.
                const c = await dl.open();
                const { body, headers } = bodyOf(p, c.conversationId);
                const response = await fetch(`${base}/conversations/${encodeURIComponent(c.conversationId)}/activities`, {
                    method: 'POST',
                    headers: { ...headers, authorization: `Bearer ${c.token}` },
                    body,
                    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                });
                const text = await response.text();
                expect(responseProblem(response.status, text)).toBeUndefined();
                if (response.status === 200) expect(JSON.parse(text)).toEqual({ id: expect.stringMatching(/\|\d+$/) });
                await stillUsable(c.token, c.conversationId, c.watermark);
            }),
            {
                numRuns: RUNS,
                // Found by this property (see the report): a value nested thousands deep is a 500 on the POST (4,500
                // levels) or, a little shallower, is stored and makes every later poll of the conversation a 500.
                examples: [
                    [{ kind: 'activity', activity: 'message', mutations: [{ kind: 'set', path: 'value', value: new DeepNesting(5_000, true) }] }],
                    [{ kind: 'activity', activity: 'message', mutations: [{ kind: 'set', path: 'value', value: new DeepNesting(4_110, false) }] }],
                ],
            },
        );
    }, 120_000);
});
