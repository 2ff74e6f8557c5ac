import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { runNode } from '../helpers/runNode';

/** One folder-cycle violation as dependency-cruiser reports it: the folder and the cycle back to it. */
interface Violation {
    rule: { name: string };
    from: string;
    cycle?: { name: string }[];
}

/** Runs dependency-cruiser with the project's rules (`.dependency-cruiser.cjs`) over `paths`; its violations. */
function cruise(paths: string[], includeOnly?: string): Violation[] {
    const bin = join(PROJECT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const args = [bin, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...(includeOnly ? ['--include-only', includeOnly] : []), ...paths];
    const run = runNode(args, { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect({ error: run.error?.message, stderr: run.stderr.trim() }).toEqual({ error: undefined, stderr: '' });
    return JSON.parse(run.stdout).summary.violations as Violation[];
}

const describeCycle = (v: Violation) => `${v.from} → ${(v.cycle ?? []).map((step) => step.name).join(' → ')}`;

describe('folders (issue 14: no import cycle between folders, type-only imports included, no exclusions)', () => {
    it('src/ and dialogs/ have no folder that imports, through any chain, a folder that imports it', () => {
        const cycles = cruise(['src', 'dialogs']).filter((v) => v.rule.name === 'no-folder-cycles');
        expect(cycles.map(describeCycle)).toEqual([]);
    }, 60_000);

    it('finds a cycle of two folders where one side is a type-only import (the check can fail)', () => {
        const fixtures = 'tests/architecture/fixtures/folderCycle';
        const cycles = cruise([fixtures], `^${fixtures}/`).filter((v) => v.rule.name === 'no-folder-cycles');
        expect(cycles.map((v) => v.from).sort()).toEqual([`${fixtures}/alpha`, `${fixtures}/beta`]);
    }, 60_000);
});
