import type { z } from 'zod';
import { HttpError } from './httpError';

/**
 * The value as `schema` reads it, or a 400 naming the parameter at fault (see `zodRefusal`).
 * @param name what a bare value is called (a path parameter such as `id`); an object's fields are named by their path.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, name?: string): z.infer<T> {
    const parsed = schema.safeParse(value ?? (name ? undefined : {}));
    if (parsed.success) return parsed.data;
    throw zodRefusal(parsed.error, name);
}

/**
 * The 400 for input a zod schema refused, naming its first problem's place: the field's path in the value, `name`
 * for a bare value, or the unknown parameters (`"unanswerd": not a parameter of this request`).
 * @remarks zod's messages describe the value expected ("expected a date as YYYY-MM-DD"), never the server, so they
 * are safe to send as they are.
 */
export function zodRefusal(error: z.ZodError, name?: string): HttpError<'BadArgument'> {
    const issue = error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
        return new HttpError(400, 'BadArgument', `${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}: not a parameter of this request`);
    }
    const place = issue?.path.map(String).join('.') || name || 'request';
    return new HttpError(400, 'BadArgument', `${place}: ${issue?.message ?? 'not valid'}`);
}
