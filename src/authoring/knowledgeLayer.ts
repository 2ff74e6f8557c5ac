import { createHash } from 'node:crypto';
import { diffWords } from 'diff';
import { FaqEntry, FaqEntrySchema } from '../knowledge/schema';
import { LanguageSchema } from '../knowledge/languageSchema';
import { checkGapReferences, checkReferences, KnowledgeBase } from '../knowledge/loader';
import type { KnowledgeProblem } from '../knowledge/knowledgeLoadError';

/**
 * The advisors' layer over the shipped `knowledge/` folder: what advisors changed, item by item. The shipped folder
 * stays the base; a layer replaces, adds or retires FAQ entries and may replace `language.yaml`'s synonyms.
 *
 * An item's key is `entry:<id>` for an FAQ entry or `synonyms` for the synonyms. Its body is what the YAML file would
 * hold (checked again by the same schema whenever it is loaded, so a schema change in a release is caught), or null
 * for a retired entry.
 */
export interface LayerItem {
    key: string;
    body: unknown;
    /**
     * A hash of the shipped item the advisor changed (`shippedHash`), null for an entry the shipped folder does not
     * have. When a release changes the shipped item, the hashes differ: the advisor's version stays live and the
     * console flags the item for review.
     */
    baseHash: string | null;
}

/** An item of the working draft, with its version for `If-Match` (it goes up by one with each save). */
export interface DraftItem extends LayerItem {
    version: number;
    updatedBy: string;
    /** ISO 8601. */
    updatedAt: string;
}

/** What one published version changed, item by item, compared with the version before it. */
export interface LayerChange {
    key: string;
    /** `added`: a new entry; `retired`: an entry taken out; `restored`: back to the shipped text; `changed`: anything else. */
    kind: 'added' | 'changed' | 'retired' | 'restored';
    /** The entry's title (or "Synonyms"), so the list reads without opening the item. */
    title: string;
    fields: FieldChange[];
}

/** One field's change: lists say what was added and removed, texts say their words before and after. */
export interface FieldChange {
    field: string;
    added?: string[];
    removed?: string[];
    /** Text fields: the words kept, removed and added, in order (a readable diff). */
    words?: { op: 'same' | 'removed' | 'added'; text: string }[];
}

/** A published version of the layer: every item it holds, and what it changed. */
export interface PublishedVersion {
    n: number;
    publishedBy: string;
    /** ISO 8601. */
    publishedAt: string;
    items: LayerItem[];
    changes: LayerChange[];
    /** Set when this version put back an earlier one's items. */
    restoredFrom: number | null;
}

export type VersionSummary = Omit<PublishedVersion, 'items'>;

export const SYNONYMS_KEY = 'synonyms';
export const entryKey = (id: string) => `entry:${id}`;
/** The entry id of an `entry:<id>` key, or undefined for another key. */
export const entryIdOf = (key: string) => (key.startsWith('entry:') ? key.slice('entry:'.length) : undefined);

/** Where problems of the layer are said to be: it is not a file of `knowledge/`, but an author still needs a place. */
export const LAYER_FILE = "advisors' changes";

