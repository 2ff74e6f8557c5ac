import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runKnowledgeExport, type LayerStorage } from '../../src/cli/knowledgeExport';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT } from '../../src/config/paths';
import { KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader';
import { applyLayer } from '../../src/authoring/knowledgeLayer';
import { KnowledgeAuthoring } from '../../src/authoring/knowledgeAuthoring';
import { SqliteKnowledgeLayer } from '../../src/stores/sqlite/sqliteKnowledgeLayer';
import { createPostgresStorage } from '../../src/stores/createPostgresStorage';
import { describeWithPostgres } from '../helpers/postgres';
import { runNode } from '../helpers/runNode';

/** The entry advisors edit (a question added), the one they retire (nothing follows up on it) and the one they add. */
const EDITED = 'education-requirements';
const RETIRED = 'job-outlook-finding-work';
const ADDED = {
    id: 'education-night-classes',
    topic: 'education',
    title: 'Can I study to be an MLT at night?',
    questions: ['can I take MLT classes at night?', 'evening mlt program', 'study lab tech while working full time'],
    answer: 'Some programs offer evening or online coursework.\n\nThe clinical rotation is usually in the daytime.',
    followUps: [EDITED],
    source: [{ doc: 'mlt-online-classes', section: 'Medical Laboratory Technician Salary Range' }],
};

describe('npm run knowledge:export', () => {
    let dir: string;
    let knowledge: string;
    let file: string;
    let base: KnowledgeBase;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'knowledge-export-'));
        knowledge = join(dir, 'knowledge');
        cpSync(DEFAULT_KNOWLEDGE_DIR, knowledge, { recursive: true });
        file = join(dir, 'data', 'bot.sqlite');
        base = loadKnowledge(knowledge);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** The store the CLI opens: the advisors' layer in the test's SQLite file, as `createStorage` would open it. */
    const open = (): LayerStorage => {
        const layer = new SqliteKnowledgeLayer(file);
        return { knowledgeLayer: layer, ready: async () => undefined, close: () => layer.close() };
    };

    /** Runs `use` with the authoring service over the test's store, and closes the store. */
    async function withAuthoring<T>(use: (authoring: KnowledgeAuthoring, store: SqliteKnowledgeLayer) => Promise<T>): Promise<T> {
        const store = new SqliteKnowledgeLayer(file);
        try {
            return await use(new KnowledgeAuthoring(base, store), store);
        } finally {
            await store.close();
        }
    }

    /** Advisors edit, add and retire an entry and change the synonyms, then publish: the items of version 1. */
    async function publishChanges() {
        return withAuthoring(async (authoring) => {
            const entry = await authoring.entry(EDITED);
            await authoring.save(EDITED, { ...entry, questions: [...entry.questions, 'what schooling does a lab tech need?'] }, entry.version, 'amy');
            await authoring.create(ADDED, 'amy');
            await authoring.retire(RETIRED, 0, 'amy');
            const { synonyms, version } = await authoring.synonyms();
            await authoring.saveSynonyms({ ...synonyms, lab: [...synonyms.lab, 'bench'], phleb: ['phlebotomy', 'blood draw'] }, version, 'amy');
            return (await authoring.publish('amy')).items;
        });
    }

    async function run(argv: string[], knowledgeDir = knowledge) {
        const [stdout, stderr] = [new PassThrough(), new PassThrough()];
        const out: string[] = [];
        const err: string[] = [];
        stdout.on('data', (c) => out.push(String(c)));
        stderr.on('data', (c) => err.push(String(c)));
        const code = await runKnowledgeExport(argv, { open, knowledgeDir, stdout, stderr });
        return { code, stdout: out.join(''), stderr: err.join('') };
    }

    /** Entries by id, so the comparison does not depend on their order in the files. */
    const byId = (kb: KnowledgeBase) => Object.fromEntries(kb.entries.map((e) => [e.id, e]));

    describe('after advisors published an edit, a new entry, a retirement and synonyms', () => {
        it('writes the knowledge folder so it loads back to exactly the live knowledge', async () => {
            const items = await publishChanges();
            const result = await run([]);
            expect(result).toMatchObject({ code: 0, stderr: '' });
            const live = applyLayer(base, items);
            expect(live.problems).toEqual([]);
            const exported = loadKnowledge(knowledge);
            expect(byId(exported)).toEqual(byId(live.kb));
            expect(exported.language).toEqual(live.kb.language);
            expect(exported.entries.find((e) => e.id === EDITED)?.questions).toContain('what schooling does a lab tech need?');
            expect(exported.entries.map((e) => e.id)).not.toContain(RETIRED);
            expect(exported.entryFiles.get(ADDED.id)).toBe('knowledge/faq/education.yaml');
            expect(exported.language.synonyms.phleb).toEqual(['phlebotomy', 'blood draw']);
        });

        it('says what it changed, file by file', async () => {
            await publishChanges();
            const { stdout } = await run([]);
            expect(stdout).toMatch(/^wrote version 1 \(live\), published by amy at .* to .*knowledge:\n/);
            expect(stdout).toContain(`  faq/education.yaml: changed ${EDITED}; added ${ADDED.id}\n`);
            expect(stdout).toContain(`  faq/job-outlook.yaml: retired ${RETIRED}\n`);
            expect(stdout).toContain('  language.yaml: synonyms changed for lab; synonyms added for phleb\n');
        });

        it('leaves untouched entries, their comments and the other files byte for byte, and writes only non-default fields', async () => {
            const before = (name: string) => readFileSync(join(DEFAULT_KNOWLEDGE_DIR, name), 'utf8');
            const after = (name: string) => readFileSync(join(knowledge, name), 'utf8');
            await publishChanges();
            await run([]);
            const education = after('faq/education.yaml');
            // The dialog entry above the edited one keeps its comment, and the file starts exactly as it did.
            const untouched = before('faq/education.yaml').split(`  - id: ${EDITED}`)[0];
            expect(untouched).toContain('# The planner opens by asking');
            expect(education.startsWith(untouched)).toBe(true);
            expect(after('faq/salary.yaml')).toBe(before('faq/salary.yaml'));
            expect(after('sources.yaml')).toBe(before('sources.yaml'));
            // language.yaml changes only in the synonyms changed.
            const withoutSynonymsChanged = (text: string) => text.replace(/^ {2}lab: \[[^\]]*\]\n/m, '').replace(/^ {2}phleb: .*\n/m, '');
            expect(withoutSynonymsChanged(after('language.yaml'))).toBe(withoutSynonymsChanged(before('language.yaml')));
            // The added word goes last, however long the group grows in the real file.
            expect(after('language.yaml')).toMatch(/^ {2}lab: \[\n {4}laboratory, [^\]]*, bench,\n {2}\]\n/m);
            expect(after('language.yaml')).toMatch(/^ {2}criticalthinking: .*\n {2}phleb: \[phlebotomy, blood draw\]\n\nscope:/m);
            // The new entry is tidy: no empty lists, no default values, its answer a literal block.
            const added = education.slice(education.indexOf(`  - id: ${ADDED.id}`));
            expect(added).not.toMatch(/keywords|dialogStarts|dialogRequests|popular/);
            expect(added).toContain('    answer: |\n      Some programs offer evening or online coursework.\n\n      The clinical rotation');
            expect(after('faq/job-outlook.yaml').endsWith('\n')).toBe(true);
            expect(after('faq/job-outlook.yaml').endsWith('\n\n')).toBe(false);
        });

        it('leaves the advisors’ drafts and versions in the database as they were', async () => {
            await publishChanges();
            const before = await withAuthoring(async (_a, store) => ({ drafts: await store.drafts(), live: await store.liveVersion(), versions: await store.versions() }));
            await run([]);
            const after = await withAuthoring(async (_a, store) => ({ drafts: await store.drafts(), live: await store.liveVersion(), versions: await store.versions() }));
            expect(after).toEqual(before);
            expect(after.drafts).toHaveLength(4);
        });

        it('changes nothing when run again: the folder already holds the live version', async () => {
            await publishChanges();
            await run([]);
            const first = readFileSync(join(knowledge, 'faq', 'education.yaml'), 'utf8');
            base = loadKnowledge(knowledge);
            expect(await run([])).toMatchObject({ code: 0, stdout: expect.stringMatching(/already holds version 1 .*: nothing changed\n$/) });
            expect(readFileSync(join(knowledge, 'faq', 'education.yaml'), 'utf8')).toBe(first);
        });

        it('with --out, writes a full loadable copy into an empty folder and leaves the knowledge folder alone', async () => {
            const items = await publishChanges();
            const out = join(dir, 'exported');
            mkdirSync(out);
            expect(await run(['--out', out])).toMatchObject({ code: 0, stderr: '' });
            expect(byId(loadKnowledge(out))).toEqual(byId(applyLayer(base, items).kb));
            expect(readdirSync(join(out, 'facts')).sort()).toEqual(readdirSync(join(knowledge, 'facts')).sort());
            expect(readFileSync(join(knowledge, 'language.yaml'), 'utf8')).toBe(readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'language.yaml'), 'utf8'));
            expect(await run(['--out', out])).toMatchObject({ code: 1, stderr: expect.stringMatching(/--out .* is not empty/) });
        });
    });

    it('rewrites every field advisors change, dropping fields back at their defaults and adding new ones', async () => {
        const id = 'salary-starting-pay';
        const items = await withAuthoring(async (authoring) => {
            const entry = await authoring.entry(id);
            expect(entry).toMatchObject({ popular: false, asOf: expect.any(String), keywords: expect.arrayContaining(['starting salary']) });
            const { asOf: _dropped, ...rest } = entry;
            await authoring.save(id, { ...rest, title: 'Starting pay for new MLTs', keywords: [], popular: true, followUps: entry.followUps.slice(1) }, 0, 'amy');
            return (await authoring.publish('amy')).items;
        });
        expect(await run([])).toMatchObject({ code: 0, stdout: expect.stringContaining(`faq/salary.yaml: changed ${id}\n`) });
        const exported = loadKnowledge(knowledge);
        expect(byId(exported)).toEqual(byId(applyLayer(base, items).kb));
        const text = readFileSync(join(knowledge, 'faq', 'salary.yaml'), 'utf8');
        const written = text.slice(text.indexOf(`  - id: ${id}`)).split(/\n {2}- id: /)[0];
        expect(written).toContain('    title: Starting pay for new MLTs\n');
        expect(written).toContain('    popular: true');
        expect(written).not.toMatch(/keywords:|asOf:/);
    });

    it('exports the draft with --draft and an earlier version with --version', async () => {
        await publishChanges();
        await withAuthoring(async (authoring) => {
            const entry = await authoring.entry('skills-advice-new-techs');
            await authoring.save(entry.id, { ...entry, title: 'Advice for brand-new lab techs' }, 0, 'bob');
        });
        expect(await run(['--draft'])).toMatchObject({ code: 0, stdout: expect.stringContaining('faq/skills.yaml: changed skills-advice-new-techs') });
        expect(loadKnowledge(knowledge).entries.find((e) => e.id === 'skills-advice-new-techs')?.title).toBe('Advice for brand-new lab techs');

        cpSync(DEFAULT_KNOWLEDGE_DIR, knowledge, { recursive: true, force: true });
        expect(await run(['--version', '1'])).toMatchObject({ code: 0 });
        expect(loadKnowledge(knowledge).entries.find((e) => e.id === 'skills-advice-new-techs')?.title).not.toBe('Advice for brand-new lab techs');
    });

    it('writes a new entry of a topic without a file to a new faq/<topic>.yaml, and removes a file whose entries are all retired', async () => {
        // The loader reads every file of faq/ whatever its name: job-outlook's entries may live in other files.
        const text = readFileSync(join(knowledge, 'faq', 'job-outlook.yaml'), 'utf8');
        const [head, tail] = text.split(`\n  - id: ${RETIRED}`);
        writeFileSync(join(knowledge, 'faq', 'outlook.yaml'), `${head}\n`);
        writeFileSync(join(knowledge, 'faq', 'finding-work.yaml'), `entries:\n  - id: ${RETIRED}${tail}`);
        rmSync(join(knowledge, 'faq', 'job-outlook.yaml'));
        base = loadKnowledge(knowledge);
        await withAuthoring(async (authoring) => {
            await authoring.create({ ...ADDED, id: 'job-outlook-night-work', topic: 'job-outlook', followUps: [] }, 'amy');
            await authoring.retire(RETIRED, 0, 'amy');
            await authoring.publish('amy');
        });
        const result = await run([]);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout).toContain(`  faq/finding-work.yaml: removed the file (retired ${RETIRED})\n`);
        expect(existsSync(join(knowledge, 'faq', 'finding-work.yaml'))).toBe(false);
        expect(readFileSync(join(knowledge, 'faq', 'job-outlook.yaml'), 'utf8')).toMatch(/^entries:\n {2}- id: job-outlook-night-work\n {4}topic: job-outlook\n/);
        const exported = loadKnowledge(knowledge);
        expect(exported.entryFiles.get('job-outlook-night-work')).toBe('knowledge/faq/job-outlook.yaml');
        expect(exported.entryFiles.has(RETIRED)).toBe(false);
    });

    it.each([
        ['an unknown option', ['--force'], /^knowledge:export: unknown option --force/],
        ['a bad version', ['--version', 'latest'], /^knowledge:export: --version expects a version number/],
        ['a version that does not exist', ['--version', '7'], /^knowledge:export: there is no version 7 \(the live version is 0\)/],
        ['--version with --draft', ['--version', '1', '--draft'], /^knowledge:export: choose --version or --draft/],
    ])('exits 1 with a clear message for %s', async (_case, argv, message) => {
        const result = await run(argv);
        expect(result).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(message) });
    });

    it('exits 1 listing the problems when the version does not load over the folder, and writes nothing', async () => {
        // A version saved before a release whose schema refuses it: the entry has no questions any more.
        await withAuthoring(async (_a, store) =>
            store.publish('amy', () => ({ items: [{ key: 'entry:old-entry', body: { id: 'old-entry', topic: 'salary', title: 'Old' }, baseHash: null }], changes: [] })),
        );
        const result = await run([]);
        expect(result).toMatchObject({ code: 1, stdout: '' });
        expect(result.stderr).toMatch(/^knowledge:export: version 1 \(live\), published by amy at .* does not load over .*knowledge:\n/);
        expect(result.stderr).toContain(`advisors' changes › entry "old-entry"\n  ✖`);
        expect(result.stderr).toContain('→ at questions');
        expect(readdirSync(join(knowledge, 'faq')).sort()).toEqual(readdirSync(join(DEFAULT_KNOWLEDGE_DIR, 'faq')).sort());
    });

    it('exits 1 with a clear message when the database cannot be read', async () => {
        const failing = (): LayerStorage => ({ knowledgeLayer: {} as LayerStorage['knowledgeLayer'], ready: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), close: async () => undefined });
        const stderr = new PassThrough();
        const err: string[] = [];
        stderr.on('data', (c) => err.push(String(c)));
        const code = await runKnowledgeExport([], { open: failing, knowledgeDir: knowledge, stdout: new PassThrough(), stderr });
        expect(code).toBe(1);
        expect(err.join('')).toBe("knowledge:export: cannot read the advisors' changes from the database: connect ECONNREFUSED 127.0.0.1:5432\n");
    });

    const built = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'knowledgeExport.js');
    it('runs as the built script, with DATA_DIR and KNOWLEDGE_DIR from the environment', async () => {
        expect({ built: existsSync(built), hint: 'npm run build first (npm test does)' }).toEqual({ built: true, hint: expect.any(String) });
        const items = await publishChanges();
        const env = { PATH: process.env.PATH, DATA_DIR: join(dir, 'data'), KNOWLEDGE_DIR: knowledge };
        const result = runNode([built], { env });
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
        expect(result.stdout).toContain(`faq/job-outlook.yaml: retired ${RETIRED}`);
        expect(byId(loadKnowledge(knowledge))).toEqual(byId(applyLayer(base, items).kb));
        const missing = runNode([built], { env: { ...env, DATA_DIR: join(dir, 'nowhere') } });
        expect({ status: missing.status, stderr: missing.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/^knowledge:export: there is no database at .*nowhere.bot\.sqlite/) });
        expect(existsSync(join(dir, 'nowhere'))).toBe(false);
        // Help needs no database.
        const help = runNode([built, '--help'], { env: { ...env, DATA_DIR: join(dir, 'nowhere') } });
        expect({ status: help.status, stdout: help.stdout }).toEqual({ status: 0, stdout: expect.stringMatching(/^usage: npm run knowledge:export/) });
    });
});

