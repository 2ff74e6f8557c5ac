import fc from 'fast-check';

/** Strings that have broken parsers, databases and log lines before: NUL, lone surrogates, emoji, bidi, markup. */
const NASTY_STRINGS = [
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '😀👩‍👩‍👧‍👦🏳️‍🌈',
    '\u202eevil',
    '\ufeff',
    '<script>alert(1)</script>',
    "'; DROP TABLE transcript_activities; --",
    '%s%n%x',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    'null',
    '\r\n\t',
    'how much do MLTs make?',
];

/** Keys that have confused object handling: prototype names, empty and odd keys. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', '$type', '@id', 'a.b', '\u0000'];

/** A string a person or an attacker might send: random code points, graphemes or one of the known nasty ones. */
export const nastyString = fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** A string of 1 KB to 50 KB, cut at any code unit (so a pair of surrogates may be split). */
export const hugeString = fc
    .tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom('x', '😀', 'é', '\u0000', 'how much do MLTs make? ', '<b>'))
    .map(([length, piece]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/**
 * Arrays or objects nested hundreds to thousands deep. `JSON.stringify` and fast-check's printer both recurse and
 * overflow the stack before the server would, so the value is a marker that `toJsonBody` expands into JSON text,
 * and it prints as `deep(depth, kind)`.
 */
export class DeepNesting {
    constructor(
        readonly depth: number,
        readonly arrays: boolean,
    ) {}

    toJSON(): string {
        return `@@deep:${this.depth}:${this.arrays ? 'arrays' : 'objects'}@@`;
    }

    [fc.toStringMethod](): string {
        return `deep(${this.depth}, ${this.arrays ? 'arrays' : 'objects'})`;
    }
}
const deepNesting = fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => new DeepNesting(depth, arrays));

/** The JSON text of `value`, with every `DeepNesting` in it expanded. */
export function toJsonBody(value: unknown): string {
    const text = JSON.stringify(value) ?? 'null';
    return text.replace(/"@@deep:(\d+):(arrays|objects)@@"/g, (_match, depth: string, kind: string) => {
        const [open, close] = kind === 'arrays' ? ['[', ']'] : ['{"a":', '}'];
        return `${open.repeat(Number(depth))}"bottom"${close.repeat(Number(depth))}`;
    });
}

/** Any JSON-encodable value, weighted towards the ones that break code: wrong types, huge or nasty strings, deep nesting. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ junk: unknown }>((tie) => ({
    junk: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, false, 0, -1, 1e308, -0.5, Number.MAX_SAFE_INTEGER + 2, [], {}),
        nastyString,
        hugeString,
        fc.jsonValue({ maxDepth: 3 }),
        deepNesting,
        fc.array(tie('junk'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), tie('junk'), { maxKeys: 4 }),
    ),
})).junk;

/** One change to an activity: drop a field, give it a junk value, wrap it in an array, or add a junk key beside it. */
export type Mutation =
    | { kind: 'delete'; path: string }
    | { kind: 'set'; path: string; value: unknown }
    | { kind: 'arrayify'; path: string }
    | { kind: 'addKey'; path: string; key: string; value: unknown };

/** Fields every activity has, and the nested ones the bot reads. */
export const COMMON_PATHS = [
    'type',
    'id',
    'text',
    'textFormat',
    'locale',
    'timestamp',
    'localTimestamp',
    'replyToId',
    'name',
    'value',
    'channelId',
    'channelData',
    'channelData.tenant',
    'channelData.tenant.id',
    'channelData.postBack',
    'entities',
    'entities.0',
    'entities.0.type',
    'entities.0.mentioned',
    'entities.0.@id',
    'attachments',
    'attachments.0',
    'attachments.0.content',
    'from',
    'from.id',
    'from.name',
    'from.role',
    'recipient',
    'recipient.id',
    'conversation',
    'conversation.id',
    'conversation.conversationType',
    'conversation.tenantId',
    'membersAdded',
    'membersAdded.0',
    'membersAdded.0.id',
    'membersRemoved',
    'suggestedActions',
    'relatesTo',
    'callerId',
    'serviceUrl',
    'deliveryMode',
    'inputHint',
    'speak',
    'summary',
    'label',
    'valueType',
    'action',
    'expiration',
    'semanticAction',
    'value.commandId',
    'value.parameters',
    'value.parameters.0',
    'value.parameters.0.name',
    'value.parameters.0.value',
    'value.queryOptions',
    'value.queryOptions.count',
    'value.action',
    'value.action.data',
] as const;

/** A mutation of one of `paths`. */
export function mutation(paths: readonly string[]): fc.Arbitrary<Mutation> {
    const path = fc.constantFrom(...paths);
    return fc.oneof(
        path.map((p) => ({ kind: 'delete' as const, path: p })),
        fc.record({ kind: fc.constant('set' as const), path, value: junkValue }),
        path.map((p) => ({ kind: 'arrayify' as const, path: p })),
        fc.record({ kind: fc.constant('addKey' as const), path, key: fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), value: junkValue }),
    );
}

