// @ts-check
/*
 * Password forms: #/account, where every advisor changes their own (current password, then the new one twice), and
 * the form an admin opens on an account row to reset another account's. Either ends the account's other sessions;
 * the API says which field it refused ("newPassword: …"), and the form marks that field.
 */
import { api, ApiError, problemText } from './api.js';
import { field, h, heading, say, statusLine, uid } from './dom.js';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * @typedef {{ input: HTMLInputElement, label: string }} PasswordField
 * @typedef {Record<string, PasswordField>} PasswordFields the API's field names → the form's fields
 */

/** @param {string} name @param {string} autocomplete */
function passwordInput(name, autocomplete) {
    return h('input', { name, type: 'password', required: true, autocomplete, spellcheck: 'false' });
}

/**
 * Marks the field a refusal names and says what is wrong, by the field's label ("New password: …").
 * @param {HTMLElement} status @param {PasswordFields} fields @param {unknown} error
 */
function showRefusal(status, fields, error) {
    const message = problemText(error);
    const match = error instanceof ApiError ? /^(\w+): (.*)$/.exec(message) : null;
    const named = match && Object.prototype.hasOwnProperty.call(fields, match[1]) ? fields[match[1]] : undefined;
    if (named && match) {
        markInvalid(fields, named, status);
        say(status, named.label + ': ' + match[2], true);
        named.input.focus();
    } else {
        say(status, message, true);
    }
}

/** @param {PasswordFields} fields @param {PasswordField | undefined} invalid @param {HTMLElement} status */
function markInvalid(fields, invalid, status) {
    if (!status.id) status.id = uid('password-status');
    for (const f of Object.values(fields)) {
        const wrong = f === invalid;
        f.input.setAttribute('aria-invalid', wrong ? 'true' : 'false');
        const described = (f.input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== status.id);
        if (wrong) described.push(status.id);
        if (described.length) f.input.setAttribute('aria-describedby', described.join(' '));
        else f.input.removeAttribute('aria-describedby');
    }
}

/**
 * Checks the new password and its repetition before anything is sent: the length the server asks for, and that both
 * are the same. Returns the field at fault with what to say, or undefined.
 * @param {PasswordField} next @param {PasswordField} again @returns {[PasswordField, string] | undefined}
 */
function checkNewPassword(next, again) {
    if (Array.from(next.input.value).length < MIN_PASSWORD_LENGTH) return [next, 'needs at least ' + MIN_PASSWORD_LENGTH + ' characters'];
    if (next.input.value !== again.input.value) return [again, 'is not the same as the new password'];
    return undefined;
}

/**
 * A form for a new password typed twice (and the current one, when `current` is given), which posts to `path`.
 * @param {{ path: string, withCurrent: boolean, submitLabel: string, done: string, onDone?: () => void }} options
 */
export function passwordForm(options) {
    const status = statusLine();
    /** @type {PasswordFields} */
    const fields = {};
    if (options.withCurrent) fields.currentPassword = { input: passwordInput('currentPassword', 'current-password'), label: 'Current password' };
    fields.newPassword = { input: passwordInput('newPassword', 'new-password'), label: 'New password' };
    const again = { input: passwordInput('newPasswordAgain', 'new-password'), label: 'New password again' };
    const submit = h('button', { type: 'submit', class: 'button' }, options.submitLabel);
    const form = h(
        'form',
        { class: 'stack password-form', novalidate: true },
        fields.currentPassword ? field(fields.currentPassword.label, fields.currentPassword.input) : null,
        field(fields.newPassword.label, fields.newPassword.input, 'At least ' + MIN_PASSWORD_LENGTH + ' characters'),
        field(again.label, again.input),
        h('div', { class: 'actions' }, submit),
        status
    );
    const all = { ...fields, newPasswordAgain: again };
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (fields.currentPassword && !fields.currentPassword.input.value) {
            markInvalid(all, fields.currentPassword, status);
            say(status, 'Current password: type the password you signed in with', true);
            fields.currentPassword.input.focus();
            return;
        }
        const problem = checkNewPassword(fields.newPassword, again);
        if (problem) {
            markInvalid(all, problem[0], status);
            say(status, problem[0].label + ': ' + problem[1], true);
            problem[0].input.focus();
            return;
        }
        markInvalid(all, undefined, status);
        submit.disabled = true;
        say(status, 'Saving the new password…');
        /** @type {Record<string, string>} */
        const body = { newPassword: fields.newPassword.input.value };
        if (fields.currentPassword) body.currentPassword = fields.currentPassword.input.value;
        try {
            await api(options.path, { method: 'POST', body });
            form.reset();
            say(status, options.done);
            if (options.onDone) options.onDone();
        } catch (error) {
            showRefusal(status, all, error);
        } finally {
            submit.disabled = false;
        }
    });
    return { form, status };
}

/** #/account: who is signed in, and "Change my password". @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function renderAccount(view, ctx) {
    const id = uid('change-password');
    const { form } = passwordForm({
        path: '/me/password',
        withCurrent: true,
        submitLabel: 'Change my password',
        done: 'Your password is changed. You stay signed in here; every other session of your account is signed out.',
    });
    view.append(
        heading('My account'),
        h('p', {}, 'Signed in as ', h('strong', {}, ctx.me.username), ' (' + ctx.me.role + ').'),
        h('section', { class: 'panel panel--narrow', 'aria-labelledby': id }, h('h2', { id }, 'Change my password'), form)
    );
}
