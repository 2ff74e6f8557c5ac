// @ts-check
/*
 * #/knowledge/entry/<id> and #/knowledge/new: one entry's form beside the test chat. A save sends the version the form
 * was loaded at (If-Match): when someone saved since, the API refuses (412) and the form keeps the advisor's text with
 * a Reload button; a refusal naming fields shows each message beside its field. The answer is previewed as the bot
 * shows it (richText.js). What the advisor types is only ever a control's value or text.
 */
import { api, ApiError, problemText } from './api.js';
import { append, confirmButton, field, h, say, statusLine, timeEl, TOPICS, topicName } from './dom.js';
import { botMarkdown } from './richText.js';
import { entryHref, statusBadges } from './knowledge.js';
import { clearProblems, isStale, lines, showRefusal, staleNotice } from './knowledgeForm.js';
import { followUpList, sourceList } from './knowledgeLists.js';
import { testChat } from './knowledgeChat.js';

/**
 * @typedef {import('./knowledge.js').Entry} Entry
 * @typedef {import('./knowledge.js').SourceDoc} SourceDoc
 * @typedef {import('./knowledge.js').KnowledgeContext} KnowledgeContext
 */

/** The fields an advisor sends back as they came: the dialog an entry starts is built in code. */
const KEPT_FIELDS = /** @type {const} */ (['dialog', 'dialogStarts', 'dialogRequests']);

/** @param {HTMLElement} body @param {KnowledgeContext} ctx @param {string | undefined} id undefined for a new entry */
export function renderEditor(body, ctx, id) {
    const status = statusLine();
    const layout = h('div', { class: 'knowledge-editor' });
    body.append(...ctx.top(id ? 'Entry' : 'New entry'), h('p', { class: 'breadcrumb' }, h('a', { href: '#/knowledge' }, '← All entries')), status, layout);
    say(status, 'Loading…');
    Promise.all([
        id ? api('/knowledge/entries/' + encodeURIComponent(id)) : Promise.resolve(undefined),
        api('/knowledge/entries'),
        api('/knowledge/sources'),
    ]).then(
        ([entry, list, sources]) => {
            say(status, ctx.query.get('saved') ? 'Entry created. It is in the draft until an admin publishes it.' : '');
            const title = body.querySelector('h1');
            if (entry && title) title.textContent = entry.title;
            if (entry) ctx.setTitle(entry.title);
            const others = (/** @type {{ entries: Entry[] }} */ (list).entries || []).filter((e) => !entry || e.id !== entry.id);
            const form = entryForm(ctx, /** @type {Entry | undefined} */ (entry), { others, docs: sources.sources || [], status });
            const chat = ctx.canEdit ? testChat(ctx.query.get('try') || '') : null;
            layout.append(form, chat ? h('aside', { class: 'knowledge-side', 'aria-label': 'Test chat' }, chat) : h('aside', { class: 'knowledge-side' }, h('p', { class: 'muted' }, 'Editors and admins can try the draft in a test chat here.')));
        },
        (error) => {
            const gone = error instanceof ApiError && error.status === 404;
            say(status, gone ? 'There is no entry “' + id + '”.' : problemText(error), true);
        }
    );
}

/**
 * @param {KnowledgeContext} ctx @param {Entry | undefined} loaded
 * @param {{ others: Entry[], docs: SourceDoc[], status: HTMLElement }} deps
 */
