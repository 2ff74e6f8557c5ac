// @ts-check
/*
 * #/knowledge: advisors improve the bot's answers themselves. Pages:
 *   #/knowledge?q=&topic=     the entries, searchable, with where each stands (edited, new, retired, unpublished)
 *   #/knowledge/entry/<id>    one entry's editor beside a test chat with the draft (?try=<text> asks it at once)
 *   #/knowledge/new           a new entry (?question=… once per question, from the review inbox)
 *   #/knowledge/synonyms      the words the search treats as one
 *   #/knowledge/publish       what publishing would change, the draft checked against the question sets, Publish
 *   #/knowledge/versions      what each published version changed, and Restore
 * Editors and admins change the draft; admins publish and restore; advisors read. A published version the bot could
 * not load is shown at the top of every page.
 */
import { api, problemText } from './api.js';
import { append, dataTable, field, h, heading, hidden, say, statusLine, timeEl, topicName } from './dom.js';
import { renderEditor } from './knowledgeEditor.js';
import { renderPublish, renderVersions } from './knowledgeChanges.js';
import { renderSynonyms } from './knowledgeSynonyms.js';
import { mayAct } from './roles.js';

/**
 * @typedef {{ doc: string, section: string } | { title: string, url: string, date: string }} SourceItem
 * @typedef {{ id: string, title: string, shortTitle: string, publisher: string, dated: string }} SourceDoc
 * @typedef {{ id: string, topic: string, title: string, questions: string[], keywords: string[], answer: string, followUps: string[],
 *   source: SourceItem[], asOf?: string, dialog?: string, dialogStarts?: string, dialogRequests?: string[], popular?: boolean,
 *   version: number, status: 'shipped' | 'edited' | 'new' | 'retired', unpublished: boolean, baseChanged: boolean, readOnly: string[],
 *   updatedBy?: string, updatedAt?: string, shipped?: { title: string, questions: string[], answer: string } }} Entry
 * @typedef {{ field: string, added?: string[], removed?: string[], words?: Array<{ op: 'same' | 'removed' | 'added', text: string }> }} FieldChange
 * @typedef {{ key: string, kind: 'added' | 'changed' | 'retired' | 'restored', title: string, fields: FieldChange[] }} Change
 * @typedef {{ n: number, problems: unknown[], at?: string }} Broken
 * @typedef {{ n: number, publishedBy: string, publishedAt: string, changes: Change[], restoredFrom: number | null }} Version
 * @typedef {{ live: { version: number, published: number, broken: Broken[] }, versions: Version[] }} Versions
 * @typedef {import('./console.js').ViewContext & { canEdit: boolean, isAdmin: boolean, top(title: string): HTMLElement[] }} KnowledgeContext
 *   `top`: what starts each page: its h1 (also the document's title), the tabs, and the notice of a version that did not load
 */

/** The pages under #/knowledge, as the tabs name them. */
const TABS = [
    ['', 'Entries'],
    ['synonyms', 'Synonyms'],
    ['publish', 'Publish'],
    ['versions', 'Versions'],
];

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const role = ctx.me.role;
    const [page, id] = ctx.args;
    const tab = page === 'entry' || page === 'new' ? '' : page || '';
    /** @type {KnowledgeContext} */
    const kctx = {
        ...ctx,
        canEdit: mayAct(role, 'editor'),
        isAdmin: mayAct(role, 'admin'),
        top(title) {
            ctx.setTitle(title);
            const banner = h('div', { class: 'live-problems' });
            void showBroken(banner);
            return [heading(title), tabs(tab), banner];
        },
    };
    const body = h('div', { class: 'knowledge' });
    view.append(body);
    if (page === 'entry' && id) renderEditor(body, kctx, id);
    else if (page === 'new') renderEditor(body, kctx, undefined);
    else if (page === 'synonyms') renderSynonyms(body, kctx);
    else if (page === 'publish') renderPublish(body, kctx);
    else if (page === 'versions') renderVersions(body, kctx);
    else renderList(body, kctx);
}

/** @param {string} current */
function tabs(current) {
    return h(
        'nav',
        { class: 'tabs', 'aria-label': 'Knowledge' },
        h('ul', {}, TABS.map(([page, text]) => h('li', {}, h('a', { href: '#/knowledge' + (page ? '/' + page : ''), 'aria-current': page === current ? 'page' : null }, text))))
    );
}

/**
 * The published versions the bot could not load, loudly: visitors get the last version that loaded until someone fixes it.
 * @param {HTMLElement} banner
 */
