// @ts-check
/*
 * A conversation's activities shown as a chat: visitor on one side, bot on the other. What a visitor sent is text,
 * always (it can hold HTML or script), cards they sent included, walked for their words. What the bot sent is drawn
 * as the visitor saw it: its Markdown rendered and its Adaptive Cards as cards (richText.js). A visitor's rating
 * shows on the answer it rates.
 */
import { h, hidden, timeEl } from './dom.js';
import { adaptiveCard, botMarkdown } from './richText.js';

/** The event Web Chat posts when a visitor presses a thumbs button. */
const FEEDBACK_EVENT = 'webchat:activity-status/feedback';
/** Activity types that say nothing an advisor needs. */
const SKIPPED_TYPES = new Set(['typing', 'trace']);
const MAX_VALUE_CHARS = 300;

/**
 * @typedef {{ source?: string, ids?: string[], score?: number, reason?: string, dialog?: string }} Answer
 * @typedef {{ type?: string, id?: string, replyToId?: string, from?: { id?: string, role?: string, name?: string }, recipient?: { id?: string, role?: string },
 *   text?: string, timestamp?: string, attachments?: Array<{ contentType?: string, content?: any, name?: string }>,
 *   suggestedActions?: { actions?: Array<{ title?: string, value?: unknown }> }, name?: string, value?: unknown,
 *   entities?: Array<Record<string, unknown>>, membersAdded?: Array<{ id?: string }>, channelData?: { answer?: Answer } }} Activity
 */

/**
 * @typedef {{ rating: 'up' | 'down', reply: string, ids: string, timestamp?: string }} Rating a visitor's rating, with
 *   the answer it names: the visitor message it replied to and its knowledge entry ids, comma-separated
 */

/** @param {Activity[]} activities */
export function renderTranscript(activities) {
    const list = h('ol', { class: 'chat' });
    const ratings = ratingsByAnswer(activities);
    for (const activity of activities) {
        if (ratings.placed.has(activity)) continue;
        const item = renderActivity(activity, ratings.onAnswer);
        if (item) list.appendChild(item);
    }
    if (!list.children.length) list.appendChild(h('li', { class: 'chat-event' }, 'No messages.'));
    return list;
}

/**
 * Each rating, under the bot message it rates: the last answer replying to the visitor message the rating names,
 * from the same knowledge entries (an answer in several messages is rated on the one that carried the thumbs).
 * A rating whose answer is not in the transcript is not placed, and shows where it came.
 * @param {Activity[]} activities @returns {{ onAnswer: Map<Activity, Rating[]>, placed: Set<Activity> }}
 */
function ratingsByAnswer(activities) {
    /** @type {Map<string, Activity>} */
    const answers = new Map();
    for (const activity of activities) {
        if ((activity.type || 'message') !== 'message' || !isFromBot(activity) || !activity.replyToId) continue;
        const key = answerKey(activity.replyToId, ((activity.channelData && activity.channelData.answer && activity.channelData.answer.ids) || []).join(','));
        const earlier = answers.get(key);
        if (!earlier || !hasRatingButtons(earlier) || hasRatingButtons(activity)) answers.set(key, activity);
    }
    /** @type {Map<Activity, Rating[]>} */
    const onAnswer = new Map();
    /** @type {Set<Activity>} */
    const placed = new Set();
    for (const activity of activities) {
        const rating = ratingDetails(activity);
        const answer = rating && answers.get(answerKey(rating.reply, rating.ids));
        if (!rating || !answer) continue;
        onAnswer.set(answer, [...(onAnswer.get(answer) || []), rating]);
        placed.add(activity);
    }
    return { onAnswer, placed };
}

/** @param {string} reply @param {string} ids */
function answerKey(reply, ids) {
    return reply + '\n' + ids;
}

/** True for a bot message carrying the thumbs (a Schema.org entity with a LikeAction). @param {Activity} activity */
function hasRatingButtons(activity) {
    return (activity.entities || []).some((e) => Array.isArray(e.potentialAction) && e.potentialAction.some((/** @type {any} */ a) => a && a['@type'] === 'LikeAction'));
}

/**
 * A feedback event's rating and the answer its action's `@id` names
 * (`urn:mlt-career-bot:rating:up?reply=<replyToId>&ids=<entry ids>`, see src/replies/answerFeedback.ts).
 * @param {Activity} activity @returns {Rating | undefined}
 */