function entryForm(ctx, loaded, { others, docs, status }) {
    /** @type {Entry | undefined} */
    let entry = loaded;
    const readOnly = new Set(entry ? entry.readOnly : []);
    const editable = ctx.canEdit;
    const notices = h('div', { class: 'entry-notices' });
    const meta = h('p', { class: 'entry-meta' });

    const idInput = h('input', { type: 'text', name: 'id', autocomplete: 'off', spellcheck: 'false', pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
    const title = h('input', { type: 'text', name: 'title', maxlength: 80, autocomplete: 'off' });
    const topic = h('select', { name: 'topic' }, Object.keys(TOPICS).map((t) => h('option', { value: t }, topicName(t))));
    const questions = h('textarea', { name: 'questions', rows: 8 });
    const keywords = h('input', { type: 'text', name: 'keywords', autocomplete: 'off' });
    const answer = h('textarea', { name: 'answer', rows: 10 });
    const preview = h('div', { class: 'answer-preview', 'aria-live': 'off' });
    const asOf = h('input', { type: 'text', name: 'asOf', autocomplete: 'off', inputmode: 'numeric', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' });
    const popular = h('input', { type: 'checkbox', name: 'popular' });
    const followUps = followUpList(others);
    const sources = sourceList(docs);
    const showPreview = () => preview.replaceChildren(answer.value.trim() ? botMarkdown(answer.value) : h('p', { class: 'muted' }, 'The answer shows here as the bot shows it.'));
    answer.addEventListener('input', showPreview);

    const answerPart = readOnly.has('answer')
        ? h('div', { class: 'field' }, h('p', { class: 'label' }, 'Answer'), h('p', { class: 'hint' }, 'The dialog builds this reply: its text cannot be changed here.'), preview)
        : h('div', { class: 'answer-edit' }, field('Answer', answer, 'Markdown: **bold**, lists, [links](https://…). Keep it short.'), h('div', { class: 'answer-preview-box' }, h('p', { class: 'label' }, 'Preview'), preview));

    const save = h('button', { type: 'submit', class: 'button' }, entry ? 'Save to the draft' : 'Create entry');
    const actions = h('div', { class: 'actions entry-actions' }, save);
    const form = h(
        'form',
        { class: 'entry-form stack', novalidate: true, 'aria-label': entry ? 'Entry ' + entry.id : 'New entry' },
        notices,
        meta,
        entry ? null : field('Id', idInput, 'Optional: made from the title when left empty (lowercase words joined by hyphens)'),
        field('Title', title, 'Short: it is shown on buttons and in “Did you mean”'),
        field('Topic', topic),
        field('Questions', questions, 'One way people ask this per line; at least three'),
        field('Keywords', keywords, 'Other search words, separated by commas'),
        answerPart,
        followUps.element,
        sources.element,
        field('Figures as of', asOf, 'The date of the answer’s figures, when it states dated ones: 2024, 2024-11 or 2024-11-05'),
        field('Popular (listed first in the Teams search)', popular),
        editable ? actions : h('p', { class: 'muted' }, 'You can read this entry; editors and admins change it.')
    );
    /** @type {Record<string, HTMLElement>} */
    const controls = { id: idInput, title, topic, questions, keywords, answer, asOf, popular };

    /** @param {Entry | undefined} e */
    const fill = (e) => {
        entry = e;
        idInput.value = '';
        title.value = e ? e.title : '';
        topic.value = e ? e.topic : topic.value;
        questions.value = (e ? e.questions : prefilled(ctx.query)).join('\n');
        keywords.value = e ? e.keywords.join(', ') : '';
        answer.value = e ? e.answer : '';
        asOf.value = (e && e.asOf) || '';
        popular.checked = !!(e && e.popular);
        followUps.set(e ? e.followUps : []);
        sources.set(e ? e.source : []);
        showPreview();
        describe();
        setDisabled(!editable || (!!e && e.status === 'retired'));
    };
    const setDisabled = (/** @type {boolean} */ disabled) => {
        for (const [name, control] of Object.entries(controls)) /** @type {HTMLInputElement} */ (control).disabled = disabled || readOnly.has(name);
        followUps.setDisabled(disabled || readOnly.has('followUps'));
        sources.setDisabled(disabled || readOnly.has('source'));
        save.disabled = disabled;
    };
    const describe = () => {
        meta.replaceChildren();
        notices.replaceChildren();
        if (!entry) return;
        append(meta, [h('code', {}, entry.id), ' ', statusBadges(entry), ' ', entry.updatedAt ? h('span', { class: 'muted' }, 'Last saved ', timeEl(entry.updatedAt), ' by ' + (entry.updatedBy || '?')) : null]);
        if (entry.baseChanged) {
            notices.appendChild(h('p', { class: 'notice' }, 'The shipped text of this entry changed in a release after advisors changed it. Advisors’ text is what the bot uses: compare it with the release’s and save what should stay.'));
            if (entry.shipped) notices.appendChild(shippedText(entry.shipped));
        }
        if (entry.status === 'retired') notices.appendChild(h('p', { class: 'notice' }, 'This entry is retired: the bot stops using it once the draft is published. “Discard my changes” brings it back.'));
        actions.replaceChildren(save, ...entryActions());
    };

    /** Retire and discard, for an entry that has them. */
    const entryActions = () => {
        if (!entry) return [];
        const current = entry;
        /** @type {HTMLElement[]} */
        const more = [];
        if (current.status !== 'shipped') {
            more.push(
                confirmButton({
                    small: true,
                    label: 'Discard my changes',
                    question: current.status === 'new' ? 'Discard this new entry? It has not been published, so it is gone for good.' : 'Discard advisors’ changes to this entry? The draft goes back to the shipped text.',
                    confirm: 'Discard',
                    danger: true,
                    run: () => change(() => api(draftPath(current.id), { method: 'DELETE', ifMatch: current.version }), current.status === 'new' ? 'gone' : 'Changes discarded: the draft has the shipped text again.'),
                })
            );
        }
        if (current.status !== 'retired' && !current.dialog) {
            more.push(
                confirmButton({
                    small: true,
                    label: 'Retire',
                    question: 'Retire this entry? Once published, the bot no longer answers from it. It can come back by discarding the change, or by restoring a version.',
                    confirm: 'Retire entry',
                    danger: true,
                    // A new entry never published just goes (the API drops it); one that was published stays, retired.
                    run: () => change(() => api(entryPath(current.id) + '/retire', { method: 'POST', ifMatch: current.version }), current.status === 'new' ? 'gone' : 'Retired in the draft.'),
                })
            );
        }
        return more;
    };

    /** Runs a change of the whole entry (retire, discard), then shows the entry as it now stands. @param {() => Promise<unknown>} call @param {string} done */
    const change = async (call, done) => {
        if (!entry) return;
        const id = entry.id;
        say(status, 'Saving…');
        try {
            await call();
        } catch (error) {
            if (isStale(error)) showStale();
            say(status, problemText(error), true);
            return;
        }
        if (done === 'gone') {
            location.hash = '#/knowledge';
            return;
        }
        await reload(done, id);
    };

    /** Loads the entry again and fills the form with it, keeping what the advisor had typed visible when asked. @param {string} done @param {string} [id] */
    const reload = async (done, id = entry ? entry.id : '') => {
        const typed = done ? null : typedText();
        try {
            fill(await api(entryPath(id)));
            clearProblems(form);
            if (typed) notices.appendChild(typed);
            say(status, done || 'Reloaded: this is the entry as it is now.');
        } catch (error) {
            say(status, problemText(error), true);
        }
    };

    const showStale = () => {
        const earlier = notices.querySelector('.stale');
        if (earlier) earlier.remove();
        notices.prepend(staleNotice('this entry', () => reload('')));
    };

    /** What the advisor had typed, to copy from after a reload replaced it. */
    const typedText = () =>
        h(
            'details',
            { class: 'typed', open: true },
            h('summary', {}, 'What you had typed (not saved)'),
            h('pre', {}, ['Title: ' + title.value, 'Questions:\n' + questions.value, 'Keywords: ' + keywords.value, 'Answer:\n' + answer.value].join('\n\n'))
        );

    /** The entry's fields as the API takes them. */
    const values = () => {
        /** @type {Record<string, unknown>} */
        const body = {
            topic: topic.value,
            title: title.value.trim(),
            questions: lines(questions.value),
            keywords: keywords.value.split(',').map((k) => k.trim()).filter(Boolean),
            answer: answer.value,
            followUps: followUps.value(),
            source: sources.value(),
            popular: popular.checked,
        };
        if (asOf.value.trim()) body.asOf = asOf.value.trim();
        if (entry) {
            body.id = entry.id;
            for (const name of KEPT_FIELDS) if (entry[name] !== undefined) body[name] = entry[name];
            if (readOnly.has('answer')) body.answer = entry.answer;
        } else if (idInput.value.trim()) body.id = idInput.value.trim();
        return body;
    };

    /** @param {string} path */
    const locate = (path) => {
        const top = path.split('.')[0];
        if (top === 'followUps') return followUps.locate(path);
        if (top === 'source') return sources.locate(path);
        if (path === 'answer' && readOnly.has('answer')) return { control: preview };
        const control = controls[path];
        return control && !(path === 'id' && entry) ? { control } : undefined;
    };

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!editable) return;
        save.disabled = true;
        say(status, entry ? 'Saving…' : 'Creating…');
        try {
            if (entry) {
                fill(await api(entryPath(entry.id), { method: 'PUT', body: values(), ifMatch: entry.version }));
                clearProblems(form);
                say(status, 'Saved to the draft. Try it in the test chat; an admin publishes it.');
            } else {
                /** @type {Entry} */
                const created = await api('/knowledge/entries', { method: 'POST', body: values() });
                location.hash = entryHref(created.id) + '?saved=1';
            }
        } catch (error) {
            if (isStale(error)) {
                showStale();
                say(status, 'Not saved: someone else saved this entry since you opened it.', true);
            } else {
                showRefusal(form, status, error, locate);
            }
        } finally {
            save.disabled = !editable;
        }
    });
    fill(entry);
    return form;
}

/** The questions a new entry starts with (`?question=…`, from the review inbox). @param {URLSearchParams} query */
function prefilled(query) {
    return lines(query.getAll('question').join('\n'));
}

/** @param {string} id */
function entryPath(id) {
    return '/knowledge/entries/' + encodeURIComponent(id);
}

/** @param {string} id */
function draftPath(id) {
    return entryPath(id) + '/draft';
}

/**
 * The release's text of an entry advisors had changed, to compare with theirs (shown as text, one field after another).
 * @param {{ title: string, questions: string[], answer: string }} shipped
 */
function shippedText(shipped) {
    return h(
        'details',
        { class: 'shipped-text' },
        h('summary', {}, 'The release’s text'),
        h('p', {}, h('strong', {}, 'Title: '), shipped.title),
        h('p', {}, h('strong', {}, 'Questions')),
        h('ul', {}, ...shipped.questions.map((q) => h('li', {}, q))),
        h('p', {}, h('strong', {}, 'Answer')),
        h('pre', { class: 'shipped-answer' }, shipped.answer),
    );
}
