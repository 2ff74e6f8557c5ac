// @ts-check
/*
 * Admin-only views: #/accounts (add accounts, change roles, disable and enable, reset a password) and #/audit (every
 * view, export, deletion and sign-in, newest first). The API checks the role on every call; the console only hides
 * the links.
 */
import { api, problemText } from './api.js';
import { dataTable, field, h, heading, hidden, say, statusLine, timeEl, uid } from './dom.js';
import { MIN_PASSWORD_LENGTH, passwordForm } from './passwords.js';
import { ROLES } from './roles.js';

const AUDIT_PAGE_SIZE = 50;

/**
 * @typedef {import('./roles.js').Role} Role
 * @typedef {{ username: string, role: Role, createdAt: string, disabled: boolean }} Account
 * @typedef {{ at: string, username: string, action: string, target?: string, detail?: string }} AuditEntry
 */

// ---- accounts --------------------------------------------------------------------------------

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function renderAccounts(view, ctx) {
    const status = statusLine();
    const table = dataTable('Advisor accounts', ['Username', 'Role', 'Created', 'Status', hidden('Actions')]);
    const addForm = accountForm(status, table.body, ctx.me.username);
    const addId = 'add-account-heading';
    view.append(
        heading('Accounts'),
        status,
        table.region,
        h('section', { class: 'panel', 'aria-labelledby': addId }, h('h2', { id: addId }, 'Add an account'), addForm)
    );
    say(status, 'Loading accounts…');
    api('/accounts').then(
        (/** @type {{ accounts: Account[] }} */ data) => {
            const accounts = data.accounts || [];
            for (const account of accounts) table.body.appendChild(accountRow(account, status, ctx.me.username));
            say(status, accounts.length === 1 ? '1 account.' : accounts.length + ' accounts.');
        },
        (error) => say(status, problemText(error), true)
    );
}

/** @param {HTMLElement} status @param {HTMLElement} rows @param {string} me */
function accountForm(status, rows, me) {
    const username = h('input', { name: 'username', type: 'text', required: true, minlength: 3, maxlength: 64, pattern: '[a-z0-9._@\\-]+', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { name: 'password', type: 'password', required: true, minlength: MIN_PASSWORD_LENGTH, autocomplete: 'new-password' });
    const role = h('select', { name: 'role' }, ROLES.map(([value, label]) => h('option', { value }, label)));
    const submit = h('button', { type: 'submit', class: 'button' }, 'Add account');
    const form = h(
        'form',
        { class: 'filters filters--inline' },
        field('Username', username, '3 to 64 of a–z, 0–9, . _ @ -'),
        field('Password', password, 'At least ' + MIN_PASSWORD_LENGTH + ' characters'),
        field('Role', role, 'An editor also drafts changes to the knowledge; an admin also publishes them and manages accounts'),
        h('div', { class: 'actions' }, submit)
    );
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        submit.disabled = true;
        say(status, 'Adding the account…');
        try {
            /** @type {Account} */
            const account = await api('/accounts', { method: 'POST', body: { username: username.value.trim(), password: password.value, role: role.value } });
            rows.appendChild(accountRow(account, status, me));
            form.reset();
            say(status, 'Account ' + account.username + ' added.');
            username.focus();
        } catch (error) {
            say(status, problemText(error), true);
        } finally {
            submit.disabled = false;
        }
    });
    return form;
}

