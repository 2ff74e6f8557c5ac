import type { Migration } from '../pgDatabase';

export default {
    id: 'advisor-audit-001',
    sql: `
CREATE TABLE advisor_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz(3) NOT NULL,
    username text NOT NULL,
    action text NOT NULL,
    target text,
    detail text
);
CREATE INDEX advisor_audit_at ON advisor_audit (at, id);
`,
} satisfies Migration;
