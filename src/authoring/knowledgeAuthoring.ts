import { FaqEntry, FaqEntrySchema, TopicSchema } from '../knowledge/schema';
import { LanguageSchema } from '../knowledge/languageSchema';
import type { KnowledgeBase } from '../knowledge/loader';
import type { KnowledgeProblem } from '../knowledge/knowledgeLoadError';
import {
    applyLayer,
    describeChanges,
    DraftItem,
    entryIdOf,
    entryKey,
    LayerChange,
    LayerItem,
    PublishedVersion,
    shippedHash,
    shippedItem,
    SYNONYMS_KEY,
    VersionSummary,
} from './knowledgeLayer';
import type { KnowledgeLayerStore } from './knowledgeStore';

/** Fields of an entry that starts a dialog which advisors cannot change: the dialog builds that reply, in code. */
export const DIALOG_FIELDS = ['answer', 'dialog', 'dialogStarts', 'dialogRequests'] as const;

/** An FAQ entry as the knowledge editor shows it: the working draft's text, and where it stands. */
export type AuthoredEntry = FaqEntry & {
    /** The draft's version, for `If-Match`: 0 while advisors have not changed the entry. */
    version: number;
    /** `shipped`: as in `knowledge/`; `edited`: advisors changed it; `new`: advisors added it; `retired`: advisors took it out. */
    status: 'shipped' | 'edited' | 'new' | 'retired';
    /** The draft differs from what is live: publishing would change it. */
    unpublished: boolean;
    /** A release changed the shipped entry after advisors changed theirs: theirs is live; someone should compare them. */
    baseChanged: boolean;
    /** With `baseChanged`: the release's text of the entry, to compare with (absent when the release removed it). */
    shipped?: FaqEntry;
    /** Fields advisors cannot change here (an entry that starts a dialog). */
    readOnly: string[];
    updatedBy?: string;
    updatedAt?: string;
};

/** The fields AuthoredEntry adds to an entry. */
const EDITOR_FIELDS: ReadonlySet<string> = new Set(['version', 'status', 'unpublished', 'baseChanged', 'shipped', 'readOnly', 'updatedBy', 'updatedAt']);

/** A change refused: `status` is the HTTP status it answers with, `problems` name each field. */
export class AuthoringError extends Error {
    override readonly name = 'AuthoringError';
    constructor(
        readonly status: 400 | 404 | 409 | 412,
        message: string,
        readonly problems: KnowledgeProblem[] = [],
    ) {
        super(message);
    }
}

/** What an advisor sends for an entry: the knowledge schema's fields (its `id` may be left out on a save). */
export type EntryInput = Record<string, unknown>;

/** The rules of advisors' changes to the knowledge: drafts checked like the YAML files, publications and restores. */
export class KnowledgeAuthoring {
    /** The last draft and published version laid over the base, by name (see `draftKnowledge`). */
    private draft: { name: string; kb: KnowledgeBase } | undefined;
    private published: { n: number; kb: KnowledgeBase } | undefined;

    constructor(
        private readonly base: KnowledgeBase,
        private readonly store: KnowledgeLayerStore,
    ) {}

    /** Every entry of the working draft (retired ones included), filtered by topic and by words in its text. */
    async entries(filter: { q?: string; topic?: string } = {}): Promise<AuthoredEntry[]> {
        const { drafts, live } = await this.state();
        const byKey = new Map(drafts.map((d) => [d.key, d]));
        const liveItems = new Map((live?.items ?? []).map((i) => [i.key, i]));
        const draftKb = applyLayer(this.base, drafts);
        const changedBase = new Set(draftKb.baseChanged);
        const ids = [...new Set([...this.base.entries.map((e) => e.id), ...drafts.map((d) => entryIdOf(d.key)).filter((id): id is string => id !== undefined)])];
        const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
        const result: AuthoredEntry[] = [];
        for (const id of ids) {
            const entry = this.describe(id, byKey.get(entryKey(id)), liveItems.get(entryKey(id)), changedBase);
            if (!entry) continue;
            if (filter.topic && entry.topic !== filter.topic) continue;
            if (words.length > 0) {
                const text = [entry.id, entry.title, ...entry.questions, ...entry.keywords, entry.answer].join('\n').toLowerCase();
                if (!words.every((w) => text.includes(w))) continue;
            }
            result.push(entry);
        }
        return result;
    }

