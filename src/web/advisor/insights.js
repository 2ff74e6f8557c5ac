// @ts-check
/*
 * #/insights: what visitors asked over a date range (the last 30 days unless the hash says otherwise):
 * conversations per day, answers per topic, answered vs fallback, ratings, the questions asked on known gaps (by gap),
 * and the unanswered questions with a YAML stub to start a knowledge entry from. Every chart has the same numbers as a
 * table beside it.
 */
import { api, problemText } from './api.js';
import { conversationHref, dataTable, emoji, field, h, heading, hidden, isoDay, say, statusLine, topicName, uid } from './dom.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Colours that read on white and apart from each other (the console's blue, a teal, an orange). */
const COLOURS = Object.freeze({ primary: '#0b5cad', answered: '#1f7a5a', fallback: '#b35900' });

/**
 * @typedef {{ channelId: string, conversationId: string, question: string }} Example
 * @typedef {{ question: string, count: number, examples: Example[], yamlStub: string }} Unanswered
 * @typedef {{ gap: string, count: number, examples: Example[] }} GapGroup
 * @typedef {{ perDay: Array<{ day: string, conversations: number }>, perTopic: Array<{ topic: string, answers: number }>,
 *   replies: { knowledge: number, dialog: number, fallback: number }, ratings: { up: number, down: number }, unanswered: Unanswered[],
 *   gaps?: GapGroup[] }} Insights
 */

/** Charts of the view on screen, destroyed before new ones are drawn (Chart.js keeps every instance). @type {import('chart.js').Chart[]} */
let charts = [];

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const today = new Date();
    const from = h('input', { type: 'date', name: 'from', required: true, value: validDay(ctx.query.get('from')) || isoDay(new Date(today.getTime() - (DEFAULT_DAYS - 1) * DAY_MS)) });
    const to = h('input', { type: 'date', name: 'to', required: true, value: validDay(ctx.query.get('to')) || isoDay(today) });
    const form = h(
        'form',
        { class: 'filters filters--inline', 'aria-label': 'Date range' },
        field('From', from),
        field('To', to, 'Inclusive, UTC days'),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Show'))
    );
    const status = statusLine();
    const results = h('div', { class: 'insights' });
    view.append(heading('Insights'), form, status, results);
    let generation = 0;

    const load = async () => {
        const mine = ++generation;
        const query = new URLSearchParams({ from: from.value, to: to.value });
        say(status, 'Loading insights…');
        try {
            /** @type {Insights} */
            const data = await api('/insights', { query });
            if (mine !== generation) return;
            destroyCharts();
            results.textContent = '';
            results.append(...sections(data));
            drawCharts(results, data);
            say(status, 'Showing ' + from.value + ' to ' + to.value + '.');
        } catch (error) {
            if (mine === generation) say(status, problemText(error), true);
        }
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (from.value > to.value) {
            say(status, 'The “from” date is after the “to” date.', true);
            return;
        }
        history.replaceState(null, '', '#/insights?' + new URLSearchParams({ from: from.value, to: to.value }));
        void load();
    });
    void load();
}

/** @param {string | null} value */
function validDay(value) {
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}

/** @param {Insights} data */
function sections(data) {
    const perDay = data.perDay || [];
    const perTopic = (data.perTopic || []).slice().sort((a, b) => b.answers - a.answers);
    const replies = data.replies || { knowledge: 0, dialog: 0, fallback: 0 };
    const ratings = data.ratings || { up: 0, down: 0 };
    const total = perDay.reduce((sum, d) => sum + d.conversations, 0);
    const answered = replies.knowledge + replies.dialog;

    const figures = h(
        'ul',
        { class: 'figures', 'aria-label': 'Totals' },
        figure(String(total), 'conversations'),
        figure(String(answered), 'answered replies'),
        figure(String(replies.fallback), 'fallback replies'),
        figure(String(ratings.up), h('span', {}, emoji('👍', 'thumbs-up'), ' ratings')),
        figure(String(ratings.down), h('span', {}, emoji('👎', 'thumbs-down'), ' ratings'))
    );
    return [
        figures,
        chartSection('Conversations per day', 'per-day', 'Bar chart of conversations started per day.', ['Day', 'Conversations'], perDay.map((d) => [d.day, d.conversations])),
        chartSection('Answers per topic', 'per-topic', 'Bar chart of bot answers per topic.', ['Topic', 'Answers'], perTopic.map((t) => [topicName(t.topic), t.answers])),
        chartSection('Answered or not', 'replies', 'Doughnut chart of answered replies against fallbacks.', ['Reply', 'Count'], [
            ['Answered from knowledge', replies.knowledge],
            ['Answered by a dialog', replies.dialog],
            ['Fallback', replies.fallback],
        ]),
        gapsSection(data.gaps || []),
        unansweredSection(data.unanswered || []),
    ];
}

