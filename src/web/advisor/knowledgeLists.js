// @ts-check
/*
 * The knowledge editor's two lists of rows: follow-ups (other entries, picked by title, at most four: they become
 * buttons) and sources (an article of knowledge/sources.yaml with its section, or a web page with its title, address
 * and date). Each list can add and remove rows, says what it holds, and locates its fields for refusals.
 */
import { field, h, hidden } from './dom.js';

const MAX_FOLLOW_UPS = 4;

/**
 * @typedef {import('./knowledge.js').SourceItem} SourceItem
 * @typedef {import('./knowledge.js').SourceDoc} SourceDoc
 * @typedef {import('./knowledgeForm.js').Place} Place
 * @typedef {{ element: HTMLElement, set(values: any[]): void, value(): any[], locate(path: string): Place | undefined, setDisabled(disabled: boolean): void }} RowList
 */

/**
 * Follow-ups: one select per row, naming the entries by title.
 * @param {Array<{ id: string, title: string }>} entries every entry but the one edited
 * @returns {RowList}
 */
export function followUpList(entries) {
    const sorted = entries.slice().sort((a, b) => a.title.localeCompare(b.title));
    const list = h('ol', { class: 'row-list' });
    const add = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Add a follow-up');
    /** @type {Array<{ row: HTMLElement, select: HTMLSelectElement, remove: HTMLButtonElement }>} */
    let rows = [];
    let disabled = false;
    const renumber = () => {
        rows.forEach((r, i) => {
            const label = r.row.querySelector('label');
            if (label) label.textContent = 'Follow-up ' + (i + 1);
            r.remove.replaceChildren('Remove', hidden(' follow-up ' + (i + 1)));
        });
        add.disabled = disabled || rows.length >= MAX_FOLLOW_UPS;
    };
    /** @param {string} id */
    const addRow = (id) => {
        const options = sorted.map((e) => h('option', { value: e.id, selected: e.id === id }, e.title));
        if (id && !sorted.some((e) => e.id === id)) options.unshift(h('option', { value: id, selected: true }, id + ' (no such entry)'));
        const select = h('select', { disabled }, h('option', { value: '' }, 'Choose an entry…'), options);
        const remove = h('button', { type: 'button', class: 'button button--secondary button--small', disabled }, 'Remove', hidden(' follow-up'));
        const row = h('li', { class: 'row' }, field('Follow-up', select), remove);
        const entry = { row, select, remove };
        remove.addEventListener('click', () => {
            rows = rows.filter((r) => r !== entry);
            row.remove();
            renumber();
            add.focus();
        });
        rows.push(entry);
        list.appendChild(row);
        renumber();
        return select;
    };
    add.addEventListener('click', () => addRow('').focus());
    const element = h(
        'fieldset',
        { class: 'row-group' },
        h('legend', {}, 'Follow-ups'),
        h('p', { class: 'hint' }, 'Entries offered as buttons under the answer, at most ' + MAX_FOLLOW_UPS + '.'),
        list,
        add
    );
    return {
        element,
        set(ids) {
            rows = [];
            list.textContent = '';
            for (const id of ids) addRow(String(id));
            renumber();
        },
        value: () => rows.map((r) => r.select.value).filter(Boolean),
        locate(path) {
            const [, index] = path.split('.');
            if (path === 'followUps') return { control: rows.length ? rows[0].select : add, anchor: rows.length ? undefined : add };
            const row = index !== undefined ? rows[Number(index)] : undefined;
            return row ? { control: row.select } : undefined;
        },
        setDisabled(value) {
            disabled = value;
            for (const r of rows) r.select.disabled = r.remove.disabled = value;
            renumber();
        },
    };
}

/**
 * Sources: each an article of the sources with its section, or a web page with its title, address and date.
 * @param {SourceDoc[]} docs
 * @returns {RowList}
 */
