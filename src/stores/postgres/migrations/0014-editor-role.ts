import type { Migration } from '../pgDatabase';

/**
 * Lets an account have the role `editor`: the check on `advisor_accounts.role` is replaced by one that admits it.
 * @remarks The constraint has the name PostgreSQL gave the column's unnamed CHECK in migration 0004
 * (`<table>_<column>_check`); the new one keeps that name. No `IF EXISTS`: a database whose check is named otherwise
 * would keep refusing editors, so the migration fails instead of passing quietly.
 */
export default {
    id: '0014-editor-role',
    sql: `
ALTER TABLE advisor_accounts DROP CONSTRAINT advisor_accounts_role_check;
ALTER TABLE advisor_accounts ADD CONSTRAINT advisor_accounts_role_check CHECK (role IN ('advisor', 'editor', 'admin'));
`,
} satisfies Migration;
