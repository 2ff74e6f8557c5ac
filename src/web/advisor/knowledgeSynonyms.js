// @ts-check
/*
 * #/knowledge/synonyms: the words the search treats as one, a canonical term and the words people use for it
 * ("mlt" ← "lab tech", "med lab tech"). Saved like an entry: with the version loaded (If-Match), a 412 keeps the
 * advisor's text with a Reload button, a refusal marks the row it names.
 */
import { api, problemText } from './api.js';
import { field, h, hidden, say, statusLine } from './dom.js';
import { clearProblems, isStale, showRefusal, staleNotice } from './knowledgeForm.js';

/**
 * @typedef {import('./knowledge.js').KnowledgeContext} KnowledgeContext
 * @typedef {{ synonyms: Record<string, string[]>, version: number }} Synonyms
 */

/** @param {HTMLElement} body @param {KnowledgeContext} ctx */
export function renderSynonyms(body, ctx) {
    const status = statusLine();
    const notices = h('div');
    const list = h('ol', { class: 'row-list synonyms' });
    const add = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Add a term');
    const save = h('button', { type: 'submit', class: 'button' }, 'Save to the draft');
    const form = h(
        'form',
        { class: 'stack', novalidate: true, 'aria-label': 'Synonyms' },
        notices,
        list,
        ctx.canEdit ? h('div', { class: 'actions' }, add, save) : h('p', { class: 'muted' }, 'Editors and admins change the synonyms.')
    );
    body.append(
        ...ctx.top('Synonyms'),
        h('p', { class: 'intro' }, 'Each term stands for the words people use for it: a question saying “med lab tech” is searched as if it said “mlt”. Terms are one lowercase word.'),
        status,
        form
    );
    /** @type {Array<{ row: HTMLElement, term: HTMLInputElement, words: HTMLTextAreaElement }>} */
    let rows = [];
    let version = 0;

    /** @param {string} term @param {string[]} words */
    const addRow = (term, words) => {
        const termInput = h('input', { type: 'text', value: term, autocomplete: 'off', spellcheck: 'false', disabled: !ctx.canEdit });
        const wordsInput = h('textarea', { rows: 2, disabled: !ctx.canEdit }, words.join(', '));
        const remove = h('button', { type: 'button', class: 'button button--secondary button--small', hidden: !ctx.canEdit }, 'Remove', hidden(' ' + (term || 'this term')));
        const row = h('li', { class: 'row synonym-row' }, field('Term', termInput), field('Words for it', wordsInput, 'Separated by commas'), remove);
        const entry = { row, term: termInput, words: wordsInput };
        remove.addEventListener('click', () => {
            rows = rows.filter((r) => r !== entry);
            row.remove();
            add.focus();
        });
        rows.push(entry);
        list.appendChild(row);
        return termInput;
    };
    /** @param {Synonyms} data */
    const fill = (data) => {
        version = data.version;
        rows = [];
        list.replaceChildren();
        for (const [term, words] of Object.entries(data.synonyms)) addRow(term, words);
    };
    const load = async (/** @type {string} */ done) => {
        say(status, 'Loading the synonyms…');
        try {
            fill(await api('/knowledge/synonyms'));
            notices.replaceChildren();
            clearProblems(form);
            say(status, done || rows.length + ' terms.');
        } catch (error) {
            say(status, problemText(error), true);
        }
    };
    add.addEventListener('click', () => addRow('', []).focus());
    /** A refusal names `synonyms.<term>` (or `synonyms.<term>.<n>`): the row of that term. @param {string} path */
    const locate = (path) => {
        const [top, term] = path.split('.');
        const row = top === 'synonyms' && term !== undefined ? rows.find((r) => r.term.value.trim() === term) : undefined;
        return row ? { control: row.words } : undefined;
    };
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        /** @type {Record<string, string[]>} */
        const synonyms = {};
        for (const r of rows) {
            const term = r.term.value.trim();
            const words = r.words.value.split(',').map((w) => w.trim()).filter(Boolean);
            if (term || words.length) synonyms[term] = [...(synonyms[term] || []), ...words];
        }
        save.disabled = true;
        say(status, 'Saving…');
        try {
            fill(await api('/knowledge/synonyms', { method: 'PUT', body: { synonyms }, ifMatch: version }));
            clearProblems(form);
            say(status, 'Saved to the draft. An admin publishes it.');
        } catch (error) {
            if (isStale(error)) {
                notices.replaceChildren(staleNotice('the synonyms', () => void load('Reloaded: these are the synonyms as they are now.')));
                say(status, 'Not saved: someone else saved the synonyms since you opened them.', true);
            } else {
                showRefusal(form, status, error, locate);
            }
        } finally {
            save.disabled = false;
        }
    });
    void load('');
}
