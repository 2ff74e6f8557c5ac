// @ts-check
/*
 * The test chat: a conversation with the draft (POST /knowledge/preview), through the bot's real main dialog, so an
 * advisor sees what visitors would get once it is published. What the advisor types is shown as text; the bot's
 * replies are drawn as the console draws bot messages (Markdown and cards, richText.js), with the entry that answered
 * and how sure the search was under each. Suggested actions are buttons that send their title.
 */
import { api, problemText } from './api.js';
import { field, h, hidden, say, statusLine, uid } from './dom.js';
import { adaptiveCard, botMarkdown } from './richText.js';
import { attachmentLines } from './transcript.js';

/**
 * @typedef {{ source?: string, ids?: string[], entryId?: string, score?: number, confidence?: number, reason?: string, dialog?: string }} Trace
 * @typedef {{ text?: string, attachments?: Array<{ contentType?: string, content?: any, name?: string }>, suggestedActions?: Array<string | { title?: string }>, trace?: Trace }} Reply
 */

/** @param {string} first a question to ask at once (from "Try it in the test chat"), or '' */
export function testChat(first) {
    const titleId = uid('chat');
    const transcript = h('ol', { class: 'chat test-chat-log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    const input = h('input', { type: 'text', name: 'text', autocomplete: 'off', maxlength: 500 });
    const send = h('button', { type: 'submit', class: 'button' }, 'Send');
    const restart = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Start over');
    const status = statusLine();
    const form = h('form', { class: 'test-chat-form' }, field('Ask the draft', input), send);
    /** @type {string | undefined} */
    let conversationId;

    /** @param {string} text */
    const ask = async (text) => {
        const said = text.trim();
        if (!said) return;
        transcript.appendChild(h('li', { class: 'msg msg--visitor' }, h('p', { class: 'msg-meta' }, h('span', { class: 'msg-who' }, 'You')), h('p', { class: 'msg-text' }, said)));
        send.disabled = true;
        say(status, 'The draft is answering…');
        try {
            /** @type {{ conversationId: string, replies: Reply[] }} */
            const answer = await api('/knowledge/preview', { method: 'POST', body: conversationId ? { text: said, conversationId } : { text: said } });
            conversationId = answer.conversationId;
            for (const reply of answer.replies || []) transcript.appendChild(replyItem(reply, ask));
            say(status, '');
        } catch (error) {
            say(status, problemText(error), true);
        } finally {
            send.disabled = false;
        }
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = input.value;
        input.value = '';
        void ask(text);
        input.focus();
    });
    restart.addEventListener('click', () => {
        conversationId = undefined;
        transcript.replaceChildren();
        say(status, 'A new test conversation starts with your next message.');
        input.focus();
    });
    if (first) void ask(first);
    return h(
        'section',
        { class: 'test-chat', 'aria-labelledby': titleId },
        h('h2', { id: titleId }, 'Test chat'),
        h('p', { class: 'hint' }, 'Answers from the draft, as visitors would get them once it is published. Save first: the chat uses what is saved.'),
        transcript,
        status,
        form,
        h('div', { class: 'actions' }, restart)
    );
}

/** One reply of the draft, drawn as the console draws the bot's messages. @param {Reply} reply @param {(text: string) => Promise<void>} ask */
function replyItem(reply, ask) {
    const item = h('li', { class: 'msg msg--bot' }, h('p', { class: 'msg-meta' }, h('span', { class: 'msg-who' }, 'Bot'), h('span', { class: 'muted' }, ' (draft)')));
    if (reply.text) item.appendChild(botMarkdown(reply.text));
    for (const attachment of reply.attachments || []) {
        const card = attachment.contentType === 'application/vnd.microsoft.card.adaptive' ? adaptiveCard(parsed(attachment.content)) : undefined;
        if (card) item.appendChild(h('div', { class: 'msg-card msg-card--adaptive' }, hidden('Card: '), card));
        else item.appendChild(h('div', { class: 'msg-card' }, hidden('Card: '), attachmentLines(attachment).join('\n')));
    }
    const titles = (reply.suggestedActions || []).map((a) => (typeof a === 'string' ? a : (a && a.title) || '')).filter(Boolean);
    if (titles.length) {
        item.appendChild(
            h(
                'ul',
                { class: 'chips', 'aria-label': 'Suggested replies' },
                titles.map((title) => {
                    const chip = h('button', { type: 'button', class: 'chip' }, title);
                    chip.addEventListener('click', () => void ask(title));
                    return h('li', {}, chip);
                })
            )
        );
    }
    if (reply.trace) item.appendChild(traceLine(reply.trace));
    return item;
}

/** @param {unknown} content */
function parsed(content) {
    if (typeof content !== 'string') return content;
    try {
        return JSON.parse(content);
    } catch (_) {
        return undefined;
    }
}

/** `entry salary-figures · confidence 0.87`, small, under a reply. @param {Trace} trace */
function traceLine(trace) {
    const ids = trace.ids && trace.ids.length ? trace.ids : trace.entryId ? [trace.entryId] : [];
    const score = typeof trace.score === 'number' ? trace.score : trace.confidence;
    const parts = [];
    if (ids.length) parts.push((ids.length === 1 ? 'entry ' : 'entries ') + ids.join(', '));
    if (trace.dialog) parts.push('dialog ' + trace.dialog);
    if (typeof score === 'number') parts.push('confidence ' + score.toFixed(2));
    if (trace.source && !ids.length) parts.push(trace.source + (trace.reason ? ' (' + trace.reason + ')' : ''));
    return h('p', { class: 'trace trace--' + (trace.source || 'unknown') }, h('span', { class: 'trace-label' }, 'Answered by: '), parts.join(' · ') || 'no entry');
}
