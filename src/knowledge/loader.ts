import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { FaqEntry, FaqEntrySchema, FaqFileSchema, isWebRef, SourceDoc, SourceRef, SourcesFileSchema } from './schema';
import { FACT_FILES, Facts } from './factsSchema';
import { Language, LanguageSchema } from './languageSchema';
import { SmallTalkContent, SmallTalkFileSchema } from './smallTalkSchema';
import { GapsContent, GapsFileSchema } from './gapSchema';
import { KnowledgeLoadError, KnowledgeProblem } from './knowledgeLoadError';

/** Everything in `knowledge/`, validated. */
export interface KnowledgeBase {
    sources: SourceDoc[];
    entries: FaqEntry[];
    facts: Facts;
    language: Language;
    /** Greetings, thanks, goodbyes and the like, with the bot's replies (`knowledge/smallTalk.yaml`). */
    smallTalk: SmallTalkContent;
    /** Subjects people ask about that the sources do not cover, with their honest replies (`knowledge/gaps.yaml`). */
    gaps: GapsContent;
    /** Which file each entry came from, for error messages and the content check. */
    entryFiles: ReadonlyMap<string, string>;
}

/**
 * Loads and validates every content file under `dir`.
 * @remarks Collects every problem before throwing, so an author sees them all at once.
 */
export function loadKnowledge(dir: string): KnowledgeBase {
    const problems: KnowledgeProblem[] = [];
    const label = (name: string) => join(basename(dir), name);

    const sources = parseFile(dir, 'sources.yaml', SourcesFileSchema, label, problems)?.sources ?? [];
    const language = parseFile(dir, 'language.yaml', LanguageSchema, label, problems);
    const smallTalk = parseFile(dir, 'smallTalk.yaml', SmallTalkFileSchema, label, problems);
    const gaps = parseFile(dir, 'gaps.yaml', GapsFileSchema, label, problems);

    const facts: Record<string, unknown> = {};
    for (const [file, schema] of Object.entries(FACT_FILES)) {
        facts[file.replace(/\.yaml$/, '')] = parseFile(dir, join('facts', file), schema as z.ZodType, label, problems);
    }

    const entries: FaqEntry[] = [];
    const entryFiles = new Map<string, string>();
    // Ids of entries that failed validation still exist for the author: references to them are not dangling.
    const declaredIds = new Set<string>();
    const faqDir = join(dir, 'faq');
    const faqFiles = existsSync(faqDir) ? readdirSync(faqDir).filter((f) => f.endsWith('.yaml')).sort() : [];
    if (faqFiles.length === 0) problems.push({ file: label('faq'), message: 'expected at least one .yaml file of FAQ entries' });
    for (const name of faqFiles) {
        const file = label(join('faq', name));
        const doc = parseFile(dir, join('faq', name), FaqFileSchema, label, problems);
        doc?.entries.forEach((raw, index) => {
            const entryId = idOf(raw, index);
            declaredIds.add(entryId);
            const parsed = FaqEntrySchema.safeParse(raw);
            if (!parsed.success) {
                for (const issue of parsed.error.issues) problems.push({ file, entryId, field: issue.path.join('.') || undefined, message: issue.message });
                return;
            }
            if (entryFiles.has(parsed.data.id)) {
                problems.push({ file, entryId, field: 'id', message: `duplicate id: also used in ${entryFiles.get(parsed.data.id)}` });
                return;
            }
            entries.push(parsed.data);
            entryFiles.set(parsed.data.id, file);
        });
    }

    problems.push(...checkReferences(entries, entryFiles, declaredIds, sources, facts));
    if (gaps) problems.push(...checkGapReferences(gaps, label('gaps.yaml'), declaredIds, sources));
    if (problems.length > 0) throw new KnowledgeLoadError(problems);
    return { sources, entries, facts: facts as unknown as Facts, language: language as Language, smallTalk: smallTalk as SmallTalkContent, gaps: gaps as GapsContent, entryFiles };
}

