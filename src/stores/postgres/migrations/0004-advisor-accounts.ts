import type { Migration } from '../pgDatabase';

export default {
    id: 'advisor-accounts-001',
    sql: `
CREATE TABLE advisor_accounts (
    username text COLLATE "C" PRIMARY KEY,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('advisor', 'admin')),
    created_at timestamptz(3) NOT NULL,
    updated_at timestamptz(3) NOT NULL,
    disabled boolean NOT NULL DEFAULT false
);
`,
} satisfies Migration;
