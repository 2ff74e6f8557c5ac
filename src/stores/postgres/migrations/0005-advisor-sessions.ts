import type { Migration } from '../pgDatabase';

export default {
    id: 'advisor-sessions-001',
    sql: `
CREATE TABLE advisor_sessions (
    token_hash text PRIMARY KEY,
    username text NOT NULL,
    created_at timestamptz(3) NOT NULL,
    idle_expires_at timestamptz(3) NOT NULL,
    expires_at timestamptz(3) NOT NULL
);
CREATE INDEX advisor_sessions_username ON advisor_sessions (username);
`,
} satisfies Migration;
