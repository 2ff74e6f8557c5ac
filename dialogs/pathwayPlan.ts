import type { Facts } from '../src/knowledge/factsSchema';
import type { SourceRef } from '../src/knowledge/schema';
import type { UsJurisdiction } from '../src/recognizers';
import type { CareerGoal, EducationLevel } from './pathwayAnswers';

/** What the pathway planner learned about the visitor. */
export interface PathwayAnswers {
    education: EducationLevel;
    goal: CareerGoal;
    state?: UsJurisdiction;
}

/** A personal plan as Markdown, with the sources it draws on for the citation. */
export interface PathwayPlan {
    text: string;
    sources: SourceRef[];
}

const EDUCATION_LABEL: Record<EducationLevel, string> = {
    'high-school': 'high school or GED',
    'some-college': 'some college',
    associate: 'an associate degree',
    'science-bachelor': 'a bachelor’s in a science',
    'other-bachelor': 'a bachelor’s degree',
};
const GOAL_LABEL: Record<CareerGoal, string> = { mlt: 'MLT (technician)', mls: 'MLS (technologist)', undecided: 'not sure yet, so MLT first' };

const UNDECIDED_NOTE =
    'You’re not sure yet, so this plan starts with the **MLT (technician)** route. It is the shorter way in: an associate’s degree or a certificate, where an MLS (technologist) usually needs a 4-year bachelor’s degree. An MLT performs routine tests under supervision; an MLS performs more complex tests with more independence. An MLT can later advance to MLS with further education, so nothing is lost by starting here.';
const CREDITS = 'Ask each program whether your earlier college credits count; our sources don’t cover credit transfer.';
const ASSOCIATE_CHECK = '**Check whether your associate degree already counts.** If it is in medical laboratory technology from an accredited program, you already have the education an MLT needs and can go straight to certification. If it is in another field, our sources don’t cover credit transfer; your options are:';
const BACHELOR_MLT = '**Pick your route into MLT work.** Our sources say an associate’s degree or a postsecondary certificate is all an MLT needs (some employers prefer a bachelor’s, which you have). Your options:';
const MLS_DEGREE = '**Earn a bachelor’s degree for the MLS role:**';
const MLS_VIA_MLT = 'Or start as an MLT with a 2-year associate degree and advance to MLS later with further education.';
const ASSOCIATE_MLS = 'If your associate degree is in medical laboratory technology, you can work as an MLT meanwhile: MLTs advance to MLS with further education.';
const SCIENCE_BACHELOR_MLS =
    '**Check whether your degree counts for MLS.** Our sources only say an MLS needs a bachelor’s degree in medical technology (medical laboratory science) or a related field. They don’t say whether a degree in your subject counts, or what extra coursework or training you would need, so ask accredited MLS programs before you enrol. If it doesn’t count, the MLT route (an associate degree or a certificate) is the other way in.';
const OTHER_BACHELOR_MLS =
    '**Find out what you’d need for MLS.** Our sources say an MLS needs a bachelor’s degree in medical technology (medical laboratory science) or a related field, and they don’t cover degrees in other subjects. Ask accredited MLS programs what you would need; the MLT route (an associate degree or a certificate) is the other way in.';
const SCIENCE_BACHELOR_MLT_ALSO = 'Your science degree may also bring MLS within reach: our sources say an MLS needs a bachelor’s in medical technology or a related field, but not whether yours counts, so ask accredited MLS programs.';
const ACCREDITATION = (names: string) =>
    `**Choose an accredited program**, for example one accredited by ${names}. Accreditation shows a program meets national standards, and its graduates are eligible for certification exams.`;
const ROTATIONS = (list: string) => `**Complete your clinical training**, built into the program or done as an externship, with rotations such as ${list}.`;
const ONLINE = (note: string) => `**Studying online?** ${note}`;
const CERTIFY = (bodies: string) =>
    `**Get certified** through the ${bodies}. Employers frequently prefer, and sometimes require, certification, and some states make it a prerequisite for a license.`;
const MLT_CREDENTIAL = ' The ASCP Board of Certification offers the Medical Laboratory Technician (MLT) credential.';
const LICENSE_LISTED = (name: string, steps: string) =>
    `**Get your ${name} license.** ${name} is one of the places our sources name as requiring medical laboratory professionals to hold a state license. The usual steps: ${steps}. Confirm the current rules with ${name}’s licensing board before you apply.`;
const LICENSE_NOT_LISTED = (name: string) =>
    `**Check ${name}’s licensing rules.** ${name} is not on our sources’ list of places that require a state license, but that list is given as examples, so confirm with ${name}’s laboratory licensing board or health department.`;
const LICENSE_NO_STATE = (names: string) =>
    `**Check your state’s licensing rules.** Some states require a state license; our sources name ${names}. Ask me “Do I need a license in my state?” once you know where you’ll work.`;
