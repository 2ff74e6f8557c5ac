import type { Migration } from '../pgDatabase';

/** The known gap a question was on (knowledge/gaps.yaml); NULL for a question nothing matched. */
export default {
    id: 'unanswered-questions-002-gap',
    sql: 'ALTER TABLE unanswered_questions ADD COLUMN gap text',
} satisfies Migration;
