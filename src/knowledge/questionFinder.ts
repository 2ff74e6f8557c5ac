/**
 * Finds the questions in a visitor's message. People write their situation first, then one to several questions,
 * with or without question marks ("Is getting full time hours difficult? I've seen postings… 2. How different is a
 * diagnostic lab"), so the bot searches each question on its own instead of the whole post.
 *
 * Pure and linear in the message's length: one pass splits sentences, and each sentence is checked by patterns that
 * are anchored at its start or scan it once.
 */

/** A stretch of the visitor's message: `text` is `message.slice(start, end)`, their own words. */
export interface MessageSpan {
    text: string;
    start: number;
    end: number;
    /** A question put as a statement (a worry: "I'm worried about finding a job"): a part only when it is answered. */
    stated?: true;
}

/** The asking parts of a message, in the order written, and the sentences around them (the visitor's situation). */
export interface FoundQuestions {
    questions: MessageSpan[];
    context: MessageSpan[];
}

/**
 * At most this many parts of one message are answered in one reply: a fourth answer makes the reply too long to
 * read on a phone, and each part costs a search. The rest are named so the visitor can ask them again.
 */
export const MAX_ANSWERED_PARTS = 3;

/**
 * At most this many asking parts are returned. A 10,000-character post can hold hundreds of "?"; beyond this many the
 * caller could not use them (it searches a few to find up to MAX_ANSWERED_PARTS answerable ones) and each costs a search.
 */
export const MAX_FOUND_QUESTIONS = 8;

// Words after which a full stop does not end a sentence ("Dr. Smith", "Sr. Tech", "e.g. ASCP", "vs. MLS").
// So do degrees written with full stops ("the A.S. degree or a certificate?", "a B.S. in biology").
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'sr', 'jr', 'st', 'vs', 'etc', 'eg', 'ie', 'approx', 'u.s', 'e.g', 'i.e', 'a.m', 'p.m', 'a.s', 'b.s', 'a.a.s', 'b.sc', 'm.s']);

/** …and their chat spellings ("wat do lab techs do", "r there jobs"), as `knowledge/language.yaml`'s shorthand reads them. */
const QUESTION_WORDS =
    "how|hows|how's|hw|what|whats|what's|wat|wats|wat's|wut|which|who|whom|whose|where|wheres|where's|when|why|y|is|isn't|isnt|are|r|aren't|arent|am|was|were|" +
    "do|does|doesn't|doesnt|did|didn't|don't|can|can't|cant|could|couldn't|should|shouldn't|would|wouldn't|will|won't|shall|may|might|" +
    'has|have|hasn\'t|haven\'t';

/** A list's number or bullet: "1.", "(2)", "3.)", "b)", "-", "•", ">", "#". */
const LIST_MARK = String.raw`(?:\(?\d{1,2}(?:\.\)?|\))|[a-z]\)|[-*•·–>]+|#+)`;
/** A list's number or bullet opening a sentence, cut off the question's span: "2.5 years…" has no space after "2.". */
const LIST_MARKER = new RegExp(`^${LIST_MARK}\\s+`);
/**
 * Filler a question often starts with ("So,", "Also", "Lastly,", "1.", "•", and "Please" as in "Please what are the courses
 * taught…?"), skipped before reading its first word.
 */
const LEADING_FILLER = new RegExp(
    `^(?:${LIST_MARK}\\s*|(?:so|and|also|but|or|ok|okay|well|lastly|finally|first|firstly|secondly|second|third|plus|then|now|oh|(?:hey|hi|hello)(?:\\s+(?:there|all|everyone|everybody|guys|folks|friends|y'?all))?|additionally|furthermore|however|anyway|anyways|basically|honestly|otherwise|please|pls|plz|kindly|(?:(?:a\\s+(?:few|couple(?:\\s+of)?)|some|few|two|three|\\d|my|serious|quick|honest|genuine|real|simple|dumb|stupid|silly|random)\\s+)?(?:questions?|q'?s)|q|edit|update|tl;?dr)\\b[,:!]?\\s+)+`,
);
const STARTS_ASKING = new RegExp(
    `^(?:(?:${QUESTION_WORDS})\\b|any\\b.{0,40}?\\b(?:advice|tips?|recommendations?|suggestions?|thoughts|ideas?|insights?|info|information|input|experiences?)\\b|` +
        "(?:please\\s+)?(?:tell|explain|help)\\s+me\\b|(?:does|do|can|could)\\s+(?:anyone|anybody|someone|somebody)\\b|anyone\\s+(?:know|have|here)\\b|" +
        "i(?:'d| would| want to| need to)(?: like to)? (?:know|ask|understand)\\b|i(?:'m| am| was)? (?:wondering|curious)\\b|wondering\\b|curious\\b|" +
        "looking for (?:advice|tips|recommendations|input)\\b)",
);
/**
 * Asking phrases that make a sentence a question wherever they stand ("…and was wondering what the job is like", "idk if
 * the pay would even be close to what I make now", "idk what would be a better path to take").
 */
