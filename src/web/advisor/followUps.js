// @ts-check
/*
 * #/follow-ups?status=open|claimed|done: visitors who asked to be contacted. An advisor claims a request,
 * contacts the visitor, then marks it done; each step moves it to the next tab.
 */
import { api, problemText } from './api.js';
import { conversationHref, dataTable, h, heading, hidden, say, statusLine, timeEl } from './dom.js';

/** @type {Array<[Status, string]>} */
const TABS = [
    ['open', 'Open'],
    ['claimed', 'Claimed'],
    ['done', 'Done'],
];
/** Only a plain address becomes a mailto: link; anything else stays text. */
const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

/**
 * @typedef {'open' | 'claimed' | 'done'} Status
 * @typedef {{ id: number, channelId: string, conversationId: string, createdAt: string, name: string, contact: string,
 *   contactKind: 'email' | 'phone', topic: string, status: Status, claimedBy?: string, updatedAt: string }} FollowUp
 */

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const wanted = ctx.query.get('status');
    /** @type {Status} */
    const status = wanted === 'claimed' || wanted === 'done' ? wanted : 'open';
    const label = (TABS.find(([s]) => s === status) || TABS[0])[1];
    ctx.setTitle('Follow-ups: ' + label);

    const tabs = h(
        'nav',
        { class: 'tabs', 'aria-label': 'Request status' },
        h('ul', {}, TABS.map(([s, text]) => h('li', {}, h('a', { href: '#/follow-ups?status=' + s, 'aria-current': s === status ? 'page' : null }, text))))
    );
    const line = statusLine();
    const table = dataTable(label + ' follow-up requests', ['Created', 'Name', 'Contact', 'Topic', 'Claimed by', 'Conversation', hidden('Actions')]);
    view.append(heading('Follow-up requests'), tabs, line, table.region);

    say(line, 'Loading requests…');
    api('/follow-ups', { query: new URLSearchParams({ status }) }).then(
        (/** @type {{ followUps: FollowUp[] }} */ data) => {
            const requests = data.followUps || [];
            for (const request of requests) table.body.appendChild(row(request, line, table.region));
            say(line, countText(requests.length, label.toLowerCase()));
        },
        (error) => say(line, problemText(error), true)
    );
}

/** @param {number} count @param {string} label */
function countText(count, label) {
    if (count === 0) return 'No ' + label + ' requests.';
    return count === 1 ? '1 ' + label + ' request.' : count + ' ' + label + ' requests.';
}

/** @param {FollowUp} request @param {HTMLElement} line @param {HTMLElement} region */
function row(request, line, region) {
    const actions = h('td', { class: 'row-actions' });
    const tr = h(
        'tr',
        {},
        h('td', { class: 'nowrap' }, timeEl(request.createdAt)),
        h('td', {}, request.name),
        h('td', {}, contactLink(request)),
        h('td', { class: 'prose' }, request.topic),
        h('td', {}, request.claimedBy || h('span', { class: 'muted' }, 'nobody')),
        h('td', {}, h('a', { href: conversationHref(request.channelId, request.conversationId) }, 'Open', hidden(' the conversation with ' + request.name))),
        actions
    );
    /** @param {string} text @param {'claim' | 'complete'} step @param {string} done */
    const button = (text, step, done) => {
        const b = h('button', { type: 'button', class: 'button button--small' }, text, hidden(' (request from ' + request.name + ')'));
        b.addEventListener('click', async () => {
            for (const other of actions.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (other).disabled = true;
            say(line, 'Saving…');
            try {
                await api('/follow-ups/' + encodeURIComponent(String(request.id)) + '/' + step, { method: 'POST', body: {} });
            } catch (error) {
                for (const other of actions.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (other).disabled = false;
                say(line, problemText(error), true);
                return;
            }
            // The request now belongs to another tab.
            tr.remove();
            region.focus();
            say(line, done.replace('{name}', request.name));
        });
        return b;
    };
    if (request.status === 'open') actions.appendChild(button('Claim', 'claim', 'You claimed the request from {name}; it is under Claimed.'));
    if (request.status !== 'done') actions.appendChild(button('Mark done', 'complete', 'The request from {name} is done; it is under Done.'));
    return tr;
}

/** @param {FollowUp} request */
function contactLink(request) {
    const contact = request.contact || '';
    if (request.contactKind === 'email' && EMAIL.test(contact)) return h('a', { href: 'mailto:' + contact }, contact);
    const digits = contact.replace(/[^\d+]/g, '');
    if (request.contactKind === 'phone' && digits.length >= 7) return h('a', { href: 'tel:' + digits }, contact);
    return contact;
}
