// @ts-check
/*
 * The console's calls to /api/advisor: same origin, the session cookie goes along by itself, and so does the page's
 * Origin, which the server checks on every change. Every change sends Content-Type: application/json, with or without
 * a body (the API refuses anything else). A 401 means the session ended: the browser goes to the sign-in page.
 */

export const SIGN_IN_URL = '/advisor/sign-in';

/** A refused or failed call, with the API's own message when it sent one. */
export class ApiError extends Error {
    /** @param {number} status @param {string} message */
    constructor(status, message) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
    }
}

/** Thrown after a 401 while the browser is on its way to the sign-in page: views have nothing to show. */
export class SignedOutError extends Error {
    constructor() {
        super('Your session has ended. Sign in again.');
        this.name = 'SignedOutError';
    }
}

/**
 * Calls the API and returns its JSON (undefined for 204).
 * @param {string} path under /api/advisor, starting with "/"
 * @param {{ method?: 'GET' | 'POST' | 'PATCH' | 'DELETE', body?: unknown, query?: URLSearchParams }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
    const method = options.method || 'GET';
    const query = options.query && String(options.query) ? '?' + options.query : '';
    /** @type {RequestInit} */
    const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } };
    if (method !== 'GET') {
        init.headers = { accept: 'application/json', 'content-type': 'application/json' };
        if (method !== 'DELETE' || options.body !== undefined) init.body = JSON.stringify(options.body === undefined ? {} : options.body);
    }
    let response;
    try {
        response = await fetch('/api/advisor' + path + query, init);
    } catch (_) {
        throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
    }
    if (response.status === 401) {
        location.assign(SIGN_IN_URL);
        throw new SignedOutError();
    }
    if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
    if (response.status === 204) return undefined;
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
}

/** @param {Response} response */
async function errorMessage(response) {
    let message = '';
    try {
        const body = await response.json();
        message = body && body.error && typeof body.error.message === 'string' ? body.error.message : '';
    } catch (_) {
        // Not JSON: say what happened in general terms below.
    }
    if (response.status === 403) return message || 'Your account is not allowed to do that.';
    if (response.status === 404) return message || 'Not found: it may have been deleted.';
    if (response.status >= 500) return 'Something went wrong on the server. Try again in a moment.';
    return message || 'The request was refused (' + response.status + ').';
}

/** `/api/advisor/conversations/<channel>/<id>`, both URL-encoded. @param {string} channelId @param {string} conversationId */
export function conversationPath(channelId, conversationId) {
    return '/conversations/' + encodeURIComponent(channelId) + '/' + encodeURIComponent(conversationId);
}

/**
 * What a view shows when a call fails: nothing for a sign-out (the page is leaving), the message otherwise.
 * @param {unknown} error
 */
export function problemText(error) {
    if (error instanceof SignedOutError) return error.message;
    if (error instanceof ApiError) return error.message;
    return 'Something went wrong in the console. Reload the page and try again.';
}
