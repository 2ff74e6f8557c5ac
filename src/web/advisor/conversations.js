// @ts-check
/*
 * #/conversations: the filter form, the list (newest activity first, "Load more" pages on) and the CSV export.
 * The filters live in the hash's query (#/conversations?topic=salary&q=…), with the API's own parameter names,
 * so a reload or a shared link shows the same list.
 */
import { api, problemText } from './api.js';
import { conversationHref, dataTable, field, formatTime, h, heading, hidden, say, statusLine, topicName, TOPICS } from './dom.js';

const PAGE_SIZE = 50;
/** The first question is cut to this many characters in the list (the conversation shows it whole). */
const QUESTION_CHARS = 90;
const CHANNELS = ['directline', 'webchat', 'msteams', 'emulator'];
/** Filter parameters, named as the API names them. */
const FLAGS = /** @type {const} */ (['unanswered', 'negative', 'followUp']);
const TEXT_FILTERS = /** @type {const} */ (['from', 'to', 'channel', 'topic', 'reviewed', 'q']);

/**
 * @typedef {{ up: number, down: number }} Rating
 * @typedef {{ channelId: string, conversationId: string, startedAt: string, lastActivityAt: string, messageCount: number,
 *   topics: string[], unanswered: number, rating: Rating, reviewed: boolean, tags: string[], followUpRequested: boolean, notes: string,
 *   firstQuestion?: string }} Summary
 */

/**
 * The list's columns: header text and the label a phone shows before a cell's value (where the table is drawn as
 * one block per conversation). Words, not emoji: an emoji alone is an empty box where no emoji font is installed.
 */
const COLUMNS = /** @type {const} */ ([
    ['First question', ''],
    ['Last activity', ''],
    ['Channel', ''],
    ['Messages', 'Messages'],
    ['Topics', 'Topics'],
    ['Unanswered', 'Unanswered'],
    ['Rated helpful', 'Helpful'],
    ['Rated not helpful', 'Not helpful'],
    ['Reviewed', 'Reviewed'],
    ['Tags', 'Tags'],
]);

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    let filters = cleanFilters(ctx.query);
    let generation = 0;
    let shown = 0;
    /** @type {string | undefined} */
    let continuationToken;

    const form = filterForm(filters);
    const status = statusLine();
    const exportLink = h('a', { class: 'button button--secondary', href: csvHref(filters), download: '' }, 'Export CSV');
    const table = dataTable(
        'Conversations, newest activity first',
        COLUMNS.map(([header]) => header),
        'conversation-list'
    );
    const more = h('button', { type: 'button', class: 'button button--secondary', hidden: true }, 'Load more');

    view.append(
        heading('Conversations'),
        form,
        h('div', { class: 'toolbar' }, exportLink),
        status,
        table.region,
        h('div', { class: 'more' }, more)
    );

    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const next = new URLSearchParams(/** @type {any} */ (new FormData(form)));
        const from = next.get('from');
        const to = next.get('to');
        if (from && to && from > to) {
            say(status, 'The “from” date is after the “to” date.', true);
            return;
        }
        filters = cleanFilters(next);
        const query = String(filters);
        history.replaceState(null, '', '#/conversations' + (query ? '?' + query : ''));
        exportLink.setAttribute('href', csvHref(filters));
        void load(false);
    });
    const clear = /** @type {HTMLButtonElement} */ (form.querySelector('[data-clear]'));
    clear.addEventListener('click', () => {
        // Not a reset button: a reset would bring back the filters the page was opened with.
        for (const control of form.querySelectorAll('input, select')) {
            const c = /** @type {HTMLInputElement | HTMLSelectElement} */ (control);
            if (c instanceof HTMLInputElement && c.type === 'checkbox') c.checked = false;
            else c.value = '';
        }
        form.requestSubmit();
    });
    more.addEventListener('click', () => void load(true));

    /** @param {boolean} append */
    async function load(append) {
        const mine = ++generation;
        const query = new URLSearchParams(filters);
        query.set('limit', String(PAGE_SIZE));
        if (append && continuationToken) query.set('continuationToken', continuationToken);
        say(status, append ? 'Loading more conversations…' : 'Loading conversations…');
        table.region.setAttribute('aria-busy', 'true');
        try {
            /** @type {{ conversations: Summary[], continuationToken?: string }} */
            const page = await api('/conversations', { query });
            if (mine !== generation) return;
            if (!append) {
                table.body.textContent = '';
                shown = 0;
            }
            for (const summary of page.conversations) table.body.appendChild(row(summary));
            shown += page.conversations.length;
            continuationToken = page.continuationToken || undefined;
            more.hidden = !continuationToken;
            if (!continuationToken && document.activeElement === more) table.region.focus();
            say(status, describe(shown, page.conversations.length, append, !!continuationToken));
        } catch (error) {
            if (mine === generation) say(status, problemText(error), true);
        } finally {
            if (mine === generation) table.region.removeAttribute('aria-busy');
        }
    }

    void load(false);
}

/**
 * @param {number} shown @param {number} added @param {boolean} appended @param {boolean} hasMore
 */
function describe(shown, added, appended, hasMore) {
    if (shown === 0) return 'No conversations match these filters.';
    const count = shown === 1 ? '1 conversation' : shown + ' conversations';
    const suffix = hasMore ? '; more are available.' : '.';
    return (appended ? added + ' more loaded. Showing ' : 'Showing ') + count + suffix;
}