/** @param {string} value @param {string | Node} label */
function figure(value, label) {
    return h('li', { class: 'figure' }, h('span', { class: 'figure-value' }, value), ' ', h('span', { class: 'figure-label' }, label));
}

/**
 * A chart (drawn later into its canvas) with its numbers as a table for screen readers and for copying.
 * @param {string} title @param {string} key @param {string} description @param {string[]} columns @param {Array<[string, number]>} rows
 */
function chartSection(title, key, description, columns, rows) {
    const id = uid('chart');
    const table = dataTable('Numbers: ' + title.toLowerCase(), columns, 'compact');
    for (const [label, value] of rows) table.body.appendChild(h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value)));
    const empty = rows.every(([, value]) => !value);
    return h(
        'section',
        { class: 'chart-section', 'aria-labelledby': id },
        h('h2', { id }, title),
        empty
            ? h('p', { class: 'muted' }, 'Nothing in this range.')
            : h('div', { class: 'chart-box chart-box--' + key }, h('canvas', { 'data-chart': key, role: 'img', 'aria-label': description + ' The numbers are in the table that follows.' })),
        h('details', { class: 'chart-data' }, h('summary', {}, title + ' as a table'), table.region)
    );
}

/**
 * Questions on subjects the sources do not cover (knowledge/gaps.yaml), by gap: the bot said so and offered an advisor.
 * @param {GapGroup[]} groups
 */
function gapsSection(groups) {
    const id = uid('gaps');
    const section = h(
        'section',
        { class: 'unanswered', 'aria-labelledby': id },
        h('h2', { id }, 'Questions on known gaps'),
        h('p', {}, 'Questions on subjects the sources do not cover (knowledge/gaps.yaml), by gap, most asked first. The bot said so and offered an advisor.')
    );
    if (!groups.length) {
        section.appendChild(h('p', { class: 'muted' }, 'None in this range.'));
        return section;
    }
    const list = h('ol', { class: 'unanswered-list' });
    for (const group of groups) {
        list.appendChild(h('li', { class: 'unanswered-item' }, h('p', { class: 'unanswered-question' }, askedCount(group.count), ' ', h('code', {}, group.gap)), examplesBlock(group.examples)));
    }
    section.appendChild(list);
    return section;
}

/** @param {Unanswered[]} groups */
function unansweredSection(groups) {
    const id = uid('unanswered');
    const status = statusLine();
    const section = h(
        'section',
        { class: 'unanswered', 'aria-labelledby': id },
        h('h2', { id }, 'Unanswered questions'),
        h('p', {}, 'Questions the bot could not answer, most asked first. A YAML stub starts a knowledge entry in knowledge/faq/.'),
        status
    );
    if (!groups.length) {
        section.appendChild(h('p', { class: 'muted' }, 'None in this range.'));
        return section;
    }
    const list = h('ol', { class: 'unanswered-list' });
    groups
        .slice()
        .sort((a, b) => b.count - a.count)
        .forEach((group) => list.appendChild(unansweredItem(group, status)));
    section.appendChild(list);
    return section;
}

