// @ts-check
/*
 * What the knowledge editor's forms share: marking the fields a refusal names (the API's `problems[].field`, a path
 * such as `questions` or `source.0.url`) with the message beside the field, the "someone else saved this" notice of a
 * 412, and a button that asks once more before doing something hard to undo.
 */
import { ApiError, problemText } from './api.js';
import { h, say, uid } from './dom.js';

/**
 * Where a field's message goes: `control` is marked invalid and described by the message, which is placed after
 * `anchor` (the control's `.field` wrapper unless given).
 * @typedef {{ control: HTMLElement, anchor?: HTMLElement }} Place
 * @typedef {(path: string) => Place | undefined} Locate the place of an exact field path, or undefined
 */

/**
 * Shows a refusal: each problem's message beside the field it names (the longest part of its path the form knows:
 * `source.0.url`, then `source.0`, then `source`), the rest in `status`. Focuses the first field marked.
 * @param {HTMLElement} form @param {HTMLElement} status @param {unknown} error @param {Locate} locate
 */
export function showRefusal(form, status, error, locate) {
    clearProblems(form);
    const problems = error instanceof ApiError ? namedProblems(error) : [];
    /** @type {HTMLElement | undefined} */
    let first;
    /** @type {string[]} */
    const unplaced = [];
    for (const problem of problems) {
        const place = problem.field ? placeOf(problem.field, locate) : undefined;
        if (!place) {
            unplaced.push((problem.field ? problem.field + ': ' : '') + problem.message);
            continue;
        }
        markField(place, problem.message);
        if (!first) first = place.control;
    }
    const summary = problemText(error);
    say(status, first ? 'Not saved: ' + summary : summary, true);
    if (first) first.focus();
    return unplaced;
}

/** Removes every mark `showRefusal` left. @param {HTMLElement} form */
export function clearProblems(form) {
    for (const message of form.querySelectorAll('.field-error')) message.remove();
    for (const control of form.querySelectorAll('[aria-invalid="true"]')) {
        control.removeAttribute('aria-invalid');
        const described = (control.getAttribute('data-described') || '').trim();
        if (described) control.setAttribute('aria-describedby', described);
        else control.removeAttribute('aria-describedby');
        control.removeAttribute('data-described');
    }
}

/**
 * The API's problems, or one made from a message that starts with a field (`questions: expected …`) when it sent none.
 * @param {ApiError} error
 */
function namedProblems(error) {
    if (error.problems.length) return error.problems;
    const match = /^([A-Za-z][\w.]*): (.+)$/.exec(error.message);
    return match ? [{ field: match[1], message: match[2] }] : [];
}

/** @param {string} path @param {Locate} locate */
function placeOf(path, locate) {
    const parts = path.split('.');
    for (let n = parts.length; n > 0; n--) {
        const place = locate(parts.slice(0, n).join('.'));
        if (place) return place;
    }
    return undefined;
}

/** @param {Place} place @param {string} message */
function markField(place, message) {
    const { control } = place;
    const anchor = place.anchor || /** @type {HTMLElement} */ (control.closest('.field') || control);
    const existing = anchor.nextElementSibling && anchor.nextElementSibling.classList.contains('field-error') ? anchor.nextElementSibling : null;
    if (existing) {
        existing.textContent += ' ' + message;
        return;
    }
    const id = uid('problem');
    anchor.after(h('p', { class: 'field-error', id }, message));
    if (control.getAttribute('aria-invalid') !== 'true') control.setAttribute('data-described', control.getAttribute('aria-describedby') || '');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + id).trim());
}

/**
 * The notice of a save refused because someone saved first (412): it says so and offers Reload; the form stays as the
 * advisor left it until they press it.
 * @param {string} what "this entry", "the synonyms" @param {() => void} reload
 */
export function staleNotice(what, reload) {
    const button = h('button', { type: 'button', class: 'button button--small' }, 'Reload');
    button.addEventListener('click', reload);
    return h(
        'div',
        { class: 'alert stale', role: 'alert' },
        h('p', {}, 'Someone else saved ' + what + ' since you opened it. Your text is still below: copy what you need, then reload to see theirs.'),
        button
    );
}

/** True for the API's "someone saved since" refusal. @param {unknown} error */
export function isStale(error) {
    return error instanceof ApiError && error.status === 412;
}

/** Lines of a textarea, trimmed, without empty ones or repeats (compared without case). @param {string} text */
export function lines(text) {
    return uniqueTexts(text.split('\n'));
}

/** Texts trimmed, without empty ones or repeats (compared without case), in their order. @param {string[]} texts */
export function uniqueTexts(texts) {
    const seen = new Set();
    /** @type {string[]} */
    const kept = [];
    for (const raw of texts) {
        const text = raw.replace(/\s+/g, ' ').trim();
        const key = text.toLowerCase();
        if (!text || seen.has(key)) continue;
        seen.add(key);
        kept.push(text);
    }
    return kept;
}
