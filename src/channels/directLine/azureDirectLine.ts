import { z } from 'zod';
import { newId } from '../../transcripts/activityIds';
import type { IssuedToken } from './directLineTokens';

/** Azure's answer to `POST /tokens/generate`. */
const GeneratedTokenSchema = z.object({ conversationId: z.string().min(1), token: z.string().min(1), expires_in: z.number().int().positive() });

/** Raised when Azure's Direct Line does not give a token; the message never contains the secret. */
export class DirectLineExchangeError extends Error {
    override readonly name = 'DirectLineExchangeError';
}

/**
 * Exchanges the Direct Line secret for a token bound to one new conversation, so the secret stays on the server.
 * @remarks The user id starts with `dl_`, which Direct Line's enhanced authentication requires and which tells
 * Web Chat that the id comes from the token.
 */
export async function exchangeDirectLineSecret(endpoint: string, secret: string, fetchImpl: typeof fetch = fetch): Promise<IssuedToken> {
    let response: Response;
    try {
        response = await fetchImpl(`${endpoint.replace(/\/+$/, '')}/tokens/generate`, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ user: { id: `dl_${newId()}` } }),
            signal: AbortSignal.timeout(10_000),
        });
    } catch (err) {
        throw new DirectLineExchangeError(`exchangeDirectLineSecret(): Direct Line did not answer (${(err as Error).name})`);
    }
    if (!response.ok) throw new DirectLineExchangeError(`exchangeDirectLineSecret(): Direct Line answered ${response.status}`);
    const parsed = GeneratedTokenSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new DirectLineExchangeError('exchangeDirectLineSecret(): Direct Line answered without a token');
    return parsed.data;
}
