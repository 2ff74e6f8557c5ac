// @ts-check
/*
 * #/review: the review inbox over a date range (the last 30 days unless the hash says otherwise): questions nothing
 * matched, "Did you mean" turns (and which suggestion the visitor pressed), answers on thin evidence, answers rated
 * thumbs down, and questions on known gaps. Each kind lists its groups, most asked first, with examples that link to
 * their conversations. An editor adds a group's examples as phrasings of an entry, or starts a new entry from them
 * (reviewActions.js). A group can be dismissed: it leaves the inbox until a new example arrives. Visitor text is
 * always text (h() children), never HTML.
 */
import { api, problemText } from './api.js';
import { periodView } from './period.js';
import { conversationHref, h, heading, hidden, say, timeEl, uid } from './dom.js';
import { knowledgeActions } from './reviewActions.js';
import { mayAct } from './roles.js';

/**
 * @typedef {'unanswered' | 'did-you-mean' | 'low-confidence' | 'thumbs-down' | 'gap'} Kind
 * @typedef {{ text: string, at: string, channelId: string, conversationId: string, offered?: string[], pressed?: string | null }} Example
 * @typedef {{ kind: Kind, key: string, title: string, count: number, lastAt: string, examples: Example[],
 *   entries?: Array<{ id: string, title: string }>, yamlStub?: string }} Group
 * @typedef {{ from: string, to: string, truncated: boolean, lowConfidenceBelow: number, groups: Group[] }} Inbox
 */

/** Each kind's heading, what it holds, and how its count reads. @type {Array<{ kind: Kind, title: string, about: (below: number) => string, counted: string }>} */
const KINDS = [
    { kind: 'unanswered', title: 'No answer', about: () => 'Questions nothing in the knowledge matched.', counted: 'Asked' },
    {
        kind: 'did-you-mean',
        title: 'Did you mean',
        about: () => 'The bot offered suggestions instead of answering. Each example says which suggestion the visitor then pressed, if any.',
        counted: 'Asked',
    },
    {
        kind: 'low-confidence',
        title: 'Low-confidence answers',
        about: (below) => 'Answers given on thin evidence (a search score below ' + below + '), by the entry answered: the likeliest to be wrong.',
        counted: 'Answered',
    },
    { kind: 'thumbs-down', title: 'Rated thumbs down', about: () => 'Answers visitors rated thumbs down, by the entry answered.', counted: 'Rated down' },
    { kind: 'gap', title: 'Known gaps', about: () => 'Questions on subjects the sources do not cover (knowledge/gaps.yaml), by gap.', counted: 'Asked' },
];

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const editor = mayAct(ctx.me.role, 'editor');
    const intro = h(
        'p',
        { class: 'intro' },
        'What visitors asked that the bot did not answer well, grouped by similar questions, most asked first. ',
        'Dismiss a group when nothing needs doing: it comes back when a new example arrives. ',
        editor
            ? 'Add a group’s questions as phrasings of the entry that should answer them, or start a new entry from them, then try the draft in the Knowledge test chat.'
            : 'Editors add a group’s questions to the knowledge (Knowledge page); a developer can start from a group’s YAML stub.'
    );
    const results = h('div', { class: 'review-inbox' });
    const { form, status } = periodView(ctx, {
        route: 'review',
        loading: 'Loading the review inbox…',
        show: async (query) => {
            /** @type {Inbox} */
            const inbox = await api('/review', { query });
            return () => {
                results.textContent = '';
                if (inbox.truncated) results.appendChild(h('p', { class: 'notice' }, 'This period holds more conversations than were read at once: the groups are of the newest ones.'));
                results.append(...KINDS.map((k) => kindSection(k, inbox, status, editor)));
                return 'Showing ' + query.get('from') + ' to ' + query.get('to') + ': ' + groupCount(inbox.groups.length) + '.';
            };
        },
    });
    view.append(heading('Review'), intro, form, status, results);
}

/** @param {number} n */
function groupCount(n) {
    return n === 1 ? '1 group' : n + ' groups';
}

/**
 * One kind's section: its heading with the number of groups, what it holds, and its groups.
 * @param {typeof KINDS[number]} kind @param {Inbox} inbox @param {HTMLElement} status @param {boolean} editor shows the knowledge actions
 */