describeWithPostgres('npm run knowledge:export on PostgreSQL (STORAGE=postgres)', (db) => {
    it('exports the live version from the shared database, and leaves it there', async () => {
        await db().reset();
        const dir = mkdtempSync(join(tmpdir(), 'knowledge-export-pg-'));
        try {
            const knowledge = join(dir, 'knowledge');
            cpSync(DEFAULT_KNOWLEDGE_DIR, knowledge, { recursive: true });
            const base = loadKnowledge(knowledge);
            const open = () => createPostgresStorage({ DATABASE_URL: db().url }, { pool: db().poolOptions });
            const server = open();
            let items;
            try {
                await server.ready();
                const authoring = new KnowledgeAuthoring(base, server.knowledgeLayer);
                await authoring.retire(RETIRED, 0, 'amy');
                items = (await authoring.publish('amy')).items;
            } finally {
                await server.close();
            }
            const [stdout, stderr] = [new PassThrough(), new PassThrough()];
            const out: string[] = [];
            stdout.on('data', (c) => out.push(String(c)));
            expect(await runKnowledgeExport([], { open, knowledgeDir: knowledge, stdout, stderr })).toBe(0);
            expect(out.join('')).toContain(`faq/job-outlook.yaml: retired ${RETIRED}`);
            expect(Object.fromEntries(loadKnowledge(knowledge).entries.map((e) => [e.id, e]))).toEqual(Object.fromEntries(applyLayer(base, items).kb.entries.map((e) => [e.id, e])));
            const after = open();
            try {
                expect(await after.knowledgeLayer.liveVersion()).toBe(1);
                expect((await after.knowledgeLayer.drafts()).map((d) => d.key)).toEqual([`entry:${RETIRED}`]);
            } finally {
                await after.close();
            }
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
