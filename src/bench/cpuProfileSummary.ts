import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) the summary reads. */
interface CpuProfile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

/** Time in one frame or package, in milliseconds and as a share of the busy time. */
export interface ProfileLine {
    name: string;
    ms: number;
    share: number;
}

/** Where a process spent its CPU time in a window of its profile. */
export interface ProfileSummary {
    /** Sampled time in the window, idle included. */
    windowMs: number;
    busyMs: number;
    /** Self time by function: the work done in the function's own code. */
    selfByFrame: ProfileLine[];
    /** Self time by package (`node_modules/<name>`), the bot's own folders, Node's internals, GC. */
    selfByPackage: ProfileLine[];
    /** Total (inclusive) time by package: the time with at least one of the package's frames on the stack. */
    totalByPackage: ProfileLine[];
    /** Total (inclusive) time of the bot's own functions: which of its steps hold the time spent below them. */
    totalByOwnFrame: ProfileLine[];
}

const META = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
const NATIVE = '(native: V8 builtins, JSON, RegExp…)';
const NODE_INTERNALS = 'node: (internals: http, net, streams…)';

/**
 * Summarises a `.cpuprofile`, counting only samples between `fromMs` and `toMs` after the profile began.
 * @remarks `node --cpu-prof` starts profiling as the process starts, so the window lets a caller leave out
 * start-up and warm-up and keep only the load it is measuring.
 */
export function summarizeCpuProfile(file: string, projectRoot: string, fromMs = 0, toMs = Infinity, top = 15): ProfileSummary {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

    const frameName = (node: ProfileNode) => {
        const { functionName, url, lineNumber } = node.callFrame;
        const name = functionName || '(anonymous)';
        return url ? `${name} ${shortUrl(url, projectRoot)}:${lineNumber + 1}` : name;
    };
    const packageOf = (node: ProfileNode) => {
        const { functionName, url } = node.callFrame;
        if (META.has(functionName)) return functionName;
        if (!url) return NATIVE;
        if (url.startsWith('node:')) return NODE_INTERNALS;
        const path = url.startsWith('file:') ? fileURLToPath(url) : url;
        const modules = path.lastIndexOf('/node_modules/');
        if (modules >= 0) {
            const [scope, name] = path.slice(modules + '/node_modules/'.length).split('/');
            return scope.startsWith('@') ? `${scope}/${name}` : scope;
        }
        const own = relative(projectRoot, path).replace(/^dist\//, '');
        if (own.startsWith('..')) return path;
        // src/ is grouped by its folders (src/knowledge, src/transcripts…); dialogs/ and the rest as a whole.
        return own.startsWith('src/') ? own.split('/').slice(0, 2).join('/') : `${own.split('/')[0]}/`;
    };

    const selfFrame = new Map<string, number>();
    const selfPackage = new Map<string, number>();
    const totalPackage = new Map<string, number>();
    const totalOwnFrame = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
    let elapsed = 0;
    let windowMs = 0;
    let idleMs = 0;
    profile.samples.forEach((id, i) => {
        elapsed += profile.timeDeltas[i] / 1000;
        if (elapsed < fromMs || elapsed > toMs) return;
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const node = byId.get(id)!;
        windowMs += ms;
        if (node.callFrame.functionName === '(idle)') {
            idleMs += ms;
            return;
        }
        add(selfFrame, frameName(node), ms);
        add(selfPackage, packageOf(node), ms);
        const packages = new Set<string>();
        const ownFrames = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const frame = byId.get(at)!;
            packages.add(packageOf(frame));
            if (isOwn(frame.callFrame.url, projectRoot)) ownFrames.add(frameName(frame));
        }
        packages.forEach((p) => add(totalPackage, p, ms));
        ownFrames.forEach((f) => add(totalOwnFrame, f, ms));
    });

    const busyMs = windowMs - idleMs;
    const lines = (map: Map<string, number>) =>
        [...map]
            .sort((a, b) => b[1] - a[1])
            .slice(0, top)
            .map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
    // Node's internals and native code sit under every stack (the event loop, callbacks): their totals say nothing.
    [NATIVE, NODE_INTERNALS, '(root)'].forEach((name) => totalPackage.delete(name));
    return {
        windowMs,
        busyMs,
        selfByFrame: lines(selfFrame),
        selfByPackage: lines(selfPackage),
        totalByPackage: lines(totalPackage),
        totalByOwnFrame: lines(totalOwnFrame),
    };
}

function shortUrl(url: string, projectRoot: string): string {
    if (!url.startsWith('file:')) return url;
    const path = fileURLToPath(url);
    const modules = path.lastIndexOf('/node_modules/');
    return modules >= 0 ? path.slice(modules + '/node_modules/'.length) : relative(projectRoot, path).replace(/^dist\//, '');
}

function isOwn(url: string, projectRoot: string): boolean {
    if (!url.startsWith('file:')) return false;
    const path = fileURLToPath(url);
    return path.startsWith(projectRoot) && !path.includes('/node_modules/');
}