function kindSection(kind, inbox, status, editor) {
    const groups = inbox.groups.filter((g) => g.kind === kind.kind);
    const id = uid('kind');
    const count = h('span', { class: 'kind-count' }, '(' + groupCount(groups.length) + ')');
    const section = h('section', { class: 'review-kind', 'aria-labelledby': id, 'data-kind': kind.kind }, h('h2', { id }, kind.title, ' ', count), h('p', { class: 'muted' }, kind.about(inbox.lowConfidenceBelow)));
    if (!groups.length) {
        section.appendChild(h('p', { class: 'muted' }, 'Nothing to review in this range.'));
        return section;
    }
    const list = h('ol', { class: 'review-list' });
    const left = () => {
        count.textContent = '(' + groupCount(list.children.length) + ')';
        if (!list.children.length) list.replaceWith(h('p', { class: 'muted' }, 'Nothing left to review in this range.'));
    };
    for (const group of groups) list.appendChild(groupItem(group, kind.counted, status, left, editor));
    section.appendChild(list);
    return section;
}

/**
 * One group: its title (the visitors' most common wording, the entry answered or the gap), how often, its examples, and
 * its actions. @param {Group} group @param {string} counted @param {HTMLElement} status @param {() => void} left @param {boolean} editor
 */
function groupItem(group, counted, status, left, editor) {
    const worded = group.kind === 'unanswered' || group.kind === 'did-you-mean';
    const titleId = uid('group');
    const title = h('p', { class: 'review-title', id: titleId }, worded ? h('q', {}, group.title) : h('strong', {}, group.title));
    const meta = h('p', { class: 'review-meta muted' }, counted + ' ' + (group.count === 1 ? '1 time' : group.count + ' times') + ', last ', timeEl(group.lastAt));
    const dismiss = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-describedby': titleId }, 'Dismiss');
    const stub = worded && group.yamlStub ? yamlStub(group.yamlStub, status, titleId) : undefined;
    const knowledge = editor ? knowledgeActions(group, status, titleId) : undefined;
    const item = h(
        'li',
        { class: 'review-item', 'data-key': group.key },
        title,
        meta,
        examplesList(group),
        h('div', { class: 'review-actions' }, knowledge && knowledge.buttons, dismiss, stub && stub.copy),
        knowledge && knowledge.panel,
        stub && stub.stub
    );
    dismiss.addEventListener('click', async () => {
        dismiss.disabled = true;
        try {
            await api('/review/dismissals', { method: 'POST', body: { kind: group.kind, key: group.key } });
            const next = /** @type {HTMLElement | null} */ (item.nextElementSibling || item.previousElementSibling);
            item.remove();
            left();
            say(status, 'Dismissed “' + group.title + '”. It comes back when a new example arrives.');
            const focusTo = next && next.querySelector('button');
            if (focusTo) /** @type {HTMLElement} */ (focusTo).focus();
        } catch (error) {
            dismiss.disabled = false;
            say(status, problemText(error), true);
        }
    });
    return item;
}

/** The examples, newest first: the visitor's words, when and where, a link to the conversation, and for a "Did you mean" what was pressed. @param {Group} group */
function examplesList(group) {
    const items = group.examples.map((example) => {
        const words = example.text.trim() ? h('q', { class: 'example-text' }, example.text) : h('span', { class: 'muted' }, '(no text)');
        const parts = [
            words,
            h('span', { class: 'example-where muted' }, ' ', timeEl(example.at), ' · ', example.channelId, ' · '),
            h('a', { href: conversationHref(example.channelId, example.conversationId) }, 'Open conversation', hidden(' ' + example.conversationId)),
        ];
        if (example.offered) {
            parts.push(
                h(
                    'p',
                    { class: 'example-pressed' },
                    example.pressed ? ['Pressed ', h('q', {}, example.pressed)] : 'Pressed no suggestion',
                    example.offered.length ? h('span', { class: 'muted' }, ' (offered: ' + example.offered.join('; ') + ')') : null
                )
            );
        }
        return h('li', {}, parts);
    });
    return h('div', { class: 'examples' }, h('p', { class: 'muted' }, group.count > items.length ? 'Newest ' + items.length + ' examples:' : 'Examples:'), h('ul', {}, items));
}

/** "Copy YAML stub" and the stub it shows: a knowledge entry to fill in, for a developer to add until the console has an editor. @param {string} yaml @param {HTMLElement} status @param {string} titleId */
function yamlStub(yaml, status, titleId) {
    const stubId = uid('stub');
    const stub = h('pre', { class: 'yaml-stub', id: stubId, hidden: true, tabindex: '0' }, yaml);
    const copy = h('button', { type: 'button', class: 'button button--secondary button--small', 'aria-controls': stubId, 'aria-expanded': 'false', 'aria-describedby': titleId }, 'Copy YAML stub');
    copy.addEventListener('click', async () => {
        stub.hidden = false;
        copy.setAttribute('aria-expanded', 'true');
        try {
            await navigator.clipboard.writeText(yaml);
            say(status, 'YAML stub copied to the clipboard.');
        } catch (_) {
            say(status, 'The browser did not allow copying: select the stub below and copy it.');
            stub.focus();
        }
    });
    return { copy, stub };
}
