/**
 * The recognizers' number and currency models grow far faster than their input on runs of figures ("1 1 1 …" of
 * 2,000 characters took 27 s on commit 799221d, blocking the server): findPayAmount must hand them only short text,
 * a bounded number of times, whatever the message. Timing is the benchmark's job (BENCHMARKS.md); this checks what
 * the recognizers are given.
 */
jest.mock('@microsoft/recognizers-text-suite', () => {
    const actual = jest.requireActual('@microsoft/recognizers-text-suite');
    const calls: number[] = [];
    const recording = (name: string) => (text: string, ...rest: unknown[]) => {
        calls.push(text.length);
        return actual[name](text, ...rest);
    };
    return { ...actual, __calls: calls, recognizeNumber: recording('recognizeNumber'), recognizeCurrency: recording('recognizeCurrency') };
});

import * as recognizers from '@microsoft/recognizers-text-suite';
import { findPayAmount } from '../../src/recognizers/money';

const calls = (recognizers as unknown as { __calls: number[] }).__calls;

describe('findPayAmount on any message', () => {
    beforeEach(() => calls.splice(0));

    const hostile: Array<[string, string]> = [
        ['digits and spaces', '1 '.repeat(1_000)],
        ['digits and dots', '1.'.repeat(1_000)],
        ['digits and commas', '1,'.repeat(1_000)],
        ['dollar figures', '$5 and '.repeat(285)],
        ['number words', 'one two '.repeat(250)],
        ['a long post with figures throughout', 'I am 25 and worked 3 years, 40 hours a week, for $15 an hour. '.repeat(32)],
    ];

    it.each(hostile)('gives the recognizers a few short windows of %s, never the message', (_name, text) => {
        findPayAmount(text);
        expect(calls.length).toBeLessThanOrEqual(12); // at most six windows, each read by the two models
        for (const length of calls) expect(length).toBeLessThanOrEqual(80);
    });

    it('still finds a figure far into a long message, after other numbers', () => {
        const post = `${'I have read a lot about the lab and I like it. '.repeat(30)}I'm 24, have 2 kids, 3 years in retail, and they offered me $52,000 a year.`;
        expect(findPayAmount(post)).toMatchObject({ annual: 52000, period: 'year' });
    });

    it('reads a figure in words whole where the window before it would cut it', () => {
        expect(findPayAmount('I worked 3 years at a store and then I was offered fifty two thousand dollars')).toMatchObject({ annual: 52000 });
    });
});
