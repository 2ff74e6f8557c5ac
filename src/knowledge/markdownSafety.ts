import { z } from 'zod';
import { isAllowedLink } from './webAddress';

/** A token of markdown-it 13, as the check reads it (the package ships no types). */
interface MarkdownToken {
    type: string;
    content: string;
    children: MarkdownToken[] | null;
    attrGet(name: string): string | null;
}

/** What the check uses of a markdown-it instance. */
interface MarkdownParser {
    validateLink: (url: string) => boolean;
    parse(text: string, env: { references?: Record<string, { href: string }> }): MarkdownToken[];
}

let parser: MarkdownParser | undefined;

const NO_HTML = 'expected no HTML (write Markdown instead)';

/**
 * markdown-it as the advisor console configures it (`src/web/advisor/richText.js`: linkify on, so a bare address is a
 * link there too), but parsing raw HTML and accepting every link, so that whatever a renderer might draw is seen here
 * and refused by name instead of being dropped in silence by markdown-it's own link filter.
 */
function markdownParser(): MarkdownParser {
    if (parser) return parser;
    const create = require('markdown-it') as (options: object) => MarkdownParser;
    const md = create({ html: true, linkify: true, typographer: false, breaks: true });
    md.validateLink = () => true;
    return (parser = md);
}

/**
 * What is unsafe in Markdown a visitor will be shown: each link or autolink to anything but an http, https or mailto
 * address (`javascript:`, `data:`, a relative path), each image, and raw HTML (`<a href=…>`, `<script>`), which
 * every renderer of the bot's text shows as text or drops, so it is never what the author meant. Empty when safe.
 * @remarks Reads markdown-it's tokens, the parser the console renders with and the one Web Chat uses, rather than
 * patterns: `[x](java&#x09;script:…)`, reference links and autolinks are links however they are written.
 */
export function markdownProblems(text: string): string[] {
    const problems: string[] = [];
    const env: { references?: Record<string, { href: string }> } = {};
    const visit = (tokens: readonly MarkdownToken[]) => {
        for (const token of tokens) {
            if (token.type === 'link_open') {
                const href = token.attrGet('href') ?? '';
                if (!isAllowedLink(href)) problems.push(`expected links only to http, https or mailto addresses; "${href}" is not one`);
            } else if (token.type === 'image') {
                problems.push('expected no images: the answer is read as text');
            } else if ((token.type === 'html_inline' || token.type === 'html_block') && !problems.some((p) => p.startsWith(NO_HTML))) {
                // The first tag is enough to find the rest: `<a …>` and its `</a>` are one mistake.
                problems.push(`${NO_HTML}: found ${JSON.stringify(token.content.trim().slice(0, 40))}`);
            }
            if (token.children) visit(token.children);
        }
    };
    visit(markdownParser().parse(text, env));
    for (const { href } of Object.values(env.references ?? {})) {
        if (!isAllowedLink(href)) problems.push(`expected links only to http, https or mailto addresses; "${href}" is not one`);
    }
    return [...new Set(problems)];
}

/** Markdown text shown to visitors (an answer, a reply): non-empty, and refused with each unsafe link or tag named. */
export const MarkdownTextSchema = z
    .string()
    .trim()
    .min(1, 'expected a non-empty text')
    .superRefine((text, ctx) => {
        for (const message of markdownProblems(text)) ctx.addIssue({ code: 'custom', message });
    });