function ratingDetails(activity) {
    const rating = ratingOf(activity);
    const action = (activity.entities || [])[0] || {};
    const match = typeof action['@id'] === 'string' ? /^urn:mlt-career-bot:rating:(?:up|down)\?(.*)$/.exec(action['@id']) : null;
    if (!rating || !match) return undefined;
    const params = new URLSearchParams(match[1]);
    const timestamp = activity.timestamp === undefined ? undefined : String(activity.timestamp);
    return { rating, reply: params.get('reply') || '', ids: params.get('ids') || '', timestamp };
}

/** @param {Activity} activity @param {Map<Activity, Rating[]>} ratings @returns {HTMLLIElement | undefined} */
function renderActivity(activity, ratings) {
    const type = activity.type || 'message';
    if (SKIPPED_TYPES.has(type)) return undefined;
    if (type === 'message') return renderMessage(activity, ratings.get(activity) || []);
    return h('li', { class: 'chat-event' }, eventText(activity), ' ', timeEl(activity.timestamp));
}

/** @param {Activity} activity @param {Rating[]} ratings */
function renderMessage(activity, ratings) {
    const fromBot = isFromBot(activity);
    const item = h(
        'li',
        { class: fromBot ? 'msg msg--bot' : 'msg msg--visitor' },
        h('p', { class: 'msg-meta' }, h('span', { class: 'msg-who' }, fromBot ? 'Bot' : 'Visitor'), ' ', timeEl(activity.timestamp))
    );
    // The bot's Markdown is drawn; a visitor's text is text, whatever it holds.
    if (activity.text) item.appendChild(fromBot ? botMarkdown(activity.text) : h('p', { class: 'msg-text' }, activity.text));
    if (!activity.text && activity.value !== undefined && !fromBot) {
        item.appendChild(h('p', { class: 'msg-text msg-text--value' }, 'pressed a button: ' + shortJson(activity.value)));
    }
    for (const attachment of activity.attachments || []) {
        const card = fromBot ? botCard(attachment) : undefined;
        if (card) {
            item.appendChild(card);
            continue;
        }
        const lines = attachmentLines(attachment);
        if (lines.length) item.appendChild(h('div', { class: 'msg-card' }, hidden('Card: '), lines.join('\n')));
    }
    const suggested = ((activity.suggestedActions && activity.suggestedActions.actions) || []).map(actionTitle).filter(Boolean);
    if (suggested.length) item.appendChild(h('p', { class: 'msg-buttons' }, 'buttons: ' + suggested.join(' · ')));
    const answer = activity.channelData && activity.channelData.answer;
    if (fromBot && answer && typeof answer.source === 'string') item.appendChild(traceLine(answer));
    if (ratings.length) item.appendChild(h('ul', { class: 'ratings', 'aria-label': 'Visitor’s rating of this answer' }, ratings.map(ratingBadge)));
    return item;
}

/** "Rated helpful" or "Rated not helpful", in words (an emoji alone is a box where no emoji font is installed). @param {Rating} rating */
function ratingBadge(rating) {
    const up = rating.rating === 'up';
    return h('li', { class: up ? 'rating rating--up' : 'rating rating--down' }, h('span', { class: 'rating-mark', 'aria-hidden': 'true' }, up ? '+' : '−'), up ? 'Rated helpful' : 'Rated not helpful', ' ', timeEl(rating.timestamp));
}

/**
 * A bot's Adaptive Card as a card, parsed from JSON text when it came as text; undefined for other attachments.
 * @param {{ contentType?: string, content?: any }} attachment
 */
function botCard(attachment) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return undefined;
    let content = attachment.content;
    if (typeof content === 'string') {
        try {
            content = JSON.parse(content);
        } catch (_) {
            return undefined;
        }
    }
    const card = adaptiveCard(content);
    return card && h('div', { class: 'msg-card msg-card--adaptive' }, hidden('Card: '), card);
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
    // A rating whose answer is not in the transcript (or that names none) shows where it came.
    const rating = ratingOf(activity);
    if (rating === 'up') return 'Visitor rated an answer helpful';
    if (rating === 'down') return 'Visitor rated an answer not helpful';
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
