import { z } from 'zod';
import { MarkdownTextSchema } from './markdownSafety';

const term = z.string().trim().min(1, 'expected a non-empty word or phrase');

/** A slot in a synonym phrase: `{mlt}`. */
const SLOT = /\{([a-z0-9]+)\}/;
const SLOTS = /\{[^}]*\}?/g;

/** The canonical term a synonym variant's slot names ("mlt" in "there be {mlt} jobs"), if it holds one. */
export function slotOf(variant: string): string | undefined {
    return SLOT.exec(variant)?.[1];
}

/**
 * The phrases a synonym variant stands for: itself, or with its slot filled by the slot's canonical term and each of that
 * term's own variants that holds no slot ("there be {mlt} jobs" → "there be mlt jobs", "there be lab tech jobs"…).
 */
export function slotForms(variant: string, synonyms: Readonly<Record<string, readonly string[]>>): string[] {
    const slot = SLOT.exec(variant);
    if (!slot) return [variant];
    return [slot[1], ...(synonyms[slot[1]] ?? [])].filter((fill) => !SLOT.test(fill)).map((fill) => variant.replace(slot[0], fill));
}

const SynonymsSchema = z
    .record(z.string().regex(/^[a-z0-9]+$/, 'expected a lowercase single-word canonical term'), z.array(term).min(1))
    .superRefine((synonyms, ctx) => {
        // A slot must name a group, other than its own (which would stand for itself), and a phrase holds at most one.
        for (const [group, variants] of Object.entries(synonyms)) {
            variants.forEach((variant, i) => {
                const slots = variant.match(SLOTS) ?? [];
                const [first] = slots;
                if (first === undefined) return;
                const named = SLOT.exec(first)?.[1];
                const problem = (message: string) => ctx.addIssue({ code: 'custom', path: [group, i], message });
                if (slots.length > 1) problem(`"${variant}" holds ${slots.length} slots: a phrase holds at most one`);
                else if (named === undefined || first !== `{${named}}`) problem(`"${first}" is not a slot: write {term}, a canonical term in lowercase`);
                else if (!(named in synonyms)) problem(`"{${named}}" names no canonical term of synonyms`);
                else if (named === group) problem(`"{${named}}" names its own group`);
            });
        }
    });

/**
 * The words the search understands (`knowledge/language.yaml`): content authors tune these without code.
 */
