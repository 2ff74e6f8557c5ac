// @ts-check
/*
 * #/insights: what visitors asked over a date range (the last 30 days unless the hash says otherwise): the
 * per-conversation rates (resolution, escalation, abandonment) and length against the period before, ratings over time,
 * answers and topics ranked by thumbs down, low-confidence answers, the same figures per channel, conversations per
 * day, answers per topic, answered vs fallback, the questions asked on known gaps (by gap), and the unanswered questions
 * with a YAML stub to start a knowledge entry from. Every chart has the same numbers as a table beside it, and every
 * figure downloads as CSV. Labels are words: thumbs are named, never drawn as emoji alone.
 */
import { api } from './api.js';
import { periodView } from './period.js';
import { conversationHref, dataTable, h, heading, hidden, isoDay, say, statusLine, topicName, uid } from './dom.js';

/** Colours that read on white and apart from each other (the console's blue, a teal, an orange). */
const COLOURS = Object.freeze({ primary: '#0b5cad', answered: '#1f7a5a', fallback: '#b35900', up: '#1f7a5a', down: '#b3261e' });

/**
 * @typedef {{ channelId: string, conversationId: string, question: string }} Example
 * @typedef {{ question: string, count: number, examples: Example[], yamlStub: string }} Unanswered
 * @typedef {{ gap: string, count: number, examples: Example[] }} GapGroup
 * @typedef {{ rate: number | null, count: number, outOf: number }} Rate
 * @typedef {{ conversations: number, visitorMessages: number, mean: number | null, median: number | null }} Length
 * @typedef {{ conversations: number, resolutionRate: Rate, escalationRate: Rate, abandonmentRate: Rate, conversationLength: Length,
 *   ratings: { up: number, down: number }, lowConfidenceAnswers: { count: number, outOf: number } }} ConversationFigures
 * @typedef {{ ids: string[], title: string, topics: string[], up: number, down: number }} RatedAnswer
 * @typedef {ConversationFigures & { from: string, to: string, truncated: boolean, ratingsPerDay: Array<{ day: string, up: number, down: number }>,
 *   answersByThumbsDown: RatedAnswer[], topicsByThumbsDown: Array<{ topic: string, up: number, down: number }>,
 *   lowConfidenceAnswers: { count: number, outOf: number, below: number, entries: Array<{ id: string, title: string, answers: number }> },
 *   byChannel: Array<ConversationFigures & { channelId: string }> }} PeriodFigures
 * @typedef {PeriodFigures & { perDay: Array<{ day: string, conversations: number }>, perTopic: Array<{ topic: string, answers: number }>,
 *   replies: { knowledge: number, dialog: number, fallback: number }, ratings: { up: number, down: number }, unanswered: Unanswered[],
 *   gaps?: GapGroup[], previous?: PeriodFigures }} Insights
 */

/** Charts of the view on screen, destroyed before new ones are drawn (Chart.js keeps every instance). @type {import('chart.js').Chart[]} */
let charts = [];

/** @param {HTMLElement} view @param {import('./console.js').ViewContext} ctx */
export function render(view, ctx) {
    const results = h('div', { class: 'insights' });
    const { form, status } = periodView(ctx, {
        route: 'insights',
        loading: 'Loading insights…',
        show: async (query) => {
            /** @type {Insights} */
            const data = await api('/insights', { query });
            return () => {
                destroyCharts();
                results.textContent = '';
                results.append(...sections(data, query));
                drawCharts(results, data);
                return 'Showing ' + query.get('from') + ' to ' + query.get('to') + '.';
            };
        },
    });
    view.append(heading('Insights'), form, status, results);
}

