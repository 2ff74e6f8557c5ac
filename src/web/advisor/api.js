// @ts-check
/*
 * The console's calls to /api/advisor: same origin, the session cookie goes along by itself, and so does the page's
 * Origin, which the server checks on every change. Every change sends Content-Type: application/json, with or without
 * a body (the API refuses anything else). A 401 means the session ended: the browser goes to the sign-in page.
 */

export const SIGN_IN_URL = '/advisor/sign-in';

/**
 * A field-level problem the API named with a refusal (knowledge refusals list them): `field` is a path such as
 * `questions` or `source.0.url`.
 * @typedef {{ entryId?: string, field?: string, message: string }} Problem
 */

/** A refused or failed call, with the API's own message, code and named problems when it sent them. */
export class ApiError extends Error {
    /** @param {number} status @param {string} message @param {{ code?: string, problems?: Problem[] }} [details] */
    constructor(status, message, details = {}) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.code = details.code || '';
        /** @type {Problem[]} */
        this.problems = details.problems || [];
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
 * @param {{ method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', body?: unknown, query?: URLSearchParams, ifMatch?: number }} [options]
 *   `ifMatch`: the version the change was made on (the knowledge editor's saves); the API refuses it with 412 when
 *   someone saved since
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
    const method = options.method || 'GET';
    const query = options.query && String(options.query) ? '?' + options.query : '';
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json' };
    /** @type {RequestInit} */
    const init = { method, credentials: 'same-origin', cache: 'no-store', headers };
    if (method !== 'GET') {
        headers['content-type'] = 'application/json';
        if (method !== 'DELETE' || options.body !== undefined) init.body = JSON.stringify(options.body === undefined ? {} : options.body);
    }
    if (options.ifMatch !== undefined) headers['if-match'] = '"' + options.ifMatch + '"';
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
    if (!response.ok) throw await refusal(response);
    if (response.status === 204) return undefined;
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
}

/** The ApiError a refusal answers: the API's `{ error: { code, message, problems? } }`, or general words. @param {Response} response */
async function refusal(response) {
    /** @type {{ code?: unknown, message?: unknown, problems?: unknown }} */
    let error = {};
    try {
        const body = await response.json();
        if (body && body.error && typeof body.error === 'object') error = body.error;
    } catch (_) {
        // Not JSON: say what happened in general terms below.
    }
    const message = typeof error.message === 'string' ? error.message : '';
    const code = typeof error.code === 'string' ? error.code : '';
    const problems = Array.isArray(error.problems) ? error.problems.filter(isProblem) : [];
    return new ApiError(response.status, refusalText(response.status, message), { code, problems });
}

/** @param {number} status @param {string} message */
function refusalText(status, message) {
    if (status === 403) return message || 'Your account is not allowed to do that.';
    if (status === 404) return message || 'Not found: it may have been deleted.';
    if (status >= 500) return 'Something went wrong on the server. Try again in a moment.';
    return message || 'The request was refused (' + status + ').';
}

/** @param {unknown} value @returns {value is Problem} */
function isProblem(value) {
    return !!value && typeof value === 'object' && typeof (/** @type {Problem} */ (value).message) === 'string';
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
