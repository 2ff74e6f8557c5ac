import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { FaqEntry, FaqEntrySchema } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/loader';
import { applyEdits, columnOf, flowListPair, insertAfter, keyOf, lineStart, nodeLineEnd, removePair, replacePair, spaces, yamlBlock, yamlPair, type TextEdit } from './yamlText';

/** One file of the knowledge folder as an export leaves it: its new text, or null when it goes (every entry retired). */
export interface KnowledgeFileChange {
    /** Relative to the knowledge folder, with `/`: `faq/salary.yaml`. */
    file: string;
    text: string | null;
    /** What changed, for people: `changed salary-figures; added night-pay`. */
    summary: string;
}

/** An entry's fields in the schema's order, which new entries and new fields are written in. */
const FIELDS = Object.keys(FaqEntrySchema.shape) as (keyof FaqEntry)[];

/** The value each field defaults to: a field holding it is left out of the file, as authors leave it out. */
const DEFAULTS: Partial<Record<keyof FaqEntry, unknown>> = Object.fromEntries(
    FIELDS.map((f) => [f, FaqEntrySchema.shape[f].safeParse(undefined).data] as const).filter(([, v]) => v !== undefined),
);

/**
 * The file changes that make the folder `dir` (which `base` was loaded from) hold `next` (`base` with the advisors'
 * layer laid over it): edited entries are rewritten field by field in their file, retired ones removed, new ones
 * appended to `faq/<topic>.yaml`, and changed synonyms rewritten in `language.yaml`. Untouched text stays as it is.
 */
export function planKnowledgeFiles(dir: string, base: KnowledgeBase, next: KnowledgeBase): KnowledgeFileChange[] {
    const before = new Map(base.entries.map((e) => [e.id, e]));
    const after = new Map(next.entries.map((e) => [e.id, e]));
    const work = new Map<string, { edited: FaqEntry[]; retired: string[]; added: FaqEntry[] }>();
    const of = (file: string) => work.get(file) ?? work.set(file, { edited: [], retired: [], added: [] }).get(file)!;
    for (const [id, entry] of before) {
        const file = relativeFile(base.entryFiles.get(id)!);
        const now = after.get(id);
        if (!now) of(file).retired.push(id);
        else if (!isDeepStrictEqual(entry, now)) of(file).edited.push(now);
    }
    for (const [id, entry] of after) if (!before.has(id)) of(`faq/${entry.topic}.yaml`).added.push(entry);

    const changes: KnowledgeFileChange[] = [];
    for (const [file, { edited, retired, added }] of [...work].sort(([a], [b]) => a.localeCompare(b))) {
        const path = join(dir, file);
        const text = existsSync(path) ? readFileSync(path, 'utf8') : null;
        const summary = [
            edited.length > 0 ? `changed ${edited.map((e) => e.id).join(', ')}` : '',
            added.length > 0 ? `added ${added.map((e) => e.id).join(', ')}` : '',
            retired.length > 0 ? `retired ${retired.join(', ')}` : '',
        ].filter(Boolean).join('; ');
        const written = text === null ? newFaqFile(added) : editFaqFile(file, text, before, edited, retired, added);
        changes.push({ file, text: written, summary });
    }
    if (!isDeepStrictEqual(base.language.synonyms, next.language.synonyms)) {
        const text = readFileSync(join(dir, 'language.yaml'), 'utf8');
        changes.push({ file: 'language.yaml', text: editSynonyms(text, base.language.synonyms, next.language.synonyms), summary: synonymsSummary(base.language.synonyms, next.language.synonyms) });
    }
    return changes;
}

/** `knowledge/faq/salary.yaml` (the loader's label, named after the folder) → `faq/salary.yaml`. */
function relativeFile(label: string): string {
    return label.split(/[\\/]/).slice(1).join('/');
}

/** An entry as its file holds it: the fields that differ from their defaults, multi-line texts as literal blocks. */
function written(entry: FaqEntry): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const field of FIELDS) {
        const value = writtenValue(field, entry[field]);
        if (value !== undefined) body[field] = value;
    }
    return body;
}

function writtenValue(field: keyof FaqEntry, value: unknown): unknown {
    if (value === undefined || (field in DEFAULTS && isDeepStrictEqual(value, DEFAULTS[field]))) return undefined;
    // The schema trims texts, so a final line break changes nothing loaded; it makes the block `|` as authors write it, not `|-`.
    return typeof value === 'string' && value.includes('\n') ? `${value}\n` : value;
}

function newFaqFile(added: FaqEntry[]): string {
    return `entries:\n${added.map((e) => `  - ${yamlBlock(written(e), 4)}\n`).join('\n')}`;
}

