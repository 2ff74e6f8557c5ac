/** A question the load asks, and the entry-id prefix (the topic) a right answer carries in its trace. */
export interface BenchQuestion {
    text: string;
    topic: string;
}

/**
 * Ten real questions, one per topic a visitor asks about most.
 * @remarks In this order every conversation asks them in turn, so "how long is MLT school?" always comes while the
 * MLT-vs-MLS comparison waits on "Which fits you better?": it names MLT but must go to search (the education
 * answer), which the reply check holds it to.
 */
export const BENCH_QUESTIONS: readonly BenchQuestion[] = Object.freeze([
    { text: 'how much does an MLT earn?', topic: 'salary' },
    { text: 'do I need a license in California?', topic: 'licensure' },
    { text: 'what is the difference between an MLT and an MLS?', topic: 'mlt-vs-mls' },
    { text: 'how long is MLT school?', topic: 'education' },
    { text: 'what does the ASCP exam cover?', topic: 'certification' },
    { text: 'where do medical lab technicians work?', topic: 'workplaces' },
    { text: 'what is the job outlook for MLTs?', topic: 'job-outlook' },
    { text: 'what skills does a lab tech need?', topic: 'skills' },
    { text: 'can I become an MLS later?', topic: 'advancement' },
    { text: 'what do MLTs do all day?', topic: 'duties' },
]);