export const LanguageSchema = z.strictObject({
    /** Words that carry no meaning for matching ("the", "please"). */
    stopWords: z.array(term).min(1),
    /**
     * Chat spellings → the words they stand for ("u" → "you", "wat" → "what"), read before anything else, so the
     * phrases and stop words written in full apply to them too ("do yall like ur job" asks what "like your job" asks).
     */
    shorthand: z.record(z.string().regex(/^[a-z0-9]+$/, 'expected one lowercase word'), term).optional(),
    /**
     * Digits written for words in chat ("how 2 get a job", "is it good 4 me"): each digit's `means` is the word, read only
     * right after one of its `after` words and never before one of `notBefore` (a number or a unit: "need 2 years").
     */
    digitWords: z
        .strictObject({
            notBefore: z.array(term),
            words: z.record(z.string().regex(/^\d$/, 'expected one digit'), z.strictObject({ means: term, after: z.array(term).min(1) })),
        })
        .optional(),
    /**
     * Chat spellings that stand for words only in one place of a question: `at: end`, as its last word and never right
     * after one of `notAfter` ("r there jobs rn" asks about jobs right now, "I'm an RN" names a registered nurse);
     * `at: start`, as its first word ("r there jobs" asks whether there are, "R&D" stays as written elsewhere).
     */
    placedWords: z
        .record(
            z.string().regex(/^[a-z0-9]+$/, 'expected one lowercase word'),
            z.strictObject({ at: z.enum(['start', 'end']), means: term, notAfter: z.array(term).default([]) }),
        )
        .optional(),
    /**
     * Canonical term → the words and phrases people use for it ("mlt" ← "lab tech", "med lab tech"). A phrase may hold one
     * slot, `{term}`, standing for that canonical term and every way of saying it: "there be {mlt} jobs" is also "there be
     * medical lab tech jobs" (see `slotForms`).
     */
    synonyms: SynonymsSchema,
    scope: z.strictObject({
        /**
         * Canonical terms that tie a question to this bot's subject. A question naming another occupation
         * and none of these is out of scope, however many other words it shares with an entry.
         */
        domainTerms: z.array(term).min(1),
        /**
         * Canonical terms that make a question clearly about this subject (the domain terms count too). A question
         * with none of them, outside a conversation on its topic, gets suggestions rather than a confident answer.
         */
        answerAnchors: z.array(term).min(1),
        /** Other occupations and subjects people ask career bots about. */
        otherSubjects: z.array(term).min(1),
        /** Phrases that try to make the bot leave its role ("ignore previous instructions"). */
        manipulation: z.array(term).min(1),
    }),
    /**
     * A request for opinions or advice with no subject of its own ("What are your thoughts?", "Any advice?", "Does anyone
     * have experience with this field?") in a message that names this work and taking it up asks whether to: it is searched
     * as `readAs`. Absent: such requests are searched as written.
     */
    opinionAsks: z
        .strictObject({
            /** The words that make a question a request for opinions; it must use one of them. */
            words: z.array(term).min(1),
            /** Words such a request may also use without naming a subject ("Any general advice would be appreciated"). */
            filler: z.array(term),
            /**
             * Words by which a message says its writer is thinking of taking the work up ("becoming", "back to school"):
             * without one, a request for opinions keeps its own reading (an MLT of 25 years asking for advice is not
             * asking whether to become one).
             */
            entering: z.array(term).min(1),
            /** The question it stands for, in the words a visitor would use. */
            readAs: term,
            /**
             * Phrases by which a message says its writer has just started the work ("just started", "got a job", "my first
             * week"), and the question a request for opinions then stands for: advice for someone new to it. They are
             * read before `entering` ("I just finished my MLT program and started my first job, any advice?" is not asking
             * whether to become one).
             */
            started: z.strictObject({ phrases: z.array(term).min(1), readAs: term }).optional(),
        })
        .optional(),
    /**
     * Questions that only ask for comment on the question before them ("Why or why not?", "Am I reading this right?"),
     * written as a visitor writes them whole: after a question, such a one is part of it, not another question.
     */
    tagQuestions: z.array(term).optional(),
    /**
     * Job titles visitors use that the sources never do ("CLS"), each with the note an answer to a question naming one
     * opens with: which of the sources' titles the answer speaks of instead.
     */
    unsourcedNames: z.array(z.strictObject({ names: z.array(term).min(1), note: MarkdownTextSchema })).optional(),
    /**
     * Job titles a question may be read as another ("mls" as "mlt"): a question naming only `name`, on another subject
     * than the name, that the search cannot answer as asked is searched again with `as` in its place, and answered so
     * when that search answers it, opening with `note` (which job the answer speaks of). Both are canonical terms.
     */
    alsoReadAs: z.array(z.strictObject({ name: z.string(), as: z.string(), note: MarkdownTextSchema })).optional(),
    /** A question about the user's own health: the bot says it cannot give medical advice. */
    medicalAdvice: z.strictObject({
        /** Words that make a question personal ("my", "I have"). */
        personal: z.array(term).min(1),
        /** Body, symptom and result words ("urine", "kidney", "test results"). */
        health: z.array(term).min(1),
        /** Markdown reply; links only to http, https or mailto addresses, and no HTML. */
        reply: MarkdownTextSchema,
    }),
}).superRefine((language, ctx) => {
    // A reading by a term no synonym group defines could never apply: say so at start-up instead.
    (language.alsoReadAs ?? []).forEach(({ name, as }, i) => {
        for (const [field, term] of [['name', name], ['as', as]] as const) {
            if (!(term in language.synonyms)) ctx.addIssue({ code: 'custom', path: ['alsoReadAs', i, field], message: `"${term}" is not a canonical term of synonyms` });
        }
    });
});
export type Language = z.infer<typeof LanguageSchema>;
