import { expandPhrase, MAX_SMALL_TALK_PHRASE_WORDS, SmallTalkContent, SmallTalkEntry, smallTalkWords } from './smallTalkSchema';

/**
 * A message longer than this is never small talk. Real small talk is a few words ("ok thanks, bye!"); a cap keeps a
 * long message from being normalised twice (here and in search) and keeps the matcher's cost flat.
 */
const MAX_SMALL_TALK_CHARS = 120;
const MAX_SMALL_TALK_WORDS = 12;

/** Recognises messages that are wholly conversation basics: greetings, thanks, goodbyes, identity, frustration... */
export interface SmallTalk {
    /**
     * The kind of small talk `text` is, when the WHOLE message is small talk: every word belongs to a known phrase or
     * a filler, and at least one phrase is there. "hi, how much do MLTs make?" is not small talk (it is a question
     * with a greeting in front) and neither is "is it ok to work nights?".
     */
    match(text: string): SmallTalkEntry | undefined;
}

/**
 * Builds the matcher over `knowledge/smallTalk.yaml`. Phrases are expanded once into a map of normalised phrase →
 * kind; a message is then split, left to right, into the longest known phrase at each position (at most
 * `MAX_SMALL_TALK_PHRASE_WORDS` lookups per word), so matching is linear in the message, with no regular expression
 * that could backtrack.
 */
export function createSmallTalk(content: SmallTalkContent): SmallTalk {
    const order = new Map(content.kinds.map((entry, index) => [entry, index]));
    const phrases = new Map<string, SmallTalkEntry | 'filler'>();
    for (const entry of content.kinds) for (const p of entry.phrases) for (const v of expandPhrase(p) ?? []) phrases.set(v, entry);
    // A filler never hides a phrase: "hey" listed as both a greeting and a filler is a greeting.
    for (const p of content.fillers) for (const v of expandPhrase(p) ?? []) if (!phrases.has(v)) phrases.set(v, 'filler');
    const longest = Math.min(MAX_SMALL_TALK_PHRASE_WORDS, Math.max(1, ...[...phrases.keys()].map((p) => p.split(' ').length)));

    return {
        match(text) {
            if (text.length > MAX_SMALL_TALK_CHARS) return undefined;
            const words = smallTalkWords(text);
            if (words.length === 0 || words.length > MAX_SMALL_TALK_WORDS) return undefined;
            let found: SmallTalkEntry | undefined;
            for (let i = 0; i < words.length; ) {
                let step = 0;
                for (let n = Math.min(longest, words.length - i); n >= 1 && step === 0; n--) {
                    const kind = phrases.get(words.slice(i, i + n).join(' '));
                    if (kind === undefined) continue;
                    step = n;
                    // When a message mixes kinds, the kind listed first in the file answers ("thanks, bye" says goodbye).
                    if (kind !== 'filler' && (found === undefined || (order.get(kind) ?? 0) < (order.get(found) ?? 0))) found = kind;
                }
                // A word outside every phrase: the message says something else, so search should have it.
                if (step === 0) return undefined;
                i += step;
            }
            return found;
        },
    };
}
