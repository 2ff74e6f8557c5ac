import type { Request } from 'restify';
import { AuthoringError } from '../../../src/authoring/knowledgeAuthoring';
import { StaleDraftError } from '../../../src/authoring/knowledgeStore';
import { ifMatchVersion, knowledgeRefusal } from '../../../src/advisor/api/knowledge';

/** A request with only an `If-Match` header, as restify's `req.header(name, default)` reads it. */
function withIfMatch(value: string | undefined): Request {
    return { header: (name: string, fallback = '') => (name.toLowerCase() === 'if-match' && value !== undefined ? value : fallback) } as unknown as Request;
}

describe('knowledgeRefusal', () => {
    it.each([
        [400, 'BadArgument'],
        [404, 'NotFound'],
        [409, 'Conflict'],
        [412, 'PreconditionFailed'],
    ] as const)('answers an AuthoringError %i as %s', (status, code) => {
        const answer = knowledgeRefusal(new AuthoringError(status, 'why'));
        expect(answer?.status).toBe(status);
        expect(answer?.toBody()).toEqual({ error: { code, message: 'why' } });
    });

    it('lists each problem by entry and field, without the file it would have been in', () => {
        const err = new AuthoringError(400, 'questions: expected at least three ways people ask this', [
            { file: 'entry', entryId: 'pay', field: 'questions', message: 'expected at least three ways people ask this' },
            { file: "advisors' changes", message: 'the draft does not load' },
        ]);
        expect(knowledgeRefusal(err)?.toBody().error.problems).toEqual([
            { entryId: 'pay', field: 'questions', message: 'expected at least three ways people ask this' },
            { message: 'the draft does not load' },
        ]);
    });

    it('answers a stale save with 412, naming the entry or the synonyms', () => {
        expect(knowledgeRefusal(new StaleDraftError('entry:pay', 1, 2))?.toBody()).toEqual({
            error: { code: 'PreconditionFailed', message: '"pay" was changed by someone else since you opened it; reload it' },
        });
        expect(knowledgeRefusal(new StaleDraftError('synonyms', 1, 2))?.toBody().error.message).toMatch(/^the synonyms were changed/);
    });

    it('leaves other errors to the next mapper', () => {
        expect(knowledgeRefusal(new Error('disk full'))).toBeUndefined();
    });
});

describe('ifMatchVersion', () => {
    it.each([
        ['"3"', 3],
        ['3', 3],
        [' "0" ', 0],
        ['W/"12"', 12],
    ])('reads %s as version %i', (header, version) => {
        expect(ifMatchVersion(withIfMatch(header))).toBe(version);
    });

    it.each([undefined, '', '  '])('answers 428 naming the header when it is missing (%p)', (header) => {
        expect(() => ifMatchVersion(withIfMatch(header))).toThrow(expect.objectContaining({ status: 428, code: 'PreconditionRequired', message: expect.stringMatching(/^If-Match: /) }));
    });

    it.each(['*', '"abc"', '-1', '1.5', '"1", "2"'])('answers 400 for %p', (header) => {
        expect(() => ifMatchVersion(withIfMatch(header))).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/^If-Match: /) }));
    });
});