/** @param {Unanswered} group @param {HTMLElement} status */
function unansweredItem(group, status) {
    const stubId = uid('stub');
    const stub = h('pre', { class: 'yaml-stub', id: stubId, hidden: true, tabindex: '0' }, group.yamlStub || '');
    const copy = h('button', { type: 'button', class: 'button button--secondary', 'aria-controls': stubId, 'aria-expanded': 'false' }, 'Copy YAML stub');
    copy.addEventListener('click', async () => {
        stub.hidden = false;
        copy.setAttribute('aria-expanded', 'true');
        try {
            await navigator.clipboard.writeText(group.yamlStub || '');
            say(status, 'YAML stub copied to the clipboard.');
        } catch (_) {
            say(status, 'The browser did not allow copying: select the stub below and copy it.');
            stub.focus();
        }
    });
    return h('li', { class: 'unanswered-item' }, h('p', { class: 'unanswered-question' }, askedCount(group.count), ' ', h('q', {}, group.question)), examplesBlock(group.examples), copy, stub);
}

/** @param {number} count */
function askedCount(count) {
    return h('span', { class: 'count' }, count === 1 ? 'Asked 1 time' : 'Asked ' + count + ' times');
}

/** Links to the conversations a question was asked in, or nothing. @param {Example[] | undefined} examples */
function examplesBlock(examples) {
    const items = (examples || []).map((example, i) =>
        h('li', {}, h('a', { href: conversationHref(example.channelId, example.conversationId) }, example.question || 'Conversation ' + (i + 1), hidden(' (' + example.channelId + ')')))
    );
    return items.length ? h('div', { class: 'examples' }, h('p', { class: 'muted' }, 'Examples:'), h('ul', {}, items)) : null;
}

/** Draws each chart with Chart.js when it loaded; the tables say the same without it. @param {HTMLElement} root @param {Insights} data */
function drawCharts(root, data) {
    const Chart = window.Chart;
    if (!Chart) return;
    const canvas = (/** @type {string} */ key) => /** @type {HTMLCanvasElement | null} */ (root.querySelector('canvas[data-chart="' + key + '"]'));
    // Object.assign would widen these to boolean and string; Chart.js's types take only the literals.
    const base = { animation: /** @type {const} */ (false), responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } };
    const countAxis = { beginAtZero: true, ticks: { precision: 0 } };
    const perDay = canvas('per-day');
    if (perDay) {
        charts.push(
            new Chart(perDay, {
                type: 'bar',
                data: { labels: data.perDay.map((d) => d.day), datasets: [{ label: 'Conversations', data: data.perDay.map((d) => d.conversations), backgroundColor: COLOURS.primary }] },
                options: Object.assign({}, base, { scales: { y: countAxis } }),
            })
        );
    }
    const perTopic = canvas('per-topic');
    if (perTopic) {
        const topics = data.perTopic.slice().sort((a, b) => b.answers - a.answers);
        charts.push(
            new Chart(perTopic, {
                type: 'bar',
                data: { labels: topics.map((t) => topicName(t.topic)), datasets: [{ label: 'Answers', data: topics.map((t) => t.answers), backgroundColor: COLOURS.primary }] },
                options: Object.assign({}, base, { indexAxis: /** @type {const} */ ('y'), scales: { x: countAxis } }),
            })
        );
    }
    const replies = canvas('replies');
    if (replies) {
        charts.push(
            new Chart(replies, {
                type: 'doughnut',
                data: {
                    labels: ['Answered (knowledge and dialogs)', 'Fallback'],
                    datasets: [{ data: [data.replies.knowledge + data.replies.dialog, data.replies.fallback], backgroundColor: [COLOURS.answered, COLOURS.fallback] }],
                },
                options: Object.assign({}, base, { plugins: { legend: { display: true, position: /** @type {const} */ ('bottom') } } }),
            })
        );
    }
}

function destroyCharts() {
    for (const chart of charts) chart.destroy();
    charts = [];
}

/** Leaving the view: lets Chart.js forget its charts (the router calls it). */
export function leave() {
    destroyCharts();
}