function editFaqFile(file: string, text: string, before: ReadonlyMap<string, FaqEntry>, edited: FaqEntry[], retired: string[], added: FaqEntry[]): string | null {
    const seq = parseDocument(text).get('entries', true);
    if (!isSeq(seq)) throw new Error(`planKnowledgeFiles(): ${file} has no list of entries`);
    const items = seq.items as YAMLMap[];
    const ids = items.map((item) => (isMap(item) ? String(item.get('id')) : ''));
    const gone = new Set(retired);
    if (added.length === 0 && ids.every((id) => gone.has(id))) return null;

    // Each item owns its lines, the comment lines just above it and the blank lines below it.
    const starts = items.map((item) => commentsAbove(text, lineStart(text, item.range![0])));
    const ends = items.map((item, i) => (i + 1 < items.length ? starts[i + 1] : Math.min(nodeLineEnd(text, item) + 1, text.length)));
    const edits: TextEdit[][] = items.map((item, i) => {
        const now = edited.find((e) => e.id === ids[i]);
        if (gone.has(ids[i])) return [{ start: starts[i], end: ends[i], text: '' }];
        return now ? entryEdits(text, item, before.get(now.id)!, now) : [];
    });
    if (added.length > 0) {
        const dash = columnOf(text, items[0].range![0]) - 2;
        const block = added.map((e) => `${spaces(dash)}- ${yamlBlock(written(e), dash + 2)}\n`).join('\n');
        const last = items.length - 1;
        const keptLast = ids.reduce((k, id, i) => (gone.has(id) ? k : i), -1);
        if (keptLast === last) {
            // The last item has no blank line below it; every other item ends with one.
            const lead = text.slice(0, ends[last]).endsWith('\n') ? '' : '\n';
            edits.push([{ start: ends[last], end: ends[last], text: `${lead}\n${block}` }]);
        } else {
            // The new entries take the place of the first retired item after the last one kept.
            edits[keptLast + 1][0].text = `${block}\n`;
        }
    }
    return tidyEnd(text, applyEdits(text, edits.flat()));
}

/** Where the comment lines directly above a line begin (the line itself when there are none). */
function commentsAbove(text: string, start: number): number {
    let at = start;
    while (at > 0) {
        const previous = lineStart(text, at - 1);
        if (!text.slice(previous, at).trim().startsWith('#')) break;
        at = previous;
    }
    return at;
}

/** The edits that change one entry's mapping field by field, so the comments beside unchanged fields stay. */
function entryEdits(text: string, node: YAMLMap, was: FaqEntry, now: FaqEntry): TextEdit[] {
    if (!isMap(node) || node.flow) return [{ start: node.range![0], end: nodeLineEnd(text, node), text: yamlBlock(written(now), columnOf(text, node.range![0])) }];
    const pairs = new Map((node.items as Pair[]).map((p) => [keyOf(p), p]));
    const indent = columnOf(text, node.range![0]);
    const edits: TextEdit[] = [];
    let anchor = pairs.get('id')!;
    let pending: string[] = [];
    const flush = () => {
        if (pending.length > 0) edits.push(insertAfter(text, anchor, pending, indent));
        pending = [];
    };
    for (const field of FIELDS) {
        const pair = pairs.get(field);
        const changed = !isDeepStrictEqual(was[field], now[field]);
        const value = writtenValue(field, now[field]);
        if (pair && changed && value === undefined) {
            edits.push(removePair(text, pair));
            continue;
        }
        if (pair) {
            flush();
            anchor = pair;
            if (changed) edits.push(replacePair(text, pair, yamlPair(field, value, indent)));
        } else if (changed && value !== undefined) pending.push(yamlPair(field, value, indent));
    }
    flush();
    return edits;
}

function editSynonyms(text: string, was: Record<string, string[]>, now: Record<string, string[]>): string {
    const doc = parseDocument(text);
    const pair = isMap(doc.contents) ? (doc.contents.items as Pair[]).find((p) => keyOf(p) === 'synonyms') : undefined;
    if (!pair) throw new Error('planKnowledgeFiles(): language.yaml has no synonyms');
    const map = pair.value as Node;
    const pairs = isMap(map) && !map.flow ? (map.items as Pair[]) : [];
    const kept = pairs.filter((p) => keyOf(p)! in now);
    if (kept.length === 0) {
        const indent = columnOf(text, (pair.key as Node).range![0]) + 2;
        const lines = Object.entries(now).map(([k, v]) => `\n${spaces(indent)}${flowListPair(k, v, indent)}`);
        return applyEdits(text, [replacePair(text, pair, `synonyms:${lines.join('')}`)]);
    }
    const indent = columnOf(text, (kept[0].key as Node).range![0]);
    const edits: TextEdit[] = [];
    for (const p of pairs) {
        const key = keyOf(p)!;
        if (!(key in now)) edits.push(removePair(text, p));
        else if (!isDeepStrictEqual(was[key], now[key])) edits.push(replacePair(text, p, flowListPair(key, now[key], indent)));
    }
    const added = Object.keys(now).filter((k) => !(k in was));
    if (added.length > 0) edits.push(insertAfter(text, kept[kept.length - 1], added.map((k) => flowListPair(k, now[k], indent)), indent));
    return applyEdits(text, edits);
}

function synonymsSummary(was: Record<string, string[]>, now: Record<string, string[]>): string {
    const changed = Object.keys(now).filter((k) => k in was && !isDeepStrictEqual(was[k], now[k]));
    const added = Object.keys(now).filter((k) => !(k in was));
    const removed = Object.keys(was).filter((k) => !(k in now));
    return [
        changed.length > 0 ? `synonyms changed for ${changed.join(', ')}` : '',
        added.length > 0 ? `synonyms added for ${added.join(', ')}` : '',
        removed.length > 0 ? `synonyms removed for ${removed.join(', ')}` : '',
    ].filter(Boolean).join('; ');
}

/** Removing the last entries leaves the blank line that stood above them: the file ends as it did. */
function tidyEnd(original: string, text: string): string {
    return original.endsWith('\n') && !original.endsWith('\n\n') ? text.replace(/\n+$/, '\n') : text;
}