async function showBroken(banner) {
    /** @type {Versions} */
    let versions;
    try {
        versions = await api('/knowledge/versions');
    } catch (_) {
        return; // The page's own loading says what failed.
    }
    const broken = (versions.live && versions.live.broken) || [];
    if (!broken.length) return;
    banner.appendChild(
        h(
            'div',
            { class: 'alert', role: 'alert' },
            h('p', {}, 'A published version did not load: visitors get version ' + versions.live.version + ' until it is fixed.'),
            h('ul', {}, broken.map((b) => h('li', {}, 'Version ' + b.n, b.at ? [' (', timeEl(b.at), ')'] : null, ': ', b.problems.map(problemLine).join('; '))))
        )
    );
}

/** One problem of the loader, in its words: `entry "x" › field: message`. @param {unknown} problem */
export function problemLine(problem) {
    if (typeof problem === 'string') return problem;
    if (!problem || typeof problem !== 'object') return String(problem);
    const p = /** @type {{ entryId?: string, field?: string, message?: string }} */ (problem);
    return (p.entryId ? 'entry “' + p.entryId + '” › ' : '') + (p.field ? p.field + ': ' : '') + (p.message || '');
}

// ---- the list --------------------------------------------------------------------------------

/** @param {HTMLElement} body @param {KnowledgeContext} ctx */
function renderList(body, ctx) {
    const q = h('input', { type: 'search', name: 'q', value: ctx.query.get('q') || '', autocomplete: 'off' });
    const topic = h('select', { name: 'topic' }, h('option', { value: '' }, 'All topics'));
    const form = h(
        'form',
        { class: 'filters filters--inline', role: 'search', 'aria-label': 'Find entries' },
        field('Words', q, 'In the title, questions, keywords or answer'),
        field('Topic', topic),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Search'))
    );
    const status = statusLine();
    const table = dataTable('Entries', ['Title', 'Topic', 'Where it stands', 'Last change']);
    const intro = h(
        'p',
        { class: 'intro' },
        ctx.canEdit
            ? 'The entries the bot answers from. Changes are a draft until an admin publishes them; the test chat beside each entry answers from the draft.'
            : 'The entries the bot answers from. Editors and admins change them; you can read them and what changed.'
    );
    const newEntry = ctx.canEdit ? h('p', {}, h('a', { class: 'button', href: '#/knowledge/new' }, 'New entry')) : null;
    append(body, [ctx.top('Knowledge'), intro, newEntry, form, status, table.region]);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        if (q.value.trim()) query.set('q', q.value.trim());
        if (topic.value) query.set('topic', topic.value);
        location.hash = '#/knowledge' + (String(query) ? '?' + query : '');
    });
    const query = new URLSearchParams();
    for (const name of ['q', 'topic']) if (ctx.query.get(name)) query.set(name, /** @type {string} */ (ctx.query.get(name)));
    say(status, 'Loading entries…');
    api('/knowledge/entries', { query }).then(
        (/** @type {{ entries: Entry[], topics: string[] }} */ data) => {
            for (const t of data.topics || []) topic.appendChild(h('option', { value: t, selected: t === ctx.query.get('topic') }, topicName(t)));
            for (const entry of data.entries) table.body.appendChild(entryRow(entry));
            const n = data.entries.length;
            say(status, n === 0 ? 'No entry matches.' : n === 1 ? '1 entry.' : n + ' entries.');
        },
        (error) => say(status, problemText(error), true)
    );
}

/** @param {Entry} entry */
function entryRow(entry) {
    return h(
        'tr',
        { class: entry.status === 'retired' ? 'is-retired' : '' },
        h('th', { scope: 'row', class: 'prose' }, h('a', { href: entryHref(entry.id) }, entry.title), h('span', { class: 'entry-id muted' }, ' ', entry.id)),
        h('td', {}, topicName(entry.topic)),
        h('td', {}, statusBadges(entry)),
        h('td', { class: 'nowrap' }, entry.updatedAt ? [timeEl(entry.updatedAt), h('span', { class: 'muted' }, ' by ' + (entry.updatedBy || '?'))] : h('span', { class: 'muted' }, 'as shipped'))
    );
}

/** `#/knowledge/entry/<id>`. @param {string} id */
export function entryHref(id) {
    return '#/knowledge/entry/' + encodeURIComponent(id);
}

/** Where an entry stands, in words: edited, new, retired, unpublished, and the release flag. @param {Entry} entry */
export function statusBadges(entry) {
    const labels = { edited: 'Edited', new: 'New', retired: 'Retired' };
    /** @type {HTMLElement[]} */
    const badges = [];
    if (entry.status !== 'shipped') badges.push(h('span', { class: 'state state--' + entry.status }, labels[entry.status]));
    if (entry.unpublished) badges.push(h('span', { class: 'state state--unpublished' }, 'Unpublished'));
    if (entry.baseChanged) badges.push(h('span', { class: 'state state--release', title: 'A release changed the shipped text of this entry after advisors changed it' }, 'The shipped text changed in a release: compare'));
    if (!badges.length) badges.push(h('span', { class: 'muted' }, 'As shipped', hidden(', published')));
    return h('span', { class: 'states' }, badges);
}
