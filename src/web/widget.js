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
    // DirectLineJS ConnectionStatus values.
    const EXPIRED_TOKEN = 3;
    const FAILED_TO_CONNECT = 4;

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

    /** @typedef {{ conversationId?: string, token?: string, expiresAt?: number, domain?: string, webSocket?: boolean, open?: boolean }} Stored */

    const state = {
        /** @type {DirectLineConnection | null} */ directLine: null,
        /** @type {{ unsubscribe(): void } | null} */ statusSubscription: null,
        /** @type {HTMLElement | null} */ chat: null,
        /** @type {Promise<WebChatBundle> | null} */ bundle: null,
        /** @type {number | undefined} */ refreshTimer: undefined,
        starting: false,
        resumeFailed: false,
        generation: 0,
    };

    /** @type {{ root: HTMLElement, launcher: HTMLButtonElement, panel: HTMLElement, close: HTMLButtonElement, status: HTMLElement, retry: HTMLButtonElement, chatArea: HTMLElement }} */
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
        writeStore({ conversationId: undefined, token: undefined, expiresAt: undefined, domain: undefined, webSocket: undefined });
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
        header.appendChild(heading);
        header.appendChild(close);

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
        return { root, launcher, panel, close, status, retry, chatArea };
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

    /** @param {boolean} moveFocus */
    async function startChat(moveFocus) {
        const generation = ++state.generation;
        state.starting = true;
        teardown();
        showStatus('Loading chat…');
        try {
            const [WebChat, session] = await Promise.all([loadWebChat(), getSession()]);
            if (generation !== state.generation) return;
            render(WebChat, session, generation);
            showStatus('');
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
        writeStore({ conversationId: session.conversationId, token: session.token, expiresAt: expiry(body.expires_in), domain, webSocket: session.webSocket });
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
        WebChat.renderWebChat(
            {
                directLine,
                locale,
                styleOptions: {
                    accent,
                    hideUploadButton: true,
                    botAvatarInitials: 'MLT',
                    userAvatarInitials: 'You',
                    suggestedActionLayout: 'flow',
                    sendTypingIndicator: false,
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
  width: 380px; height: 600px; max-width: calc(100vw - 40px); max-height: calc(100vh - 112px);
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
.mltcb-close {
  flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 44px; height: 44px; margin: 0; padding: 0; border: 0; border-radius: 8px;
  background: transparent; color: inherit; cursor: pointer;
}
.mltcb-close:hover { background: rgba(127, 127, 127, 0.25); }
.mltcb-close:focus { outline: none; }
.mltcb-close:focus-visible { outline: 3px solid var(--mltcb-on-accent); outline-offset: -5px; }
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
