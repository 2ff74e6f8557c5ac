import { createTermScorer } from './termScorer';
import type { FaqEntry, Topic } from './schema';
import type { KnowledgeBase } from './loader';
import { createTextNormalizer, splitWords, TextNormalizer } from './textNormalizer';
import { createScopeGuard, OutOfScopeReason } from './scopeGuard';
import { isEnglishWord } from './englishWords';
import { gapIndexEntry, IndexEntry } from './gapSchema';

/** How sure the search is: answer outright, offer suggestions, or admit it does not know. */
export type Confidence = 'answer' | 'suggest' | 'none';

/** One entry found, with a confidence score between 0 and 1; a known gap when `entry.gap` is set. */
export interface SearchHit {
    entry: IndexEntry;
    score: number;
}

/** What a search found, and how sure it is. */
export interface SearchResult {
    confidence: Confidence;
    /** Best first; for `suggest` at most `maxSuggestions`. */
    hits: SearchHit[];
    /** Set when the question was held back before searching. */
    outOfScope?: OutOfScopeReason;
    /** What the bands were read from; absent when nothing was searched. */
    reading?: SearchReading;
    /**
     * Set when the question was answered as a question about another job than the one it names (`language.yaml`
     * `alsoReadAs`): the note its answer opens with, saying which job the answer speaks of.
     */
    readingNote?: string;
}

/** The figures a search's confidence band is chosen from. */
export interface SearchReading {
    /** The best entry's score (before capping at 1). */
    top: number;
    /**
     * Its lead over the best entry of another topic that it is not linked to by a follow-up (all of `top` when none
     * matched).
     */
    margin: number;
    /** The question uses a word of the field (or follows the conversation's topic): without one, nothing is answered outright. */
    anchored: boolean;
}

/** Options of one search. */
export interface SearchOptions {
    /** The topic of the conversation so far: an elliptical follow-up ("and the average?") leans towards it. */
    preferTopic?: Topic;
    /**
     * The message the question is part of names the field ("I just started as an MLS… what do you wish you knew when you
     * started?"): the question is about it though it does not say so, and a clear lead (`messageAnchorMargin`) answers it.
     * A question on another job is then not held back as another subject: the visitor weighs the two (measured 7 December
     * 2026: two allied posts went from "That's outside what I know" to a known gap and a "Did you mean"; no set changed).
     */
    fieldNamed?: boolean;
}

/** The FAQ search dialogs and channels use; they never see Fuse. */
export interface KnowledgeSearch {
    search(query: string, options?: SearchOptions): SearchResult;
    entry(id: string): FaqEntry | undefined;
    /** Every entry, in content order. */
    readonly entries: readonly FaqEntry[];
    /** The normalizer the index was built with, for callers that compare text the same way. */
    readonly normalizer: TextNormalizer;
    /** What to say to a question about the asker's own health (from `knowledge/language.yaml`). */
    readonly medicalAdviceReply: string;
    /**
     * The note an answer to `text` opens with when `text` names the job by a title the sources never use ("CLS"), from
     * `knowledge/language.yaml`'s `unsourcedNames`; undefined when it names none.
     */
    unsourcedNameNote(text: string): string | undefined;
    /** The terms of `text` that say what it asks about, beyond naming the field ("mlt", "lab"): "jobs in Ohio" has none. */
    subjectTerms(text: string): string[];
    /**
     * The question a request for opinions stands for ("What are your thoughts?": "Should I become a medical lab tech?"),
     * from `knowledge/language.yaml`'s `opinionAsks`; undefined for any other question. It stands for it only in a
     * message that `weighsTakingUp`.
     */
    opinionQuestion(question: string): string | undefined;
    /**
     * Whether a question only asks for comment on the one before it: one of `knowledge/language.yaml`'s `tagQuestions`
     * ("Why or why not?"), or a request for opinions with no subject of its own ("What do you guys think will happen?").
     */
    asksAboutPrevious(question: string): boolean;
    /** Whether `text` names the field ("MLT", "med lab", "lab tech"): a question in a message that does is about the field. */
    namesField(text: string): boolean;
    /** Whether `message` names both the field and taking it up ("I'm thinking about becoming a lab tech."). */
    weighsTakingUp(message: string): boolean;
    /**
     * The question a request for opinions stands for in a message that names the field and says its writer has just
     * started the work ("I just started my first job as an MLT. Any advice?"), from `knowledge/language.yaml`'s
     * `opinionAsks.started`; undefined for any other message.
     */
    startedWorkQuestion(message: string): string | undefined;
    /** Whether the content links two entries by a follow-up, either way round: one subject seen from two sides. */
    linked(a: string, b: string): boolean;
}

