// @ts-check
/*
 * A conversation's activities shown as a chat: visitor on one side, bot on the other. Everything is text:
 * visitor messages can hold HTML or script, and cards are walked for their words rather than rendered.
 */
import { emoji, h, hidden, timeEl } from './dom.js';

/** The event Web Chat posts when a visitor presses a thumbs button. */
const FEEDBACK_EVENT = 'webchat:activity-status/feedback';
/** Activity types that say nothing an advisor needs. */
const SKIPPED_TYPES = new Set(['typing', 'trace']);
const MAX_VALUE_CHARS = 300;

/**
 * @typedef {{ source?: string, ids?: string[], score?: number, reason?: string, dialog?: string }} Answer
 * @typedef {{ type?: string, id?: string, from?: { id?: string, role?: string, name?: string }, recipient?: { id?: string, role?: string },
 *   text?: string, timestamp?: string, attachments?: Array<{ contentType?: string, content?: any, name?: string }>,
 *   suggestedActions?: { actions?: Array<{ title?: string, value?: unknown }> }, name?: string, value?: unknown,
 *   entities?: Array<Record<string, unknown>>, membersAdded?: Array<{ id?: string }>, channelData?: { answer?: Answer } }} Activity
 */

/** @param {Activity[]} activities */
export function renderTranscript(activities) {
    const list = h('ol', { class: 'chat' });
    for (const activity of activities) {
        const item = renderActivity(activity);
        if (item) list.appendChild(item);
    }
    if (!list.children.length) list.appendChild(h('li', { class: 'chat-event' }, 'No messages.'));
    return list;
}

/** @param {Activity} activity @returns {HTMLLIElement | undefined} */
function renderActivity(activity) {
    const type = activity.type || 'message';
    if (SKIPPED_TYPES.has(type)) return undefined;
    if (type === 'message') return renderMessage(activity);
    return h('li', { class: 'chat-event' }, eventText(activity), ' ', timeEl(activity.timestamp));
}

/** @param {Activity} activity */
function renderMessage(activity) {
    const fromBot = isFromBot(activity);
    const item = h(
        'li',
        { class: fromBot ? 'msg msg--bot' : 'msg msg--visitor' },
        h('p', { class: 'msg-meta' }, h('span', { class: 'msg-who' }, fromBot ? 'Bot' : 'Visitor'), ' ', timeEl(activity.timestamp))
    );
    if (activity.text) item.appendChild(h('p', { class: 'msg-text' }, activity.text));
    if (!activity.text && activity.value !== undefined && !fromBot) {
        item.appendChild(h('p', { class: 'msg-text msg-text--value' }, 'pressed a button: ' + shortJson(activity.value)));
    }
    for (const attachment of activity.attachments || []) {
        const lines = attachmentLines(attachment);
        if (lines.length) item.appendChild(h('div', { class: 'msg-card' }, hidden('Card: '), lines.join('\n')));
    }
    const suggested = ((activity.suggestedActions && activity.suggestedActions.actions) || []).map(actionTitle).filter(Boolean);
    if (suggested.length) item.appendChild(h('p', { class: 'msg-buttons' }, 'buttons: ' + suggested.join(' · ')));
    const answer = activity.channelData && activity.channelData.answer;
    if (fromBot && answer && typeof answer.source === 'string') item.appendChild(traceLine(answer));
    return item;
}

/** @param {Activity} activity */
function isFromBot(activity) {
    const role = activity.from && activity.from.role;
    if (role === 'bot') return true;
    if (role === 'user') return false;
    return !!(activity.recipient && activity.recipient.role === 'user');
}

/** `source · ids … · score 0.87 · reason …`, under each bot answer. @param {Answer} answer */
function traceLine(answer) {
    const parts = [answer.source || 'unknown'];
    if (answer.dialog) parts.push('dialog ' + answer.dialog);
    if (answer.ids && answer.ids.length) parts.push('ids ' + answer.ids.join(', '));
    if (typeof answer.score === 'number') parts.push('score ' + answer.score.toFixed(2));
    if (answer.reason) parts.push('reason ' + answer.reason);
    return h('p', { class: 'trace trace--' + (answer.source || 'unknown') }, h('span', { class: 'trace-label' }, 'Answer trace: '), parts.join(' · '));
}

/** @param {Activity} activity @returns {Node | string} */
function eventText(activity) {
    const rating = ratingOf(activity);
    if (rating === 'up') return h('span', {}, 'Visitor rated an answer ', emoji('👍', 'thumbs up'));
    if (rating === 'down') return h('span', {}, 'Visitor rated an answer ', emoji('👎', 'thumbs down'));
    if (activity.type === 'conversationUpdate') return (activity.membersAdded || []).length ? 'Joined the conversation' : 'Conversation updated';
    if (activity.type === 'endOfConversation') return 'Conversation ended';
    if (activity.type === 'messageReaction') return 'Reacted to a message';
    return (activity.type || 'event') + (activity.name ? ': ' + activity.name : '');
}

