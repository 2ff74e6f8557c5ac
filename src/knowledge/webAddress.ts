/**
 * Web addresses content may link to. A web source's `url` and the links of an answer go to visitors as links, so only
 * absolute http(s) addresses (and, in answers, mailto) are kept: `javascript:`, `data:`, `file:` or a relative path
 * would run script, show a forged page or point nowhere.
 */

/** Schemes a link in content may have besides http(s): an advisor's e-mail address is a fair link in an answer. */
const MAIL_SCHEME = /^mailto:/i;

/**
 * `value` as an absolute http or https address, serialised by the WHATWG URL parser (the browser's own), or undefined
 * when it is not one: another scheme, a relative path, no host, or a user name or password in it.
 * @remarks The parser's serialisation percent-encodes spaces, quotes and angle brackets, so the address can go into a
 * Markdown link or an attribute as it is.
 */
export function httpUrlOf(value: string): string | undefined {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.hostname || url.username || url.password) return undefined;
    return url.href;
}

/** Whether a link in content may go to `href`: an absolute http(s) address or a mailto one. */
export function isAllowedLink(href: string): boolean {
    const target = href.trim();
    return MAIL_SCHEME.test(target) || httpUrlOf(target) !== undefined;
}
