import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { MAX_QUESTION_LENGTH } from '../../../dialogs/mainDialog';
import { AuthoringError } from '../../authoring/knowledgeAuthoring';
import { entryIdOf, type LayerChange } from '../../authoring/knowledgeLayer';
import { StaleDraftError } from '../../authoring/knowledgeStore';
import { TopicSchema } from '../../knowledge/schema';
import { HttpError } from '../../http/httpError';
import { parseInput } from '../../http/parseInput';
import { idText, jsonBody, type AdvisorApiDeps, type AdvisorRoute, type KnowledgeApiDeps } from './shared';

const EntryQuery = z.strictObject({ q: z.string().max(200).optional(), topic: TopicSchema.optional() });
const EntryId = idText(100);
/** An entry's fields as the editor sends them; the knowledge schema checks each (see KnowledgeAuthoring). */
const EntryFields = z.record(z.string(), z.unknown());
const SynonymsInput = z.strictObject({ synonyms: z.unknown() });
const VersionNumber = z.string().regex(/^\d{1,9}$/, 'expected the number of a version, such as 3').transform(Number);
const PreviewInput = z.strictObject({
    text: z.string().trim().min(1, 'expected a question to ask').max(MAX_QUESTION_LENGTH, `expected at most ${MAX_QUESTION_LENGTH} characters, as the bot reads`),
    conversationId: idText(100).optional(),
});

const ENTRIES = '/api/advisor/knowledge/entries';
/** How many of a publication's changes its audit line names; the version itself lists them all. */
const AUDITED_CHANGES = 20;

/** The codes of AuthoringError's statuses, as the other routes answer them. */
const AUTHORING_CODES = { 400: 'BadArgument', 404: 'NotFound', 409: 'Conflict', 412: 'PreconditionFailed' } as const;

/**
 * A refused knowledge change as the editor is told it: its status and reason, and each field at fault in `problems`;
 * a save over someone else's is a 412 that says to reload.
 */
export function knowledgeRefusal(err: unknown): HttpError | undefined {
    if (err instanceof AuthoringError) {
        const problems = err.problems.map(({ entryId, field, message }) => ({ ...(entryId ? { entryId } : {}), ...(field ? { field } : {}), message }));
        return new HttpError(err.status, AUTHORING_CODES[err.status], err.message, { ...(problems.length > 0 ? { problems } : {}), cause: err });
    }
    if (err instanceof StaleDraftError) {
        const id = entryIdOf(err.key);
        const what = id === undefined ? 'the synonyms were' : `"${id}" was`;
        return new HttpError(412, 'PreconditionFailed', `${what} changed by someone else since you opened it; reload it`, { cause: err });
    }
    return undefined;
}

/**
 * The version an `If-Match` header names (the ETag sent back, `"3"`, or a bare `3`): a change without one is refused,
 * so no editor overwrites a save they never saw.
 */
export function ifMatchVersion(req: Request): number {
    const header = req.header('if-match', '').trim();
    if (!header) {
        throw new HttpError(428, 'PreconditionRequired', 'If-Match: send the version you opened (its ETag), so a change someone made since is not overwritten');
    }
    const version = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header)?.[1];
    if (version === undefined) throw new HttpError(400, 'BadArgument', 'If-Match: expected the version you opened, such as "3" (its ETag)');
    return Number(version);
}

/**
 * `/api/advisor/knowledge/...`: advisors read the knowledge, editors change its draft (entries, synonyms), preview
 * and check it, and admins publish it or restore an earlier version. Every change is audited by entry id and kind
 * only: never the text.
 */