export function sourceList(docs) {
    const list = h('ol', { class: 'row-list' });
    const add = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Add a source');
    /** @type {Array<ReturnType<typeof sourceRow>>} */
    let rows = [];
    let disabled = false;
    const renumber = () => rows.forEach((r, i) => (r.legend.textContent = 'Source ' + (i + 1)));
    /** @param {SourceItem | undefined} item */
    const addRow = (item) => {
        const row = sourceRow(docs, item, disabled);
        row.remove.addEventListener('click', () => {
            rows = rows.filter((r) => r !== row);
            row.element.remove();
            renumber();
            add.focus();
        });
        rows.push(row);
        list.appendChild(row.element);
        renumber();
        return row;
    };
    add.addEventListener('click', () => addRow(undefined).kind.focus());
    const element = h(
        'fieldset',
        { class: 'row-group' },
        h('legend', {}, 'Sources'),
        h('p', { class: 'hint' }, 'Where the answer’s statements come from: at least one. An article of the sources names its section; a web page its title, address and date.'),
        list,
        add
    );
    return {
        element,
        set(items) {
            rows = [];
            list.textContent = '';
            for (const item of items) addRow(item);
        },
        value: () => rows.map((r) => r.value()),
        locate(path) {
            const [, index, name] = path.split('.');
            if (path === 'source') return rows.length ? { control: rows[0].kind } : { control: add, anchor: add };
            const row = index !== undefined ? rows[Number(index)] : undefined;
            if (!row) return undefined;
            const control = name ? row.controls[name] : row.kind;
            return control ? { control } : undefined;
        },
        setDisabled(value) {
            disabled = value;
            add.disabled = value;
            for (const r of rows) r.setDisabled(value);
        },
    };
}

/** @param {SourceDoc[]} docs @param {SourceItem | undefined} item @param {boolean} disabled */
function sourceRow(docs, item, disabled) {
    const web = !!item && 'url' in item;
    const article = item && 'doc' in item ? item : undefined;
    const page = item && 'url' in item ? item : undefined;
    const kind = h('select', {}, h('option', { value: 'doc', selected: !web }, 'An article of the sources'), h('option', { value: 'web', selected: web }, 'A web page'));
    const docOptions = docs.map((d) => h('option', { value: d.id, selected: !!article && article.doc === d.id }, d.shortTitle + ' (' + d.id + ')'));
    if (article && article.doc && !docs.some((d) => d.id === article.doc)) docOptions.unshift(h('option', { value: article.doc, selected: true }, article.doc + ' (not in the sources)'));
    const doc = h('select', {}, h('option', { value: '' }, 'Choose an article…'), docOptions);
    const section = h('input', { type: 'text', value: article ? article.section : '', autocomplete: 'off' });
    const title = h('input', { type: 'text', value: page ? page.title : '', autocomplete: 'off' });
    const url = h('input', { type: 'url', value: page ? page.url : '', autocomplete: 'off', placeholder: 'https://' });
    const date = h('input', { type: 'text', value: page ? page.date : '', autocomplete: 'off', inputmode: 'numeric' });
    const articleBox = h('div', { class: 'source-fields' }, field('Article', doc), field('Section', section, 'The heading in the article'));
    const webBox = h('div', { class: 'source-fields' }, field('Page title', title), field('Address', url), field('Date', date, 'As the page gives it: 2025, 2025-01 or 2025-01-31'));
    const show = () => {
        articleBox.hidden = kind.value !== 'doc';
        webBox.hidden = kind.value !== 'web';
    };
    kind.addEventListener('change', show);
    show();
    const legend = h('legend', {}, 'Source');
    const remove = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Remove this source');
    const element = h('li', { class: 'row row--source' }, h('fieldset', { class: 'source' }, legend, field('Kind', kind), articleBox, webBox, remove));
    const controls = /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */ ({ doc, section, title, url, date });
    const setDisabled = (/** @type {boolean} */ value) => {
        for (const control of [kind, doc, section, title, url, date, remove]) control.disabled = value;
    };
    setDisabled(disabled);
    return {
        element,
        legend,
        kind,
        remove,
        controls,
        setDisabled,
        /** @returns {SourceItem} */
        value: () => (kind.value === 'web' ? { title: title.value.trim(), url: url.value.trim(), date: date.value.trim() } : { doc: doc.value, section: section.value.trim() }),
    };
}
