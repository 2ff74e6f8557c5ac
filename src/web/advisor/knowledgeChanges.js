// @ts-check
/*
 * #/knowledge/publish and #/knowledge/versions: what publishing the draft would change, the draft checked against the
 * project's question sets, Publish (admins), and every published version with what it changed and Restore (admins).
 * Changes read as diffs: removed words in <del>, added ones in <ins>, all built as text nodes.
 */
import { api, problemText } from './api.js';
import { append, confirmButton, dataTable, h, say, statusLine, timeEl, uid } from './dom.js';
import { entryHref } from './knowledge.js';

/**
 * @typedef {import('./knowledge.js').Change} Change
 * @typedef {import('./knowledge.js').FieldChange} FieldChange
 * @typedef {import('./knowledge.js').Version} Version
 * @typedef {import('./knowledge.js').Versions} Versions
 * @typedef {import('./knowledge.js').KnowledgeContext} KnowledgeContext
 * @typedef {{ kind: 'answer' | 'gap' | 'suggest' | 'none' | 'dialog', entryId?: string, title?: string, gap?: string }} Outcome
 * @typedef {{ question: string, set: 'phrasing' | 'real-questions', before: Outcome, after: Outcome, rightBefore?: boolean, rightAfter?: boolean }} CheckedQuestion
 * @typedef {{ summary: string, counts?: Record<string, number>, changes: CheckedQuestion[] }} Check
 */

const KIND_WORDS = { added: 'New', changed: 'Changed', retired: 'Retired', restored: 'Back to the shipped text' };

// ---- publish ---------------------------------------------------------------------------------

/** @param {HTMLElement} body @param {KnowledgeContext} ctx */
export function renderPublish(body, ctx) {
    const status = statusLine();
    const pending = h('div', { class: 'pending' });
    const check = ctx.canEdit ? checkPanel() : null;
    const publish = h('button', { type: 'button', class: 'button' }, 'Publish');
    const publishPart = ctx.isAdmin
        ? h('div', { class: 'actions' }, publish)
        : h('p', { class: 'muted' }, 'An admin publishes the draft.');
    append(body, [
        ctx.top('Publish'),
        h('p', { class: 'intro' }, 'What publishing the draft now would change for visitors. Check it against the question sets first; publishing makes it live on every instance within seconds, and any version can be restored.'),
        status,
        pending,
        check,
        publishPart,
    ]);
    const load = async () => {
        say(status, 'Loading the changes…');
        try {
            /** @type {{ changes: Change[] }} */
            const data = await api('/knowledge/pending');
            pending.replaceChildren(data.changes.length ? changeList(data.changes) : h('p', {}, 'Nothing to publish: the draft is what is live.'));
            publish.disabled = !data.changes.length;
            say(status, data.changes.length === 1 ? '1 change to publish.' : data.changes.length + ' changes to publish.');
        } catch (error) {
            say(status, problemText(error), true);
        }
    };
    publish.addEventListener('click', async () => {
        publish.disabled = true;
        say(status, 'Publishing…');
        try {
            /** @type {{ version: number }} */
            const done = await api('/knowledge/publish', { method: 'POST' });
            await load();
            say(status, 'Published: version ' + done.version + ' is live.');
        } catch (error) {
            publish.disabled = false;
            say(status, problemText(error), true);
        }
    });
    void load();
}

/** "Check the draft": the question sets and every phrasing, answered by what is live and by the draft. */
function checkPanel() {
    const id = uid('check');
    const run = h('button', { type: 'button', class: 'button button--secondary' }, 'Check the draft');
    const status = statusLine();
    const result = h('div', { class: 'check-result' });
    run.addEventListener('click', async () => {
        run.disabled = true;
        say(status, 'Asking every question of the sets, live and draft… this takes a few seconds.');
        try {
            /** @type {Check} */
            const check = await api('/knowledge/check', { method: 'POST' });
            result.replaceChildren(h('p', { class: 'check-summary' }, check.summary), check.changes.length ? checkTable(check.changes) : h('p', { class: 'muted' }, 'No question is answered differently.'));
            say(status, '');
        } catch (error) {
            say(status, problemText(error), true);
        } finally {
            run.disabled = false;
        }
    });
    return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, 'Check the draft'), h('p', { class: 'hint' }, 'Which questions the draft answers differently from what is live.'), run, status, result);
}

/** @param {CheckedQuestion[]} changes */
function checkTable(changes) {
    const table = dataTable('Questions answered differently', ['Question', 'Asked as', 'Live', 'Draft']);
    for (const c of changes) {
        table.body.appendChild(
            h(
                'tr',
                {},
                h('td', { class: 'prose' }, c.question),
                h('td', {}, c.set === 'phrasing' ? 'an entry’s phrasing' : 'a real question'),
                h('td', { class: 'prose' }, h('del', {}, outcome(c.before, c.rightBefore))),
                h('td', { class: 'prose' }, h('ins', {}, outcome(c.after, c.rightAfter))),
            ),
        );
    }
    return table.region;
}

/** What answered a question, in words, and whether that was right. @param {Outcome} o @param {boolean | undefined} right */
function outcome(o, right) {
    const what =
        o.kind === 'answer' || o.kind === 'dialog'
            ? `answered by “${o.title || o.entryId || 'a dialog'}”`
            : o.kind === 'gap'
              ? `the known gap “${o.gap || o.title || ''}”`
              : o.kind === 'suggest'
                ? '“Did you mean…”'
                : 'no answer';
    return right === undefined ? what : `${what} (${right ? 'right' : 'not right'})`;
}

