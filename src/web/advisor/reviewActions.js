// @ts-check
/*
 * What an editor does with a review group in the knowledge: "Add as phrasings of…" an entry (found by its title; the
 * group's examples join its questions in the draft, saved with the version read, so a save made meanwhile is never
 * overwritten), or "New entry from this group" (the editor's new-entry form, the examples as its questions). The
 * examples stay plain text all the way: control values and text nodes.
 */
import { api, problemText } from './api.js';
import { field, h, hidden, say, uid } from './dom.js';
import { entryHref } from './knowledge.js';
import { isStale, uniqueTexts } from './knowledgeForm.js';

/**
 * @typedef {import('./review.js').Group} Group
 * @typedef {import('./knowledge.js').Entry} Entry
 */

/** How many entries a search lists. */
const MAX_RESULTS = 8;

/**
 * The two actions of a group, and the panel "Add as phrasings of…" opens.
 * @param {Group} group @param {HTMLElement} status the inbox's status line @param {string} titleId the group's title, which names the buttons
 */
export function knowledgeActions(group, status, titleId) {
    const examples = uniqueTexts(group.examples.map((e) => e.text));
    const panelId = uid('phrasings');
    const open = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-expanded': 'false', 'aria-controls': panelId, 'aria-describedby': titleId }, 'Add as phrasings of…');
    const query = new URLSearchParams();
    for (const text of examples) query.append('question', text);
    const create = h('a', { class: 'button button--secondary button--small', href: '#/knowledge/new?' + query, 'aria-describedby': titleId }, 'New entry from this group');
    const panel = h('div', { class: 'phrasings', id: panelId, hidden: true });
    open.addEventListener('click', () => {
        const opening = panel.hidden;
        panel.hidden = !opening;
        open.setAttribute('aria-expanded', String(opening));
        if (opening && !panel.children.length) panel.appendChild(picker(group, examples, status, panel));
        const input = panel.querySelector('input');
        if (opening && input) input.focus();
    });
    if (!examples.length) open.disabled = true;
    return { buttons: [open, create], panel };
}

/** Search by title, then pick. @param {Group} group @param {string[]} examples @param {HTMLElement} status @param {HTMLElement} panel */
function picker(group, examples, status, panel) {
    const words = h('input', { type: 'search', autocomplete: 'off' });
    const results = h('ul', { class: 'pick-list', 'aria-label': 'Entries' });
    const find = h('button', { type: 'submit', class: 'button button--small' }, 'Find');
    const form = h('form', { class: 'pick-form', role: 'search' }, field('Find the entry', words, 'Words of its title or questions'), find);
    /** @param {Array<{ id: string, title: string }>} entries */
    const list = (entries) => {
        results.replaceChildren(...entries.slice(0, MAX_RESULTS).map((e) => h('li', {}, pickButton(e, examples, status, panel))));
        if (!entries.length) results.appendChild(h('li', { class: 'muted' }, 'No entry has these words.'));
    };
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        find.disabled = true;
        try {
            /** @type {{ entries: Entry[] }} */
            const data = await api('/knowledge/entries', { query: new URLSearchParams({ q: words.value.trim() }) });
            list(data.entries.filter((e) => e.status !== 'retired'));
        } catch (error) {
            say(status, problemText(error), true);
        } finally {
            find.disabled = false;
        }
    });
    if (group.entries && group.entries.length) list(group.entries);
    return h('div', {}, h('p', { class: 'hint' }, 'The examples ' + (examples.length === 1 ? 'joins' : 'join') + ' the questions of the entry you pick, in the draft:'), h('ul', { class: 'phrasing-examples' }, examples.map((t) => h('li', {}, h('q', {}, t)))), form, results);
}

/** @param {{ id: string, title: string }} ref @param {string[]} examples @param {HTMLElement} status @param {HTMLElement} panel */
function pickButton(ref, examples, status, panel) {
    const button = h('button', { type: 'button', class: 'button button--secondary button--small pick' }, ref.title, hidden(' (' + ref.id + ')'));
    button.addEventListener('click', async () => {
        button.disabled = true;
        say(status, 'Adding to “' + ref.title + '”…');
        try {
            const added = await addPhrasings(ref.id, examples);
            panel.replaceChildren(done(ref, added, examples));
            say(status, added.length ? 'Added ' + count(added.length) + ' to “' + ref.title + '” in the draft.' : '“' + ref.title + '” already has these questions.');
            const link = panel.querySelector('a');
            if (link) link.focus();
        } catch (error) {
            say(status, isStale(error) ? 'Someone saved “' + ref.title + '” at the same moment: press it again to add to their text.' : problemText(error), true);
        } finally {
            button.disabled = false;
        }
    });
    return button;
}

/**
 * Reads the entry, appends the examples it lacks to its questions, and saves it with the version read.
 * @param {string} id @param {string[]} examples @returns {Promise<string[]>} the questions added
 */
async function addPhrasings(id, examples) {
    const path = '/knowledge/entries/' + encodeURIComponent(id);
    /** @type {Entry} */
    const entry = await api(path);
    const known = new Set(uniqueTexts(entry.questions).map((q) => q.toLowerCase()));
    const added = uniqueTexts(examples).filter((text) => !known.has(text.toLowerCase()));
    if (added.length) await api(path, { method: 'PUT', body: { ...entry, questions: [...entry.questions, ...added] }, ifMatch: entry.version });
    return added;
}

/** @param {{ id: string, title: string }} ref @param {string[]} added @param {string[]} examples */
function done(ref, added, examples) {
    const tryText = added[0] || examples[0] || '';
    return h(
        'div',
        { class: 'phrasings-done' },
        h('p', {}, added.length ? 'Added ' + count(added.length) + ' to “' + ref.title + '”. It is in the draft until an admin publishes it.' : '“' + ref.title + '” already has these questions.'),
        h('p', { class: 'actions' }, h('a', { class: 'button button--small', href: entryHref(ref.id) }, 'Open in editor'), h('a', { class: 'button button--secondary button--small', href: entryHref(ref.id) + '?' + new URLSearchParams({ try: tryText }) }, 'Try it in the test chat'))
    );
}

/** @param {number} n */
function count(n) {
    return n === 1 ? '1 phrasing' : n + ' phrasings';
}
