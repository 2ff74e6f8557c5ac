import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../src/config/paths';

/**
 * The benchmarks are dev tooling: `npm run build` must not compile them into `dist/` (one imports a dev dependency
 * the Docker image prunes). Leaving `src/bench` out of tsconfig.build.json is not enough on its own: tsc compiles
 * every file a compiled file imports, so production code importing from src/bench would bring it back. This builds
 * the program tsc builds from each config (every file named and every file imported) and lists its own files.
 */
function projectFiles(configFile: string): string[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(PROJECT_ROOT, configFile), { noEmit: true }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
            throw new Error(`${configFile}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
        },
    });
    if (!parsed) throw new Error(`${configFile}: not read`);
    expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
    return program
        .getSourceFiles()
        .map((file) => relative(PROJECT_ROOT, file.fileName).split(sep).join('/'))
        .filter((file) => !file.startsWith('node_modules/') && !file.startsWith('..'));
}

const isBench = (file: string) => file.startsWith('src/bench/');

describe('the production build', () => {
    it('compiles no file under src/bench, whether named by tsconfig.build.json or imported by production code', () => {
        const files = projectFiles('tsconfig.build.json');
        expect(files).toContain('src/index.ts');
        expect(files).toContain('dialogs/index.ts');
        expect(files.filter(isBench)).toEqual([]);
    });

    it('is checked the same way the benchmarks’ own build is listed, which does hold src/bench', () => {
        // Proves the check above can see a benchmark file: the same listing of tsconfig.bench.json finds them.
        const files = projectFiles('tsconfig.bench.json');
        expect(files).toContain('src/bench/turnBenchmark.ts');
        expect(files).toContain('src/bench/echoBot.ts');
        expect(files).toContain('src/transcripts/redact.ts');
    });
});