/** A short stable hash of a shipped item, to notice later that a release changed it. */
export function shippedHash(value: unknown): string {
    return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** The shipped item a key names, or undefined when the shipped folder has none. */
export function shippedItem(base: KnowledgeBase, key: string): unknown {
    if (key === SYNONYMS_KEY) return base.language.synonyms;
    const id = entryIdOf(key);
    return id === undefined ? undefined : base.entries.find((e) => e.id === id);
}

/** The result of laying items over the shipped knowledge. */
export interface LayeredKnowledge {
    kb: KnowledgeBase;
    /** Everything wrong, in the loader's terms (file, entry, field); the knowledge must not be used while there are any. */
    problems: KnowledgeProblem[];
    /** Keys whose shipped item changed (a release) since the advisor changed it. */
    baseChanged: string[];
}

/**
 * Lays `items` over the shipped knowledge, checking every item with the schema and every reference (follow-ups,
 * sources, the gaps' follow-ups) of the result, exactly as `loadKnowledge` checks the files.
 */
export function applyLayer(base: KnowledgeBase, items: readonly LayerItem[]): LayeredKnowledge {
    const problems: KnowledgeProblem[] = [];
    const baseChanged: string[] = [];
    const entries = new Map(base.entries.map((e) => [e.id, e] as [string, FaqEntry]));
    const entryFiles = new Map(base.entryFiles);
    const declaredIds = new Set(entries.keys());
    let language = base.language;

    for (const item of items) {
        const shipped = shippedItem(base, item.key);
        // An item that now equals the shipped one (advisors' text exported and released) has nothing left to compare.
        const differs = shipped === undefined || JSON.stringify(item.body) !== JSON.stringify(shipped);
        if (item.baseHash !== null && differs && (shipped === undefined || shippedHash(shipped) !== item.baseHash)) baseChanged.push(item.key);
        if (item.key === SYNONYMS_KEY) {
            const parsed = LanguageSchema.shape.synonyms.safeParse(item.body);
            if (parsed.success) language = { ...language, synonyms: parsed.data };
            else for (const issue of parsed.error.issues) problems.push({ file: LAYER_FILE, entryId: 'synonyms', field: issue.path.join('.') || undefined, message: issue.message });
            continue;
        }
        const id = entryIdOf(item.key);
        if (id === undefined) {
            problems.push({ file: LAYER_FILE, entryId: item.key, message: 'unknown kind of item (expected entry:<id> or synonyms)' });
            continue;
        }
        if (item.body === null) {
            entries.delete(id);
            declaredIds.delete(id);
            continue;
        }
        declaredIds.add(id);
        const parsed = FaqEntrySchema.safeParse(item.body);
        if (!parsed.success) {
            for (const issue of parsed.error.issues) problems.push({ file: LAYER_FILE, entryId: id, field: issue.path.join('.') || undefined, message: issue.message });
            continue;
        }
        if (parsed.data.id !== id) {
            problems.push({ file: LAYER_FILE, entryId: id, field: 'id', message: `expected the id "${id}" (an entry's id cannot change)` });
            continue;
        }
        entries.set(id, parsed.data);
        if (!entryFiles.has(id)) entryFiles.set(id, LAYER_FILE);
    }

    const merged = [...entries.values()];
    const facts = base.facts as unknown as Record<string, unknown>;
    for (const problem of checkReferences(merged, entryFiles, declaredIds, base.sources, facts)) {
        // Shipped entries that now point at a retired entry are named by their own id: the retirement is what broke them.
        problems.push(problem);
    }
    problems.push(...checkGapReferences(base.gaps, 'knowledge/gaps.yaml', declaredIds, base.sources));
    return { kb: { ...base, entries: merged, language, entryFiles }, problems, baseChanged };
}

/** What changed from `before` to `after` (each the items of a layer), described for people, item by item. */
export function describeChanges(base: KnowledgeBase, before: readonly LayerItem[], after: readonly LayerItem[]): LayerChange[] {
    const was = new Map(before.map((i) => [i.key, i]));
    const now = new Map(after.map((i) => [i.key, i]));
    const keys = [...new Set([...was.keys(), ...now.keys()])].sort();
    const changes: LayerChange[] = [];
    for (const key of keys) {
        const shipped = shippedItem(base, key);
        // An item missing from a layer is the shipped one.
        const from = was.has(key) ? was.get(key)!.body : (shipped ?? null);
        const to = now.has(key) ? now.get(key)!.body : (shipped ?? null);
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        const title = key === SYNONYMS_KEY ? 'Synonyms' : titleOf(to) ?? titleOf(from) ?? key;
        const kind: LayerChange['kind'] = to === null ? 'retired' : from === null ? 'added' : !now.has(key) && shipped !== undefined ? 'restored' : 'changed';
        changes.push({ key, kind, title, fields: fieldChanges(from, to) });
    }
    return changes;
}

function titleOf(body: unknown): string | undefined {
    return body && typeof body === 'object' && typeof (body as { title?: unknown }).title === 'string' ? (body as { title: string }).title : undefined;
}

function fieldChanges(from: unknown, to: unknown): FieldChange[] {
    const a = (from && typeof from === 'object' ? from : {}) as Record<string, unknown>;
    const b = (to && typeof to === 'object' ? to : {}) as Record<string, unknown>;
    const fields: FieldChange[] = [];
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
        const x = a[field];
        const y = b[field];
        if (JSON.stringify(x) === JSON.stringify(y)) continue;
        if (typeof x === 'string' || typeof y === 'string') {
            const words = diffWords(typeof x === 'string' ? x : '', typeof y === 'string' ? y : '').map((part) => ({
                op: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
                text: part.value,
            }));
            fields.push({ field, words });
        } else if (Array.isArray(x) || Array.isArray(y)) {
            const xs = (Array.isArray(x) ? x : []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
            const ys = (Array.isArray(y) ? y : []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
            fields.push({ field, added: ys.filter((v) => !xs.includes(v)), removed: xs.filter((v) => !ys.includes(v)) });
        } else {
            // Objects (the synonyms) and other values: what was added and removed, each as `key: value`.
            const flat = (v: unknown) => (v && typeof v === 'object' ? Object.entries(v).map(([k, val]) => `${k}: ${JSON.stringify(val)}`) : v === undefined ? [] : [JSON.stringify(v)]);
            const xs = flat(x);
            const ys = flat(y);
            fields.push({ field, added: ys.filter((v) => !xs.includes(v)), removed: xs.filter((v) => !ys.includes(v)) });
        }
    }
    return fields;
}