    async entry(id: string): Promise<AuthoredEntry> {
        const { drafts, live } = await this.state();
        const key = entryKey(id);
        const found = this.describe(
            id,
            drafts.find((d) => d.key === key),
            live?.items.find((i) => i.key === key),
            new Set(applyLayer(this.base, drafts).baseChanged),
        );
        if (!found) throw new AuthoringError(404, `no entry has the id "${id}"`);
        return found;
    }

    /** Saves an entry's new text to the draft if `ifMatch` is still its version; 412 when someone saved it since. */
    async save(id: string, input: EntryInput, ifMatch: number, by: string): Promise<AuthoredEntry> {
        await this.entry(id);
        const entry = this.parse({ ...input, id: input.id ?? id }, id);
        this.keepDialogFields(entry);
        await this.write({ key: entryKey(id), body: entry, baseHash: this.baseHashOf(entryKey(id)) }, ifMatch, by);
        return this.entry(id);
    }

    /** Adds a new entry to the draft (its id from `input.id`, or made from its title); 409 when the id is taken. */
    async create(input: EntryInput, by: string): Promise<AuthoredEntry> {
        const id = typeof input.id === 'string' && input.id ? input.id : slugOf(String(input.title ?? ''));
        const entry = this.parse({ ...input, id }, id);
        const { drafts } = await this.state();
        if (this.base.entries.some((e) => e.id === entry.id) || drafts.some((d) => d.key === entryKey(entry.id))) {
            throw new AuthoringError(409, `an entry with the id "${entry.id}" exists already: choose another id`, [{ file: 'entry', entryId: entry.id, field: 'id', message: 'this id is taken' }]);
        }
        if (entry.dialog !== undefined) throw this.refusal(entry.id, 'dialog', 'a new entry cannot start a dialog: dialogs are built in code');
        await this.write({ key: entryKey(entry.id), body: entry, baseHash: null }, 0, by);
        return this.entry(entry.id);
    }

    /**
     * Takes an entry out of the draft (it stays in the history and can come back by a restore); a new entry that was
     * never published is dropped from the draft, as its discard would.
     */
    async retire(id: string, ifMatch: number, by: string): Promise<AuthoredEntry> {
        const current = await this.entry(id);
        if (current.status === 'retired') throw new AuthoringError(409, `"${id}" is retired already`);
        if (current.dialog !== undefined) throw this.refusal(id, 'dialog', 'an entry that starts a dialog cannot be retired here: the dialog is built in code');
        const draft = await this.draftKnowledge();
        const offering = [...draft.entries, ...draft.gaps.gaps.map((g) => ({ id: g.name, followUps: g.followUps }))].filter((e) => e.followUps.includes(id));
        if (offering.length > 0) {
            const problems = offering.map((e) => ({ file: 'entry', entryId: e.id, field: `followUps.${e.followUps.indexOf(id)}`, message: `offers "${id}" as a follow-up` }));
            throw new AuthoringError(400, `${offering.map((e) => e.id).join(', ')} offer${offering.length === 1 ? 's' : ''} this entry as a follow-up: take it out of their follow-ups first`, problems);
        }
        const key = entryKey(id);
        const { live } = await this.state();
        if (current.status === 'new' && !live?.items.some((i) => i.key === key)) {
            // Never published: no version holds it, and a retired draft of it would keep no text to show; it just goes.
            await this.store.discardDraft(key, ifMatch);
            return { ...current, status: 'retired', version: 0, unpublished: false };
        }
        await this.write({ key, body: null, baseHash: this.baseHashOf(key) }, ifMatch, by);
        return this.entry(id);
    }

    /** Drops advisors' draft of an entry, so the shipped text (or, for a new entry, nothing) is what the next publication holds. */
    async discard(id: string, ifMatch: number): Promise<void> {
        await this.store.discardDraft(entryKey(id), ifMatch);
    }

    /** The synonyms of the draft (`language.yaml` with advisors' changes), and the version to send back. */
    async synonyms(): Promise<{ synonyms: Record<string, string[]>; version: number }> {
        const { drafts } = await this.state();
        const draft = drafts.find((d) => d.key === SYNONYMS_KEY);
        const kb = applyLayer(this.base, drafts).kb;
        return { synonyms: kb.language.synonyms, version: draft?.version ?? 0 };
    }