/** Tuned on ../shared/eval, the real questions' tuning half and the unit tests; change them with `npm run bands` and `npm run eval`. */
export const SEARCH_TUNING = Object.freeze({
    /** Bitap error ratio per term: with boundary marks a 3-letter term must match exactly, a 9-letter one may be one letter off. */
    fuseThreshold: 0.15,
    /** How much of the query an entry must cover versus how much of the entry the query covers. */
    queryCoverageWeight: 0.7,
    /** Titles and keywords are curated but terse; answers are long, so their matches count for less. */
    kindWeight: { question: 1, title: 0.9, answer: 0.6 } as const,
    /** An entry whose answer also contains the question's words is likelier the one meant: up to this much extra. */
    answerBonus: 0.12,
    /**
     * At or above (anchored, with minMargin's lead): answer. Chosen from data with `npm run bands`, which labels the best
     * entry of every question of the tuning questions right, wrong or out of scope (a known gap at the top of a question
     * the sources cannot answer is its honest reply, not counted), 4 December 2026, after the known gaps joined the index:
     * - real tuning half batch 1 + team dev set, 232 questions searched (their vocabulary was tuned on them):
     *   0.55 answers 100 right / 13 wrong / 3 out of scope; 0.50: 102 / 13 / 3; 0.45: 104 / 14 / 3; 0.40: 106 / 17 / 6.
     * - real tuning half batch 2, 78 questions nobody had tuned vocabulary on: 0.55: 16 / 4 / 7; 0.45: 17 / 4 / 7;
     *   0.40: 17 / 5 / 8.
     * Down to 0.45 each batch gains right answers for at most one wrong one (5 for 1 in all); below it wrong and
     * out-of-scope answers grow faster than right ones. (Before the gaps were indexed, the same sweep put the knee at 0.55:
     * questions on known gaps were then out-of-scope answers; they now find their gap.)
     * - 5 December 2026, with batch 3's tuning half added and up to 8 questions a message (381 questions searched,
     *   minMargin 0.04): 0.40 answers 147 right / 27 wrong / 18 out of scope; 0.45: 144 / 21 / 14; 0.50: 138 / 20 / 13.
     *   The knee stays at 0.45.
     */
    answerAt: 0.45,
    /**
     * At or above (and below answerAt): "Did you mean ...?". Of batch 2's questions below 0.30, none had a right entry
     * at the top (7 out of scope, 1 wrong).
     */
    suggestAt: 0.3,
    /**
     * An answer needs this lead over the best entry of another topic (one it does not link to: see `conclude`), or the
     * question is ambiguous and gets suggestions.
     * Both batches and the dev set at answerAt 0.45: 0.04 answers 121 right / 18 wrong / 10 out; 0.08: 115 / 11 / 8.
     * 0.08 gives up 6 right answers to avoid 7 wrong and 2 out-of-scope ones, about even, so the lead stays 0.04 (the
     * runners-up within 0.1 of an answer are offered as its buttons: see mainDialog).
     */
    minMargin: 0.04,
    /**
     * Words no entry uses cannot match, but they still tell that part of the question is about something else:
     * each weighs this much of a known word's weight against the confidence.
     */
    unknownWordWeight: 0.35,
    /**
     * The lead over another topic a question needs when only the message around it names the field (`fieldNamed`).
     * Measured 7 December 2026 (twenty-fourth session) on every readable set, against not anchoring by the message at all:
     * at 0.04 (minMargin) 9 more questions were answered right and 5 "Did you mean" became wrong answers; at 0.1, 6 right
     * and 2 wrong; at 0.15 and 0.2, 1 to 2 right and none wrong. 0.1 keeps most of the gain for few wrong answers. No
     * question the sources cannot answer was answered at any of them.
     */
    messageAnchorMargin: 0.1,
    /**
     * …and this many words of its own besides the field's names: "how do I handle this?" points back, and "handle"
     * alone found how specimens are handled.
     */
    messageAnchorTerms: 2,
    /** Boost for entries of the conversation's topic. */
    topicBoost: 1.15,
    maxSuggestions: 3,
});

