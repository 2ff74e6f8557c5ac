// @ts-check
/*
 * #/conversation/<channel>/<id>: one conversation as a chat, its summary, and what an advisor does with it:
 * mark it reviewed, tag it, keep notes, download its transcript, delete it.
 */
import { api, ApiError, conversationPath, problemText } from './api.js';
import { confirmButton, field, h, heading, say, statusLine, timeEl, topicName, uid } from './dom.js';
import { renderTranscript } from './transcript.js';

const MAX_NOTES = 4000;

/**
 * @typedef {import('./conversations.js').Summary} Summary
 * @typedef {{ channelId: string, conversationId: string, activities: import('./transcript.js').Activity[], notes: string,
 *   tags: string[], reviewed: boolean, summary: Summary }} Conversation
 */

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const [channelId, conversationId] = ctx.args;
    const status = statusLine();
    const body = h('div', { class: 'conversation' });
    view.append(
        h('p', { class: 'breadcrumb' }, h('a', { href: '#/conversations' }, '← All conversations')),
        heading('Conversation'),
        h('p', { class: 'conversation-id' }, h('span', { class: 'muted' }, 'Channel '), channelId || '?', h('span', { class: 'muted' }, ' · id '), h('code', {}, conversationId || '?')),
        status,
        body
    );
    if (!channelId || !conversationId) {
        say(status, 'This link does not name a conversation.', true);
        return;
    }
    say(status, 'Loading the conversation…');
    api(conversationPath(channelId, conversationId)).then(
        (/** @type {Conversation} */ conversation) => {
            say(status, '');
            body.append(transcriptSection(conversation), reviewPanel(conversation, view, status));
        },
        (error) => {
            const gone = error instanceof ApiError && error.status === 404;
            say(status, gone ? 'There is no such conversation: it may have been deleted.' : problemText(error), true);
        }
    );
}

/** @param {Conversation} conversation */
function transcriptSection(conversation) {
    const id = uid('transcript');
    return h(
        'section',
        { class: 'transcript', 'aria-labelledby': id },
        h('h2', { id }, 'Transcript'),
        summaryList(conversation.summary),
        renderTranscript(conversation.activities || [])
    );
}

/** @param {Summary | undefined} s */
function summaryList(s) {
    if (!s) return null;
    /** @type {Array<[string, Node | string]>} */
    const rows = [
        ['Started', timeEl(s.startedAt)],
        ['Last activity', timeEl(s.lastActivityAt)],
        ['Messages', String(s.messageCount)],
        ['Topics', (s.topics || []).map(topicName).join(', ') || 'none'],
        ['Unanswered', String(s.unanswered)],
        ['Rated helpful', String(s.rating ? s.rating.up : 0)],
        ['Rated not helpful', String(s.rating ? s.rating.down : 0)],
        ['Follow-up requested', s.followUpRequested ? 'Yes' : 'No'],
    ];
    return h('dl', { class: 'summary' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/**
 * The advisor's controls; each saves on its own and reports in the panel's status line.
 * @param {Conversation} conversation @param {HTMLElement} view @param {HTMLElement} pageStatus
 */
function reviewPanel(conversation, view, pageStatus) {
    const path = conversationPath(conversation.channelId, conversation.conversationId);
    const status = statusLine();
    const id = uid('review');

    /** @param {{ reviewed?: boolean, tags?: string[], notes?: string }} changes @param {string} done */
    const save = async (changes, done) => {
        say(status, 'Saving…');
        try {
            /** @type {Summary} */
            const summary = await api(path, { method: 'PATCH', body: changes });
            say(status, done);
            return summary;
        } catch (error) {
            say(status, problemText(error), true);
            return undefined;
        }
    };

    const reviewed = h('input', { type: 'checkbox', name: 'reviewed', checked: !!conversation.reviewed });
    reviewed.addEventListener('change', async () => {
        const wanted = reviewed.checked;
        reviewed.disabled = true;
        const summary = await save({ reviewed: wanted }, wanted ? 'Marked as reviewed.' : 'Marked as not reviewed.');
        reviewed.checked = summary ? !!summary.reviewed : !wanted;
        reviewed.disabled = false;
        reviewed.focus();
    });

    const tagsInput = h('input', { type: 'text', name: 'tags', value: (conversation.tags || []).join(', '), autocomplete: 'off' });
    const tagList = h('p', { class: 'tags' });
    const showTags = (/** @type {string[]} */ tags) => {
        tagList.textContent = '';
        for (const tag of tags) tagList.appendChild(h('span', { class: 'tag' }, tag));
    };
    showTags(conversation.tags || []);
    const tagsForm = h(
        'form',
        { class: 'stack' },
        field('Tags', tagsInput, 'Separate tags with commas'),
        tagList,
        h('button', { type: 'submit', class: 'button button--secondary' }, 'Save tags')
    );
    tagsForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        const tags = Array.from(new Set(tagsInput.value.split(',').map((t) => t.trim()).filter(Boolean)));
        const summary = await save({ tags }, 'Tags saved.');
        if (summary) {
            showTags(summary.tags || tags);
            tagsInput.value = (summary.tags || tags).join(', ');
        }
    });

    const notes = h('textarea', { name: 'notes', rows: 5, maxlength: MAX_NOTES }, conversation.notes || '');
    const notesForm = h('form', { class: 'stack' }, field('Notes', notes, 'Seen only by advisors'), h('button', { type: 'submit', class: 'button button--secondary' }, 'Save notes'));
    notesForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        await save({ notes: notes.value }, 'Notes saved.');
    });

    return h(
        'aside',
        { class: 'review', 'aria-labelledby': id },
        h('h2', { id }, 'Review'),
        status,
        field('Reviewed', reviewed),
        tagsForm,
        notesForm,
        h('p', {}, h('a', { class: 'button button--secondary', href: '/api/advisor' + path + '/transcript', download: '' }, 'Download transcript')),
        deleteControl(path, view, pageStatus)
    );
}

/** "Delete conversation" asks once more before deleting. @param {string} path @param {HTMLElement} view @param {HTMLElement} pageStatus */
function deleteControl(path, view, pageStatus) {
    const status = statusLine();
    const ask = confirmButton({
        label: 'Delete conversation…',
        question: 'Delete this conversation and its follow-up requests? This cannot be undone.',
        confirm: 'Delete permanently',
        danger: true,
        run: async () => {
            say(status, 'Deleting…');
            try {
                await api(path, { method: 'DELETE' });
            } catch (error) {
                say(status, problemText(error), true);
                return;
            }
            view.textContent = '';
            const title = heading('Conversation deleted');
            view.append(title, pageStatus, h('p', {}, h('a', { href: '#/conversations' }, 'Back to conversations')));
            say(pageStatus, 'The conversation was deleted.');
            title.focus();
        },
    });
    return h('div', { class: 'danger-zone' }, ask, status);
}