    async saveSynonyms(input: unknown, ifMatch: number, by: string): Promise<{ synonyms: Record<string, string[]>; version: number }> {
        const parsed = LanguageSchema.shape.synonyms.safeParse(input);
        if (!parsed.success) {
            const problems = parsed.error.issues.map((i) => ({ file: 'synonyms', field: ['synonyms', ...i.path].join('.'), message: i.message }));
            throw new AuthoringError(400, problemsMessage(problems), problems);
        }
        await this.write({ key: SYNONYMS_KEY, body: parsed.data, baseHash: this.baseHashOf(SYNONYMS_KEY) }, ifMatch, by);
        return this.synonyms();
    }

    /**
     * The working draft as knowledge the bot can be built from (the preview chat and the check use it).
     * @remarks The same draft gives the same object, so the test chat and the check, which keep what they build per
     * knowledge object, build the draft's search and dialogs once, not on every message. A draft is named by its items'
     * versions: each save raises one, and a discarded item's version keeps rising, so no two drafts share a name.
     */
    async draftKnowledge(): Promise<KnowledgeBase> {
        const { drafts } = await this.state();
        const name = drafts.map((d) => `${d.key}@${d.version}`).join('\n');
        if (this.draft?.name === name) return this.draft.kb;
        const layered = applyLayer(this.base, drafts);
        if (layered.problems.length > 0) throw new AuthoringError(409, `the draft does not load: ${problemsMessage(layered.problems)}`, layered.problems);
        this.draft = { name, kb: layered.kb };
        return layered.kb;
    }

    /** The knowledge of a published version, or of the shipped folder for 0; the same object for the same version. */
    async publishedKnowledge(n: number): Promise<KnowledgeBase> {
        if (n === 0) return this.base;
        if (this.published?.n === n) return this.published.kb;
        const version = await this.store.version(n);
        if (!version) throw new AuthoringError(404, `there is no version ${n}`);
        const layered = applyLayer(this.base, version.items);
        if (layered.problems.length > 0) throw new AuthoringError(409, `version ${n} does not load: ${problemsMessage(layered.problems)}`, layered.problems);
        this.published = { n, kb: layered.kb };
        return layered.kb;
    }

    /** What publishing now would change, compared with the live version. */
    async pending(): Promise<LayerChange[]> {
        const { drafts, live } = await this.state();
        return describeChanges(this.base, live?.items ?? [], drafts);
    }

    /** Makes the draft the next live version; 409 when nothing changed or the draft does not load. */
    async publish(by: string): Promise<PublishedVersion> {
        return this.store.publish(by, (drafts, live) => {
            const layered = applyLayer(this.base, drafts);
            if (layered.problems.length > 0) throw new AuthoringError(409, `the draft does not load: ${problemsMessage(layered.problems)}`, layered.problems);
            const items = drafts.map(({ key, body, baseHash }) => ({ key, body, baseHash }));
            const changes = describeChanges(this.base, live?.items ?? [], items);
            if (changes.length === 0) throw new AuthoringError(409, 'nothing to publish: the draft is what is live');
            return { items, changes };
        });
    }

    /** Makes an earlier version's items live again, as a new version; the draft becomes them too. */
    async restore(n: number, by: string): Promise<PublishedVersion> {
        const target = n === 0 ? { items: [] as LayerItem[] } : await this.store.version(n);
        if (!target) throw new AuthoringError(404, `there is no version ${n}`);
        const layered = applyLayer(this.base, target.items);
        if (layered.problems.length > 0) throw new AuthoringError(409, `version ${n} no longer loads: ${problemsMessage(layered.problems)}`, layered.problems);
        return this.store.publish(by, (_drafts, live) => {
            const changes = describeChanges(this.base, live?.items ?? [], target.items);
            if (changes.length === 0) throw new AuthoringError(409, `version ${n} is what is live`);
            return { items: target.items, changes, restoredFrom: n, replaceDrafts: true };
        });
    }

    versions(): Promise<VersionSummary[]> {
        return this.store.versions();
    }

    async version(n: number): Promise<PublishedVersion> {
        const found = await this.store.version(n);
        if (!found) throw new AuthoringError(404, `there is no version ${n}`);
        return found;
    }

    private async state(): Promise<{ drafts: DraftItem[]; live: PublishedVersion | undefined }> {
        const [drafts, n] = await Promise.all([this.store.drafts(), this.store.liveVersion()]);
        return { drafts, live: n > 0 ? await this.store.version(n) : undefined };
    }

