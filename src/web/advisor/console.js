// @ts-check
/*
 * The advisor console's entry script, loaded by both pages:
 *   /advisor/sign-in   shows the sign-in error the server named in ?error=
 *   /advisor           the single-page console: who is signed in, the navigation and the hash routes
 *                      #/conversations, #/conversation/<channel>/<id>, #/insights, #/review, #/knowledge/…, #/follow-ups,
 *                      #/account (change my password), and for admins #/accounts and #/audit (roles.js says who sees what).
 * Plain ES2017 modules, no framework, no build step. The page's policy forbids inline scripts and styles.
 */
import { api, problemText, SignedOutError } from './api.js';
import { h, heading, say, statusLine } from './dom.js';
import * as conversations from './conversations.js';
import * as conversation from './conversation.js';
import * as insights from './insights.js';
import * as review from './review.js';
import * as knowledge from './knowledge.js';
import * as followUps from './followUps.js';
import * as admin from './admin.js';
import * as passwords from './passwords.js';
import { mayAct } from './roles.js';

/**
 * What every view is given.
 * @typedef {{ username: string, role: import('./roles.js').Role }} Me
 * @typedef {{ me: Me, args: string[], query: URLSearchParams, setTitle(title: string): void }} ViewContext
 * `role`: the least role that may open the view (every role when absent).
 * @typedef {{ title: string, section: string, role?: import('./roles.js').Role, render(view: HTMLElement, ctx: ViewContext): void, leave?(): void }} Route
 */

const APP_NAME = 'Advisor console';
const DEFAULT_ROUTE = '#/conversations';

/** Route name (the hash's first segment) → view. @type {Record<string, Route>} */
const ROUTES = {
    conversations: { title: 'Conversations', section: 'conversations', render: conversations.render },
    conversation: { title: 'Conversation', section: 'conversations', render: conversation.render },
    insights: { title: 'Insights', section: 'insights', render: insights.render, leave: insights.leave },
    review: { title: 'Review', section: 'review', render: review.render },
    knowledge: { title: 'Knowledge', section: 'knowledge', render: knowledge.render },
    'follow-ups': { title: 'Follow-ups', section: 'follow-ups', render: followUps.render },
    account: { title: 'My account', section: 'account', render: passwords.renderAccount },
    accounts: { title: 'Accounts', section: 'accounts', role: 'admin', render: admin.renderAccounts },
    audit: { title: 'Audit log', section: 'audit', role: 'admin', render: admin.renderAudit },
};

const SIGN_IN_ERRORS = Object.freeze({
    invalid: 'That username and password do not match.',
    locked: 'Too many attempts. Try again in 15 minutes.',
});

// ---- sign-in page ----------------------------------------------------------------------------

/** Where the sign-in page keeps the username typed, so that a refused sign-in shows it again (never the password). */
const TYPED_USERNAME = 'advisor-sign-in-username';

function startSignIn() {
    const error = new URLSearchParams(location.search).get('error') || '';
    const message = Object.prototype.hasOwnProperty.call(SIGN_IN_ERRORS, error) ? /** @type {Record<string, string>} */ (SIGN_IN_ERRORS)[error] : '';
    const alert = document.getElementById('sign-in-error');
    const username = /** @type {HTMLInputElement | null} */ (document.getElementById('username'));
    const password = /** @type {HTMLInputElement | null} */ (document.getElementById('password'));
    const form = username && username.form;
    if (!alert || !username || !password || !form) return;
    // The form posts and the server answers with a redirect to this page, which starts empty: the name typed comes
    // back from this tab's session storage, and only after a refusal.
    const typed = readTyped();
    if (message && typed && !username.value) username.value = typed;
    if (!message) forgetTyped();
    form.addEventListener('submit', () => {
        try {
            sessionStorage.setItem(TYPED_USERNAME, username.value);
        } catch (_) {
            // Storage refused (a private window's quota): the name is typed again.
        }
    });
    if (message) {
        // Filled after load so that screen readers announce it.
        alert.textContent = message;
        alert.hidden = false;
        for (const input of [username, password]) {
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', 'sign-in-error');
        }
    }
    (username.value ? password : username).focus();
}

