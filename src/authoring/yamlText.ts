import { isScalar, stringify, type Node, type Pair, type ToStringOptions } from 'yaml';

/**
 * Edits of a YAML file's text, placed by the offsets `parseDocument` gives its nodes. Only the nodes that change are
 * rewritten: every other byte (comments, blank lines, flow lists wrapped by hand) stays as the author left it, which
 * re-printing the whole document would not keep (the yaml package reflows `language.yaml`'s long flow lists).
 */
export interface TextEdit {
    start: number;
    end: number;
    text: string;
}

/** Written values keep the house style: long lines are not folded, multi-line texts are literal blocks (`|`). */
const TO_STRING: ToStringOptions = { lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: false };

/** The widest line a synonym list is wrapped to, as the lists in `language.yaml` are. */
const FLOW_LINE_WIDTH = 120;

/** The text with every edit made; edits are given by offsets into the original text and must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    let out = text;
    let limit = Infinity;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
        if (edit.end > limit) throw new Error(`applyEdits(): two edits overlap at offset ${edit.end}`);
        out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
        limit = edit.start;
    }
    return out;
}

export const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
export const columnOf = (text: string, at: number) => at - lineStart(text, at);
export const spaces = (n: number) => ' '.repeat(n);

/** The offset of the line break ending a node's last line (or the end of the text): a trailing comment goes with it. */
export function nodeLineEnd(text: string, node: Node): number {
    const end = node.range![1];
    const at = text.indexOf('\n', Math.max(end - 1, 0));
    return at < 0 ? text.length : at;
}

/** A block pair's key as text (`id`, `synonyms`), or undefined for a key that is not a plain value. */
export function keyOf(pair: Pair): string | undefined {
    return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Replaces a block pair, from its key to the end of its value's last line. */
export function replacePair(text: string, pair: Pair, written: string): TextEdit {
    const start = (pair.key as Node).range![0];
    return { start, end: nodeLineEnd(text, pair.value as Node), text: written };
}

/** Removes a block pair's lines (its key is the first thing on its line). */
export function removePair(text: string, pair: Pair): TextEdit {
    return { start: lineStart(text, (pair.key as Node).range![0]), end: nodeLineEnd(text, pair.value as Node) + 1, text: '' };
}

/** Inserts lines after a pair's last line. */
export function insertAfter(text: string, pair: Pair, lines: string[], indent: number): TextEdit {
    const at = nodeLineEnd(text, pair.value as Node);
    return { start: at, end: at, text: lines.map((line) => `\n${spaces(indent)}${line}`).join('') };
}

/** A value (a mapping, most often) as block YAML, its lines after the first indented to `indent` columns. */
export function yamlBlock(value: unknown, indent: number): string {
    return indentLines(stringify(value, TO_STRING).trimEnd(), indent);
}

/** `key: value` as block YAML, for a key written at column `indent`. */
export function yamlPair(key: string, value: unknown, indent: number): string {
    return yamlBlock({ [key]: value }, indent);
}

/** `key: [a, b]` as `language.yaml` writes lists: on one line when it fits, otherwise wrapped with a comma after each. */
export function flowListPair(key: string, values: readonly string[], indent: number): string {
    const items = values.map((v) => stringify([v], { ...TO_STRING, collectionStyle: 'flow' }).trim().slice(1, -1));
    const name = stringify(key, TO_STRING).trim();
    const oneLine = `${name}: [${items.join(', ')}]`;
    if (indent + oneLine.length <= FLOW_LINE_WIDTH) return oneLine;
    const lines: string[] = [];
    let line = '';
    for (const item of items) {
        const longer = line ? `${line} ${item},` : `${item},`;
        if (line && indent + 2 + longer.length > FLOW_LINE_WIDTH) {
            lines.push(line);
            line = `${item},`;
        } else line = longer;
    }
    lines.push(line);
    return `${name}: [\n${lines.map((l) => `${spaces(indent + 2)}${l}`).join('\n')}\n${spaces(indent)}]`;
}

function indentLines(text: string, indent: number): string {
    return text
        .split('\n')
        .map((line, i) => (i === 0 || line === '' ? line : spaces(indent) + line))
        .join('\n');
}
