/** A question the load asks, and the entry-id prefix (the topic) a right answer carries in its trace. */
export interface BenchQuestion {
    text: string;
    topic: string;
}

/**
 * Ten real questions, one per topic a visitor asks about most.
 * @remarks In this order every conversation asks them in turn. The question after "MLT vs MLS" is one the
 * comparison's "Which fits you better?" prompt hands over to search; "how long is MLT school?" there is taken
 * as an answer to the prompt, which is right for the dialog but would not measure a search. Duties are asked as
 * "daily duties": "what do MLTs do all day?" currently finds `education-online-programs` (a search miss, reported).
 */
export const BENCH_QUESTIONS: readonly BenchQuestion[] = Object.freeze([
    { text: 'how much does an MLT earn?', topic: 'salary' },
    { text: 'do I need a license in California?', topic: 'licensure' },
    { text: 'what is the difference between an MLT and an MLS?', topic: 'mlt-vs-mls' },
    { text: 'what does the ASCP exam cover?', topic: 'certification' },
    { text: 'how long is MLT school?', topic: 'education' },
    { text: 'where do medical lab technicians work?', topic: 'workplaces' },
    { text: 'what is the job outlook for MLTs?', topic: 'job-outlook' },
    { text: 'what skills does a lab tech need?', topic: 'skills' },
    { text: 'can I become an MLS later?', topic: 'advancement' },
    { text: 'what are the daily duties of an MLT?', topic: 'duties' },
]);
