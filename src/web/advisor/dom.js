// @ts-check
/*
 * Small DOM helpers for the advisor console. Everything a visitor or an advisor typed reaches the page
 * through textContent (h() children that are strings become text nodes): never innerHTML. The one innerHTML is
 * the bot's own Markdown, rendered by markdown-it with raw HTML off (richText.js).
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {{ [name: string]: string | number | boolean | null | undefined | EventListener }} Attrs
 */

/**
 * Creates an element. `attrs`: `class`, `for`, ARIA and other attributes as strings; `on<event>` as listeners;
 * `true` sets a boolean attribute, `false`/null/undefined leave it out. String children become text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (typeof value === 'function') node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
}

/** @param {Node} parent @param {Array<Child | Child[]>} children */
export function append(parent, children) {
    for (const child of children) {
        if (Array.isArray(child)) append(parent, child);
        else if (child !== null && child !== undefined && child !== false) {
            parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
        }
    }
}

/** Text only seen by screen readers. @param {string} text */
export function hidden(text) {
    return h('span', { class: 'visually-hidden' }, text);
}

/** An emoji that a screen reader reads as `label`. @param {string} emoji @param {string} label */
export function emoji(emoji, label) {
    return h('span', {}, h('span', { 'aria-hidden': 'true' }, emoji), hidden(label));
}

/** The view's single h1; focused (tabindex -1) when the view was reached by navigation. @param {string} text */
export function heading(text) {
    return h('h1', { tabindex: '-1' }, text);
}

/** A polite status line (`role="status"`); set its text with `say`. @param {string} [className] */
export function statusLine(className) {
    return h('p', { role: 'status', class: className || 'status' });
}

/**
 * Puts `text` in a status element; `problem` styles it as an error.
 * @param {HTMLElement} status @param {string} text @param {boolean} [problem]
 */
export function say(status, text, problem) {
    status.textContent = text;
    status.classList.toggle('is-problem', !!problem);
}

/** Counts ids handed out by `field` and `uid`. */
let idCount = 0;

/**
 * A labelled form field: a wrapper with its label, the control and an optional hint.
 * @param {string} label
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control
 * @param {string} [hint]
 */
export function field(label, control, hint) {
    if (!control.id) control.id = 'f' + ++idCount;
    /** @type {HTMLElement[]} */
    const parts = [h('label', { for: control.id }, label)];
    if (hint) {
        const hintId = control.id + '-hint';
        control.setAttribute('aria-describedby', hintId);
        parts.push(h('span', { class: 'hint', id: hintId }, hint));
    }
    const wrapper = h('div', { class: control.type === 'checkbox' ? 'field field--check' : 'field' });
    if (control.type === 'checkbox') append(wrapper, [control, parts]);
    else append(wrapper, [parts, control]);
    return wrapper;
}

/** A unique id for aria-labelledby and friends. @param {string} prefix */
export function uid(prefix) {
    return prefix + '-' + ++idCount;
}

/**
 * A data table inside a focusable scroll region (wide tables scroll sideways on a phone).
 * @param {string} caption
 * @param {Array<string | Node>} columns header cells
 * @param {string} [className]
 */
export function dataTable(caption, columns, className) {
    const captionId = uid('caption');
    const body = h('tbody');
    const table = h(
        'table',
        { class: className || '' },
        h('caption', { id: captionId }, caption),
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
        body
    );
    const region = h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table);
    return { region, table, body };
}

/** A short local date and time. @param {string | undefined} iso */
export function formatTime(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    if (isNaN(date.getTime())) return iso;
    return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A `<time>` element showing a local date and time. @param {string | undefined} iso */
export function timeEl(iso) {
    return h('time', { datetime: iso || '' }, formatTime(iso));
}

/** `YYYY-MM-DD` of a date, in UTC (the API counts days in UTC). @param {Date} date */
export function isoDay(date) {
    return date.toISOString().slice(0, 10);
}

/** Conversation link in the console: `#/conversation/<channel>/<id>`, both URL-encoded. @param {string} channelId @param {string} conversationId */
export function conversationHref(channelId, conversationId) {
    return '#/conversation/' + encodeURIComponent(channelId) + '/' + encodeURIComponent(conversationId);
}

/** Topic ids (as in knowledge/) and how the console names them. */
export const TOPICS = Object.freeze({
    'mlt-vs-mls': 'MLT vs MLS',
    education: 'Education',
    certification: 'Certification',
    licensure: 'Licensure',
    salary: 'Salary',
    'job-outlook': 'Job outlook',
    workplaces: 'Workplaces',
    duties: 'Duties',
    skills: 'Skills',
    specializations: 'Specializations',
    advancement: 'Advancement',
    suitability: 'Suitability',
    'job-search': 'Job search',
});

/** @param {string} topic */
export function topicName(topic) {
    return /** @type {Record<string, string>} */ (TOPICS)[topic] || topic;
}

/**
 * A button that asks once more: pressing it shows `question` with a confirm and a cancel button; confirming runs `run`
 * (which says how it went itself) and closes the question. `small` for buttons among others in a row.
 * @param {{ label: string, question: string, confirm: string, danger?: boolean, small?: boolean, run: () => Promise<void> }} options
 */
export function confirmButton({ label, question, confirm, danger, small, run }) {
    const size = small ? ' button--small' : '';
    const ask = h('button', { type: 'button', class: (danger ? 'button button--danger' : 'button button--secondary') + size }, label);
    const questionId = uid('confirm');
    const yes = h('button', { type: 'button', class: (danger ? 'button button--danger' : 'button') + size }, confirm);
    const no = h('button', { type: 'button', class: 'button button--secondary' + size }, 'Cancel');
    const box = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': questionId, hidden: true }, h('p', { id: questionId }, question), h('div', { class: 'actions' }, yes, no));
    ask.addEventListener('click', () => {
        box.hidden = false;
        ask.hidden = true;
        no.focus();
    });
    no.addEventListener('click', () => {
        box.hidden = true;
        ask.hidden = false;
        ask.focus();
    });
    yes.addEventListener('click', async () => {
        yes.disabled = true;
        try {
            await run();
        } finally {
            yes.disabled = false;
            box.hidden = true;
            ask.hidden = false;
        }
    });
    return h('span', { class: 'confirm-button' }, ask, box);
}