/** @param {Insights} data @param {URLSearchParams} query the period asked, for the CSV links */
function sections(data, query) {
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
        figure(String(ratings.up), 'thumbs up'),
        figure(String(ratings.down), 'thumbs down')
    );
    const csv = (/** @type {string} */ name, /** @type {string} */ label = '') => csvLink(name, query, label || undefined);
    return [
        figures,
        h('p', { class: 'csv-links' }, 'Download as CSV: ', csv('ratings', 'thumbs totals'), '.'),
        ...(data.truncated ? [h('p', { class: 'notice' }, 'This period holds more conversations than Insights read at once: the per-conversation figures are of the newest ones.')] : []),
        comparisonSection(data, csv),
        channelSection(data.byChannel || [], csv),
        ratingsPerDaySection(data.ratingsPerDay || [], csv),
        rankedAnswersSection(data.answersByThumbsDown || [], csv),
        rankedTopicsSection(data.topicsByThumbsDown || [], csv),
        lowConfidenceSection(data.lowConfidenceAnswers, csv),
        chartSection('Conversations per day', 'per-day', 'Bar chart of conversations started per day.', ['Day', 'Conversations'], perDay.map((d) => [d.day, d.conversations]), csv('perDay')),
        chartSection('Answers per topic', 'per-topic', 'Bar chart of bot answers per topic.', ['Topic', 'Answers'], perTopic.map((t) => [topicName(t.topic), t.answers]), csv('perTopic')),
        chartSection('Answered or not', 'replies', 'Doughnut chart of answered replies against fallbacks.', ['Reply', 'Count'], [
            ['Answered from knowledge', replies.knowledge],
            ['Answered by a dialog', replies.dialog],
            ['Fallback', replies.fallback],
        ], csv('replies')),
        gapsSection(data.gaps || [], csv('gaps')),
        unansweredSection(data.unanswered || [], csv('unanswered')),
    ];
}

/**
 * A link that downloads one figure as CSV (`GET /api/advisor/insights.csv`): "Download as CSV", or `label` where several
 * links stand together.
 * @param {string} figureName @param {URLSearchParams} query @param {string} [label]
 */
function csvLink(figureName, query, label) {
    const params = new URLSearchParams(query);
    params.set('figure', figureName);
    const text = label ? [hidden('Download as CSV: '), label] : ['Download as CSV', hidden(' (' + figureName + ')')];
    return h('a', { class: 'csv-link', href: '/api/advisor/insights.csv?' + params, download: '' }, text);
}

/** `42%`, or `none` when there was nothing to share. @param {number | null | undefined} rate */
function percent(rate) {
    return rate === null || rate === undefined ? 'none' : Math.round(rate * 1000) / 10 + '%';
}

/** `50%` over `3 of 6` (a line each, so that a phone keeps every column in sight). @param {Rate} rate */
function rateText(rate) {
    return [h('span', {}, percent(rate.rate)), h('span', { class: 'of' }, ' (' + rate.count + ' of ' + rate.outOf + ')')];
}

/** @param {number | null} value */
function numberText(value) {
    return value === null || value === undefined ? 'none' : String(Math.round(value * 100) / 100);
}

/** The change from `before` to `now` in words: "up 5 points", "down 1", "no change", or "" when either is missing. @param {number | null} now @param {number | null} before @param {string} [unit] */
function change(now, before, unit) {
    if (now === null || before === null || now === undefined || before === undefined) return '';
    const delta = Math.round((now - before) * 100) / 100;
    if (delta === 0) return 'no change';
    return (delta > 0 ? 'up ' : 'down ') + Math.abs(delta) + (unit ? ' ' + unit : '');
}

/** An ISO period as the console shows it: `2024-05-01 to 2024-05-31` (the end is exclusive, so the day before it). @param {string} from @param {string} to */
function periodText(from, to) {
    const last = new Date(new Date(to).getTime() - 1);
    return from.slice(0, 10) + ' to ' + isoDay(last);
}

/**
 * The figures read per conversation, this period against the one of equal length before it.
 * @param {Insights} data @param {(name: string, label?: string) => HTMLElement} csv
 */