export function addKnowledgeRoutes(server: Server, route: AdvisorRoute, deps: Pick<AdvisorApiDeps, 'knowledge' | 'audit'>): void {
    const { authoring, live, sources } = deps.knowledge;
    const audit = (username: string, target: string, detail: string) => deps.audit.record({ username, action: 'knowledge', target, detail });
    const entryId = (req: Request) => parseInput(EntryId, req.params.id, 'id');

    server.get(
        ENTRIES,
        route('advisor', async (req) => {
            const filter = parseInput(EntryQuery, req.query);
            return [200, { entries: await authoring.entries(filter), topics: TopicSchema.options }];
        }),
    );
    server.get(
        `${ENTRIES}/:id`,
        route('advisor', async (req, _advisor, res) => withETag(res, await authoring.entry(entryId(req)))),
    );
    server.put(
        `${ENTRIES}/:id`,
        route('editor', async (req, advisor, res) => {
            const id = entryId(req);
            const ifMatch = ifMatchVersion(req);
            const saved = await authoring.save(id, parseInput(EntryFields, jsonBody(req)), ifMatch, advisor.username);
            await audit(advisor.username, `entry/${id}`, `edited (draft version ${saved.version})`);
            return withETag(res, saved);
        }),
    );
    server.post(
        ENTRIES,
        route('editor', async (req, advisor, res) => {
            const created = await authoring.create(parseInput(EntryFields, jsonBody(req)), advisor.username);
            await audit(advisor.username, `entry/${created.id}`, 'created');
            return withETag(res, created, 201);
        }),
    );
    server.post(
        `${ENTRIES}/:id/retire`,
        route('editor', async (req, advisor, res) => {
            const id = entryId(req);
            const retired = await authoring.retire(id, ifMatchVersion(req), advisor.username);
            await audit(advisor.username, `entry/${id}`, 'retired');
            return withETag(res, retired);
        }),
    );
    server.del(
        `${ENTRIES}/:id/draft`,
        route('editor', async (req, advisor) => {
            const id = entryId(req);
            await authoring.discard(id, ifMatchVersion(req));
            await audit(advisor.username, `entry/${id}`, 'draft discarded');
            return [204];
        }),
    );
    server.get('/api/advisor/knowledge/synonyms', route('advisor', async () => [200, await authoring.synonyms()]));
    server.put(
        '/api/advisor/knowledge/synonyms',
        route('editor', async (req, advisor) => {
            const ifMatch = ifMatchVersion(req);
            const { synonyms } = parseInput(SynonymsInput, jsonBody(req));
            const saved = await authoring.saveSynonyms(synonyms, ifMatch, advisor.username);
            await audit(advisor.username, 'synonyms', `edited (draft version ${saved.version})`);
            return [200, saved];
        }),
    );
    server.get(
        '/api/advisor/knowledge/sources',
        route('advisor', async () => [200, { sources: sources.map(({ id, title, shortTitle, publisher, dated }) => ({ id, title, shortTitle, publisher, dated })) }]),
    );
    server.get('/api/advisor/knowledge/pending', route('advisor', async () => [200, { changes: await authoring.pending() }]));
    addTryOutRoutes(server, route, deps.knowledge);
    server.post(
        '/api/advisor/knowledge/publish',
        route('admin', async (_req, advisor) => {
            const published = await authoring.publish(advisor.username);
            await audit(advisor.username, `version/${published.n}`, `published: ${changeSummary(published.changes)}`);
            await answerFrom(published.n);
            return [201, { version: published.n, changes: published.changes }];
        }),
    );
    server.get('/api/advisor/knowledge/versions', route('advisor', async () => [200, { live: live.status(), versions: await authoring.versions() }]));
    server.get(
        '/api/advisor/knowledge/versions/:n',
        route('advisor', async (req) => {
            const { n, publishedBy, publishedAt, changes, restoredFrom } = await authoring.version(parseInput(VersionNumber, req.params.n, 'n'));
            return [200, { n, publishedBy, publishedAt, changes, restoredFrom }];
        }),
    );
    server.post(
        '/api/advisor/knowledge/versions/:n/restore',
        route('admin', async (req, advisor) => {
            const n = parseInput(VersionNumber, req.params.n, 'n');
            const restored = await authoring.restore(n, advisor.username);
            await audit(advisor.username, `version/${restored.n}`, `restored version ${n}: ${changeSummary(restored.changes)}`);
            await answerFrom(restored.n);
            return [201, { version: restored.n, changes: restored.changes }];
        }),
    );

    /**
     * Loads version `n` on this instance before answering, so the admin's next question is answered from it (other
     * instances poll). A poll under way may have read the live number before the publication: then once more.
     */
    async function answerFrom(n: number): Promise<void> {
        await live.refresh();
        if (live.status().published < n) await live.refresh();
    }
}

/** `preview` and `check`: editors try the draft before it is published. */
function addTryOutRoutes(server: Server, route: AdvisorRoute, deps: KnowledgeApiDeps): void {
    const { authoring, live } = deps;
    server.post(
        '/api/advisor/knowledge/preview',
        route('editor', async (req) => {
            const { text, conversationId } = parseInput(PreviewInput, jsonBody(req));
            if (!deps.preview) throw notBuilt('the preview chat');
            return [200, await deps.preview.send(await authoring.draftKnowledge(), text, conversationId)];
        }),
    );
    server.post(
        '/api/advisor/knowledge/check',
        route('editor', async () => {
            if (!deps.check) throw notBuilt('the check of the draft');
            const published = await authoring.publishedKnowledge(live.status().version);
            return [200, await deps.check.run(published, await authoring.draftKnowledge())];
        }),
    );
}

function notBuilt(what: string): HttpError {
    return new HttpError(501, 'NotImplemented', `${what} is not available on this server yet`);
}

/** Answers an entry with its version as the ETag an editor sends back in `If-Match`. */
function withETag(res: Response, entry: { version: number }, status = 200): readonly [number, unknown] {
    res.setHeader('etag', `"${entry.version}"`);
    return [status, entry];
}

/** What a publication changed, for the audit log: kinds and keys (`changed entry/skills-soft-skills`), never text. */
function changeSummary(changes: readonly LayerChange[]): string {
    const named = changes.slice(0, AUDITED_CHANGES).map((c) => `${c.kind} ${entryIdOf(c.key) === undefined ? c.key : `entry/${entryIdOf(c.key)}`}`);
    const more = changes.length > AUDITED_CHANGES ? `, and ${changes.length - AUDITED_CHANGES} more` : '';
    return `${named.join(', ')}${more}`;
}