type RecordKind = keyof typeof SEARCH_TUNING.kindWeight;
interface IndexRecord {
    entry: number;
    kind: RecordKind;
    text: string;
    terms: string[];
    /** The terms' ids (see `termIds`), for adding up the weight of those a question shares. */
    termIds: Int32Array;
    /** Sum of the terms' inverse document frequencies, set once the index is built. */
    termWeight: number;
}

// Terms are wrapped in boundary marks so that Bitap, a substring matcher, cannot find "cat" inside "certificate".
const mark = (term: string) => `_${term}_`;
/**
 * A group of `language.yaml`'s synonyms named by words run together ("backgroundcheck", "phlebotomylicense",
 * "publichealth") is a concept, not a word, and takes marks of its own: Bitap found the word "background" one letter off
 * "backgroundcheck" ("would that background help me?" was a question on the background check), "phlebotomy" in
 * "phlebotomylicense". Marked apart, a word and such a concept never match fuzzily; the concept still matches itself.
 */
const markConcept = (term: string) => `=${term}=`;
/** Group names shorter than this that are no English word are acronyms ("mlt", "naacls"), marked as words. */
const MIN_CONCEPT_LENGTH = 7;

/**
 * Builds the search over a loaded knowledge base.
 * @remarks Known gaps are searched as entries beside the FAQ entries, so a question on one competes with the answers
 * (a hit's `entry.gap` names it); `entries` and `entry(id)` stay the FAQ entries alone.
 */
