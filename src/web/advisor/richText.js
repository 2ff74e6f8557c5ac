// @ts-check
/*
 * The bot's own words, drawn as the visitor saw them: its Markdown (bold, lists, the "_Source: …_" lines, links) and
 * its Adaptive Cards. Only ever given what the BOT sent: what a visitor typed never comes here (transcript.js shows it
 * with textContent). Both libraries are the packages' own bundles, served by the bot (consoleRoutes.ts), loaded as
 * classic scripts before the console's modules; when one did not load, the text or the card's words show as text.
 */
import { h } from './dom.js';

/** Schemes a link in the bot's Markdown may have; anything else (javascript:, data:, a relative path) stays text. */
const LINK_SCHEMES = /^(https?:|mailto:)/i;

/** @type {MarkdownIt | null | undefined} undefined until first asked for; null when markdown-it did not load. */
let markdown;

/**
 * markdown-it with raw HTML off (a `<script>` in the text comes out as the text "<script>"), links only to the
 * schemes above, opening in a new tab without a referrer, and no images (the page's policy would refuse another
 * site's anyway).
 * @returns {MarkdownIt | null}
 */
function markdownIt() {
    if (markdown !== undefined) return markdown;
    const create = window.markdownit;
    if (!create) return (markdown = null);
    const md = create({ html: false, linkify: true, typographer: false, breaks: true });
    md.disable('image');
    md.validateLink = (url) => LINK_SCHEMES.test(url.trim());
    md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
        tokens[idx].attrSet('target', '_blank');
        tokens[idx].attrSet('rel', 'noopener noreferrer');
        return self.renderToken(tokens, idx, options);
    };
    return (markdown = md);
}

/**
 * The bot's message text as HTML rendered from its Markdown, or as plain text when markdown-it is missing.
 * @remarks The one place the console sets innerHTML: markdown-it escapes every `<`, `>`, `&` and quote of its input
 * with `html: false`, so only the elements its own rules make can appear.
 * @param {string} text
 */
export function botMarkdown(text) {
    const md = markdownIt();
    if (!md) return h('p', { class: 'msg-text' }, text);
    const box = h('div', { class: 'msg-text msg-markdown' });
    box.innerHTML = md.render(text);
    return box;
}

/**
 * An Adaptive Card drawn by the Adaptive Cards renderer, with every button and input disabled (an advisor reads the
 * card; pressing it would do nothing). The card's Markdown goes through the same markdown-it as the messages.
 * Undefined when the renderer is missing or the card does not parse into anything.
 * @param {unknown} content the attachment's content (the card's JSON)
 * @returns {HTMLElement | undefined}
 */
export function adaptiveCard(content) {
    const AC = window.AdaptiveCards;
    if (!AC || !content || typeof content !== 'object') return undefined;
    const md = markdownIt();
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
        if (!md) return;
        result.outputHtml = md.render(text);
        result.didProcess = true;
    };
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(HOST_CONFIG);
    card.onExecuteAction = () => undefined;
    try {
        card.parse(content);
    } catch (_) {
        return undefined;
    }
    const rendered = card.render();
    if (!rendered) return undefined;
    for (const control of rendered.querySelectorAll('button, input, select, textarea')) {
        const element = /** @type {HTMLButtonElement | HTMLInputElement} */ (control);
        element.disabled = true;
        element.setAttribute('aria-disabled', 'true');
    }
    // The renderer makes the card a focusable group; here it is part of the message, read in order.
    rendered.removeAttribute('tabindex');
    return h('div', { class: 'msg-adaptive-card' }, rendered);
}

/** The console's look for cards: its font and colours, compact spacing (the renderer's defaults are Web Chat's). */
const HOST_CONFIG = {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 10 },
    separator: { lineThickness: 1, lineColor: '#c9ced6' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    containerStyles: {
        default: { backgroundColor: '#ffffff', foregroundColors: { default: { default: '#1a1a1a', subtle: '#4a4a4a' }, accent: { default: '#0b5cad', subtle: '#0b5cad' } } },
        emphasis: { backgroundColor: '#f2f4f7', foregroundColors: { default: { default: '#1a1a1a', subtle: '#4a4a4a' }, accent: { default: '#0b5cad', subtle: '#0b5cad' } } },
    },
    actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 6, spacing: 'default', showCard: { actionMode: 'inline' } },
};
