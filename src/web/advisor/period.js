// @ts-check
/*
 * The date-range form the period views share (Insights, Review): From and To (inclusive UTC days, the last 30 days
 * unless the hash says otherwise), a Show button that puts the range in the hash, and loading that keeps only the
 * answer to the latest request (a slow answer to an older range never overwrites a newer one).
 */
import { problemText } from './api.js';
import { field, h, isoDay, say, statusLine } from './dom.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * @param {import('./console.js').ViewContext} ctx
 * @param {{ route: string, loading: string, show: (query: URLSearchParams) => Promise<() => string> }} options
 *   `show` fetches the range's data and returns what puts it on screen, which returns the status line to show; it is
 *   not called when a newer request has been made meanwhile
 * @returns {{ form: HTMLFormElement, status: HTMLElement }} to place in the view; the first load starts at once
 */
export function periodView(ctx, { route, loading, show }) {
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
    let generation = 0;
    const load = async () => {
        const mine = ++generation;
        say(status, loading);
        try {
            const apply = await show(new URLSearchParams({ from: from.value, to: to.value }));
            if (mine === generation) say(status, apply());
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
        history.replaceState(null, '', '#/' + route + '?' + new URLSearchParams({ from: from.value, to: to.value }));
        void load();
    });
    void load();
    return { form, status };
}

/** @param {string | null} value */
function validDay(value) {
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}