/**
 * Applies `mutations` to a deep copy of `base`, each value copied in; a path through something that is not an object is
 * left alone.
 */
export function applyMutations(base: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
    const copy = structuredClone(base);
    for (const m of mutations) {
        const keys = m.path.split('.');
        const last = keys.pop() as string;
        let parent: unknown = copy;
        keys.forEach((key, i) => {
            if (!parent || typeof parent !== 'object') return;
            const record = parent as Record<string, unknown>;
            // A missing container is created as what the next key expects: an array for an index, else an object.
            if (record[key] === undefined) defineKey(record, key, /^\d+$/.test(keys[i + 1] ?? last) ? [] : {});
            parent = record[key];
        });
        if (!parent || typeof parent !== 'object') continue;
        const record = parent as Record<string, unknown>;
        // Each value is copied in: fast-check hands the same generated object to several mutations (and to later runs
        // while shrinking), and a mutation that wrote into a shared one once built a cycle ({ "": itself }) that no JSON
        // body can carry (CI, 7 December 2026, seed -1779196495).
        if (m.kind === 'delete') delete record[last];
        else if (m.kind === 'set') defineKey(record, last, structuredClone(m.value));
        else if (m.kind === 'arrayify') defineKey(record, last, record[last] === undefined ? [] : [record[last]]);
        else {
            const holder = record[last];
            if (holder && typeof holder === 'object') defineKey(holder as Record<string, unknown>, m.key, structuredClone(m.value));
            else defineKey(record, m.key, structuredClone(m.value));
        }
    }
    return copy;
}

/** Sets an own, enumerable key, so `__proto__` becomes a JSON key instead of changing the prototype. */
function defineKey(record: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Content types a client might send, right or wrong. */
export const contentType = fc.oneof(
    fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=nonsense',
        'application/json;;;',
        'application/vnd.api+json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        'application/octet-stream',
        'text/plain',
        'text/html',
        'application/xml',
        '*/*',
        'garbage',
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,12}(; ?[a-z]{1,8}=[a-z0-9-]{0,8})?$/),
);

/** Request bodies that are not (or not only) JSON: raw bytes, text, form data, truncated JSON. */
export function rawBody(validJson: string): fc.Arbitrary<Uint8Array | string> {
    return fc.oneof(
        fc.uint8Array({ maxLength: 2_000 }),
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.nat({ max: validJson.length }).map((n) => validJson.slice(0, n)),
        fc.constantFrom('', 'null', '"text"', '1e999', '[]', '{}', '{"type":', '\ufeff{}', 'a=1&b[c]=2&__proto__[x]=1', validJson),
        fc.constant(`--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n`),
    );
}

/** The body of a refusal: `{"error":{"code","message"}}` with non-empty strings. */
export function isErrorBody(body: unknown): boolean {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    return !!error && typeof error.code === 'string' && error.code !== '' && typeof error.message === 'string' && error.message !== '';
}

/** Parses `text` as JSON without throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch {
        return { ok: false };
    }
}

/**
 * What is wrong with a response to a fuzzed request, or `undefined`: never a 5xx; a 4xx has the error body;
 * a 2xx body is empty or JSON, and holds `activities` when the request asked for `expectReplies`.
 */
export function responseProblem(status: number, text: string, expectReplies = false): string | undefined {
    if (status >= 500) return `a ${status} (${text.slice(0, 300)})`;
    const json = parseJson(text);
    if (status >= 400) return json.ok && isErrorBody(json.value) ? undefined : `a ${status} without {"error":{"code","message"}}: ${text.slice(0, 300)}`;
    if (![200, 201, 202].includes(status)) return `an unexpected status ${status}`;
    if (text !== '' && !json.ok) return `a ${status} whose body is not JSON: ${text.slice(0, 300)}`;
    if (expectReplies && status === 200 && !(json.ok && Array.isArray((json.value as { activities?: unknown } | null)?.activities))) {
        return `an expectReplies 200 without "activities": ${text.slice(0, 300)}`;
    }
    return undefined;
}