/** @param {Account} account @param {HTMLElement} status @param {string} me */
function accountRow(account, status, me) {
    const isMe = account.username === me;
    const path = '/accounts/' + encodeURIComponent(account.username);
    const roleSelect = h(
        'select',
        { 'aria-label': 'Role of ' + account.username, disabled: isMe },
        ROLES.map(([value, label]) => h('option', { value, selected: account.role === value }, label))
    );
    const saveRole = h('button', { type: 'button', class: 'button button--small button--secondary', hidden: isMe }, 'Change role', hidden(' of ' + account.username));
    const state = h('span', {}, account.disabled ? 'Disabled' : 'Active');
    const toggle = h('button', { type: 'button', class: 'button button--small button--secondary', hidden: isMe });
    const showToggle = () => {
        toggle.textContent = account.disabled ? 'Enable' : 'Disable';
        toggle.appendChild(hidden(' ' + account.username));
        state.textContent = account.disabled ? 'Disabled' : 'Active';
    };
    showToggle();

    /** @param {{ role?: Role, disabled?: boolean }} changes @param {string} done */
    const patch = async (changes, done) => {
        say(status, 'Saving…');
        try {
            /** @type {Account | undefined} */
            const updated = await api(path, { method: 'PATCH', body: changes });
            Object.assign(account, changes, updated || {});
            say(status, done);
            return true;
        } catch (error) {
            say(status, problemText(error), true);
            return false;
        }
    };
    saveRole.addEventListener('click', async () => {
        const role = /** @type {Role} */ (roleSelect.value);
        // "an advisor", "an editor", "an admin": every role begins with a vowel.
        if (!(await patch({ role }, account.username + ' is now an ' + role + '.'))) roleSelect.value = account.role;
    });
    toggle.addEventListener('click', async () => {
        const disabled = !account.disabled;
        if (await patch({ disabled }, account.username + (disabled ? ' is disabled and signed out.' : ' is enabled.'))) showToggle();
    });

    // An admin's own password is changed under "My account", which asks for the current one.
    const reset = h('button', { type: 'button', class: 'button button--small button--secondary', hidden: isMe, 'aria-expanded': 'false' }, 'Reset password', hidden(' of ' + account.username));
    /** @type {HTMLTableRowElement | undefined} */
    let resetRow;
    const closeReset = () => {
        if (resetRow) resetRow.remove();
        resetRow = undefined;
        reset.setAttribute('aria-expanded', 'false');
        reset.focus();
    };
    reset.addEventListener('click', () => {
        if (resetRow) return closeReset();
        const titleId = uid('reset');
        const { form } = passwordForm({
            path: path + '/password',
            withCurrent: false,
            submitLabel: 'Reset password',
            done: 'The password of ' + account.username + ' is reset, and every session of that account is signed out.',
        });
        const cancel = h('button', { type: 'button', class: 'button button--secondary' }, 'Close');
        cancel.addEventListener('click', closeReset);
        /** @type {HTMLElement} */ (form.querySelector('.actions')).appendChild(cancel);
        resetRow = h(
            'tr',
            { class: 'reset-row' },
            h('td', { colspan: 5 }, h('div', { class: 'reset-panel', role: 'group', 'aria-labelledby': titleId }, h('h3', { id: titleId }, 'Reset the password of ' + account.username), form))
        );
        row.after(resetRow);
        reset.setAttribute('aria-expanded', 'true');
        /** @type {HTMLInputElement} */ (form.querySelector('input')).focus();
    });

    const row = h(
        'tr',
        {},
        h('th', { scope: 'row' }, account.username, isMe ? h('span', { class: 'muted' }, ' (you)') : null),
        h('td', { class: 'row-actions' }, roleSelect, saveRole),
        h('td', { class: 'nowrap' }, timeEl(account.createdAt)),
        h('td', {}, state),
        h('td', { class: 'row-actions' }, toggle, reset)
    );
    return row;
}

// ---- audit log -------------------------------------------------------------------------------

/** @param {HTMLElement} view */
export function renderAudit(view) {
    const status = statusLine();
    const table = dataTable('Audit log, newest first', ['Time', 'Advisor', 'Action', 'Target', 'Detail']);
    const older = h('button', { type: 'button', class: 'button button--secondary', hidden: true }, 'Load older');
    view.append(heading('Audit log'), status, table.region, h('div', { class: 'more' }, older));
    /** @type {string | undefined} */
    let before;

    const load = async () => {
        const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
        if (before) query.set('before', before);
        older.disabled = true;
        say(status, 'Loading entries…');
        try {
            /** @type {{ entries: AuditEntry[] }} */
            const page = await api('/audit', { query });
            const entries = page.entries || [];
            for (const entry of entries) table.body.appendChild(auditRow(entry));
            if (entries.length) before = entries[entries.length - 1].at;
            older.hidden = entries.length < AUDIT_PAGE_SIZE;
            if (older.hidden && document.activeElement === older) table.region.focus();
            const shown = table.body.children.length;
            say(status, shown === 0 ? 'The audit log is empty.' : 'Showing ' + shown + (shown === 1 ? ' entry.' : ' entries.'));
        } catch (error) {
            say(status, problemText(error), true);
        } finally {
            older.disabled = false;
        }
    };
    older.addEventListener('click', () => void load());
    void load();
}

/** @param {AuditEntry} entry */
function auditRow(entry) {
    return h(
        'tr',
        {},
        h('td', { class: 'nowrap' }, timeEl(entry.at)),
        h('td', {}, entry.username),
        h('td', {}, entry.action),
        h('td', { class: 'break' }, entry.target || ''),
        h('td', { class: 'prose' }, entry.detail || '')
    );
}