/**
 * The rating of a Web Chat feedback event: the pressed action comes as the first entity (LikeAction or
 * DislikeAction), and its `@id` names the rating too.
 * @param {Activity} activity @returns {'up' | 'down' | undefined}
 */
export function ratingOf(activity) {
    if (activity.type !== 'event' || activity.name !== FEEDBACK_EVENT) return undefined;
    const action = (activity.entities || [])[0] || {};
    const id = typeof action['@id'] === 'string' ? action['@id'] : '';
    const value = /** @type {{ actionType?: unknown } | undefined} */ (activity.value);
    const kind = action['@type'] || (value && value.actionType);
    if (kind === 'LikeAction' || /:rating:up\b/.test(id)) return 'up';
    if (kind === 'DislikeAction' || /:rating:down\b/.test(id)) return 'down';
    return undefined;
}

/** The words of a card, line by line. @param {{ contentType?: string, content?: any, name?: string }} attachment */
export function attachmentLines(attachment) {
    const type = attachment.contentType || '';
    let content = attachment.content;
    if (typeof content === 'string' && type.startsWith('application/vnd.microsoft.card.')) {
        try {
            content = JSON.parse(content);
        } catch (_) {
            // A card that is not JSON: show its text as it is.
        }
    }
    if (type === 'application/vnd.microsoft.card.adaptive' && content && typeof content === 'object') {
        /** @type {string[]} */
        const lines = [];
        walkAdaptive(content.body, lines);
        addButtons(content.actions, lines);
        return lines;
    }
    if (type.startsWith('application/vnd.microsoft.card.') && content && typeof content === 'object') {
        // Hero, thumbnail, sign-in and the like share title, subtitle, text and buttons.
        const lines = [content.title, content.subtitle, content.text].filter((t) => typeof t === 'string' && t.trim());
        addButtons(content.buttons, lines);
        return lines;
    }
    if (typeof content === 'string' && content.trim()) return [content];
    return ['[attachment: ' + (attachment.name || type || 'unknown') + ']'];
}

/** @param {unknown} node @param {string[]} lines */
function walkAdaptive(node, lines) {
    if (Array.isArray(node)) {
        for (const child of node) walkAdaptive(child, lines);
        return;
    }
    if (!node || typeof node !== 'object') return;
    const element = /** @type {Record<string, any>} */ (node);
    switch (element.type) {
        case 'TextBlock':
            if (typeof element.text === 'string') lines.push(element.text);
            return;
        case 'RichTextBlock':
            lines.push((element.inlines || []).map((/** @type {any} */ i) => (typeof i === 'string' ? i : (i && i.text) || '')).join(''));
            return;
        case 'FactSet':
            for (const fact of element.facts || []) lines.push((fact.title || '') + ': ' + (fact.value || ''));
            return;
        case 'Image':
            if (element.altText) lines.push('[image: ' + element.altText + ']');
            return;
        case 'ActionSet':
            addButtons(element.actions, lines);
            return;
        case 'Table':
            for (const row of element.rows || []) {
                /** @type {string[]} */
                const cells = [];
                for (const cell of row.cells || []) {
                    /** @type {string[]} */
                    const inner = [];
                    walkAdaptive(cell.items, inner);
                    cells.push(inner.join(' '));
                }
                lines.push(cells.join(' | '));
            }
            return;
        default:
            if (typeof element.type === 'string' && element.type.startsWith('Input.')) {
                lines.push('[input: ' + (element.label || element.placeholder || element.id || element.type) + ']');
            }
            walkAdaptive(element.items, lines);
            walkAdaptive(element.columns, lines);
    }
}

/** @param {unknown} actions @param {string[]} lines */
function addButtons(actions, lines) {
    const titles = (Array.isArray(actions) ? actions : []).map(actionTitle).filter(Boolean);
    if (titles.length) lines.push('buttons: ' + titles.join(' · '));
}

/** @param {any} action */
function actionTitle(action) {
    if (!action || typeof action !== 'object') return '';
    const title = action.title || (typeof action.value === 'string' ? action.value : '') || action.text || '';
    return typeof title === 'string' ? title : '';
}

/** @param {unknown} value */
function shortJson(value) {
    let text;
    try {
        text = typeof value === 'string' ? value : JSON.stringify(value);
    } catch (_) {
        text = String(value);
    }
    return text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) + '…' : text;
}
