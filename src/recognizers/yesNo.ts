import { Culture, recognizeBoolean } from '@microsoft/recognizers-text-suite';

/**
 * An answer form: `lead` forms may open a longer reply ("no, how much?"); the others count only alone or before
 * punctuation, because as openers they start ordinary sentences ("I am 35", "right now I work retail").
 */
interface AnswerForm { answer: boolean | undefined; pattern: RegExp }

const forms = (answer: boolean | undefined, lead: boolean, alternatives: string[]): AnswerForm => ({
    answer,
    pattern: new RegExp(`^(?:${alternatives.join('|')})${lead ? "(?![\\w'])" : '(?:\\s*[,.!;:…]|$)'}`, 'u'),
});

/** "n't" with or without its apostrophe, since people type "dont". */
const NT = "(?:n'?t| not)";

/**
 * Checked in order, so hedges win over the yes/no words inside them ("not sure", "no idea", "yes and no"),
 * negated affirmations win over the affirmation ("of course not"), and idioms win over their "no" ("no problem").
 * Qualified agreement ("kind of", "mostly", "a little") counts as yes: the bot asks whether to go on or whether
 * something applies, and a partial yes is still a reason to go on.
 */
const ANSWER_FORMS: readonly AnswerForm[] = Object.freeze([
    forms(undefined, true, [
        'maybe', 'perhaps', 'possibly', 'dunno', 'idk', 'no idea', 'no clue', 'hard to say', '(?:it )?depends',
        'yes and no', 'yes or no', 'never ?mind', 'nvm', 'unsure', 'undecided', 'not (?:really |too |so |very |quite )?(?:sure|certain)',
        "(?:i'?m |i am )(?:not (?:really |too |so |very |quite )?(?:sure|certain)|unsure|undecided|on the fence|torn)",
        `(?:i )?do${NT} know`, `(?:i )?do${NT} really know`, 'not yet sure',
        // "i haven't decided yet", "havent picked one": no choice made yet.
        `(?:i )?have${NT} (?:decided|picked|chosen)`, 'not decided', 'still deciding',
    ]),
    forms(true, true, ['no problem', 'no worries', 'no doubt', 'why not', 'not bad', 'not a problem', "(?:i'?m|i am) (?:ok|okay|fine|good) with"]),
    forms(false, true, [
        '(?:of course|absolutely|definitely|certainly|probably|obviously|surely|really|hell|heck|totally) not',
        'not (?:really|at all|yet|now|quite|exactly|much|for me|interested|likely|so much|a chance)', 'not',
        'no way', 'no+', 'nope', 'nah+', 'naw+', 'nay', 'never', 'negative', 'i think not', 'nothing',
        `i do${NT} think so`, "i doubt it", `(?:i'?m|i am) not interested`, '👎', '❌', '✖️', '🙅',
    ]),
    forms(false, false, [
        'n', 'neither', 'none', "i'?m not", 'i am not', `i (?:do|did|have|will|would|could|can|ca|wo|am|was)${NT}`, 'i cannot',
    ]),
    forms(true, true, [
        'ye+s+', 'yeah*', 'yea+', 'ya+h?', 'yep+', 'yup+', 'yass+', 'sure+', 'sure thing', 'ok+(?:ay)?', 'okey', 'alright',
        'all right', 'definitely', 'absolutely', 'of course', 'for sure', 'certainly', 'totally', 'affirmative',
        'i think so', 'i believe so', 'i guess so', 'i suppose so', "i'?d say so", 'i would say so', 'pretty much', 'for the most part', '(?:yes|sure) please', 'please do', 'sounds (?:good|great)',
        'that works', "let'?s do it", 'go ahead', 'go for it', "i'?m in", 'count me in',
        '👍', '✅', '✔️?', '☑️', '🙌', '💯',
    ]),
    forms(true, false, [
        'y', 'k', 'kk', 'yy', 'right', 'correct', 'exactly', 'indeed', 'true', 'probably', 'most likely', 'likely',
        'mostly', 'kind of', 'kinda', 'sort of', 'sorta', 'somewhat', 'a (?:little|bit)', 'i guess',
        'i (?:do|did|have|will|would|can|am)', "i'?m", 'me too', 'same',
    ]),
]);

/** Openers that carry no answer: "well, yes", "um no", "honestly not really". */
const FILLER = /^(?:(?:well|u+m+|u+h+|h+m+|oh+|ah+|honestly|actually|so|i mean|lol|haha)(?![\w'])[\s,.!…-]*)+/u;

function normalize(text: string): string {
    return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().replace(FILLER, '');
}

/** Reads a yes/no answer in its many forms; undefined when the text is neither. */
export function readYesNo(text: string, culture: string = Culture.English): boolean | undefined {
    const answer = normalize(text);
    if (!answer) return undefined;
    if (culture.toLowerCase().startsWith('en')) {
        const form = ANSWER_FORMS.find((f) => f.pattern.test(answer));
        if (form) return form.answer;
    }
    // Only an answer at the start counts: a "no" or "sure" deep inside a question ("is there no...") answers nothing.
    const opening = recognizeBoolean(answer, culture).find((r) => r.start === 0);
    return opening ? Boolean(opening.resolution.value) : undefined;
}

/**
 * Whether the text opens by saying the visitor does not know or has not decided yet ("idk yet", "not sure", "no idea"):
 * an answer to a question that asks them to choose (which state, which role), not a question of their own.
 */
export function isUndecided(text: string): boolean {
    // The hedges come first among the answer forms.
    return ANSWER_FORMS[0].pattern.test(normalize(text));
}
