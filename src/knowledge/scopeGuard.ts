import type { Language } from './languageSchema';
import type { TextNormalizer } from './textNormalizer';

/** Why a question is not searched: it asks for medical advice, tries to change the bot's role, or is about something else. */
export type OutOfScopeReason = 'medical-advice' | 'manipulation' | 'other-subject';

/** Decides, before any search, whether a question is one this bot must not answer from its knowledge. */
export interface ScopeGuard {
    check(text: string): OutOfScopeReason | undefined;
}

/** Words before another job that make it the visitor's own ("my CNA experience", "as a nurse", "former vet tech"). */
const BACKGROUND = ['my', 'im', 'i am', 'as a', 'as an', 'was a', 'was an', 'former', 'ex', 'retired', 'been a', 'been an'];

/** Builds the guard from the `scope` and `medicalAdvice` lists of `knowledge/language.yaml`. */
export function createScopeGuard(language: Language, normalizer: TextNormalizer): ScopeGuard {
    const phraseList = (list: string[]) => list.map((p) => normalizer.words(p).join(' ')).filter(Boolean);
    const manipulation = phraseList(language.scope.manipulation);
    const otherSubjects = phraseList(language.scope.otherSubjects);
    const personal = phraseList(language.medicalAdvice.personal);
    const health = phraseList(language.medicalAdvice.health);
    const domainTerms = new Set(language.scope.domainTerms.flatMap((t) => normalizer.terms(t)));
    const longestPhrase = Math.max(1, ...[...manipulation, ...otherSubjects, ...personal, ...health].map((p) => p.split(' ').length));

    return {
        check(text) {
            const words = normalizer.words(text);
            const padded = ` ${words.join(' ')} `;
            // Every run of up to `longestPhrase` words of the text, so that looking up each listed phrase costs the same
            // however long the text is (searching the text for each of them was 4% of the handling of the tuning half's
            // turns, BENCHMARKS.md, twenty-seventh session).
            const runs = new Set<string>();
            for (let i = 0; i < words.length; i++) {
                let run = '';
                for (let n = 0; n < longestPhrase && i + n < words.length; n++) runs.add((run = n === 0 ? words[i] : `${run} ${words[i + n]}`));
            }
            const has = (phrase: string) => runs.has(phrase);
            if (manipulation.some(has)) return 'manipulation';
            if (personal.some(has) && health.some(has)) return 'medical-advice';
            // "would my CNA experience help at all?", "I'm a vet tech…": another job the visitor has done is their
            // background, not what they ask about.
            const subjects = otherSubjects.filter((subject) => has(subject) && !BACKGROUND.some((b) => padded.includes(` ${b} ${subject} `)));
            if (subjects.length > 0) {
                // "pharmacy tech salary" names another job: its words must not count as ours ("tech").
                let rest = padded;
                for (const subject of subjects) rest = rest.split(` ${subject} `).join(' ');
                if (!normalizer.terms(rest).some((t) => domainTerms.has(t))) return 'other-subject';
            }
            return undefined;
        },
    };
}
