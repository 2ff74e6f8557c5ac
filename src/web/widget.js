// @ts-check
/*
 * MLT Career Assistant: the one-line embed for the chat widget.
 *
 *   <script src="https://YOUR-BOT-HOST/widget.js" data-title="MLT Career Assistant" async></script>
 *
 * Options (data- attributes on that script tag):
 *   data-title   panel title and launcher label (default "MLT Career Assistant")
 *   data-accent  any CSS colour for the launcher, panel header and Web Chat accent
 *   data-locale  Web Chat locale (default: the browser's language)
 *   data-open    "true" opens the panel when the page loads
 *
 * Plain ES2017, no build step. Web Chat (served by the bot at /assets/webchat.js) is loaded only when
 * the panel first opens. The conversation is kept in sessionStorage, so it survives reloads and
 * navigation within the site in this tab and ends when the tab is closed (a shared computer's next
 * visitor does not see it). Every name this script adds to the page starts with "mltcb-".
 *
 * Around Web Chat the widget adds a header menu (plain messages the bot reads as commands), the privacy
 * notice from `GET /api/privacy`, a "Source details" disclosure under each answer built from the
 * citations in its trace, and thumbs that stay pressed after a reload. Nothing from an activity is ever
 * written as HTML: only textContent.
 */
(function () {
    'use strict';

    const win = window;
    if (win.__mltcbWidget || document.getElementById('mltcb-root')) return;
    win.__mltcbWidget = true;

    const DEFAULT_TITLE = 'MLT Career Assistant';
    const DEFAULT_ACCENT = '#0b5cad';
    /** A stored token with less life than this is not worth refreshing: start a new conversation. */
    const MIN_TOKEN_LIFE_MS = 60 * 1000;
    /**
     * A stored token with more life than this resumes as it is: a refresh replaces (revokes) the token and the bot
     * limits refreshes per conversation, so a visitor going from page to page must not refresh on every page.
     */
    const REFRESH_BELOW_LIFE_MS = 15 * 60 * 1000;
    /** Keeps the stored token alive while the page stays open (Direct Line tokens last 30 minutes). */
    const TOKEN_REFRESH_MS = 10 * 60 * 1000;
    /** How long to wait for Web Chat's send box before leaving focus on the close button. */
    const SENDBOX_WAIT_MS = 15 * 1000;
    const SENDBOX = '[data-id="webchat-sendbox-input"]';
    /** The event Web Chat posts when a thumbs button is pressed (src/replies/answerFeedback.ts reads it). */
    const FEEDBACK_EVENT = 'webchat:activity-status/feedback';
    /** The trace's `dialog` on the reply that confirms "delete my chat": the conversation is gone on the server. */
    const DELETE_CHAT_DIALOG = 'delete-chat';
    /** What the header menu sends: each is a bot command, so it works as typed too, on every channel. */
    const MENU_ITEMS = [
        { label: 'Start over', text: 'start over' },
        { label: 'Talk to an advisor', text: 'talk to an advisor' },
        { label: 'Delete my chat', text: 'delete my chat' },
    ];
    // DirectLineJS ConnectionStatus values.
    const EXPIRED_TOKEN = 3;
    const FAILED_TO_CONNECT = 4;
    /** How long after the widget presses a thumb again the feedback event that press posts is dropped. */
    const REPLAY_WINDOW_MS = 5 * 1000;
    /** Lets Web Chat finish a render before the widget looks for answers in it. */
    const DECORATE_DELAY_MS = 50;

    const script = /** @type {HTMLScriptElement | null} */ (
        document.currentScript || document.querySelector('script[src$="/widget.js"]')
    );
    if (!script || !script.src) return;

    const botOrigin = new URL(script.src, document.baseURI).origin;
    const data = script.dataset;
    const title = (data.title || '').trim().slice(0, 80) || DEFAULT_TITLE;
    const accent = data.accent && CSS.supports('color', data.accent) ? data.accent : DEFAULT_ACCENT;
    const locale = pickLocale(data.locale || navigator.language || 'en-US');
    const storageKey = 'mltcb:' + botOrigin;

    /**
     * `ratings` maps a bot activity's id to the thumb pressed under it, so the pressed state survives a reload (Web
     * Chat keeps it only in a component's memory). Activity ids and 'up'/'down' only: nothing a visitor wrote.
     * @typedef {{ conversationId?: string, token?: string, expiresAt?: number, domain?: string, webSocket?: boolean, open?: boolean, ratings?: Record<string, 'up' | 'down'> }} Stored
     */

    const state = {
        /** @type {DirectLineConnection | null} */ directLine: null,
        /** @type {{ unsubscribe(): void } | null} */ statusSubscription: null,
        /** @type {HTMLElement | null} */ chat: null,
        /** @type {WebChatStore | null} */ store: null,
        /** @type {MutationObserver | null} */ observer: null,
        /** Thumbs pressed again by the widget to show a stored rating: their feedback events are not sent twice. */
        /** @type {Map<string, number>} */ replayedRatings: new Map(),
        /** Activities whose stored rating was already shown once in this Web Chat (so a failure cannot loop). */
        /** @type {Set<string>} */ restoredRatings: new Set(),
        /** @type {number | undefined} */ decorateTimer: undefined,
        privacyRequested: false,
        /** @type {Promise<WebChatBundle> | null} */ bundle: null,
        /** @type {number | undefined} */ refreshTimer: undefined,
        starting: false,
        resumeFailed: false,
        generation: 0,
    };

    /** @type {{ root: HTMLElement, launcher: HTMLButtonElement, panel: HTMLElement, close: HTMLButtonElement, menuButton: HTMLButtonElement, menu: HTMLElement, privacy: HTMLElement, status: HTMLElement, retry: HTMLButtonElement, chatArea: HTMLElement }} */
    let ui;

    function init() {
        injectStyles();
        ui = buildUi();
        const stored = readStore();
        const shouldOpen = typeof stored.open === 'boolean' ? stored.open : data.open === 'true';
        if (shouldOpen) openPanel(false);
    }

    // ---- configuration -------------------------------------------------------------------------

    /** @param {string} value */
    function pickLocale(value) {
        try {
            return Intl.getCanonicalLocales(value)[0] || 'en-US';
        } catch (_) {
            return 'en-US';
        }
    }

    /** Black or white, whichever reads better on the accent colour (any CSS colour, read through a canvas). */
    function textColourOn(/** @type {string} */ colour) {
        try {
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = 1;
            const ctx = canvas.getContext('2d', { willReadFrequently: true });
            if (!ctx) return '#ffffff';
            ctx.fillStyle = '#ffffff';
            ctx.fillRect(0, 0, 1, 1);
            ctx.fillStyle = colour;
            ctx.fillRect(0, 0, 1, 1);
            const [r, g, b] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((v) => {
                const c = v / 255;
                return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            });
            const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            const onWhite = 1.05 / (luminance + 0.05);
            const onBlack = (luminance + 0.05) / 0.05;
            return onWhite >= onBlack ? '#ffffff' : '#111111';
        } catch (_) {
            return '#ffffff';
        }
    }

    // ---- storage -------------------------------------------------------------------------------

    /** @returns {Stored} */
    function readStore() {
        try {
            const value = JSON.parse(sessionStorage.getItem(storageKey) || '{}');
            return value && typeof value === 'object' ? value : {};
        } catch (_) {
            return {};
        }
    }

    /** @param {Stored} changes */
    function writeStore(changes) {
        try {
            sessionStorage.setItem(storageKey, JSON.stringify(Object.assign(readStore(), changes)));
        } catch (_) {
            // Storage can be full or disabled; the widget still works, it just does not resume.
        }
    }

    function forgetConversation() {
        writeStore({ conversationId: undefined, token: undefined, expiresAt: undefined, domain: undefined, webSocket: undefined, ratings: undefined });
    }

    // ---- DOM -----------------------------------------------------------------------------------

    function injectStyles() {
        if (document.getElementById('mltcb-style')) return;
        const style = document.createElement('style');
        style.id = 'mltcb-style';
        style.textContent = CSS_TEXT;
        document.head.appendChild(style);
    }

    function buildUi() {
        const root = el('div', 'mltcb-root');
        root.id = 'mltcb-root';
        root.style.setProperty('--mltcb-accent', accent);
        root.style.setProperty('--mltcb-on-accent', textColourOn(accent));

        const launcher = /** @type {HTMLButtonElement} */ (el('button', 'mltcb-launcher'));
        launcher.type = 'button';
        launcher.id = 'mltcb-launcher';
        launcher.setAttribute('aria-label', 'Open chat: ' + title);
        launcher.setAttribute('aria-expanded', 'false');
        launcher.setAttribute('aria-controls', 'mltcb-panel');
        launcher.appendChild(chatIcon());
        const label = el('span', 'mltcb-launcher-label');
        label.textContent = title;
        launcher.appendChild(label);

        const panel = el('div', 'mltcb-panel');
        panel.id = 'mltcb-panel';
        panel.hidden = true;
        panel.setAttribute('role', 'dialog');
        panel.setAttribute('aria-label', title);

        const header = el('div', 'mltcb-header');
        const heading = el('h2', 'mltcb-title');
        heading.textContent = title;
        const close = /** @type {HTMLButtonElement} */ (el('button', 'mltcb-close'));
        close.type = 'button';
        close.setAttribute('aria-label', 'Close chat');
        close.appendChild(closeIcon());
        const { menuWrap, menuButton, menu } = buildMenu();
        header.appendChild(heading);
        header.appendChild(menuWrap);
        header.appendChild(close);

        // Filled from GET /api/privacy when the panel first opens; hidden until then.
        const privacy = el('details', 'mltcb-privacy');
        privacy.hidden = true;

        const notice = el('div', 'mltcb-notice');
        const status = el('p', 'mltcb-status');
        status.setAttribute('role', 'status');
        const retry = /** @type {HTMLButtonElement} */ (el('button', 'mltcb-retry'));
        retry.type = 'button';
        retry.textContent = 'Try again';
        retry.hidden = true;
        notice.appendChild(status);
        notice.appendChild(retry);

        const chatArea = el('div', 'mltcb-chat');

        panel.appendChild(header);
        panel.appendChild(privacy);
        panel.appendChild(notice);
        panel.appendChild(chatArea);
        root.appendChild(panel);
        root.appendChild(launcher);
        document.body.appendChild(root);

        launcher.addEventListener('click', () => (panel.hidden ? openPanel(true) : closePanel()));
        close.addEventListener('click', () => closePanel());
        retry.addEventListener('click', () => {
            state.resumeFailed = false;
            startChat(true);
        });
        panel.addEventListener('keydown', (event) => {
            if (event.key === 'Escape' && !event.defaultPrevented && !event.isComposing) {
                event.preventDefault();
                closePanel();
            }
        });
        return { root, launcher, panel, close, menuButton, menu, privacy, status, retry, chatArea };
    }

    /**
     * The header menu (WAI-ARIA menu button): Enter, Space or the arrow keys open it, the arrow keys, Home and End
     * move between its items, Escape closes it and gives focus back to its button, Tab or a click elsewhere closes it.
     */
    function buildMenu() {
        const menuWrap = el('div', 'mltcb-menu-wrap');
        const menuButton = /** @type {HTMLButtonElement} */ (el('button', 'mltcb-menu-button'));
        menuButton.type = 'button';
        menuButton.id = 'mltcb-menu-button';
        menuButton.setAttribute('aria-label', 'Chat options');
        menuButton.setAttribute('aria-haspopup', 'menu');
        menuButton.setAttribute('aria-expanded', 'false');
        menuButton.setAttribute('aria-controls', 'mltcb-menu');
        menuButton.appendChild(menuIcon());
        const menu = el('ul', 'mltcb-menu');
        menu.id = 'mltcb-menu';
        menu.setAttribute('role', 'menu');
        menu.setAttribute('aria-labelledby', 'mltcb-menu-button');
        menu.hidden = true;
        for (const item of MENU_ITEMS) {
            const li = el('li', 'mltcb-menu-entry');
            li.setAttribute('role', 'none');
            const button = /** @type {HTMLButtonElement} */ (el('button', 'mltcb-menu-item'));
            button.type = 'button';
            button.setAttribute('role', 'menuitem');
            button.tabIndex = -1;
            button.textContent = item.label;
            button.addEventListener('click', () => {
                closeMenu(false);
                sendToBot(item.text);
            });
            li.appendChild(button);
            menu.appendChild(li);
        }
        menuWrap.appendChild(menuButton);
        menuWrap.appendChild(menu);

        const items = () => /** @type {HTMLButtonElement[]} */ (Array.from(menu.querySelectorAll('.mltcb-menu-item')));
        const focusItem = (/** @type {number} */ index) => {
            const all = items();
            all[(index + all.length) % all.length].focus();
        };
        const openMenu = (/** @type {number} */ index) => {
            menu.hidden = false;
            menuButton.setAttribute('aria-expanded', 'true');
            focusItem(index);
            document.addEventListener('pointerdown', onOutside, true);
        };
        const onOutside = (/** @type {Event} */ event) => {
            if (!menuWrap.contains(/** @type {Node} */ (event.target))) closeMenu(false);
        };
        /** @param {boolean} refocus */
        function closeMenu(refocus) {
            if (menu.hidden) return;
            menu.hidden = true;
            menuButton.setAttribute('aria-expanded', 'false');
            document.removeEventListener('pointerdown', onOutside, true);
            if (refocus) menuButton.focus();
        }
        menuButton.addEventListener('click', () => (menu.hidden ? openMenu(0) : closeMenu(true)));
        menuButton.addEventListener('keydown', (event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                openMenu(event.key === 'ArrowDown' ? 0 : -1);
            }
        });
        menu.addEventListener('keydown', (event) => {
            const all = items();
            const current = all.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
            const moves = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: all.length - 1 };
            if (event.key in moves) {
                event.preventDefault();
                focusItem(moves[/** @type {keyof typeof moves} */ (event.key)]);
            } else if (event.key === 'Escape') {
                // Handled here, so the panel's own Escape (close the chat) does not run as well.
                event.preventDefault();
                closeMenu(true);
            } else if (event.key === 'Tab') {
                closeMenu(false);
            }
        });
        return { menuWrap, menuButton, menu };
    }

    /** @param {string} tag @param {string} className */
    function el(tag, className) {
        const node = document.createElement(tag);
        node.className = className;
        return node;
    }

    /** @param {string} pathData */
    function icon(pathData) {
        const ns = 'http://www.w3.org/2000/svg';
        const svg = document.createElementNS(ns, 'svg');
        svg.setAttribute('viewBox', '0 0 24 24');
        svg.setAttribute('width', '24');
        svg.setAttribute('height', '24');
        svg.setAttribute('aria-hidden', 'true');
        svg.setAttribute('focusable', 'false');
        svg.setAttribute('class', 'mltcb-icon');
        const path = document.createElementNS(ns, 'path');
        path.setAttribute('d', pathData);
        path.setAttribute('fill', 'currentColor');
        svg.appendChild(path);
        return svg;
    }

    function chatIcon() {
        return icon('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z');
    }

    function menuIcon() {
        return icon('M12 8a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm0 6a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm0 6a2 2 0 1 1 0-4 2 2 0 0 1 0 4z');
    }

    function closeIcon() {
        return icon('M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z');
    }

    // ---- open and close ------------------------------------------------------------------------

    /** @param {boolean} moveFocus false when opening by itself at page load: never steal focus then */
    function openPanel(moveFocus) {
        ui.panel.hidden = false;
        ui.launcher.setAttribute('aria-expanded', 'true');
        ui.root.classList.add('mltcb-is-open');
        writeStore({ open: true });
        if (moveFocus) focusInside();
        if (!state.chat && !state.starting) startChat(moveFocus);
        if (!state.privacyRequested) loadPrivacyNotice();
    }

    function closePanel() {
        if (ui.panel.hidden) return;
        ui.panel.hidden = true;
        ui.launcher.setAttribute('aria-expanded', 'false');
        ui.root.classList.remove('mltcb-is-open');
        writeStore({ open: false });
        ui.launcher.focus();
    }

    function focusInside() {
        const input = /** @type {HTMLElement | null} */ (ui.chatArea.querySelector(SENDBOX));
        (input || ui.close).focus();
    }

    /** Moves focus to the send box once Web Chat has rendered it, unless the visitor has moved on. */
    function focusSendBoxWhenReady(/** @type {number} */ generation) {
        const started = Date.now();
        const tick = () => {
            if (generation !== state.generation || ui.panel.hidden) return;
            const input = /** @type {HTMLElement | null} */ (ui.chatArea.querySelector(SENDBOX));
            const active = document.activeElement;
            const focusIsFree = !active || active === document.body || active === ui.close || active === ui.retry;
            if (input) {
                if (focusIsFree) input.focus();
            } else if (Date.now() - started < SENDBOX_WAIT_MS) {
                setTimeout(tick, 100);
            }
        };
        tick();
    }

    /** @param {string} text @param {boolean} [failed] */
    function showStatus(text, failed) {
        ui.status.textContent = text;
        ui.panel.classList.toggle('mltcb-has-error', !!failed);
        // Hiding the focused retry button would drop focus to the page: keep it in the panel.
        if (!failed && document.activeElement === ui.retry) ui.close.focus();
        ui.retry.hidden = !failed;
        if (failed && ui.panel.contains(document.activeElement)) ui.retry.focus();
    }

    // ---- starting the chat ---------------------------------------------------------------------

    /** @param {boolean} moveFocus @param {string} [notice] what the status line says once the chat shows */
    async function startChat(moveFocus, notice) {
        const generation = ++state.generation;
        state.starting = true;
        teardown();
        showStatus('Loading chat…');
        try {
            const [WebChat, session] = await Promise.all([loadWebChat(), getSession()]);
            if (generation !== state.generation) return;
            render(WebChat, session, generation);
            showStatus(notice || '');
            if (moveFocus || ui.panel.contains(document.activeElement)) focusSendBoxWhenReady(generation);
        } catch (error) {
            if (generation !== state.generation) return;
            teardown();
            const offline = error instanceof Error && error.name === 'MltcbBundleError';
            showStatus(
                offline
                    ? 'Sorry, the chat could not be loaded. Check your connection and try again.'
                    : 'Sorry, the assistant is not available right now. Please try again in a moment.',
                true,
            );
        } finally {
            if (generation === state.generation) state.starting = false;
        }
    }

    /** Loads Web Chat from the bot once; a failed load can be retried. @returns {Promise<WebChatBundle>} */
    function loadWebChat() {
        if (win.WebChat && typeof win.WebChat.renderWebChat === 'function') return Promise.resolve(win.WebChat);
        if (state.bundle) return state.bundle;
        const tag = document.createElement('script');
        /** @type {Promise<WebChatBundle>} */
        const promise = new Promise((resolve, reject) => {
            const fail = () => {
                const error = new Error('widget.js: Web Chat could not be loaded from ' + tag.src);
                error.name = 'MltcbBundleError';
                reject(error);
            };
            tag.addEventListener('load', () => (win.WebChat ? resolve(win.WebChat) : fail()));
            tag.addEventListener('error', fail);
        });
        tag.src = botOrigin + '/assets/webchat.js';
        tag.async = true;
        tag.className = 'mltcb-webchat-bundle';
        document.head.appendChild(tag);
        state.bundle = promise;
        promise.catch(() => {
            state.bundle = null;
            tag.remove();
        });
        return promise;
    }

    /**
     * The conversation to show: the stored one while its token is good (refreshed first when it has under 15 minutes
     * left), else a new one.
     * @returns {Promise<{ conversationId: string, token: string, domain: string, webSocket: boolean, resumed: boolean }>}
     */
    async function getSession() {
        const stored = readStore();
        const life = (stored.expiresAt || 0) - Date.now();
        if (!state.resumeFailed && stored.token && stored.conversationId && isUsableDomain(stored.domain) && life > MIN_TOKEN_LIFE_MS) {
            if (life > REFRESH_BELOW_LIFE_MS) {
                return { conversationId: stored.conversationId, token: stored.token, domain: String(stored.domain), webSocket: !!stored.webSocket, resumed: true };
            }
            const refreshed = await refreshToken(String(stored.domain), stored.token).catch(() => null);
            if (refreshed && (!refreshed.conversationId || refreshed.conversationId === stored.conversationId)) {
                return { conversationId: stored.conversationId, token: refreshed.token, domain: String(stored.domain), webSocket: !!stored.webSocket, resumed: true };
            }
        }
        const response = await fetch(botOrigin + '/api/directline/token', { method: 'POST' });
        if (!response.ok) throw new Error('widget.js: the token request answered ' + response.status);
        const body = await response.json();
        if (!body || typeof body.token !== 'string' || typeof body.conversationId !== 'string') throw new Error('widget.js: the token response has no token');
        const domain = body.domain ? String(body.domain).replace(/\/+$/, '') : botOrigin + '/v3/directline';
        if (!isUsableDomain(domain)) throw new Error('widget.js: the token response names an unusable domain');
        const session = { conversationId: body.conversationId, token: body.token, domain, webSocket: body.domain ? !!body.webSocket : false, resumed: false };
        writeStore({ conversationId: session.conversationId, token: session.token, expiresAt: expiry(body.expires_in), domain, webSocket: session.webSocket, ratings: undefined });
        return session;
    }

    /** @param {unknown} domain */
    function isUsableDomain(domain) {
        try {
            const url = new URL(String(domain));
            return url.protocol === 'https:' || url.origin === botOrigin;
        } catch (_) {
            return false;
        }
    }

    /** @param {unknown} seconds */
    function expiry(seconds) {
        const value = Number(seconds);
        return Date.now() + (value > 0 ? value : 1800) * 1000;
    }

    /**
     * Swaps a token for a fresh one for the same conversation and stores it.
     * @param {string} domain @param {string} token
     */
    async function refreshToken(domain, token) {
        const response = await fetch(domain + '/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
        if (!response.ok) throw new Error('widget.js: token refresh answered ' + response.status);
        const body = await response.json();
        if (!body || typeof body.token !== 'string') throw new Error('widget.js: token refresh returned no token');
        writeStore({ token: body.token, expiresAt: expiry(body.expires_in) });
        return body;
    }

    /** @param {WebChatBundle} WebChat @param {{ conversationId: string, token: string, domain: string, webSocket: boolean, resumed: boolean }} session @param {number} generation */
    function render(WebChat, session, generation) {
        /** @type {DirectLineOptions} */
        const options = { domain: session.domain, token: session.token, webSocket: session.webSocket };
        if (!session.webSocket) options.pollingInterval = 1000;
        if (session.resumed) options.conversationId = session.conversationId;
        const directLine = WebChat.createDirectLine(options);
        state.directLine = directLine;

        state.statusSubscription = directLine.connectionStatus$.subscribe({
            next: (status) => {
                if (generation !== state.generation) return;
                if (status !== FAILED_TO_CONNECT && status !== EXPIRED_TOKEN) return;
                if (session.resumed) {
                    // The stored conversation is gone (for example the bot restarted): start a new one.
                    state.resumeFailed = true;
                    forgetConversation();
                    startChat(ui.panel.contains(document.activeElement));
                } else {
                    teardown();
                    showStatus('Sorry, the connection to the assistant was lost. Please try again.', true);
                }
            },
            error: () => undefined,
        });

        const chat = el('div', 'mltcb-webchat');
        ui.chatArea.appendChild(chat);
        state.chat = chat;
        state.store = WebChat.createStore({}, storeMiddleware(generation));
        state.replayedRatings.clear();
        state.restoredRatings.clear();
        // Web Chat renders activities when it likes: look again whenever the transcript changes.
        state.observer = new MutationObserver(() => scheduleDecorate());
        state.observer.observe(chat, { childList: true, subtree: true });
        WebChat.renderWebChat(
            {
                directLine,
                store: state.store,
                locale,
                styleOptions: {
                    accent,
                    hideUploadButton: true,
                    botAvatarInitials: 'MLT',
                    userAvatarInitials: 'You',
                    suggestedActionLayout: 'flow',
                    sendTypingIndicator: false,
                    // A new reply is shown from its top: the transcript stops scrolling once the first activity the
                    // visitor has not seen reaches the top, and Web Chat's "New messages" button leads on.
                    autoScrollSnapOnPage: true,
                    autoScrollSnapOnPageOffset: 0,
                    // Every reply shows its own status line: thumbs sit in it, and with grouped timestamps Web Chat
                    // drew them only under the last message of a group (a prompt after an answer hid the answer's).
                    // Web Chat groups two activities when their times differ by at most this many milliseconds, so
                    // -1 groups none (false would hide every status line, thumbs included).
                    groupTimestamp: -1,
                    // Compact buttons that wrap in rows, in a box with its own scroll, so the conversation keeps room.
                    suggestedActionHeight: 32,
                    suggestedActionBorderRadius: 16,
                    suggestedActionsFlowMaxHeight: 'min(136px, 24vh)',
                },
            },
            chat,
        );

        if (state.refreshTimer === undefined) {
            state.refreshTimer = win.setInterval(() => {
                const stored = readStore();
                if (stored.token && stored.domain && (stored.expiresAt || 0) > Date.now()) refreshToken(stored.domain, stored.token).catch(() => undefined);
            }, TOKEN_REFRESH_MS);
        }
    }

    /** Stops the current Direct Line connection and removes its Web Chat. */
    function teardown() {
        if (state.observer) state.observer.disconnect();
        if (state.decorateTimer !== undefined) win.clearTimeout(state.decorateTimer);
        state.observer = state.store = null;
        state.decorateTimer = undefined;
        if (state.statusSubscription) state.statusSubscription.unsubscribe();
        if (state.directLine) {
            try {
                state.directLine.end();
            } catch (_) {
                // Already ended.
            }
        }
        if (state.chat) state.chat.remove();
        state.statusSubscription = state.directLine = state.chat = null;
    }

    // ---- around Web Chat: menu, deletion, privacy ----------------------------------------------

    /**
     * Web Chat's store middleware: notes thumbs the visitor pressed (and drops the second post of one the widget
     * pressed again to show a stored rating), and sees the reply that confirms "delete my chat".
     * @param {number} generation @returns {WebChatStoreMiddleware}
     */
    function storeMiddleware(generation) {
        return ({ getState }) => (next) => (action) => {
            if (action && action.type === 'DIRECT_LINE/POST_ACTIVITY') {
                const posted = action.payload && action.payload.activity;
                const rated = posted && posted.type === 'event' && posted.name === FEEDBACK_EVENT ? ratedAction(posted) : undefined;
                if (rated) {
                    const replayedAt = state.replayedRatings.get(rated.id);
                    state.replayedRatings.delete(rated.id);
                    // Web Chat posts a pressed thumb 500 ms later: a replay older than a few seconds is not this one.
                    if (replayedAt !== undefined && Date.now() - replayedAt < REPLAY_WINDOW_MS) return undefined;
                    rememberRating(getState().activities, rated);
                }
            } else if (action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                const activity = action.payload && action.payload.activity;
                if (activity && isFromBot(activity) && traceOf(activity).dialog === DELETE_CHAT_DIALOG) {
                    // Not inside Web Chat's dispatch: starting over tears this Web Chat down.
                    win.setTimeout(() => conversationDeleted(generation), 0);
                }
            }
            return next(action);
        };
    }

    /** The conversation was erased on the server: forget it here too and start a new one. */
    function conversationDeleted(/** @type {number} */ generation) {
        if (generation !== state.generation) return;
        forgetConversation();
        state.resumeFailed = false;
        startChat(ui.panel.contains(document.activeElement), 'Your chat was deleted. This is a new conversation.');
    }

    /** Sends a visitor message as if typed (the header menu's commands), and gives focus back to the send box. */
    function sendToBot(/** @type {string} */ text) {
        if (!state.store) return;
        state.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text, method: 'keyboard' } });
        focusInside();
    }

    /** Shows the privacy notice the bot builds from its running configuration (GET /api/privacy), as text. */
    async function loadPrivacyNotice() {
        state.privacyRequested = true;
        try {
            const response = await fetch(botOrigin + '/api/privacy');
            if (!response.ok) throw new Error('widget.js: the privacy notice answered ' + response.status);
            const body = await response.json();
            const text = body && typeof body.text === 'string' ? body.text.trim() : '';
            if (!text) throw new Error('widget.js: the privacy notice has no text');
            const days = Number(body.notice && body.notice.retentionDays);
            const summary = el('summary', 'mltcb-privacy-summary');
            summary.textContent = Number.isInteger(days) && days > 0 ? 'Privacy: chats are kept for ' + days + ' days' : 'Privacy';
            const content = el('div', 'mltcb-privacy-text');
            for (const paragraph of text.split(/\n\s*\n/)) {
                const p = el('p', 'mltcb-privacy-paragraph');
                p.textContent = paragraph.trim();
                content.appendChild(p);
            }
            ui.privacy.replaceChildren(summary, content);
            ui.privacy.hidden = false;
        } catch (_) {
            // The chat works without it; the page the widget sits on has its own notice. Try again on the next open.
            state.privacyRequested = false;
        }
    }

    // ---- answers: source details and thumbs kept -----------------------------------------------

    function scheduleDecorate() {
        if (state.decorateTimer !== undefined) return;
        state.decorateTimer = win.setTimeout(() => {
            state.decorateTimer = undefined;
            decorate();
        }, DECORATE_DELAY_MS);
    }

    /** Adds "Source details" under each answer that cites sources, and shows stored ratings as pressed thumbs. */
    function decorate() {
        if (!state.store || !state.chat) return;
        const ratings = readStore().ratings || {};
        for (const { activity, article } of renderedActivities(state.store.getState().activities, state.chat)) {
            if (!isFromBot(activity)) continue;
            const citations = traceOf(activity).citations;
            if (Array.isArray(citations) && citations.length && !article.querySelector('.mltcb-sources')) {
                const details = sourceDetails(citations);
                if (details) article.appendChild(details);
            }
            const rating = activity.id ? ratings[activity.id] : undefined;
            if (rating && !state.restoredRatings.has(String(activity.id))) showRating(activity, article, rating);
        }
    }

    /**
     * Pairs each activity Web Chat shows with its `<article>`: Web Chat gives the element no activity id, but it draws
     * one article per shown activity, in order. Shown means Web Chat's own rule (a message with text or attachments,
     * not a postBack). When the counts or sides disagree (mid-render), nothing is paired: the next change tries again.
     * @param {WebChatActivity[]} activities @param {HTMLElement} chat
     */
    function renderedActivities(activities, chat) {
        const shown = activities.filter(isShown);
        const articles = Array.from(chat.querySelectorAll('article.webchat__basic-transcript__activity'));
        if (shown.length !== articles.length) return [];
        const pairs = shown.map((activity, i) => ({ activity, article: /** @type {HTMLElement} */ (articles[i]) }));
        const sidesAgree = pairs.every(({ activity, article }) => !!article.querySelector('[class*="--from-user"]') === !isFromBot(activity));
        return sidesAgree ? pairs : [];
    }

    /** @param {WebChatActivity} activity */
    function isShown(activity) {
        if (activity.type !== 'message') return false;
        const channelData = activity.channelData || {};
        if (channelData.postBack || (channelData.messageBack && !channelData.messageBack.displayText)) return false;
        return !!(activity.text || (activity.attachments && activity.attachments.length));
    }

    /** @param {WebChatActivity} activity */
    function isFromBot(activity) {
        return !!activity.from && activity.from.role === 'bot';
    }

    /** The answer trace (`channelData.answer`), or an empty one. @param {WebChatActivity} activity @returns {AnswerTrace} */
    function traceOf(activity) {
        const answer = activity.channelData && activity.channelData.answer;
        return answer && typeof answer === 'object' ? answer : {};
    }

    /**
     * "Source details": a disclosure listing each cited source's title, section and date, written as text; a web page's
     * title is a link to it when its address is http(s).
     * @param {unknown[]} citations @returns {HTMLElement | undefined}
     */
    function sourceDetails(citations) {
        const seen = new Set();
        const list = el('ul', 'mltcb-sources-list');
        for (const citation of citations) {
            if (!citation || typeof citation !== 'object') continue;
            const c = /** @type {Record<string, unknown>} */ (citation);
            const title = typeof c.title === 'string' ? c.title.trim() : '';
            if (!title) continue;
            const section = typeof c.section === 'string' ? c.section.trim() : '';
            const asOf = typeof c.asOf === 'string' ? formatAsOf(c.asOf.trim()) : '';
            const url = typeof c.url === 'string' ? webAddress(c.url) : undefined;
            const key = title + '\n' + section + '\n' + asOf + '\n' + (url || '');
            if (seen.has(key)) continue;
            seen.add(key);
            const item = el('li', 'mltcb-sources-item');
            const cite = el('cite', 'mltcb-sources-title');
            if (url) {
                const link = /** @type {HTMLAnchorElement} */ (el('a', 'mltcb-sources-link'));
                link.href = url;
                link.target = '_blank';
                link.rel = 'noopener noreferrer';
                link.textContent = title;
                cite.appendChild(link);
            } else {
                cite.textContent = title;
            }
            item.appendChild(cite);
            const rest = [section && 'section “' + section + '”', asOf && 'as of ' + asOf].filter(Boolean).join(', ');
            if (rest) item.appendChild(document.createTextNode(': ' + rest));
            list.appendChild(item);
        }
        if (!list.childElementCount) return undefined;
        const details = el('details', 'mltcb-sources');
        const summary = el('summary', 'mltcb-sources-summary');
        summary.textContent = 'Source details';
        details.appendChild(summary);
        details.appendChild(list);
        return details;
    }

    /**
     * `value` as an absolute http(s) address, as the browser parses it, or undefined: a link in the widget never runs
     * script (`javascript:`) or opens anything but a web page, whatever a trace says.
     * @param {string} value @returns {string | undefined}
     */
    function webAddress(value) {
        try {
            const url = new URL(value);
            return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url.href : undefined;
        } catch (_) {
            return undefined;
        }
    }

    /** "2024-11" as "Nov 2024" in the visitor's locale; anything else as it is. @param {string} value */
    function formatAsOf(value) {
        const match = /^(\d{4})-(\d{2})$/.exec(value);
        if (!match) return value;
        try {
            return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
        } catch (_) {
            return value;
        }
    }

    /** The thumbs action a feedback event carries (Web Chat sends the pressed Schema.org action as its first entity). */
    function ratedAction(/** @type {WebChatActivity} */ event) {
        const action = /** @type {Record<string, unknown> | undefined} */ ((event.entities || [])[0]);
        if (!action || typeof action['@id'] !== 'string') return undefined;
        if (action['@type'] !== 'LikeAction' && action['@type'] !== 'DislikeAction') return undefined;
        return { id: action['@id'], rating: /** @type {'up' | 'down'} */ (action['@type'] === 'LikeAction' ? 'up' : 'down') };
    }

    /** The Like and Dislike actions an answer offers (in its Schema.org Message entity). @param {WebChatActivity} activity */
    function ratingActions(activity) {
        /** @type {Record<string, unknown>[]} */
        const actions = [];
        for (const entity of activity.entities || []) {
            const e = /** @type {Record<string, unknown>} */ (entity);
            if (e && e['@type'] === 'Message' && Array.isArray(e.potentialAction)) actions.push(...e.potentialAction);
        }
        return actions;
    }

    /** Stores which thumb was pressed under which answer (found by the action's id). */
    function rememberRating(/** @type {WebChatActivity[]} */ activities, /** @type {{ id: string, rating: 'up' | 'down' }} */ rated) {
        const answer = activities.find((a) => isFromBot(a) && a.id && ratingActions(a).some((action) => action['@id'] === rated.id));
        if (!answer || !answer.id) return;
        writeStore({ ratings: Object.assign({}, readStore().ratings, { [answer.id]: rated.rating }) });
    }

    /**
     * Presses the stored thumb again. Web Chat keeps the pressed state only in its component, so the widget clicks
     * the button; the store middleware drops the feedback event that click would post, so the bot counts it once.
     * @param {WebChatActivity} activity @param {HTMLElement} article @param {'up' | 'down'} rating
     */
    function showRating(activity, article, rating) {
        const buttons = /** @type {HTMLButtonElement[]} */ (Array.from(article.querySelectorAll('button.webchat__thumb-button')));
        if (!buttons.length) return;
        state.restoredRatings.add(String(activity.id));
        const button = buttons.find((b) => !!b.querySelector('.webchat__thumb-button__image--is-down') === (rating === 'down'));
        const action = ratingActions(activity).find((a) => a['@type'] === (rating === 'up' ? 'LikeAction' : 'DislikeAction'));
        if (!button || !action || typeof action['@id'] !== 'string' || button.getAttribute('aria-pressed') === 'true') return;
        state.replayedRatings.set(action['@id'], Date.now());
        button.click();
    }

    // ---- styles --------------------------------------------------------------------------------

    const CSS_TEXT = `
.mltcb-root {
  --mltcb-accent: ${DEFAULT_ACCENT};
  --mltcb-on-accent: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.4;
  color: #1a1a1a;
}
.mltcb-root *, .mltcb-root *::before, .mltcb-root *::after { box-sizing: border-box; }
.mltcb-launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 10px;
  min-width: 56px; min-height: 56px; max-width: calc(100vw - 40px);
  margin: 0; padding: 0 20px; border: 0; border-radius: 28px;
  background: var(--mltcb-accent); color: var(--mltcb-on-accent);
  font-family: inherit; font-size: 16px; font-weight: 600; line-height: 1.2; text-transform: none; letter-spacing: normal;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3); cursor: pointer;
}
.mltcb-launcher-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.mltcb-launcher:focus { outline: none; }
.mltcb-launcher:focus-visible { outline: 3px solid #111111; outline-offset: 2px; box-shadow: 0 0 0 2px #ffffff, 0 4px 14px rgba(0, 0, 0, 0.3); }
.mltcb-icon { flex: none; display: block; width: 24px; height: 24px; }
.mltcb-panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483001;
  display: flex; flex-direction: column;
  width: 400px; height: min(720px, calc(100vh - 112px)); max-width: calc(100vw - 40px); max-height: calc(100vh - 112px);
  background: #ffffff; color: #1a1a1a; border-radius: 12px; overflow: hidden;
  box-shadow: 0 8px 32px rgba(0, 0, 0, 0.28);
}
.mltcb-panel[hidden] { display: none; }
.mltcb-header {
  flex: none; display: flex; align-items: center; justify-content: space-between; gap: 8px;
  padding: 4px 4px 4px 16px; background: var(--mltcb-accent); color: var(--mltcb-on-accent);
}
.mltcb-title {
  margin: 0; padding: 0; font-family: inherit; font-size: 17px; font-weight: 600; line-height: 1.3; color: inherit;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.mltcb-title { flex: 1 1 auto; min-width: 0; }
.mltcb-close, .mltcb-menu-button {
  flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 44px; height: 44px; margin: 0; padding: 0; border: 0; border-radius: 8px;
  background: transparent; color: inherit; cursor: pointer;
}
.mltcb-close:hover, .mltcb-menu-button:hover, .mltcb-menu-button[aria-expanded="true"] { background: rgba(127, 127, 127, 0.25); }
.mltcb-close:focus, .mltcb-menu-button:focus { outline: none; }
.mltcb-close:focus-visible, .mltcb-menu-button:focus-visible { outline: 3px solid var(--mltcb-on-accent); outline-offset: -5px; }
.mltcb-menu-wrap { position: relative; flex: none; }
.mltcb-menu {
  position: absolute; right: 0; top: calc(100% + 4px); z-index: 2; min-width: 200px;
  margin: 0; padding: 4px 0; list-style: none; background: #ffffff; color: #1a1a1a;
  border: 1px solid #c9ced6; border-radius: 8px; box-shadow: 0 6px 20px rgba(0, 0, 0, 0.2);
}
.mltcb-menu[hidden] { display: none; }
.mltcb-menu-entry { margin: 0; padding: 0; }
.mltcb-menu-item {
  display: block; width: 100%; min-height: 40px; margin: 0; padding: 8px 16px; border: 0; background: transparent;
  color: #1a1a1a; font-family: inherit; font-size: 15px; line-height: 1.3; text-align: left; cursor: pointer;
}
.mltcb-menu-item:hover, .mltcb-menu-item:focus { background: #eef2f7; outline: none; }
.mltcb-menu-item:focus-visible { outline: 2px solid #1a1a1a; outline-offset: -2px; }
.mltcb-privacy { flex: none; border-bottom: 1px solid #d0d0d0; font-size: 13px; line-height: 1.4; color: #3a3a3a; }
.mltcb-privacy[hidden] { display: none; }
.mltcb-privacy-summary { padding: 6px 16px; cursor: pointer; }
.mltcb-privacy-summary:focus { outline: none; }
.mltcb-privacy-summary:focus-visible { outline: 2px solid #1a1a1a; outline-offset: -2px; }
.mltcb-privacy-text { max-height: 30vh; overflow-y: auto; padding: 0 16px 8px; }
.mltcb-privacy-paragraph { margin: 0 0 6px; }
.mltcb-notice { flex: none; }
.mltcb-status { margin: 0; padding: 0 16px; font-size: 15px; color: #1a1a1a; }
.mltcb-status:not(:empty) { padding: 12px 16px; }
.mltcb-has-error .mltcb-notice { border-bottom: 1px solid #d0d0d0; padding-bottom: 12px; }
.mltcb-retry {
  margin: 0 16px; min-height: 44px; padding: 0 18px; border: 2px solid var(--mltcb-accent); border-radius: 8px;
  background: var(--mltcb-accent); color: var(--mltcb-on-accent); font-family: inherit; font-size: 15px; font-weight: 600; line-height: 1.2; cursor: pointer;
}
.mltcb-retry[hidden] { display: none; }
.mltcb-retry:focus { outline: none; }
.mltcb-retry:focus-visible { outline: 3px solid #111111; outline-offset: 2px; }
.mltcb-chat { position: relative; flex: 1 1 auto; min-height: 0; }
.mltcb-webchat { position: absolute; inset: 0; }
/* Web Chat draws its thumbs buttons 16 px square: too small to tap (WCAG 2.2 asks for 24 px). */
.mltcb-root .mltcb-webchat .webchat__thumb-button {
  display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px; vertical-align: middle;
}
.mltcb-root .mltcb-webchat .webchat__thumb-button:focus-visible { outline: 2px solid #1a1a1a; outline-offset: 0; }
/* Compact suggested actions: a smaller font and padding, so more fit in each row of the flow layout. */
.mltcb-root .mltcb-webchat .webchat__suggested-action { font-size: 14px; padding-left: 12px; padding-right: 12px; }
/*
 * Adaptive Card tables (the MLT-vs-MLS comparison): a column never breaks a word ("Featur|e"); it grows to its
 * longest word instead, and the columns beside it give way. The card renderer writes these as inline styles
 * (min-width: 0, overflow-wrap: break-word), hence !important.
 */
.mltcb-root .mltcb-webchat .ac-columnSet > .ac-container { min-width: min-content !important; }
.mltcb-root .mltcb-webchat .ac-columnSet > .ac-container .ac-textBlock { overflow-wrap: normal !important; word-break: normal !important; hyphens: manual !important; }
/* "Source details" under an answer, lined up with the bubble (Web Chat's avatar column is 40 px plus 10 px of gap). */
.mltcb-sources { margin: 2px 10px 6px 60px; font-size: 13px; line-height: 1.4; color: #3a3a3a; }
.mltcb-sources-summary { width: fit-content; min-height: 24px; padding: 2px 0; cursor: pointer; color: #0b5cad; text-decoration: underline; text-underline-offset: 0.15em; }
.mltcb-sources-summary:focus { outline: none; }
.mltcb-sources-summary:focus-visible { outline: 2px solid #1a1a1a; outline-offset: 2px; }
.mltcb-sources-list { margin: 4px 0 0; padding-left: 18px; }
.mltcb-sources-item { margin: 2px 0; }
.mltcb-sources-title { font-style: italic; }
.mltcb-sources-link { color: #0b5cad; text-decoration: underline; text-underline-offset: 0.15em; }
.mltcb-sources-link:focus-visible { outline: 2px solid #1a1a1a; outline-offset: 2px; }
@media (max-width: 600px) {
  .mltcb-panel {
    inset: 0; width: 100%; height: 100%; height: 100dvh; max-width: none; max-height: none; border-radius: 0;
  }
  .mltcb-is-open .mltcb-launcher { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .mltcb-panel:not([hidden]) { animation: mltcb-open 160ms ease-out; }
  .mltcb-launcher { transition: transform 120ms ease-out; }
  .mltcb-launcher:hover { transform: translateY(-2px); }
}
@keyframes mltcb-open { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
@media (forced-colors: active) {
  .mltcb-launcher, .mltcb-retry { border: 2px solid ButtonText; }
  .mltcb-panel { border: 2px solid CanvasText; }
}
`;

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init, { once: true });
    else init();
})();