function comparisonSection(data, csv) {
    const id = uid('comparison');
    const previous = data.previous;
    const table = dataTable('This period against the previous one', ['Figure', 'This period', 'Previous', 'Change'], 'compact comparison wrap-head');
    /** @param {string} label @param {(p: PeriodFigures) => string | HTMLElement[]} show @param {(p: PeriodFigures) => number | null} value @param {string} [unit] */
    const row = (label, show, value, unit) =>
        table.body.appendChild(
            h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, show(data)), h('td', { class: 'num' }, previous ? show(previous) : ''), h('td', {}, previous ? change(value(data), value(previous), unit) : ''))
        );
    /** @param {Rate} r */
    const points = (r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);
    row('Conversations (visitor wrote)', (p) => String(p.conversations), (p) => p.conversations);
    row('Resolution rate', (p) => rateText(p.resolutionRate), (p) => points(p.resolutionRate), 'points');
    row('Escalation rate', (p) => rateText(p.escalationRate), (p) => points(p.escalationRate), 'points');
    row('Abandonment rate', (p) => rateText(p.abandonmentRate), (p) => points(p.abandonmentRate), 'points');
    row('Visitor messages, mean', (p) => numberText(p.conversationLength.mean), (p) => p.conversationLength.mean);
    row('Visitor messages, median', (p) => numberText(p.conversationLength.median), (p) => p.conversationLength.median);
    row('Thumbs up', (p) => String(p.ratings.up), (p) => p.ratings.up);
    row('Thumbs down', (p) => String(p.ratings.down), (p) => p.ratings.down);
    row('Low-confidence answers', (p) => p.lowConfidenceAnswers.count + ' of ' + p.lowConfidenceAnswers.outOf, (p) => p.lowConfidenceAnswers.count);
    const tiles = h(
        'ul',
        { class: 'figures', 'aria-label': 'Per conversation' },
        figure(percent(data.resolutionRate.rate), 'resolved'),
        figure(percent(data.escalationRate.rate), 'asked for an advisor'),
        figure(percent(data.abandonmentRate.rate), 'left after a fallback'),
        figure(numberText(data.conversationLength.median), 'visitor messages (median)')
    );
    return h(
        'section',
        { class: 'wide-section', 'aria-labelledby': id },
        h('h2', { id }, 'Per conversation'),
        h(
            'p',
            { class: 'muted' },
            'Of the conversations in which the visitor wrote. Resolved: the bot answered, no reply was a fallback, and nobody asked for an advisor. Escalated: the visitor asked for an advisor. Abandoned: the visitor’s last message got a fallback (a “Did you mean” too) and they wrote nothing after.'
        ),
        tiles,
        h('p', {}, 'This period: ' + periodText(data.from, data.to) + '. ' + (previous ? 'Previous period, of the same length: ' + periodText(previous.from, previous.to) + '.' : '')),
        table.region,
        h(
            'p',
            { class: 'csv-links' },
            'Download as CSV (both periods): ',
            csv('resolutionRate', 'resolution rate'),
            ', ',
            csv('escalationRate', 'escalation rate'),
            ', ',
            csv('abandonmentRate', 'abandonment rate'),
            ', ',
            csv('conversationLength', 'conversation length'),
            '.'
        )
    );
}