    /** Writes one draft item after checking the whole draft with it still loads (references included). */
    private async write(item: LayerItem, ifMatch: number, by: string): Promise<void> {
        const { drafts } = await this.state();
        const next = [...drafts.filter((d) => d.key !== item.key), item];
        const layered = applyLayer(this.base, next);
        // Problems the draft had before this change are not this change's to fix (a release may have caused them).
        const before = new Set(applyLayer(this.base, drafts).problems.map(problemKey));
        const caused = layered.problems.filter((p) => !before.has(problemKey(p)));
        if (caused.length > 0) throw new AuthoringError(400, problemsMessage(caused), caused);
        await this.store.saveDraft(item, ifMatch, by);
    }

    private parse(input: EntryInput, id: string): FaqEntry {
        // What the editor shows beside an entry may come back with it; it is not the entry's.
        const fields = Object.fromEntries(Object.entries(input).filter(([field]) => !EDITOR_FIELDS.has(field)));
        const parsed = FaqEntrySchema.safeParse(fields);
        if (!parsed.success) {
            const problems = parsed.error.issues.map((i) => ({ file: 'entry', entryId: id, field: i.path.join('.') || undefined, message: i.message }));
            throw new AuthoringError(400, problemsMessage(problems), problems);
        }
        if (parsed.data.id !== id) throw this.refusal(id, 'id', `expected "${id}": an entry's id cannot change (retire it and add a new one)`);
        if (!TopicSchema.safeParse(parsed.data.topic).success) throw this.refusal(id, 'topic', 'unknown topic');
        return parsed.data;
    }

    /** An entry that starts a dialog keeps its dialog fields as shipped: the dialog builds its reply. */
    private keepDialogFields(entry: FaqEntry): void {
        const shipped = this.base.entries.find((e) => e.id === entry.id);
        for (const field of DIALOG_FIELDS) {
            if (shipped?.dialog === undefined && field === 'answer') continue;
            if (JSON.stringify(entry[field]) !== JSON.stringify(shipped?.[field])) {
                throw this.refusal(entry.id, field, shipped?.dialog !== undefined ? 'this entry starts a dialog, which builds its reply: its answer and dialog cannot be changed here' : 'dialogs are built in code: an entry cannot be given one here');
            }
        }
    }

    private describe(id: string, draft: DraftItem | undefined, live: LayerItem | undefined, changedBase: ReadonlySet<string>): AuthoredEntry | undefined {
        const shipped = this.base.entries.find((e) => e.id === id);
        const key = entryKey(id);
        // A draft that no longer parses (a release changed the schema) shows the shipped text; publishing it is refused.
        const drafted = draft && draft.body !== null ? FaqEntrySchema.safeParse(draft.body) : undefined;
        const entry = drafted?.success ? drafted.data : shipped ?? (live?.body ? FaqEntrySchema.safeParse(live.body).data : undefined);
        if (!entry) return undefined;
        const status: AuthoredEntry['status'] = draft === undefined ? 'shipped' : draft.body === null ? 'retired' : shipped ? 'edited' : 'new';
        const liveBody = live ? live.body : shipped ?? null;
        const draftBody = draft ? draft.body : shipped ?? null;
        return {
            ...entry,
            version: draft?.version ?? 0,
            status,
            unpublished: JSON.stringify(liveBody) !== JSON.stringify(draftBody),
            baseChanged: changedBase.has(key),
            ...(changedBase.has(key) && shipped ? { shipped } : {}),
            readOnly: entry.dialog !== undefined ? [...DIALOG_FIELDS] : [],
            ...(draft ? { updatedBy: draft.updatedBy, updatedAt: draft.updatedAt } : {}),
        };
    }

    private baseHashOf(key: string): string | null {
        const shipped = shippedItem(this.base, key);
        return shipped === undefined ? null : shippedHash(shipped);
    }

    private refusal(id: string, field: string, message: string): AuthoringError {
        return new AuthoringError(400, `${field}: ${message}`, [{ file: 'entry', entryId: id, field, message }]);
    }
}

function problemKey(p: KnowledgeProblem): string {
    return `${p.entryId ?? ''}|${p.field ?? ''}|${p.message}`;
}

/** The problems as one line an advisor can act on: `questions: expected at least three ways people ask this`. */
export function problemsMessage(problems: readonly KnowledgeProblem[]): string {
    return problems
        .slice(0, 5)
        .map((p) => `${p.entryId && p.file !== 'entry' ? `${p.entryId} › ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`)
        .join('; ');
}

/** An entry id made from a title: "Night shift pay?" → `night-shift-pay`. */
export function slugOf(title: string): string {
    return (
        title
            .toLowerCase()
            .normalize('NFKD')
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-+|-+$/g, '')
            .slice(0, 60)
            .replace(/-+$/, '') || 'new-entry'
    );
}
