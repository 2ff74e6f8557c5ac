/** BENCHMARKS.md when it does not exist yet; `npm run bench` fills `{{results}}` and, on later runs, only that part. */
export const BENCHMARKS_SKELETON = `# Benchmarks

How fast one instance of the bot answers, against its targets. Run it with:

\`\`\`sh
npm run bench
\`\`\`

## Latest run

{{results}}
`;
