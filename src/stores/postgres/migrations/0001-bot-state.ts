import type { Migration } from '../pgDatabase';

export default {
    id: 'bot-state-001',
    sql: `
CREATE TABLE bot_state (
    key text PRIMARY KEY,
    etag text NOT NULL,
    doc jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
`,
} satisfies Migration;
