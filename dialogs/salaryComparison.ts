import type { SalaryFacts, SalaryFigure } from '../src/knowledge/factsSchema';
import type { SourceRef } from '../src/knowledge/schema';
import { formatAsOf } from '../src/replies/citations';
import type { PayAmount, PayPeriod } from '../src/recognizers';

const PER_PERIOD: Record<PayPeriod, string> = { year: 'a year', month: 'a month', week: 'a week', hour: 'an hour' };
/** How each period is turned into a year; the multipliers are the recognizer's (2,080 hours = 40 × 52). */
const ANNUALISED: Record<Exclude<PayPeriod, 'year'>, string> = {
    hour: '2,080 working hours a year (40 hours × 52 weeks)',
    week: '52 weeks a year',
    month: '12 months a year',
};
const KIND_LABEL: Record<SalaryFigure['kind'], string> = { median: 'median', average: 'average', low: 'lowest', high: 'highest' };

const DATED_INTRO = '**Pay figures in our sources:**';
const OLDER_INTRO = '**Older, unsourced figures** (from an undated guide that does not name its source, so treat them with caution):';
const FEW_AT_TOP = 'the guide says only a few rare cases earn the top figure';
const FACTORS_LINE = (names: string) => `**What raises pay:** ${names}.`;
const DEPENDS_LINE = (names: string) => `Pay also depends on ${names}, so weigh an offer against local pay too.`;

/** `57380` → `$57,380`; cents are kept only when there are some (`$25.50`). */
export function formatMoney(amount: number): string {
    const cents = !Number.isInteger(amount);
    return `$${amount.toLocaleString('en-US', { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 })}`;
}

/** Figures with a date are current; the older guide's undated figures are set apart as unsourced. */
function splitFigures(salary: SalaryFacts): { dated: SalaryFigure[]; older: SalaryFigure[] } {
    return { dated: salary.figures.filter((f) => f.asOf), older: salary.figures.filter((f) => !f.asOf) };
}

function isUnnamed(figure: SalaryFigure): boolean {
    return /^not named/i.test(figure.publisher);
}

/** "median annual wage for clinical laboratory technologists and technicians" and its "(U.S. Bureau of Labor Statistics, May 2023)". */
function describe(figure: SalaryFigure): { what: string; who: string } {
    const what = `${KIND_LABEL[figure.kind]} annual pay for ${figure.population}`;
    const when = figure.asOf ? formatAsOf(figure.asOf) : 'undated';
    const who = isUnnamed(figure) ? `${when}; publisher not named by the article` : `${figure.publisher}, ${when}`;
    return { what, who };
}

/** The list of published figures, each with what it is, who published it and when, plus the pay factors. */
export function describeFigures(salary: SalaryFacts): string {
    const { dated, older } = splitFigures(salary);
    const datedLines = dated.map((f) => {
        const { what, who } = describe(f);
        return `- **${formatMoney(f.amount)}**: ${what} (${who}).${f.note ? ` ${f.note}` : ''}`;
    });
    const olderLines = older.map((f) => `- ${KIND_LABEL[f.kind]}: ${formatMoney(f.amount)}${f.kind === 'high' ? ` (${FEW_AT_TOP})` : ''}`);
    const factors = FACTORS_LINE(factorNames(salary));
    return [DATED_INTRO, datedLines.join('\n'), OLDER_INTRO, olderLines.join('\n'), factors].join('\n\n');
}

function factorNames(salary: SalaryFacts): string {
    const names = salary.factors.map((f) => f.name.toLowerCase());
    return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The pay factors, each with its explanation. */
export function describeFactors(salary: SalaryFacts): string {
    return `**What raises MLT pay**, according to our sources:\n${salary.factors.map((f) => `- **${f.name}:** ${f.detail}`).join('\n')}`;
}

/** The sources of the figures and, with `factorsOnly`, of the pay factors alone. */
export function salarySources(salary: SalaryFacts, factorsOnly = false): SourceRef[] {
    const factors = salary.factors.flatMap((f) => f.source);
    return factorsOnly ? factors : [...salary.figures.flatMap((f) => f.source), ...factors];
}

function difference(annual: number, reference: number): string {
    const diff = Math.round(annual - reference);
    if (diff === 0) return '**exactly the same as**';
    const percent = ((Math.abs(diff) / reference) * 100).toFixed(1);
    return `**${formatMoney(Math.abs(diff))} (${percent}%) ${diff > 0 ? 'above' : 'below'}**`;
}

/** Compares a pay amount, annualised, with the reference median, the average and the older, unsourced range. */
export function compareSalary(salary: SalaryFacts, pay: PayAmount): string {
    const annual = Math.round(pay.annual);
    const quoted = `${formatMoney(pay.amount)} ${PER_PERIOD[pay.period]}`;
    const lines: string[] = [
        pay.period === 'year'
            ? `**Your figure: ${quoted}.**`
            : `**Your figure: ${quoted}**, which is about **${formatMoney(annual)} a year** at ${ANNUALISED[pay.period]}.`,
    ];
    const reference = salary.figures.find((f) => f.id === salary.referenceMedian);
    const { dated, older } = splitFigures(salary);
    const others = dated.filter((f) => f !== reference);
    for (const figure of reference ? [reference, ...others] : others) {
        const { what, who } = describe(figure);
        lines.push(`- ${difference(annual, figure.amount)} the ${what}, ${formatMoney(figure.amount)} (${who}).`);
    }
    const low = older.find((f) => f.kind === 'low');
    const high = older.find((f) => f.kind === 'high');
    if (low && high) {
        const place = annual < low.amount ? 'below' : annual > high.amount ? 'above' : 'within';
        const median = older.find((f) => f.kind === 'median');
        const medianNote = median ? `, median ${formatMoney(median.amount)}` : '';
        lines.push(`- **${place}** the older, unsourced range of ${formatMoney(low.amount)} to ${formatMoney(high.amount)}${medianNote} (${FEW_AT_TOP}).`);
    }
    return `${lines.join('\n')}\n\n${DEPENDS_LINE(factorNames(salary))}`;
}