/** Keeps only the filters the API knows, with non-empty values. @param {URLSearchParams} source */
function cleanFilters(source) {
    const out = new URLSearchParams();
    for (const name of TEXT_FILTERS) {
        const value = (source.get(name) || '').trim();
        if (value) out.set(name, value);
    }
    for (const name of FLAGS) if (source.get(name) === 'true') out.set(name, 'true');
    const reviewed = out.get('reviewed');
    if (reviewed !== null && reviewed !== 'true' && reviewed !== 'false') out.delete('reviewed');
    return out;
}

/** @param {URLSearchParams} filters */
function csvHref(filters) {
    const query = String(filters);
    return '/api/advisor/conversations.csv' + (query ? '?' + query : '');
}

/** @param {URLSearchParams} filters */
function filterForm(filters) {
    const value = (/** @type {string} */ name) => filters.get(name) || '';
    const input = (/** @type {string} */ name, /** @type {string} */ type) => h('input', { name, type, value: value(name) });
    const check = (/** @type {string} */ name) => h('input', { name, type: 'checkbox', value: 'true', checked: filters.get(name) === 'true' });
    /** @param {string} name @param {Array<[string, string]>} options */
    const select = (name, options) =>
        h('select', { name }, options.map(([v, label]) => h('option', { value: v, selected: value(name) === v }, label)));

    const channel = h('input', { name: 'channel', type: 'text', list: 'channel-list', value: value('channel'), autocomplete: 'off', spellcheck: 'false' });
    const channels = h('datalist', { id: 'channel-list' }, CHANNELS.map((c) => h('option', { value: c })));
    const topics = /** @type {Array<[string, string]>} */ ([['', 'Any topic']]).concat(Object.keys(TOPICS).map((t) => [t, topicName(t)]));

    return h(
        'form',
        { class: 'filters', role: 'search', 'aria-label': 'Filter conversations' },
        h(
            'div',
            { class: 'filters-grid' },
            field('Search messages', input('q', 'search')),
            field('Last activity from', input('from', 'date')),
            field('Last activity to', input('to', 'date'), 'Inclusive'),
            field('Channel', channel, 'directline, webchat, msteams, emulator…'),
            channels,
            field('Topic', select('topic', topics)),
            field(
                'Reviewed',
                select('reviewed', [
                    ['', 'Any'],
                    ['true', 'Yes'],
                    ['false', 'No'],
                ])
            )
        ),
        h(
            'fieldset',
            { class: 'checks' },
            h('legend', {}, 'Only conversations with'),
            field('An unanswered question', check('unanswered')),
            field('A thumbs-down rating', check('negative')),
            field('A follow-up request', check('followUp'))
        ),
        h(
            'div',
            { class: 'actions' },
            h('button', { type: 'submit', class: 'button' }, 'Apply filters'),
            h('button', { type: 'button', class: 'button button--secondary', 'data-clear': 'true' }, 'Clear filters')
        )
    );
}

/**
 * A cell with the label a phone shows before its value (`data-label`, drawn by the style sheet).
 * @param {number} column index in COLUMNS @param {import('./dom.js').Attrs} attrs @param {...(import('./dom.js').Child | import('./dom.js').Child[])} children
 */
function cell(column, attrs, ...children) {
    const label = COLUMNS[column][1];
    return h('td', { ...attrs, 'data-label': label || undefined }, ...children);
}

/** The visitor's first question, whitespace folded and cut to QUESTION_CHARS; text, never HTML. @param {string | undefined} question */
export function shortQuestion(question) {
    const folded = (question || '').replace(/\s+/g, ' ').trim();
    const chars = Array.from(folded);
    return chars.length > QUESTION_CHARS ? chars.slice(0, QUESTION_CHARS - 1).join('') + '…' : folded;
}

/** @param {Summary} c */
function row(c) {
    const tags = (c.tags || []).map((tag) => h('span', { class: 'tag' }, tag));
    const question = shortQuestion(c.firstQuestion);
    const topics = (c.topics || []).map(topicName).join(', ');
    return h(
        'tr',
        {},
        cell(
            0,
            { class: 'cell-question' },
            h('a', { href: conversationHref(c.channelId, c.conversationId) }, question ? question : h('span', { class: 'muted' }, 'No question typed')),
            c.followUpRequested ? h('span', { class: 'badge' }, 'follow-up requested') : null
        ),
        cell(1, { class: 'nowrap cell-time' }, formatTime(c.lastActivityAt)),
        cell(2, { class: 'cell-channel' }, c.channelId),
        cell(3, { class: 'num' }, c.messageCount),
        cell(4, { class: topics ? 'cell-topics' : 'cell-topics is-empty' }, topics || [h('span', { 'aria-hidden': 'true' }, '—'), hidden('No topics')]),
        cell(5, { class: c.unanswered ? 'num is-warning' : 'num' }, c.unanswered),
        cell(6, { class: 'num' }, c.rating ? c.rating.up : 0),
        cell(7, { class: c.rating && c.rating.down ? 'num is-warning' : 'num' }, c.rating ? c.rating.down : 0),
        cell(8, {}, c.reviewed ? 'Yes' : 'No'),
        cell(9, { class: tags.length ? 'cell-tags' : 'cell-tags is-empty' }, tags.length ? tags : [h('span', { class: 'muted', 'aria-hidden': 'true' }, '—'), hidden('No tags')])
    );
}
