import type { Migration } from '../pgDatabase';

export default {
    id: 'unanswered-questions-001',
    sql: `
CREATE TABLE unanswered_questions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz(3) NOT NULL,
    channel_id text NOT NULL,
    conversation_id text NOT NULL,
    question text NOT NULL
);
CREATE INDEX unanswered_questions_at ON unanswered_questions (at);
CREATE INDEX unanswered_questions_conversation ON unanswered_questions (channel_id, conversation_id);
`,
} satisfies Migration;