const ASKS_WITHIN = /\b(?:wondering|curious)\s+(?:if|whether|what|how|why|when|where|which|about)\b|\b(?:idk|dunno|not\s+sure|(?:don'?t|do\s+not)\s+know)\s+(?:if|whether)\b|\b(?:idk|not\s+sure|unsure)(?:\s+(?:of|about))?\s+(?:what|which|how)\b|\b(?:like|love|want|need)\s+to\s+know\b|\b(?:does|can)\s+(?:anyone|anybody|someone|somebody)\s+(?:know|tell|explain)\b/;
/**
 * A worry the visitor states, which asks as a question does (only in a sentence that asks nothing else): "I'm a bit
 * worried about struggling to find a job after college", "My biggest concern is the pay". Anchored at the start.
 */
const WORRIES =
    /^(?:i(?:'m| am)?(?: (?:a (?:bit|little)|really|very|kind of|kinda|so|just|also))? (?:worried|concerned|scared|nervous|afraid) (?:about|that)\b|my (?:biggest |main |only |one |other )?(?:concern|worry|fear) is\b)/;
/** A worry with fewer words names nothing to answer ("I'm worried about it."). */
const MIN_WORRY_WORDS = 5;
/** Ends with "?" and nothing after it but marks and emoji ("really??", "right? 🙂"); scans back from the end, so linear. */
function endsAsking(lower: string): boolean {
    for (let i = lower.length - 1; i >= 0 && !/[a-z0-9]/.test(lower[i]); i--) if (lower[i] === '?') return true;
    return false;
}
/**
 * Where one asking sentence holds two questions joined by "and"/"also"/"or" (or in chat "n", "&"): "how long is the
 * program and how much does it cost?", "hw long is mlt school n wat do u make after". Only before a wh-word, or a
 * verb-first question with its subject, so "go MLT and become a technologist" stays whole.
 */
const JOINED_QUESTION =
    /(?<=\S),?\s+(?:and|also|or|plus|n|&)\s+(?:also\s+)?(?=(?:how|hows|hw|what|what's|whats|wat|wats|which|where|when|why|y|who)\s|(?:is|are|r|do|does|can|should|will|would)\s+(?:i|you|u|we|they|it|there|the|a|an|mlts?|mls|this|that|she|he)\b)/g;

/**
 * Where the question of a sentence that opens with the visitor's situation starts: at a question word after "but"/"so"
 * ("I realize this may be hospital dependent, but what kind of career advancement is there?"), or after a comma when
 * the sentence opens in the first person ("For those of you who've worked for years, what's…"). Not after a dash:
 * "technician versus technologist in a clinical lab — how do they differ?" names its subject before the dash.
 */
const CLAUSE_QUESTION =
    /(?:\bbut|\bso|^(?:i|i'm|im|i've|ive|i'd|my|we|we're|our|for those|as an?)\b[^,]*,)\s+(?=(?:how|what|what's|whats|which|where|when|why|is|are|do|does|can|could|should|will|would)\s)/;

/**
 * A question after the visitor's situation and a comma, in a sentence with no "?" that does not open asking: "im in my
 * 2nd yr at cc, whats the job outlook for mlt". Only in the first person and before a word that asks, not one that may
 * open a clause about the situation ("I live in Ohio, where the pay is low") and not before "not" ("I love it, do not get me
 * wrong") or a "that" saying what something is ("My concerns about starting right away, are that I won't know as much");
 * CLAUSE_QUESTION then finds where it starts.
 */
const SITUATION_THEN_QUESTION =
    /^(?:i|i'm|im|i've|ive|i'd|my|we|we're|our)\b[^,]*,\s+(?:how|what|what's|whats|(?:is|are|do|does|can|could|should|will|would)(?!\s+not\b)(?!\s+that\s+(?:i|i'm|im|i'll|i'd|we|you|they|my|our)\b))\s+\S+\s+\S/;

/**
 * A preface ending in a colon before a question: "As a parent I want to understand: is this a stable career…?". It is
 * the asker's situation; the question starts after it.
 */
const COLON_PREFACE = new RegExp(`^[^:?]{1,80}:\\s+(?=(?:${QUESTION_WORDS})\\s)`);
/** Question words that, capitalised after a colon, are more often a month, a name or a letter ("Deadline: May 5th…"). */
const NOT_ASKING_CAPITALISED = new Set(['may', 'might', 'will', 'y', 'r']);
/**
 * A question put after a colon with a capital, which asks though it ends with a full stop: "…so I thought I'd address it
 * today on this blog: Is the job of medical laboratory technician a good career." Matched on the sentence as written
 * (the capital is the sign), with a longer preface than COLON_PREFACE allows; what follows must be a question of at least
 * MIN_COLON_QUESTION_WORDS words.
 */
const COLON_QUESTION = new RegExp(
    `^[^:?]{1,200}:\\s+(?=(?:${QUESTION_WORDS.split('|')
        .filter((w) => !NOT_ASKING_CAPITALISED.has(w))
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join('|')})\\s)`,
);
const MIN_COLON_QUESTION_WORDS = 4;

/**
 * A sentence that tells when or where something happens to the visitor, with no "?": "When I call the lab about a clotted
 * specimen sometimes I get an MLT…". It asks only when a question follows the clause ("when I finish can I work…").
 */
const TELLS_WHEN = /^(?:when|where|whenever)\s+(?:i|i'm|im|i've|ive|we|my|our)\b/;
/**
 * A sentence that opens with a negative auxiliary and no subject after it, with no "?", says what the visitor does not
 * do or want, their "I" left out: "don't want to be on the bench forever". "Don't you need a license?" asks.
 */
const TELLS_NOT = /^(?:don'?t|doesn'?t|didn'?t|can'?t|won'?t|isn'?t|wasn'?t)\s+(?!(?:i|you|u|we|they|it|mlts?|mls|he|she|there|that|this|the|a|an)\b)/;
const ASKS_LATER = /\b(?:can|could|will|would|should|do|does|is|are|am)\s+(?:i|we|you|they|it|there|that|this|my|your|the|mlts?|mls)\b/;
/** A supposition with a question after it, and no "?": "if I get licensed in TN and move later does that carry over". */
const SUPPOSES = /^(?:if|say|suppose|supposing|what\s+if)\s+(?:i|i'm|im|we|you|u)\b/;
/** What opens a few words that say what the question before them meant: "like median", "i mean for MLT", "as in hourly". */
const CLARIFIES = /^\s*(?:like|i\s+mean|as\s+in|specifically|especially|esp|e\.?g\.?|for\s+example)\b/;
const MAX_CLARIFYING_WORDS = 5;
/** A reason the visitor gives after their question, in the first person: ", since I'd rather…", ", bc I work nights". */
const TRAILING_REASON = /,\s*(?:since|because|bc|cuz|cause|as)\s+(?:i|i'm|im|i'd|id|i've|ive|my|we)\b/;
/** At least this many words before an asking phrase make the visitor's situation, not part of the question… */
const MIN_SITUATION_WORDS = 3;
/** …when the question from the asking phrase on has at least this many: enough to say what it asks by itself. */
const MIN_CUT_QUESTION_WORDS = 7;

/** A label the questions follow: "Quick questions:", "A few q's -", "Question:", "ok 3 questions:". */
const QUESTIONS_LABEL = /^(?:[a-z0-9']{1,12}\s+){0,3}(?:questions?|q'?s)\s*[:\u2013\u2014-]\s+/;

/** Splits `message` into sentences and returns those that ask, in order, with the rest as context. */
export function findQuestions(message: string): FoundQuestions {
    const questions: MessageSpan[] = [];
    const context: MessageSpan[] = [];
    for (const sentence of sentences(message)) {
        const lower = sentence.text.toLowerCase().replace(/[’‘]/g, "'");
        const body = lower.replace(/^[^a-z0-9(]+/, '').replace(LEADING_FILLER, '');
        // One word is an exclamation or a prompt for opinions ("Wait?!", "Thoughts?"), not a question to search.
        const words = body.split(/\s+/).filter((w) => /[a-z]/.test(w)).length;
        const onlyTells = (TELLS_WHEN.test(body) && !ASKS_LATER.test(body)) || TELLS_NOT.test(body);
        const opensAsking = (STARTS_ASKING.test(body) && !onlyTells) || (SUPPOSES.test(body) && ASKS_LATER.test(body));
        const colonQuestion = COLON_QUESTION.exec(sentence.text)?.[0].length ?? 0;
        const asksAfterColon = colonQuestion > 0 && lower.length === sentence.text.length && lower.slice(colonQuestion).split(/\s+/).length >= MIN_COLON_QUESTION_WORDS;
        if (words < 2 || !(endsAsking(lower) || opensAsking || asksAfterColon || ASKS_WITHIN.test(lower) || SITUATION_THEN_QUESTION.test(body))) {
            // A few words that say what the question just before meant ("…in pay? like median") are part of it.
            const previous = questions[questions.length - 1];
            // A worry, put as a statement, is a question all the same: "I'm a bit worried about finding a job after college."
            if (words >= MIN_WORRY_WORDS && WORRIES.test(body)) {
                if (questions.length < MAX_FOUND_QUESTIONS) questions.push({ ...sentence, stated: true });
                continue;
            }
            if (previous && CLARIFIES.test(lower) && words <= MAX_CLARIFYING_WORDS && !/\S/.test(message.slice(previous.end, sentence.start))) {
                questions[questions.length - 1] = { text: message.slice(previous.start, sentence.end), start: previous.start, end: sentence.end };
            } else context.push(sentence);
            continue;
        }
        // Offsets into `lower` are offsets into the message only while lowercasing kept the length (it does but for
        // a few letters such as "İ"); otherwise the sentence is kept whole.
        const sameLength = lower.length === sentence.text.length;
        // A list's number or bullet ("2. How different is…", "b) can I…") is not part of the question: "2" would be searched.
        const marker = sameLength ? LIST_MARKER.exec(lower)?.[0].length ?? 0 : 0;
        // Nor is a label ("Quick questions: how long is…"): "questions" would be searched as a question about the exam's.
        const label = sameLength ? QUESTIONS_LABEL.exec(lower.slice(marker))?.[0].length ?? 0 : 0;
        // Nor is a preface ("As a parent I want to understand: is this…?"): it is context.
        const preface =
            sameLength && !label && !STARTS_ASKING.test(body) ? COLON_PREFACE.exec(lower.slice(marker))?.[0].length ?? (asksAfterColon && !marker ? colonQuestion : 0) : 0;
        if (preface) context.push(piece(sentence, marker, marker + preface));
        const asked = marker + label + preface;
        let asking = asked ? piece(sentence, asked, sentence.text.length) : sentence;
        let askingLower = lower.slice(asked);
        // Read after the filler it opens with ("Honestly my biggest worry is money, can you…"): `body` is the end of `lower`.
        const clause = sameLength && !STARTS_ASKING.test(body) ? CLAUSE_QUESTION.exec(body) : null;
        const from = clause ? lower.length - body.length + clause.index + clause[0].length : 0;
        if (clause && lower.slice(from).split(/\s+/).length >= 3) {
            asking = piece(sentence, from, sentence.text.length);
            askingLower = lower.slice(from).trim();
            context.push(piece(sentence, 0, from));
        } else if (sameLength && !STARTS_ASKING.test(body)) {
            // Nor is the situation before an asking phrase within the sentence: "I'd be taking out loans for this so I
            // want to know if the job outlook is actually decent" asks from "want to know". A short question after it
            // leans on what came before ("I see a lot of different pay ranges and I'm curious what the consensus is").
            const within = lower.slice(asked).search(ASKS_WITHIN);
            const wordsIn = (from: number, to?: number) => lower.slice(from, to).split(/\s+/).filter(Boolean).length;
            if (within > 0 && wordsIn(asked, asked + within) >= MIN_SITUATION_WORDS && wordsIn(asked + within) >= MIN_CUT_QUESTION_WORDS) {
                context.push(piece(sentence, asked, asked + within));
                asking = piece(sentence, asked + within, sentence.text.length);
                askingLower = lower.slice(asked + within);
            }
        }
        // Nor is a reason given after it: "what skills will matter most, since I'd rather train for what's in demand".
        const reason = sameLength ? askingLower.search(TRAILING_REASON) : -1;
        if (reason > 0) {
            const at = asking.start - sentence.start + reason;
            context.push(piece(sentence, at + 1, sentence.text.length));
            asking = piece(sentence, asking.start - sentence.start, at);
            askingLower = askingLower.slice(0, reason);
        }
        for (const part of sameLength ? splitJoined(asking, askingLower) : [asking]) {
            if (questions.length < MAX_FOUND_QUESTIONS) questions.push(part);
        }
    }
    return { questions, context };
}

/** The sentences of `message`, trimmed, with their spans; a stretch without a letter ("1.", "🙂") is dropped. */
function sentences(message: string): MessageSpan[] {
    const found: MessageSpan[] = [];
    let start = 0;
    const close = (end: number) => {
        let s = start;
        let e = end;
        while (s < e && /\s/.test(message[s])) s++;
        while (e > s && /\s/.test(message[e - 1])) e--;
        if (e > s && /\p{L}/u.test(message.slice(s, e))) found.push({ text: message.slice(s, e), start: s, end: e });
        start = end;
    };
    let lineStart = 0;
    for (let i = 0; i < message.length; i++) {
        const c = message[i];
        if (c === '\n' || c === '\r') {
            // "\r\n" is one line break, read at its "\n".
            if (c === '\r' && message[i + 1] === '\n') continue;
            // A long line running on into a lowercase word is hard-wrapped text (a mailing-list post, a pasted email):
            // one sentence goes on. A title line ("Microbiology career advice") is short or followed by a capital.
            const wrapped = i - lineStart >= WRAPPED_LINE_MIN && continuesLowercase(message, i);
            lineStart = i + 1;
            if (!wrapped) close(i);
        }
        else if (c === ' ' && runsOnInto(message, i)) close(i);
        else if (c === ')') {
            // An inline list ("Quick q's: 1) do I need a license 2) which cert 3) how much…"): each number starts a sentence.
            const listAt = inlineListNumberAt(message, i);
            if (listAt > start) close(listAt);
        }
        else if (c === '?' || c === '!' || c === '.' || c === '…') {
            // A run of marks ("??", "?!", "...") ends the sentence once, after the run.
            let j = i;
            while (j + 1 < message.length && /[?!.…]/.test(message[j + 1])) j++;
            const next = message[j + 1];
            const runIsDot = j === i && c === '.';
            if (next !== undefined && !/[\s"”'’)\]]/.test(next) && !endsUnspaced(message, i, j)) {
                // "57.5k", "U.S.A", "N.Y.", "med.lab": no space after the mark, so not an end.
                i = j;
                continue;
            }
            if (runIsDot) {
                const listAt = listNumberAt(message, i);
                // A list number starts the next sentence ("my questions: 1. Is…"), it does not end one.
                if (listAt >= 0) {
                    if (listAt > start) close(listAt);
                    continue;
                }
                if (!endsSentence(message, i)) continue;
            }
            close(j + 1);
            i = j;
        }
    }
    close(message.length);
    return found;
}

/**
 * Words that, capitalised after a lowercase word with no mark between, start a new sentence of a post typed without full
 * stops: "…sterile techs only start out at $11.67 at best Does anyone in that field know…", "…at a crossroad at this point
 * Please can someone help me…". Not "Will" and "May", which are as often names or a month.
 */
const RUN_ON_STARTS = new Set(['Please', 'Can', 'Could', 'Does', 'Do', 'Did', 'Is', 'Are', 'What', 'How', 'Why', 'Should', 'Would', 'Where', 'Which', 'Anyone', 'Has', 'Have']);
/** A word that in a title stands lowercase before a capitalised one ("How Long Does it Take", "Worth The Risks of the Job"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'or', 'in', 'for', 'on', 'at', 'by', 'with', 'but', 'as', 'it', 'vs']);
/** A capitalised word after the space at some position: read with `lastIndex` set. */
const CAPITALISED_AT = /\p{Lu}\p{Ll}{0,11}(?![\p{L}\p{N}])/uy;
/** At most this many letters are read back for the word before the space: a longer run is not read as a word. */
const MAX_RUN_ON_WORD = 20;

/**
 * Whether the space at `at` separates two sentences typed without a mark between: a lowercase word before it (not one of
 * a title's small words) and one of RUN_ON_STARTS after it. Looks a few characters either way, so O(1).
 */
function runsOnInto(message: string, at: number): boolean {
    CAPITALISED_AT.lastIndex = at + 1;
    const next = CAPITALISED_AT.exec(message);
    if (!next || !RUN_ON_STARTS.has(next[0])) return false;
    let from = at;
    while (from > 0 && at - from < MAX_RUN_ON_WORD && /\p{L}/u.test(message[from - 1])) from--;
    const before = message.slice(from, at);
    return before.length >= 2 && /^\p{Ll}+$/u.test(before) && !TITLE_SMALL_WORDS.has(before) && !/\p{L}/u.test(message[from - 1] ?? '');
}

/**
 * Whether the marks from `at` to `last`, with no space after them, still end a sentence: typed fast, a post runs its
 * sentences together ("Thank you for everything you do.What are the advancement options for MLT?Is a BSc a must?"). So
 * when a capitalised word starts right after them: after a "?" or "!" following a word, and after a full stop following a
 * lowercase word of two letters or more that is no abbreviation. "U.S.A", "N.Y.", "57.5k", "med.lab", "Ph.D", "e.g.A" and
 * "vs.Technologist" stay one sentence (a capital, a digit or a single letter before the full stop, a lowercase letter or
 * a digit after it, or an abbreviation). Looks a few characters either way, so O(1).
 */
function endsUnspaced(message: string, at: number, last: number): boolean {
    if (!/^\p{Lu}\p{Ll}/u.test(message.slice(last + 1, last + 3))) return false;
    if (at !== last || message[at] !== '.') return /[\p{L}\p{N}]/u.test(message[at - 1] ?? '');
    return /\p{Ll}\p{Ll}$/u.test(message.slice(Math.max(0, at - 2), at)) && endsSentence(message, at);
}

/** A line at least this long that runs on into a lowercase word was wrapped, not ended (mail wraps at 60–80). */
const WRAPPED_LINE_MIN = 40;

/** Whether the line break at `at` is followed, on the next line, by a lowercase letter; looks at most 4 characters on. */
function continuesLowercase(message: string, at: number): boolean {
    let j = at + 1;
    while (j < message.length && j - at <= 4 && (message[j] === ' ' || message[j] === '\t')) j++;
    return /\p{Ll}/u.test(message[j] ?? '');
}

/** The word before the full stop at `dot`, dots inside it kept ("u.s", "e.g"); at most 8 characters back, so O(1). */
function wordBefore(message: string, dot: number): { word: string; start: number } {
    let s = dot;
    while (s > 0 && dot - s < 8 && /[\p{L}\d.]/u.test(message[s - 1])) s--;
    return { word: message.slice(s, dot).toLowerCase(), start: s };
}

/** How far back the number before an inline list number is looked for ("2)" counts only after a "1)"). */
const INLINE_LIST_LOOKBACK = 600;

/**
 * Where the list number before the ")" at `paren` starts, when it is one: a number of one or two digits standing as a
 * word and followed by a space ("… in california 2) which cert …", "(3) …"), that is a list's first or follows the one
 * before it ("I have (2) kids" is no list); otherwise -1. Looks back a bounded stretch, so linear in the message.
 */
function inlineListNumberAt(message: string, paren: number): number {
    if (!/\s/.test(message[paren + 1] ?? '')) return -1;
    let s = paren;
    while (s > 0 && paren - s < 2 && /\d/.test(message[s - 1])) s--;
    if (s === paren || /\d/.test(message[s - 1] ?? '')) return -1;
    const n = Number(message.slice(s, paren));
    if (message[s - 1] === '(') s--;
    if (s > 0 && !/[\s:,;]/.test(message[s - 1])) return -1;
    if (n === 1) return s;
    const before = message.slice(Math.max(0, s - INLINE_LIST_LOOKBACK), s);
    return before.includes(`${n - 1})`) ? s : -1;
}

/**
 * Where a list number ending at `dot` starts ("2. How different…" at a line's or sentence's start, or after a colon),
 * or -1 when the word before the dot is not one.
 */
function listNumberAt(message: string, dot: number): number {
    const { word, start } = wordBefore(message, dot);
    if (!/^\d{1,2}$/.test(word)) return -1;
    let b = start - 1;
    while (b >= 0 && (message[b] === ' ' || message[b] === '\t')) b--;
    return b < 0 || /[\n\r.?!:]/.test(message[b]) ? start : -1;
}

/** Whether the single full stop at `dot` (followed by a space or the end) ends a sentence. */
function endsSentence(message: string, dot: number): boolean {
    const { word } = wordBefore(message, dot);
    if (ABBREVIATIONS.has(word)) return false;
    // A single letter is an initial or a list letter ("M. Smith", "a. how long").
    return !/^\p{L}$/u.test(word);
}

/** Splits an asking sentence where "and"/"also" join two questions; each piece keeps its span in the message. */
function splitJoined(sentence: MessageSpan, lower: string): MessageSpan[] {
    const pieces: MessageSpan[] = [];
    let from = 0;
    JOINED_QUESTION.lastIndex = 0;
    for (let m = JOINED_QUESTION.exec(lower); m; m = JOINED_QUESTION.exec(lower)) {
        // The first piece must itself be a question ("how long is the program"), not a situation ("I'm 33 and how…").
        if (pieces.length === 0 && !STARTS_ASKING.test(lower.slice(0, m.index).replace(LEADING_FILLER, ''))) continue;
        pieces.push(piece(sentence, from, m.index));
        from = m.index + m[0].length;
    }
    pieces.push(piece(sentence, from, sentence.text.length));
    return pieces.filter((p) => /\p{L}/u.test(p.text));
}

function piece(sentence: MessageSpan, from: number, to: number): MessageSpan {
    const text = sentence.text.slice(from, to);
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    return { text: trimmed, start: sentence.start + from + lead, end: sentence.start + from + lead + trimmed.length };
}

/** At most this many listed subjects of one question are searched ("…the job outlook, major, pay, hours…"). */
export const MAX_LISTED_PARTS = 4;

/** Where a list of subjects divides: a comma, semicolon or ampersand, or a spaced "and", "or" or "and/or". */
const LIST_SEPARATOR = /\s*[,;&]\s*(?:(?:and|or)\s+)?|\s+(?:and\/or|and|or)\s+/gi;

/**
 * The pieces of one question that lists several subjects: "Any insights on the job outlook, major, pay, or anything
 * else?" gives "Any insights on the job outlook", "major", "pay" and "anything else". Each keeps its span in the
 * message; pieces without a letter are dropped, and at most MAX_LISTED_PARTS are returned (none when there is no list).
 * Whether the pieces are read as questions is the caller's decision: it searches them only when the whole question
 * finds no answer. One pass over the question, so linear in its length.
 */
export function listedParts(question: MessageSpan): MessageSpan[] {
    const pieces: MessageSpan[] = [];
    let from = 0;
    LIST_SEPARATOR.lastIndex = 0;
    // Every match takes at least one character, so the scan moves on.
    for (let m = LIST_SEPARATOR.exec(question.text); m && pieces.length < MAX_LISTED_PARTS; m = LIST_SEPARATOR.exec(question.text)) {
        pieces.push(piece(question, from, m.index));
        from = m.index + m[0].length;
    }
    if (pieces.length === 0) return [];
    if (pieces.length < MAX_LISTED_PARTS) pieces.push(piece(question, from, question.text.length));
    const listed = pieces.filter((p) => /\p{L}/u.test(p.text));
    // A list's items are a few words each; the first holds the lead-in ("Any insights on the job outlook") and, in a
    // list of three or more, the last may trail off ("or anything else that might help me decide?"). Clauses joined
    // by commas ("I know research is required for grad school, but if I were to start as an MLT, would I…") are no list.
    const items = listed.slice(1, listed.length >= 3 ? -1 : undefined);
    return items.every((p) => p.text.split(/\s+/).length <= MAX_LIST_ITEM_WORDS) ? listed : [];
}

/** A listed subject ("pay", "career growth path", "become a Medical Technologist?") is at most this many words. */
const MAX_LIST_ITEM_WORDS = 6;
