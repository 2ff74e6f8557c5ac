// @ts-check
/*
 * The roles an account may have, as the console names them, and what each may see. The API checks the role on every
 * call (an editor passes where an advisor does, and where drafting the knowledge needs an editor; an admin passes
 * everywhere): the console only hides what a role cannot use.
 */

/**
 * @typedef {'advisor' | 'editor' | 'admin'} Role
 */

/** Every role with its label, the one that may do least first (the server's order). @type {ReadonlyArray<[Role, string]>} */
export const ROLES = [
    ['advisor', 'Advisor'],
    ['editor', 'Editor'],
    ['admin', 'Admin'],
];

/** @param {string} role */
function rank(role) {
    return ROLES.findIndex(([value]) => value === role);
}

/**
 * True when `role` may do what `least` may: each role may do everything the ones before it may. A role the console
 * does not know may do nothing beyond an advisor's.
 * @param {string} role @param {Role} least
 */
export function mayAct(role, least) {
    return Math.max(rank(role), 0) >= rank(least);
}
