import { z } from 'zod';
import { SourceRefSchema } from './schema';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty text');
const sources = z.array(SourceRefSchema).min(1, 'expected at least one source');
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date such as 2024-11');

/** A state or territory that requires laboratory personnel to hold a license (`facts/licensure.yaml`). */
export const JurisdictionSchema = z.strictObject({
    name: nonEmpty,
    code: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter postal code'),
    kind: z.enum(['state', 'territory']),
});
export const LicensureFactsSchema = z.strictObject({
    /** Markdown: the general rule, shown when no state is named. */
    generalRule: nonEmpty,
    requiringJurisdictions: z.array(JurisdictionSchema).min(1),
    /** The usual steps to a state license, in order. */
    steps: z.array(z.strictObject({ name: nonEmpty, detail: nonEmpty })).min(1),
    /** Markdown shown for a state that is not on the articles' list. */
    notListedAdvice: nonEmpty,
    source: sources,
});
export type LicensureFacts = z.infer<typeof LicensureFactsSchema>;

/** One published pay figure, with what it measures and when (`facts/salary.yaml`). */
export const SalaryFigureSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(['median', 'average', 'low', 'high']),
    amount: z.number().int().positive(),
    period: z.literal('year'),
    /** Who the figure describes, e.g. "clinical laboratory technologists and technicians". */
    population: nonEmpty,
    /** Who published the figure, as the article reports it, or "not named in the article". */
    publisher: nonEmpty,
    /** When the figure was measured; omitted when the article does not say. */
    asOf: isoDate.optional(),
    note: nonEmpty.optional(),
    source: sources,
});
export type SalaryFigure = z.infer<typeof SalaryFigureSchema>;
export const SalaryFactsSchema = z.strictObject({
    figures: z.array(SalaryFigureSchema).min(1),
    /** The id of the figure comparisons are made against. */
    referenceMedian: z.string(),
    factors: z.array(z.strictObject({ name: nonEmpty, detail: nonEmpty, source: sources })).min(1),
});
export type SalaryFacts = z.infer<typeof SalaryFactsSchema>;

/** The MLT vs MLS comparison table (`facts/mltVsMls.yaml`). */
export const ComparisonFactsSchema = z.strictObject({
    rows: z.array(z.strictObject({ feature: nonEmpty, mlt: nonEmpty, mls: nonEmpty })).min(1),
    source: sources,
});
export type ComparisonFacts = z.infer<typeof ComparisonFactsSchema>;

/** A named item with a one-line explanation: work settings, specializations, certification bodies. */
export const NamedFactSchema = z.strictObject({
    name: nonEmpty,
    /** Abbreviation people use, e.g. ASCP. */
    short: nonEmpty.optional(),
    detail: nonEmpty,
    source: sources,
});
export type NamedFact = z.infer<typeof NamedFactSchema>;
export const WorkSettingsFactsSchema = z.strictObject({ settings: z.array(NamedFactSchema).min(1) });
export const SpecializationsFactsSchema = z.strictObject({ specializations: z.array(NamedFactSchema).min(1) });
export const CertificationFactsSchema = z.strictObject({ bodies: z.array(NamedFactSchema).min(1) });

/** Programs, accreditors and clinical rotations the pathway planner builds a plan from (`facts/education.yaml`). */
export const EducationFactsSchema = z.strictObject({
    programs: z.array(z.strictObject({
        id: z.enum(['certificate', 'associate', 'bachelor']),
        name: nonEmpty,
        length: nonEmpty,
        leadsTo: z.enum(['mlt', 'mls']),
        detail: nonEmpty,
        source: sources,
    })).min(1),
    accreditors: z.array(NamedFactSchema).min(1),
    rotations: z.array(NamedFactSchema).min(1),
    /** Why a newcomer should build a science base first (the planner's first step for people without college science). */
    scienceBase: NamedFactSchema,
    /** Markdown note on online programs and their campus lab days. */
    onlineNote: nonEmpty,
    source: sources,
});
export type EducationFacts = z.infer<typeof EducationFactsSchema>;

/** Steps of a job search after training, in order (`facts/jobSearch.yaml`). */
export const JobSearchFactsSchema = z.strictObject({ steps: z.array(NamedFactSchema).min(1) });

/** The "is this career right for me?" quiz (`facts/careerFit.yaml`). */
export const CareerFitFactsSchema = z.strictObject({
    questions: z.array(z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        /** The yes/no question put to the user. */
        prompt: nonEmpty,
        /** Said when the user answers yes. */
        ifYes: nonEmpty,
        /** Said when the user answers no. */
        ifNo: nonEmpty,
        source: sources,
    })).min(2),
    source: sources,
});
export type CareerFitFacts = z.infer<typeof CareerFitFactsSchema>;

/** Every structured-facts file, by its name under `knowledge/facts/`. */
export const FACT_FILES = {
    'licensure.yaml': LicensureFactsSchema,
    'salary.yaml': SalaryFactsSchema,
    'mltVsMls.yaml': ComparisonFactsSchema,
    'workSettings.yaml': WorkSettingsFactsSchema,
    'specializations.yaml': SpecializationsFactsSchema,
    'certification.yaml': CertificationFactsSchema,
    'education.yaml': EducationFactsSchema,
    'careerFit.yaml': CareerFitFactsSchema,
    'jobSearch.yaml': JobSearchFactsSchema,
} as const;

/** The structured facts the dialogs read. */
export interface Facts {
    licensure: LicensureFacts;
    salary: SalaryFacts;
    mltVsMls: ComparisonFacts;
    workSettings: z.infer<typeof WorkSettingsFactsSchema>;
    specializations: z.infer<typeof SpecializationsFactsSchema>;
    certification: z.infer<typeof CertificationFactsSchema>;
    education: EducationFacts;
    careerFit: CareerFitFacts;
    jobSearch: z.infer<typeof JobSearchFactsSchema>;
}