/** Every per-conversation figure, one row per channel. @param {Array<ConversationFigures & { channelId: string }>} channels @param {(name: string) => HTMLElement} csv */
function channelSection(channels, csv) {
    const id = uid('channels');
    const section = h('section', { class: 'wide-section', 'aria-labelledby': id }, h('h2', { id }, 'By channel'), h('p', {}, csv('byChannel')));
    if (!channels.length) {
        section.appendChild(h('p', { class: 'muted' }, 'Nothing in this range.'));
        return section;
    }
    const table = dataTable('Figures by channel', ['Channel', 'Conversations', 'Resolved', 'Escalated', 'Abandoned', 'Visitor messages, mean', 'Visitor messages, median', 'Thumbs up', 'Thumbs down', 'Low-confidence answers'], 'compact wrap-head');
    for (const c of channels) {
        table.body.appendChild(
            h(
                'tr',
                {},
                h('th', { scope: 'row' }, c.channelId),
                h('td', { class: 'num' }, c.conversations),
                h('td', { class: 'num' }, rateText(c.resolutionRate)),
                h('td', { class: 'num' }, rateText(c.escalationRate)),
                h('td', { class: 'num' }, rateText(c.abandonmentRate)),
                h('td', { class: 'num' }, numberText(c.conversationLength.mean)),
                h('td', { class: 'num' }, numberText(c.conversationLength.median)),
                h('td', { class: 'num' }, c.ratings.up),
                h('td', { class: 'num' }, c.ratings.down),
                h('td', { class: 'num' }, c.lowConfidenceAnswers.count + ' of ' + c.lowConfidenceAnswers.outOf)
            )
        );
    }
    section.appendChild(table.region);
    return section;
}

/** @param {Array<{ day: string, up: number, down: number }>} days @param {(name: string) => HTMLElement} csv */
function ratingsPerDaySection(days, csv) {
    const id = uid('chart');
    const table = dataTable('Numbers: ratings per day', ['Day', 'Thumbs up', 'Thumbs down'], 'compact');
    for (const d of days) table.body.appendChild(h('tr', {}, h('th', { scope: 'row' }, d.day), h('td', { class: 'num' }, d.up), h('td', { class: 'num' }, d.down)));
    return h(
        'section',
        { class: 'chart-section', 'aria-labelledby': id },
        h('h2', { id }, 'Ratings per day'),
        days.length
            ? h('div', { class: 'chart-box' }, h('canvas', { 'data-chart': 'ratings-per-day', role: 'img', 'aria-label': 'Bar chart of thumbs up and thumbs down per day. The numbers are in the table that follows.' }))
            : h('p', { class: 'muted' }, 'No ratings in this range.'),
        h('details', { class: 'chart-data' }, h('summary', {}, 'Ratings per day as a table'), table.region),
        h('p', {}, csv('ratingsPerDay'))
    );
}

/** @param {RatedAnswer[]} answers @param {(name: string) => HTMLElement} csv */
function rankedAnswersSection(answers, csv) {
    const id = uid('answers');
    const section = h(
        'section',
        { class: 'wide-section', 'aria-labelledby': id },
        h('h2', { id }, 'Answers ranked by thumbs down'),
        h('p', {}, 'Each rating counts on the answer it was given to. ', csv('answersByThumbsDown'))
    );
    if (!answers.length) {
        section.appendChild(h('p', { class: 'muted' }, 'No ratings in this range.'));
        return section;
    }
    const table = dataTable('Rated answers, most thumbs down first', ['Answer', 'Thumbs down', 'Thumbs up', 'Topics', 'Knowledge entries'], 'compact');
    for (const a of answers) {
        table.body.appendChild(
            h(
                'tr',
                {},
                h('th', { scope: 'row' }, a.title),
                h('td', { class: 'num' }, a.down),
                h('td', { class: 'num' }, a.up),
                h('td', {}, a.topics.map(topicName).join(', ')),
                h('td', {}, h('code', { class: 'entry-ids' }, a.ids.join(', ')))
            )
        );
    }
    section.appendChild(table.region);
    return section;
}

/** @param {Array<{ topic: string, up: number, down: number }>} topics @param {(name: string) => HTMLElement} csv */
function rankedTopicsSection(topics, csv) {
    const id = uid('topics');
    const section = h('section', { class: 'chart-section', 'aria-labelledby': id }, h('h2', { id }, 'Topics ranked by thumbs down'), h('p', {}, csv('topicsByThumbsDown')));
    if (!topics.length) {
        section.appendChild(h('p', { class: 'muted' }, 'No ratings in this range.'));
        return section;
    }
    const table = dataTable('Topics of rated answers, most thumbs down first', ['Topic', 'Thumbs down', 'Thumbs up'], 'compact');
    for (const t of topics) table.body.appendChild(h('tr', {}, h('th', { scope: 'row' }, topicName(t.topic)), h('td', { class: 'num' }, t.down), h('td', { class: 'num' }, t.up)));
    section.appendChild(table.region);
    return section;
}