function parseFile<S extends z.ZodType>(dir: string, name: string, schema: S, label: (n: string) => string, problems: KnowledgeProblem[]): z.infer<S> | undefined {
    const file = label(name);
    const path = join(dir, name);
    if (!existsSync(path)) {
        problems.push({ file, message: 'file is missing' });
        return undefined;
    }
    const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
        for (const error of doc.errors) problems.push({ file, message: `invalid YAML: ${error.message}` });
        return undefined;
    }
    let content: unknown;
    try {
        // Well-formed YAML can still fail to become data: an alias to a missing anchor, or aliases expanding too far.
        content = doc.toJS();
    } catch (err) {
        problems.push({ file, message: `invalid YAML: ${(err as Error).message}` });
        return undefined;
    }
    const parsed = schema.safeParse(content);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const [first, index] = issue.path;
            // Point at the entry by id when the problem is inside a list item that has one.
            const item = typeof index === 'number' ? (content as Record<string, unknown[]>)[String(first)]?.[index] : undefined;
            const entryId = item !== undefined ? idOf(item, index as number) : undefined;
            const field = (entryId ? issue.path.slice(2) : issue.path).join('.') || undefined;
            problems.push({ file, entryId, field, message: issue.message });
        }
        return undefined;
    }
    return parsed.data;
}

function idOf(raw: unknown, index: number): string {
    if (raw && typeof raw === 'object') {
        const record = raw as Record<string, unknown>;
        for (const key of ['id', 'name']) if (typeof record[key] === 'string' && record[key]) return record[key] as string;
    }
    return `#${index + 1}`;
}

/** Follow-ups must name real entries, and every article source must name a listed document (a web page needs none). */
export function checkReferences(entries: FaqEntry[], entryFiles: ReadonlyMap<string, string>, declaredIds: ReadonlySet<string>, sources: SourceDoc[], facts: Record<string, unknown>): KnowledgeProblem[] {
    const problems: KnowledgeProblem[] = [];
    const docIds = new Set(sources.map((s) => s.id));
    for (const entry of entries) {
        const file = entryFiles.get(entry.id) ?? '';
        entry.followUps.forEach((id, i) => {
            if (!declaredIds.has(id)) problems.push({ file, entryId: entry.id, field: `followUps.${i}`, message: `no entry has the id "${id}"` });
            if (id === entry.id) problems.push({ file, entryId: entry.id, field: `followUps.${i}`, message: 'an entry cannot follow up on itself' });
        });
        for (const { field, message } of unlistedDocs(entry.source, docIds)) problems.push({ file, entryId: entry.id, field, message });
    }
    // Facts files reference sources at any depth.
    for (const [name, value] of Object.entries(facts)) {
        for (const doc of collectDocRefs(value)) {
            if (sources.length > 0 && !docIds.has(doc)) problems.push({ file: `knowledge/facts/${name}.yaml`, message: `source doc "${doc}" is not listed in knowledge/sources.yaml` });
        }
    }
    return problems;
}

/** Gap names are unique, their follow-ups name real FAQ entries and their article sources listed documents. */
export function checkGapReferences(content: GapsContent, file: string, declaredIds: ReadonlySet<string>, sources: SourceDoc[]): KnowledgeProblem[] {
    const problems: KnowledgeProblem[] = [];
    const docIds = new Set(sources.map((s) => s.id));
    const seen = new Set<string>();
    for (const gap of content.gaps) {
        const entryId = gap.name;
        if (seen.has(gap.name)) problems.push({ file, entryId, field: 'name', message: 'duplicate name: another gap already has it' });
        seen.add(gap.name);
        gap.followUps.forEach((id, i) => {
            if (!declaredIds.has(id)) problems.push({ file, entryId, field: `followUps.${i}`, message: `no FAQ entry has the id "${id}"` });
        });
        for (const { field, message } of unlistedDocs(gap.source ?? [], docIds)) problems.push({ file, entryId, field, message });
    }
    return problems;
}

/** The article sources of `refs` whose document `knowledge/sources.yaml` does not list; web pages are cited as they are. */
function unlistedDocs(refs: readonly SourceRef[], docIds: ReadonlySet<string>): { field: string; message: string }[] {
    return refs.flatMap((ref, i) =>
        isWebRef(ref) || docIds.has(ref.doc) ? [] : [{ field: `source.${i}.doc`, message: `"${ref.doc}" is not listed in knowledge/sources.yaml` }],
    );
}

function collectDocRefs(value: unknown, found = new Set<string>()): Set<string> {
    if (Array.isArray(value)) value.forEach((v) => collectDocRefs(v, found));
    else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
            if (key === 'source' && Array.isArray(v)) v.forEach((ref) => typeof ref?.doc === 'string' && found.add(ref.doc));
            else collectDocRefs(v, found);
        }
    }
    return found;
}