export function createSearchIndex(knowledge: KnowledgeBase): KnowledgeSearch {
    const kb = { ...knowledge, entries: [...knowledge.entries, ...knowledge.gaps.gaps.map(gapIndexEntry)] as IndexEntry[] };
    const vocabulary = kb.entries.flatMap((e) => [e.title, ...e.questions, ...e.keywords, e.answer]);
    const normalizer = createTextNormalizer(kb.language, vocabulary, isEnglishWord);
    const guard = createScopeGuard(kb.language, normalizer);
    const byId = new Map(knowledge.entries.map((e) => [e.id, e]));
    const fieldTerms = new Set(kb.language.scope.domainTerms.flatMap((t) => normalizer.terms(t)));
    const anchors = new Set([...kb.language.scope.domainTerms, ...kb.language.scope.answerAnchors].flatMap((t) => normalizer.terms(t)));
    // Entries the content links by a follow-up, either way round ("What does an MLT do at a blood bank?" and "What is blood
    // bank technology?"): one subject seen from two topics.
    const linkedPairs = new Set(knowledge.entries.flatMap((e) => e.followUps.flatMap((f) => [`${e.id} ${f}`, `${f} ${e.id}`])));
    const isLinked = (a: string, b: string) => linkedPairs.has(`${a} ${b}`);
    const alsoReadAs = kb.language.alsoReadAs ?? [];
    const unsourcedNames = (kb.language.unsourcedNames ?? []).map(({ names, note }) => ({ names: names.map((n) => normalizer.words(n).join(' ')), note: note.trim() }));

    const concepts = new Set(Object.keys(kb.language.synonyms).filter((k) => k.length >= MIN_CONCEPT_LENGTH && !isEnglishWord(k)));
    const markTerm = (term: string) => (concepts.has(term) ? markConcept(term) : mark(term));
    const records: IndexRecord[] = [];
    kb.entries.forEach((entry, index) => {
        const add = (kind: RecordKind, text: string) => {
            const terms = [...new Set(normalizer.terms(text))];
            if (terms.length) records.push({ entry: index, kind, terms, termIds: new Int32Array(0), text: terms.map(markTerm).join(' '), termWeight: 0 });
        };
        entry.questions.forEach((q) => add('question', q));
        add('title', [entry.title, ...entry.keywords].join(' '));
        add('answer', entry.answer);
    });

    // The terms of each entry's questions, title and keywords (not its answer, which mentions much it is not about).
    const entryTerms = kb.entries.map(() => new Set<string>());
    for (const record of records) if (record.kind !== 'answer') record.terms.forEach((t) => entryTerms[record.entry].add(t));
    const documentFrequency = new Map<string, number>();
    for (const record of records) for (const term of record.terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    // Same inverse-document-frequency formula Fuse's token search uses, so both sides weigh terms alike.
    const idfOf = (df: number) => Math.log(1 + (records.length - df + 0.5) / (df + 0.5));
    // Weights are fixed once the index is built: compute them here, not on every search.
    const idfByTerm = new Map([...documentFrequency].map(([term, df]) => [term, idfOf(df)]));
    const unseenIdf = idfOf(0);
    const idf = (term: string) => idfByTerm.get(term) ?? unseenIdf;
    for (const record of records) record.termWeight = record.terms.reduce((sum, t) => sum + idf(t), 0);
    // Each index term gets a number, so a search marks its terms' weights in an array instead of a set lookup per record term.
    const termIds = new Map([...documentFrequency.keys()].map((term, id) => [term, id]));
    for (const record of records) record.termIds = Int32Array.from(record.terms, (t) => termIds.get(t)!);
    // Scratch space of one search (it runs to completion on the one thread): the idf of the question's terms, by id.
    const questionIdf = new Float64Array(termIds.size);
    // And the best question score and the answer's coverage, by entry; -1 when the search did not reach it.
    const questionScore = new Float64Array(kb.entries.length).fill(-1);
    const answerCoverage = new Float64Array(kb.entries.length).fill(-1);

    // Fuse's token search (fuzzy per term, weighted by idf), with each term's scores computed once (see termScorer).
    const scoreRecords = createTermScorer(records, { threshold: SEARCH_TUNING.fuseThreshold, idf, mark: markTerm });

    /** A record's confidence for the question whose terms' idfs are in `questionIdf`. */
    function confidenceOf(record: IndexRecord, queryCoverage: number): number {
        const weight = SEARCH_TUNING.kindWeight[record.kind];
        if (record.kind !== 'question') return queryCoverage * weight;
        let covered = 0;
        for (let i = 0; i < record.termIds.length; i++) covered += questionIdf[record.termIds[i]];
        const entryCoverage = record.termWeight > 0 ? covered / record.termWeight : 0;
        const a = SEARCH_TUNING.queryCoverageWeight;
        return Math.pow(queryCoverage, a) * Math.pow(entryCoverage, 1 - a) * weight;
    }

    function search(text: string, options: SearchOptions = {}): SearchResult {
        const query = withoutWhy(withoutSpeaker(withoutAside(text)));
        const outOfScope = guard.check(query);
        // Another job named in a message about the field ("I want to be an MLS… Would I be better off becoming an LPN
        // first?") is a question of choosing between them, which the known gaps answer honestly: it is searched.
        if (outOfScope && !(outOfScope === 'other-subject' && options.fieldNamed)) return { confidence: 'none', hits: [], outOfScope };
        // Names the content does not know ("in the Austin area", "Houston") say where, not what is asked: they are left
        // out, rather than counted as another subject or "corrected" into a content word ("Houston" read as "histo").
        const allTerms = [...new Set(normalizer.terms(withoutUnknownNames(query)))];
        const asked = searchTerms(allTerms, options);
        if (asked.confidence === 'answer') return asked;
        // "What are the benefits of being an MLS?": asked again about the job the sources describe (see `alsoReadAs`),
        // when the question asks about something besides the job's name and does not name that job too.
        const reading = allTerms.some((t) => !fieldTerms.has(t)) ? alsoReadAs.find(({ name, as }) => allTerms.includes(name) && !allTerms.includes(as)) : undefined;
        if (!reading) return asked;
        const reread = searchTerms([...new Set(allTerms.map((t) => (t === reading.name ? reading.as : t)))], options);
        return reread.confidence === 'answer' ? { ...reread, readingNote: reading.note.trim() } : asked;
    }

    function searchTerms(allTerms: string[], options: SearchOptions): SearchResult {
        const terms = allTerms.filter((t) => documentFrequency.has(t));
        if (terms.length === 0) return { confidence: 'none', hits: [] };
        const knownWeight = terms.reduce((sum, t) => sum + idf(t), 0);
        const unknownWeight = (allTerms.length - terms.length) * unseenIdf * SEARCH_TUNING.unknownWordWeight;
        const unknownPenalty = knownWeight / (knownWeight + unknownWeight);

        for (const term of terms) questionIdf[termIds.get(term)!] = idf(term);
        // Entries in the order the ranking first reaches them through a question or title, then through an answer
        // alone: ties in the final sort keep this order.
        const viaQuestions: number[] = [];
        const viaAnswers: number[] = [];
        for (const [index, score] of scoreRecords(terms)) {
            const record = records[index];
            const coverage = 1 - score;
            if (record.kind === 'answer') {
                if (answerCoverage[record.entry] < 0) viaAnswers.push(record.entry);
                answerCoverage[record.entry] = coverage;
            } else {
                if (questionScore[record.entry] < 0) viaQuestions.push(record.entry);
                questionScore[record.entry] = Math.max(questionScore[record.entry], confidenceOf(record, coverage));
            }
        }
        for (const term of terms) questionIdf[termIds.get(term)!] = 0;

        const best: [entry: number, score: number][] = [];
        const rank = (entry: number) => {
            const fromAnswer = Math.max(0, answerCoverage[entry]);
            const fromQuestions = questionScore[entry] >= 0 ? questionScore[entry] + SEARCH_TUNING.answerBonus * fromAnswer : 0;
            best.push([entry, Math.max(fromQuestions, fromAnswer * SEARCH_TUNING.kindWeight.answer) * unknownPenalty]);
        };
        for (const entry of viaQuestions) rank(entry);
        for (const entry of viaAnswers) if (questionScore[entry] < 0) rank(entry);
        for (const entry of viaQuestions) questionScore[entry] = -1;
        for (const entry of viaAnswers) answerCoverage[entry] = -1;

        // Its own words, known to the content or not, say whether the message's naming the field may anchor it.
        const fieldNamed = options.fieldNamed === true && allTerms.filter((t) => !fieldTerms.has(t)).length >= SEARCH_TUNING.messageAnchorTerms;
        const asked = conclude(best.sort((a, b) => b[1] - a[1]), terms, undefined, fieldNamed);
        // The conversation's topic helps only a question that cannot stand alone ("and the average?"): leaning a clear
        // question on a new subject towards the old one made "how much do MLTs make?", asked after a schooling
        // question, a "Did you mean" between pay and schooling.
        if (asked.confidence === 'answer' || !options.preferTopic) return asked;
        const boosted = best.map(([entry, score]): [number, number] => [entry, kb.entries[entry].topic === options.preferTopic ? score * SEARCH_TUNING.topicBoost : score]);
        return conclude(boosted.sort((a, b) => b[1] - a[1]), terms, options.preferTopic, fieldNamed);
    }

    /**
     * `query` without what it sets aside ("what soft skills do lab techs need besides being good at science": not a
     * question about being good at science), when what is left still asks about something.
     */
    function withoutAside(query: string): string {
        const rest = query.replace(ASIDE, ' ');
        return rest !== query && subjectTerms(rest).length > 0 ? rest : query;
    }

    /**
     * `query` without who said what it asks about ("my teacher said there are no jobs for MLTs, is she correct?": a
     * question about jobs, not teachers; "my coworkers (nurses) said…" is not about nursing), when what is left still asks
     * about something.
     */
    function withoutSpeaker(query: string): string {
        const rest = query.replace(SPEAKER, ' ');
        return rest !== query && subjectTerms(rest).length > 0 ? rest : query;
    }

    /**
     * `query` without a "why" it ends with ("Is this a growing field, and why?", "Do you like it, why?"): it asks for the
     * reasons of the answer to the rest, and alone its one word drew entries that explain why ("why get certified"), when
     * what is left still asks about something.
     */
    function withoutWhy(query: string): string {
        // Only the end is read: a run of spaces elsewhere costs nothing (linear however long the question).
        const from = Math.max(0, query.length - TRAILING_WHY_CHARS);
        const found = TRAILING_WHY.exec(query.slice(from));
        if (!found) return query;
        const rest = query.slice(0, from + found.index);
        return subjectTerms(rest).length > 0 ? rest : query;
    }

    /** `query` without the words written as names (capitalised, not opening a sentence) that the content does not use. */
    function withoutUnknownNames(query: string): string {
        // In a title written in Title Case every word is capitalised, so a known word after a name left out is no sign of
        // the same name: "Conviction" was left out with "Petty Theft" ("Can I Become a Medical Lab Tech with a Petty Theft
        // Conviction?"), and the question became "Can I become a medical lab tech". Read only when that case arises.
        let title: boolean | undefined;
        let seen = 0;
        // Where the last name left out ended: a capitalised word right after it belongs to the same name ("Austin/Central
        // Texas", "Fort Worth"), though the content happens to use the word ("central").
        let droppedEnd = -1;
        return query.replace(NAME_WORD, (match: string, word: string, at: number) => {
            if (++seen > MAX_NAMES) return match;
            const sameName = droppedEnd >= 0 && NAME_JOINER.test(query.slice(droppedEnd, at)) && !(title ??= isTitleCase(query));
            if (!sameName && normalizer.knows(word.toLowerCase())) return match;
            droppedEnd = at + word.length;
            // "the Austin area": the place word goes with the name (the content's "areas" of the lab are another thing).
            return match.length > word.length ? '  ' : ' ';
        });
    }

    /** The result of entries ranked best first; `followed` is the conversation's topic when they were leaned towards it. */
    function conclude(ranked: [entry: number, score: number][], terms: string[], followed?: Topic, fieldNamed = false): SearchResult {
        // Reported as a confidence between 0 and 1; the bands and the margin read the raw scores.
        const hits = ranked.map(([index, score]) => ({ entry: kb.entries[index], score: round(Math.min(1, score)) }));
        const top = ranked[0]?.[1] ?? 0;
        // Two close entries on one topic are both reasonable; close entries on different topics mean the question is ambiguous,
        // unless the content links them by a follow-up: then they are one subject from two sides, and the runner-up is offered
        // as a button of the answer. Measured 6 December 2026 (BENCHMARKS.md, eleventh session): the tuning half, the team
        // set, the allied set and the MLT development half each answered one or two more questions right and none fewer;
        // every question the sources cannot answer was still held back (one MLT post mixing a foreign credential with
        // certification got the licence answer instead of its gap, one "Did you mean" became an answer on another topic).
        const leader = ranked[0]?.[0];
        // Nor is an entry a rival when it shares none of the question's own subject words with it, while the leader does:
        // it came close on the field's names alone ("MLS", "lab"), so it is not another subject the question could mean.
        // Measured 6 December 2026 (BENCHMARKS.md, twelfth session): the tuning half answered one more question right and
        // no set lost one.
        const subject = terms.filter((t) => !fieldTerms.has(t));
        const sharesSubject = (index: number) => subject.some((t) => entryTerms[index].has(t));
        const bySubject = leader !== undefined && sharesSubject(leader);
        const rival = ranked.find(([index]) => kb.entries[index].topic !== kb.entries[leader].topic && !isLinked(kb.entries[leader].id, kb.entries[index].id) && (!bySubject || sharesSubject(index)));
        const margin = top - (rival?.[1] ?? 0);
        const reading: SearchReading = {
            top,
            margin,
            // A follow-up on the conversation's topic is anchored by the conversation; a question in a message that names
            // the field, by the message, when its best entry leads clearly.
            anchored:
                (followed !== undefined && hits[0]?.entry.topic === followed) ||
                terms.some((t) => anchors.has(t)) ||
                (fieldNamed && margin >= SEARCH_TUNING.messageAnchorMargin),
        };
        const confidence = bandOf(reading);
        return { confidence, hits: confidence === 'answer' ? hits : hits.slice(0, SEARCH_TUNING.maxSuggestions), reading };
    }

    // Each term once: "which one makes more money?" names one subject, pay, though two of its phrases read as it.
    const subjectTerms = (text: string) => [...new Set(normalizer.terms(text))].filter((t) => !fieldTerms.has(t));
    const opinionAsks = kb.language.opinionAsks;
    const opinionWords = new Set(opinionAsks?.words.map((w) => w.toLowerCase()));
    const opinionTerms = new Set([...(opinionAsks?.words ?? []), ...(opinionAsks?.filler ?? [])].flatMap((w) => normalizer.terms(w)));
    const enteringTerms = new Set(opinionAsks?.entering.flatMap((w) => normalizer.terms(w)));
    const opinionQuestion = (question: string): string | undefined => {
        if (!opinionAsks || !(question.toLowerCase().match(WORD) ?? []).some((w) => opinionWords.has(w))) return undefined;
        return subjectTerms(question).every((t) => opinionTerms.has(t)) ? opinionAsks.readAs : undefined;
    };
    const tagQuestions = new Set(kb.language.tagQuestions?.map((t) => splitWords(t).join(' ')));
    // Tag questions are a few words: a longer question is not read word by word to find out.
    const asksAboutPrevious = (question: string): boolean =>
        (question.length <= MAX_TAG_QUESTION_LENGTH && tagQuestions.has(splitWords(question).join(' '))) || opinionQuestion(question) !== undefined;
    // Each phrase as whole words of the message's words (as unsourced names are found below): a few scans of the text.
    const started = opinionAsks?.started;
    const startedPhrases = started?.phrases.map((p) => ` ${splitWords(p).join(' ')} `) ?? [];
    const startedWorkQuestion = (message: string): string | undefined => {
        if (!started) return undefined;
        const padded = ` ${normalizer.words(message).join(' ')} `;
        if (!startedPhrases.some((phrase) => padded.includes(phrase))) return undefined;
        return normalizer.terms(message).some((t) => fieldTerms.has(t)) ? started.readAs : undefined;
    };
    const weighsTakingUp = (message: string): boolean => {
        const said = normalizer.terms(message);
        return said.some((t) => fieldTerms.has(t)) && said.some((t) => enteringTerms.has(t));
    };
    return {
        search,
        entry: (id) => byId.get(id),
        entries: knowledge.entries,
        normalizer,
        medicalAdviceReply: kb.language.medicalAdvice.reply,
        unsourcedNameNote(text) {
            const padded = ` ${normalizer.words(text).join(' ')} `;
            return unsourcedNames.find(({ names }) => names.some((name) => padded.includes(` ${name} `)))?.note;
        },
        subjectTerms,
        opinionQuestion,
        asksAboutPrevious,
        weighsTakingUp,
        // Read without correcting spelling: it is asked of whole posts, and a field's name is rarely misspelt.
        namesField: (text) => normalizer.terms(text, { spelling: false }).some((t) => fieldTerms.has(t)),
        startedWorkQuestion,
        linked: isLinked,
    };
}

/** No tag question is longer ("am i reading that right?" is 24). */
const MAX_TAG_QUESTION_LENGTH = 60;

/** A word as `opinionAsks.words` lists it: "thoughts", "opinion". */
const WORD = /[\p{L}]+/gu;
/**
 * What a question sets aside, to the end of its clause or the question word that starts the next: "besides being good at
 * science", "other than hospitals", "other than pay| what's the difference". Each character is looked at once (the
 * look-ahead is a few words long), so linear in the text.
 */
const ASIDE = /\b(?:besides|other than|apart from|aside from|except for|except)\b(?:(?!\b(?:what|whats|how|why|which|where|when|who|is|are|do|does|can|could|should|will|would)\b)[^,.;:?!])*/gi;

/** A "why" after the question it asks about: ", and why?", ", why?", " and why not?". */
const TRAILING_WHY = /,?\s+(?:and\s+)?why(?:\s+or\s+why\s+not|\s+not)?\s*[?!.]*\s*$/i;
/** How much of a question's end is read for it: ", and why or why not?" with spaces to spare. */
const TRAILING_WHY_CHARS = 40;

/**
 * Who said something, up to the verb of saying: "my teacher said", "some of my coworkers (nurses) and they said", "a
 * nurse told"; not a clause ("the exam is hard, they said": "is" stops it). At most four words between, so each place
 * is looked at a few words ahead: linear in the text.
 */
const SPEAKER = /\b(?:my|our|a|an|the|some|his|her|their|your|many|most|all|several|few)\s+(?:(?!(?:is|are|was|were|will|would|can|could|do|does|did|has|have|had)\b)[\p{L}()'’,-]+\s+){0,4}?(?:said|told|tells|claims|claimed|warned|mentioned|swear|swears|insist|insists|insisted)\b/giu;
/** A capitalised word after a word (not after a sentence's end): "Austin", "Central" in "in the Austin/Central Texas area". */
const NAME_WORD = /(?<=[\p{Ll}\p{N},/]\s{0,3})\b(\p{Lu}\p{Ll}{2,})\b(?:\s{1,3}(?:area|region|metro|county)\b)?/gu;
/** A word long enough that a title capitalises it ("Become", "Medical"; not "a", "with", "the"). */
const TITLE_WORD = /\p{L}{5,}/gu;
/** At least this many such words after the first, capitalised, make a title. */
const MIN_TITLE_WORDS = 3;

/**
 * Whether `text` is written in Title Case: of its words of five letters or more after the first, at least three are
 * capitalised and at most one in four is not. One scan of the text.
 */
function isTitleCase(text: string): boolean {
    let capitalised = 0;
    let lower = 0;
    let first = true;
    for (const [word] of text.matchAll(TITLE_WORD)) {
        if (first) {
            first = false;
            continue;
        }
        if (word[0] === word[0].toUpperCase()) capitalised++;
        else lower++;
    }
    return capitalised >= MIN_TITLE_WORDS && lower * 4 <= capitalised;
}

/** What may stand between two words of one name: a space or two, a slash or a hyphen. */
const NAME_JOINER = /^[\s/-]{1,3}$/;
/** At most this many names are left out of one question. */
const MAX_NAMES = 8;

/**
 * An answer (band `answer`) scored below this is a low-confidence answer: Insights lists them so advisors check them first.
 * @remarks 0.55 is where the answer band began before the known gaps joined the index, and the band `npm run bands`
 * sweeps between 0.55 and `answerAt` (0.45) is where the tuning admitted answers on thinner evidence: it gained five right
 * answers there for one wrong one (see SEARCH_TUNING.answerAt), so an answer scored there is the likeliest to be wrong.
 * Only scores at or above `answerAt` are answers at all, so low confidence is [answerAt, LOW_CONFIDENCE_BELOW).
 */
export const LOW_CONFIDENCE_BELOW = 0.55;

/** The thresholds of the confidence bands. */
export interface BandThresholds {
    answerAt: number;
    suggestAt: number;
    minMargin: number;
}

/** The band a search's reading falls in (see SEARCH_TUNING for how the bands were chosen). */
export function bandOf(reading: SearchReading, tuning: BandThresholds = SEARCH_TUNING): Confidence {
    if (reading.top >= tuning.answerAt && reading.margin >= tuning.minMargin && reading.anchored) return 'answer';
    if (reading.top >= tuning.suggestAt) return 'suggest';
    return 'none';
}

function round(score: number): number {
    return Math.round(score * 1000) / 1000;
}
