import { z } from 'zod';
import { MarkdownTextSchema } from './markdownSafety';

/**
 * The kinds of conversation basics the bot answers without searching. Each needs its own reply, so the list is
 * fixed here; the phrases and the replies are content (`knowledge/smallTalk.yaml`).
 */
export const SMALL_TALK_KINDS = ['sources', 'frustration', 'identity', 'goodbye', 'thanks', 'compliment', 'greeting', 'acknowledgement', 'more'] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];

/**
 * Longest phrase, in words. Matching tries at most this many words at each position of a message, which keeps
 * it linear in the message; a longer phrase would never match.
 */
export const MAX_SMALL_TALK_PHRASE_WORDS = 8;
/** Variants one phrase may expand to (`are you a {bot|robot}` is two): phrases are expanded once, at start-up, but a phrase with more is too loose to be safe. */
export const MAX_PHRASE_EXPANSIONS = 500;

/**
 * The words of `text` as small-talk matching compares them: lowercased, accents, apostrophes, punctuation and emoji
 * removed ("You're awesome!! 🙌" → `youre awesome`), and a letter said three times or more said once ("hiii" → `hi`,
 * "thanksss" → `thanks`), so people's spellings meet the content's. Linear in the text.
 */
export function smallTalkWords(text: string): string[] {
    return text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[’‘'`]/g, '')
        .replace(/([a-z])\1{2,}/g, '$1')
        .replace(/[^a-z0-9]+/g, ' ')
        .split(' ')
        .filter(Boolean);
}

/**
 * Expands a content phrase with `{a|b}` choices into every phrase it stands for, normalised as `smallTalkWords` does:
 * `are you {a |}{bot|robot}` → `are you a bot`, `are you a robot`, `are you bot`, `are you robot`. An empty choice makes
 * the words optional. Choices do not nest. Returns `undefined` when braces are unbalanced.
 */
export function expandPhrase(phrase: string): string[] | undefined {
    let variants = [''];
    for (const piece of phrase.split(/(\{[^{}]*\})/)) {
        if (piece.startsWith('{') && piece.endsWith('}')) {
            const choices = piece.slice(1, -1).split('|');
            variants = variants.flatMap((v) => choices.map((c) => v + c));
        } else if (/[{}]/.test(piece)) {
            return undefined;
        } else {
            variants = variants.map((v) => v + piece);
        }
        if (variants.length > MAX_PHRASE_EXPANSIONS) return variants;
    }
    return [...new Set(variants.map((v) => smallTalkWords(v).join(' ')))];
}

const phrase = z
    .string()
    .trim()
    .min(1, 'expected a non-empty phrase')
    .superRefine((value, ctx) => {
        const variants = expandPhrase(value);
        if (!variants) return void ctx.addIssue({ code: 'custom', message: 'unbalanced braces: write choices as {a|b}, without nesting' });
        if (variants.length > MAX_PHRASE_EXPANSIONS) {
            return void ctx.addIssue({ code: 'custom', message: `expected at most ${MAX_PHRASE_EXPANSIONS} variants from one phrase; split it` });
        }
        if (variants.some((v) => v === '')) ctx.addIssue({ code: 'custom', message: 'a variant of this phrase has no words (letters or digits)' });
        if (variants.some((v) => v.split(' ').length > MAX_SMALL_TALK_PHRASE_WORDS)) {
            ctx.addIssue({ code: 'custom', message: `expected at most ${MAX_SMALL_TALK_PHRASE_WORDS} words` });
        }
    });

/** One kind of small talk: how people say it and what the bot says back. */
export const SmallTalkEntrySchema = z.strictObject({
    id: z.enum(SMALL_TALK_KINDS, { error: `expected one of ${SMALL_TALK_KINDS.join(', ')}` }),
    /** Whole messages of this kind, normalised before matching; `{a|b}` gives choices. */
    phrases: z.array(phrase).min(1, 'expected at least one phrase'),
    /** Markdown replies; the bot takes them in turn, so a visitor who says thanks twice is not answered the same way twice. */
    replies: z.array(MarkdownTextSchema).min(1, 'expected at least one reply'),
    /**
     * Replies for when a dialog's question is waiting and will be asked again right after ("You’re welcome!" rather
     * than "Anything else you’d like to know?"). Without it, `replies` are used; an empty list says nothing and only
     * asks the question again (a plain "ok").
     */
    whileAsking: z.array(MarkdownTextSchema).optional(),
    /** Offer the topic menu as buttons. */
    menu: z.boolean().default(false),
    /** Offer the follow-ups of the answer just given as buttons ("tell me more"); the topic menu when none was given. */
    followUps: z.boolean().default(false),
    /**
     * Name where the answer just given comes from ("where did you get that?", "how old is that data?"): each source with
     * its section and dates, and the answer's own sentences that give a year, after the reply. With no answer given yet,
     * the sources every answer comes from.
     */
    namesSources: z.boolean().default(false),
    /**
     * With `followUps` or `namesSources`, the replies for when no answer has been given yet ("More about what?");
     * `replies` otherwise.
     */
    withoutAnswer: z.array(MarkdownTextSchema).optional(),
    /** Offer to have a career advisor get in touch (the follow-up hand-off). */
    advisor: z.boolean().default(false),
});
export type SmallTalkEntry = z.infer<typeof SmallTalkEntrySchema>;

/** `knowledge/smallTalk.yaml`. */
export const SmallTalkFileSchema = z
    .strictObject({
        /** Words that may pad small talk but are not small talk alone ("um", "so", "please"). */
        fillers: z.array(phrase).default([]),
        /** Every kind once; when a message mixes kinds ("thanks, bye"), the one listed first is answered. */
        kinds: z.array(SmallTalkEntrySchema),
    })
    .superRefine((file, ctx) => {
        const seen = new Map<string, string>();
        file.kinds.forEach((entry, index) => {
            if (file.kinds.findIndex((k) => k.id === entry.id) !== index) {
                ctx.addIssue({ code: 'custom', path: ['kinds', index, 'id'], message: `"${entry.id}" is listed twice` });
            }
            entry.phrases.forEach((p, i) => {
                for (const variant of expandPhrase(p) ?? []) {
                    const other = seen.get(variant);
                    if (other !== undefined && other !== entry.id) {
                        ctx.addIssue({ code: 'custom', path: ['kinds', index, 'phrases', i], message: `"${variant}" is also a phrase of "${other}"` });
                    }
                    seen.set(variant, entry.id);
                }
            });
        });
        const missing = SMALL_TALK_KINDS.filter((kind) => !file.kinds.some((k) => k.id === kind));
        if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `expected an entry for ${missing.join(', ')}` });
    });
export type SmallTalkContent = z.infer<typeof SmallTalkFileSchema>;
