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

/** Declining what was offered, beyond a plain "no": "no thanks", "that's all", "I'm good", "neither", "pass". */
const DECLINES = /\b(?:that'?s (?:all|it)|i'?m good|all good|done|nothing(?: else)?|no thanks?|no thank you|pass|skip(?: it)?|neither|none(?: of (?:them|those))?)\b/i;

/**
 * Whether the visitor declines an offer or a choice ("no", "no thanks", "that's all", "neither"): the dialogs that
 * offer more (the work settings) or ask them to choose (the comparison) end on it.
 */
export function declines(text: string): boolean {
    return readYesNo(text) === false || DECLINES.test(text.replace(/[’‘`]/g, "'"));
}

/** "I love …", "i really enjoy …", "I'm good at …": the visitor says something suits them. */
const LIKES = /^(?:i )?(?:really |truly |absolutely |actually |do |kind of |kinda )?(?:love|like|enjoy|adore)(?![\w'])|^(?:i'?m|i am) (?:really |pretty |very |quite )?(?:good|great|decent|comfortable) (?:at|with)(?![\w'])|^(?:i'?m|i am) (?:really |very )?into(?![\w'])/u;
/** "I hate …", "i can't stand …", "I'm bad with …", "i suck at …": the visitor says something does not suit them. */
const DISLIKES = new RegExp(
    `^(?:i )?(?:really |truly |absolutely |honestly )?(?:hate|dislike|detest|loathe|despise|ca${NT} stand|cannot stand|do${NT} (?:really )?(?:like|enjoy|love))(?![\\w'])` +
        `|^(?:i'?m|i am) (?:really |pretty |very |quite )?(?:bad|terrible|awful|horrible|hopeless|not (?:very |that |really )?(?:good|great|comfortable)) (?:at|with)(?![\\w'])` +
        `|^(?:i'?m|i am) not (?:really |very )?into(?![\\w'])|^(?:i )?suck (?:at|with)(?![\\w'])`,
    'u',
);
/** What such a sentence may be about besides the question's own words: the question itself ("I love it"). */
const POINTS_BACK = /^(?:it|that|this|them|those|these)(?![\w'])/u;
/** Words this long or longer are compared by their first letters, so "details" is the same as "detail-oriented". */
const STEM_LENGTH = 5;

/**
 * Reads a yes/no question about the visitor's liking or aptitude answered by saying how they feel about its subject:
 * "i hate science" answers "Are you interested in science?" with no, "I love working with my hands" answers yes. Only
 * when what they like or dislike is the question's subject (a word of `subject`, compared by its first letters) or
 * points back to it ("I love it"): "I hate blood" to a question about science is a question of its own. Undefined when
 * the text says neither.
 */
export function readLiking(text: string, subject: string): boolean | undefined {
    const said = normalize(text).slice(0, 200);
    const liked = LIKES.exec(said);
    const disliked = liked ? null : DISLIKES.exec(said);
    const opener = liked ?? disliked;
    if (!opener) return undefined;
    const rest = said.slice(opener[0].length).replace(/^[\s,]+(?:(?:the|my|a|an|doing|working|being|to|with|at) )*/u, '');
    if (!rest) return undefined;
    const stem = (word: string) => word.slice(0, STEM_LENGTH);
    const subjectStems = new Set((subject.toLowerCase().match(/[a-z]{4,}/g) ?? []).map(stem));
    const about = POINTS_BACK.test(rest) || (rest.match(/[a-z]{4,}/g) ?? []).some((word) => subjectStems.has(stem(word)));
    return about ? liked !== null : undefined;
}