function readTyped() {
    try {
        return sessionStorage.getItem(TYPED_USERNAME) || '';
    } catch (_) {
        return '';
    }
}

function forgetTyped() {
    try {
        sessionStorage.removeItem(TYPED_USERNAME);
    } catch (_) {
        // Nothing was kept.
    }
}

// ---- console shell ---------------------------------------------------------------------------

const shell = {
    /** @type {Me | undefined} */ me: undefined,
    /** False for the first view, which should not pull focus away from the top of the page. */
    navigated: false,
    /** @type {Route | undefined} */ current: undefined,
};

async function startConsole() {
    const main = /** @type {HTMLElement} */ (document.getElementById('main'));
    const skip = document.querySelector('.skip');
    if (skip) {
        // The hash holds the route: move focus without touching it.
        skip.addEventListener('click', (event) => {
            event.preventDefault();
            main.focus();
        });
    }
    try {
        shell.me = /** @type {Me} */ (await api('/me'));
    } catch (error) {
        if (error instanceof SignedOutError) return;
        main.textContent = '';
        const status = statusLine();
        main.appendChild(h('div', { class: 'view' }, heading(APP_NAME), status));
        say(status, problemText(error), true);
        return;
    }
    const me = shell.me;
    const who = document.getElementById('signed-in-as');
    // An advisor is who signs in here; another role is named.
    if (who) who.textContent = me.username + (me.role === 'advisor' ? '' : ' (' + me.role + ')');
    // A navigation item with data-role="editor" or "admin" is for that role and those above it.
    for (const item of document.querySelectorAll('[data-role]')) {
        const least = /** @type {import('./roles.js').Role} */ (item.getAttribute('data-role'));
        /** @type {HTMLElement} */ (item).hidden = !mayAct(me.role, least);
    }
    window.addEventListener('hashchange', () => {
        shell.navigated = true;
        route();
    });
    route();
}

function route() {
    const hash = location.hash;
    // Only "#/..." is a route; another hash (a skip link's) leaves the view as it is.
    if (hash && !hash.startsWith('#/')) return;
    const [path, search] = (hash.slice(2) || '').split('?');
    const [name, ...args] = path.split('/').map((part) => safeDecode(part));
    const target = ROUTES[name];
    if (!target) {
        history.replaceState(null, '', DEFAULT_ROUTE);
        route();
        return;
    }
    show(target, args, new URLSearchParams(search || ''));
}

/** @param {Route} target @param {string[]} args @param {URLSearchParams} query */
function show(target, args, query) {
    const me = /** @type {Me} */ (shell.me);
    const main = /** @type {HTMLElement} */ (document.getElementById('main'));
    for (const link of document.querySelectorAll('.site-nav a, .account-link')) {
        if (link.getAttribute('data-section') === target.section) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    if (shell.current && shell.current.leave) shell.current.leave();
    shell.current = target;
    const view = h('div', { class: 'view view--' + target.section });
    main.textContent = '';
    main.appendChild(view);
    const setTitle = (/** @type {string} */ title) => {
        document.title = title + ' · ' + APP_NAME;
    };
    setTitle(target.title);
    if (target.role && !mayAct(me.role, target.role)) {
        const status = statusLine();
        view.appendChild(heading(target.title));
        view.appendChild(status);
        say(status, target.role === 'admin' ? 'Only admins can open this page.' : 'Only editors and admins can open this page.', true);
    } else {
        target.render(view, { me, args, query, setTitle });
    }
    if (shell.navigated) {
        const title = /** @type {HTMLElement | null} */ (view.querySelector('h1'));
        if (title) title.focus();
        window.scrollTo(0, 0);
    }
}

/** @param {string} part */
function safeDecode(part) {
    try {
        return decodeURIComponent(part);
    } catch (_) {
        return part;
    }
}

// ---- start -----------------------------------------------------------------------------------

if (document.body.dataset.page === 'sign-in') startSignIn();
else if (document.body.dataset.page === 'console') void startConsole();
