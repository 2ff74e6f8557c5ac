import type { Migration } from '../pgDatabase';

export default {
    id: 'advisor-follow-ups-001',
    sql: `
CREATE TABLE advisor_follow_ups (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id text NOT NULL,
    conversation_id text NOT NULL,
    created_at timestamptz(3) NOT NULL,
    name text NOT NULL,
    contact text NOT NULL,
    contact_kind text NOT NULL CHECK (contact_kind IN ('email', 'phone')),
    topic text NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'claimed', 'done')),
    claimed_by text,
    updated_at timestamptz(3) NOT NULL
);
CREATE INDEX advisor_follow_ups_status ON advisor_follow_ups (status, created_at);
CREATE INDEX advisor_follow_ups_created ON advisor_follow_ups (created_at);
CREATE INDEX advisor_follow_ups_conversation ON advisor_follow_ups (channel_id, conversation_id);
`,
} satisfies Migration;