const JOB_SEARCH = (steps: string) => `**Look for work.**\n${steps}`;
const ADVANCE_LATER = '**Later, if you want more:** an MLT can advance to MLS (technologist) with further education, usually a bachelor’s degree in medical laboratory science or a related field.';

/** Builds the ordered plan for the visitor's schooling, goal and (optional) state from the structured facts. */
export function buildPathwayPlan(facts: Facts, answers: PathwayAnswers): PathwayPlan {
    const { education, goal, state } = answers;
    const route = goal === 'mls' ? 'mls' : 'mlt';
    const { programs, accreditors, rotations, onlineNote, scienceBase } = facts.education;
    const jobSearch = facts.jobSearch.steps;
    const options = (leadsTo: 'mlt' | 'mls') =>
        programs.filter((p) => p.leadsTo === leadsTo).map((p) => `   - **${p.name}**, ${p.length}. ${p.detail}`).join('\n');
    const early = education === 'high-school' || education === 'some-college';

    const steps: string[] = [];
    if (early) steps.push(`**${scienceBase.name}.** ${scienceBase.detail}`);
    steps.push(programStep(education, route, options));
    steps.push(ACCREDITATION(accreditors.map((a) => (a.short ? `the ${a.name} (${a.short})` : a.name)).join(' or ')));
    steps.push(ROTATIONS(listNames(rotations.map((r) => `${r.name.toLowerCase()} (${lowerFirst(r.detail).replace(/\.$/, '')})`))));
    steps.push(ONLINE(onlineNote.trim()));
    const bodies = facts.certification.bodies.map((b) => (b.short ? `${b.name} (${b.short})` : b.name)).join(' or the ');
    steps.push(CERTIFY(bodies) + (route === 'mlt' ? MLT_CREDENTIAL : ''));
    steps.push(licenseStep(facts, state));
    steps.push(JOB_SEARCH(jobSearch.map((j) => `   - **${j.name}:** ${j.detail}`).join('\n')));
    if (route === 'mlt') steps.push(ADVANCE_LATER);

    const heading = `**Your plan** (education so far: ${EDUCATION_LABEL[education]}; goal: ${GOAL_LABEL[goal]}${state ? `; state: ${state.name}` : ''})`;
    const intro = goal === 'undecided' ? `${UNDECIDED_NOTE}\n\n` : '';
    const text = `${intro}${heading}\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;

    const sources = [
        ...(early ? scienceBase.source : []),
        ...programs.filter((p) => p.leadsTo === route || education.endsWith('bachelor')).flatMap((p) => p.source),
        ...accreditors.flatMap((a) => a.source),
        ...rotations.flatMap((r) => r.source),
        ...facts.education.source,
        ...facts.certification.bodies.flatMap((b) => b.source),
        ...facts.licensure.source,
        ...jobSearch.flatMap((j) => j.source),
    ];
    return { text, sources };
}

function programStep(education: EducationLevel, route: 'mlt' | 'mls', options: (leadsTo: 'mlt' | 'mls') => string): string {
    if (route === 'mlt') {
        switch (education) {
            case 'high-school':
                return `**Enrol in an MLT program.** Your options:\n${options('mlt')}`;
            case 'some-college':
                return `**Enrol in an MLT program.** ${CREDITS} Your options:\n${options('mlt')}`;
            case 'associate':
                return `${ASSOCIATE_CHECK}\n${options('mlt')}`;
            case 'science-bachelor':
                return `${BACHELOR_MLT}\n${options('mlt')}\n\n   ${SCIENCE_BACHELOR_MLT_ALSO}`;
            case 'other-bachelor':
                return `${BACHELOR_MLT}\n${options('mlt')}`;
        }
    }
    switch (education) {
        case 'science-bachelor':
            return SCIENCE_BACHELOR_MLS;
        case 'other-bachelor':
            return OTHER_BACHELOR_MLS;
        case 'some-college':
            return `${MLS_DEGREE}\n${options('mls')}\n\n   ${CREDITS} ${MLS_VIA_MLT}`;
        case 'associate':
            return `${MLS_DEGREE}\n${options('mls')}\n\n   ${CREDITS} ${ASSOCIATE_MLS}`;
        case 'high-school':
            return `${MLS_DEGREE}\n${options('mls')}\n\n   ${MLS_VIA_MLT}`;
    }
}

function licenseStep(facts: Facts, state: UsJurisdiction | undefined): string {
    const { requiringJurisdictions, steps } = facts.licensure;
    if (!state) return LICENSE_NO_STATE(listNames(requiringJurisdictions.map((j) => j.name)));
    if (!requiringJurisdictions.some((j) => j.code === state.code)) return LICENSE_NOT_LISTED(state.name);
    return LICENSE_LISTED(state.name, steps.map((s) => lowerFirst(s.name)).join(', '));
}

/** "a, b and c", as the sources write lists. */
function listNames(names: string[]): string {
    return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function lowerFirst(text: string): string {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
