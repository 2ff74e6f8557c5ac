import type { Migration } from '../pgDatabase';

/**
 * Groups of the review inbox advisors dismissed (`ReviewDismissals`): one row per kind and key, with the latest
 * dismissal. A group stays out of the inbox until an example newer than `dismissed_at` arrives.
 */
export default {
    id: '0012-review-dismissals',
    sql: `
CREATE TABLE review_dismissals (
    kind text NOT NULL,
    key text NOT NULL,
    dismissed_at timestamptz(3) NOT NULL,
    dismissed_by text NOT NULL,
    PRIMARY KEY (kind, key)
);
`,
} satisfies Migration;
