/**
 * The import rules `npm test` holds the code to (tests/architecture/folderCycles.test.ts runs dependency-cruiser with
 * this file). One rule, with no exclusions: no import cycle between folders, type-only imports included. A folder
 * may use a folder below it; when two folders need each other, what they share moves to a folder below both.
 */
module.exports = {
    forbidden: [
        {
            name: 'no-folder-cycles',
            severity: 'error',
            comment: 'Folders import each other in a cycle: move what they share into a folder below both (see README, Layout).',
            scope: 'folder',
            from: {},
            to: { circular: true },
        },
    ],
    options: {
        // Type-only imports count: a cycle of types is still two folders that cannot be understood apart.
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
        includeOnly: '^(src|dialogs)/',
        doNotFollow: { path: 'node_modules' },
        exclude: { path: '\\.d\\.ts$' },
    },
};