/** @param {PeriodFigures['lowConfidenceAnswers'] | undefined} low @param {(name: string) => HTMLElement} csv */
function lowConfidenceSection(low, csv) {
    const id = uid('low');
    const section = h('section', { class: 'chart-section', 'aria-labelledby': id }, h('h2', { id }, 'Low-confidence answers'));
    if (!low) return section;
    section.appendChild(
        h(
            'p',
            {},
            low.count + ' of ' + low.outOf + ' answers from knowledge scored below ' + low.below + ': the search answered them, but on the thinnest evidence. Check these entries first. ',
            csv('lowConfidenceAnswers')
        )
    );
    if (!low.entries.length) return section;
    const table = dataTable('Entries of low-confidence answers, most often first', ['Entry', 'Answers'], 'compact');
    for (const e of low.entries) table.body.appendChild(h('tr', {}, h('th', { scope: 'row' }, e.title, ' ', h('code', {}, e.id)), h('td', { class: 'num' }, e.answers)));
    section.appendChild(table.region);
    return section;
}

/** @param {string} value @param {string | Node} label */
function figure(value, label) {
    return h('li', { class: 'figure' }, h('span', { class: 'figure-value' }, value), ' ', h('span', { class: 'figure-label' }, label));
}

/**
 * A chart (drawn later into its canvas) with its numbers as a table for screen readers and for copying, and a CSV link.
 * @param {string} title @param {string} key @param {string} description @param {string[]} columns @param {Array<[string, number]>} rows @param {HTMLElement} link
 */
function chartSection(title, key, description, columns, rows, link) {
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
        h('details', { class: 'chart-data' }, h('summary', {}, title + ' as a table'), table.region),
        h('p', {}, link)
    );
}

/**
 * Questions on subjects the sources do not cover (knowledge/gaps.yaml), by gap: the bot said so and offered an advisor.
 * @param {GapGroup[]} groups @param {HTMLElement} link
 */
function gapsSection(groups, link) {
    const id = uid('gaps');
    const section = h(
        'section',
        { class: 'unanswered', 'aria-labelledby': id },
        h('h2', { id }, 'Questions on known gaps'),
        h('p', {}, 'Questions on subjects the sources do not cover (knowledge/gaps.yaml), by gap, most asked first. The bot said so and offered an advisor. ', link)
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

/** @param {Unanswered[]} groups @param {HTMLElement} link */
function unansweredSection(groups, link) {
    const id = uid('unanswered');
    const status = statusLine();
    const section = h(
        'section',
        { class: 'unanswered', 'aria-labelledby': id },
        h('h2', { id }, 'Unanswered questions'),
        h('p', {}, 'Questions the bot could not answer, most asked first. A YAML stub starts a knowledge entry in knowledge/faq/. ', link),
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
    const ratingsPerDay = canvas('ratings-per-day');
    if (ratingsPerDay) {
        const days = data.ratingsPerDay || [];
        charts.push(
            new Chart(ratingsPerDay, {
                type: 'bar',
                data: {
                    labels: days.map((d) => d.day),
                    datasets: [
                        { label: 'Thumbs up', data: days.map((d) => d.up), backgroundColor: COLOURS.up },
                        { label: 'Thumbs down', data: days.map((d) => d.down), backgroundColor: COLOURS.down },
                    ],
                },
                options: Object.assign({}, base, { scales: { y: countAxis }, plugins: { legend: { display: true, position: /** @type {const} */ ('bottom') } } }),
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