// ---- versions --------------------------------------------------------------------------------

/** @param {HTMLElement} body @param {KnowledgeContext} ctx */
export function renderVersions(body, ctx) {
    const status = statusLine();
    const list = h('ul', { class: 'versions' });
    body.append(...ctx.top('Versions'), h('p', { class: 'intro' }, 'Every published version, newest first, with what it changed. Restoring one publishes its text again as a new version.'), status, list);
    const load = async () => {
        say(status, 'Loading versions…');
        try {
            /** @type {Versions} */
            const data = await api('/knowledge/versions');
            list.replaceChildren(...data.versions.map((v) => versionItem(v, data.live.version, ctx, status, load)), shippedItem(data.live.version, ctx, status, load));
            say(status, 'Version ' + data.live.version + ' is live' + (data.live.version === 0 ? ' (the shipped knowledge).' : '.'));
        } catch (error) {
            say(status, problemText(error), true);
        }
    };
    void load();
}

/** @param {Version} v @param {number} live @param {KnowledgeContext} ctx @param {HTMLElement} status @param {() => Promise<void>} reload */
function versionItem(v, live, ctx, status, reload) {
    const restored = v.restoredFrom === null || v.restoredFrom === undefined ? '' : ' · restored version ' + v.restoredFrom;
    return h(
        'li',
        { class: 'version', 'data-version': v.n },
        h('p', { class: 'version-head' }, h('strong', {}, 'Version ' + v.n), v.n === live ? h('span', { class: 'state state--live' }, 'Live') : null, ' ', h('span', { class: 'muted' }, 'by ' + v.publishedBy + ', ', timeEl(v.publishedAt), restored)),
        h('details', {}, h('summary', {}, 'What changed (' + v.changes.length + (v.changes.length === 1 ? ' item)' : ' items)')), changeList(v.changes)),
        ctx.isAdmin && v.n !== live ? restoreButton(v.n, status, reload) : null
    );
}

/** Version 0, the knowledge as shipped, which can be restored too. @param {number} live @param {KnowledgeContext} ctx @param {HTMLElement} status @param {() => Promise<void>} reload */
function shippedItem(live, ctx, status, reload) {
    return h(
        'li',
        { class: 'version', 'data-version': 0 },
        h('p', { class: 'version-head' }, h('strong', {}, 'The shipped knowledge'), live === 0 ? h('span', { class: 'state state--live' }, 'Live') : null, ' ', h('span', { class: 'muted' }, 'as in the release, without advisors’ changes')),
        ctx.isAdmin && live !== 0 ? restoreButton(0, status, reload) : null
    );
}

/** @param {number} n @param {HTMLElement} status @param {() => Promise<void>} reload */
function restoreButton(n, status, reload) {
    const what = n === 0 ? 'the shipped knowledge' : 'version ' + n;
    return confirmButton({
        small: true,
        label: n === 0 ? 'Restore the shipped knowledge' : 'Restore version ' + n,
        question: 'Publish ' + what + ' again? Visitors get it within seconds, and the draft becomes it too (unpublished drafts are replaced).',
        confirm: 'Restore ' + what,
        run: async () => {
            say(status, 'Restoring…');
            try {
                /** @type {{ version: number }} */
                const done = await api('/knowledge/versions/' + n + '/restore', { method: 'POST' });
                await reload();
                say(status, 'Restored ' + what + ' as version ' + done.version + ', now live.');
            } catch (error) {
                say(status, problemText(error), true);
            }
        },
    });
}

// ---- diffs -----------------------------------------------------------------------------------

/** Changes, item by item: what kind, the entry (a link), and each field's diff. @param {Change[]} changes */
export function changeList(changes) {
    return h(
        'ul',
        { class: 'changes' },
        changes.map((c) => {
            const id = c.key.startsWith('entry:') ? c.key.slice('entry:'.length) : '';
            return h(
                'li',
                { class: 'change change--' + c.kind },
                h('p', { class: 'change-head' }, h('span', { class: 'state state--' + c.kind }, KIND_WORDS[c.kind] || c.kind), ' ', id && c.kind !== 'retired' ? h('a', { href: entryHref(id) }, c.title) : h('strong', {}, c.title), id ? h('code', { class: 'muted' }, ' ' + id) : null),
                c.fields.length ? h('dl', { class: 'field-changes' }, c.fields.map(fieldChange)) : null
            );
        })
    );
}

/** @param {FieldChange} f */
function fieldChange(f) {
    /** @type {Node[]} */
    const parts = [];
    if (f.words) parts.push(h('p', { class: 'diff' }, f.words.map((w) => (w.op === 'added' ? h('ins', {}, w.text) : w.op === 'removed' ? h('del', {}, w.text) : w.text))));
    const items = [...(f.removed || []).map((t) => h('li', {}, h('del', {}, t))), ...(f.added || []).map((t) => h('li', {}, h('ins', {}, t)))];
    if (items.length) parts.push(h('ul', { class: 'diff-list' }, items));
    return h('div', { class: 'field-change' }, h('dt', {}, f.field), h('dd', {}, parts));
}
