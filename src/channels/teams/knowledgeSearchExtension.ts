import { CardFactory, MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import type { FaqEntry } from '../../knowledge/schema';
import type { KnowledgeSearch } from '../../knowledge/searchIndex';
import { gapOf } from '../../knowledge/gapSchema';
import type { Replies } from '../../replies/replies';
import { answerCard } from './teamsCards';

/** The manifest's search command and its parameter (deployment/teams/manifest.json). */
export const SEARCH_COMMAND_ID = 'searchQuestions';
export const SEARCH_PARAMETER = 'searchQuery';

/** Results listed for one search; Teams shows a short list under the compose box. */
const MAX_RESULTS = 8;
const PREVIEW_LENGTH = 140;
const NO_MATCH = (query: string) => `No answers match “${query.slice(0, 60)}”. Try other words, such as salary, license, ASCP or MLS.`;
const GONE = 'That answer is no longer available. Search again to find the current one.';

/** What a chosen result carries back in `composeExtension/selectItem`. */
interface SelectedItem {
    entryId?: unknown;
}

/**
 * The Teams search message extension: typing in the compose box searches the knowledge base; each
 * result previews as a thumbnail card (Teams does not preview Adaptive Cards) and inserts an Adaptive
 * Card with the answer and its source.
 */
export class KnowledgeSearchExtension {
    constructor(private readonly search: KnowledgeSearch, private readonly replies: Pick<Replies, 'citations'>) {}

    /**
     * `composeExtension/query`: popular questions for an empty query, else the matching ones.
     * @param query the invoke's value, as the channel sent it: anything but the search text is ignored.
     */
    query(query: unknown): MessagingExtensionResponse {
        const text = searchText(query);
        const entries = text ? this.matching(text) : this.search.entries.filter((e) => e.popular);
        if (entries.length === 0) return { composeExtension: { type: 'message', text: NO_MATCH(text) } };
        return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: entries.slice(0, MAX_RESULTS).map((e) => this.result(e)) } };
    }

    /** `composeExtension/selectItem`: the chosen answer's card, to insert in the message. */
    selectItem(item: SelectedItem): MessagingExtensionResponse {
        const entry = typeof item?.entryId === 'string' ? this.search.entry(item.entryId) : undefined;
        if (!entry) return { composeExtension: { type: 'message', text: GONE } };
        return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [this.card(entry)] } };
    }

    private matching(text: string): FaqEntry[] {
        const result = this.search.search(text);
        // A known gap has no answer to insert: the extension lists answers only.
        return result.confidence === 'none' ? [] : result.hits.filter((h) => !gapOf(h.entry)).map((h) => h.entry);
    }

    private card(entry: FaqEntry): MessagingExtensionAttachment {
        return answerCard({ title: entry.title, sections: [{ text: entry.answer.trim(), citations: this.replies.citations(entry.source, entry.asOf) }] });
    }

    private result(entry: FaqEntry): MessagingExtensionAttachment {
        const preview = CardFactory.thumbnailCard(entry.title, plainPreview(entry.answer));
        // Tapping the preview asks for the card (selectItem), so an inserted answer is always the current one.
        (preview.content as { tap?: object }).tap = { type: 'invoke', value: { entryId: entry.id } };
        return { ...this.card(entry), preview };
    }
}

/** The text typed in the compose box: the search parameter's value when it is text, else empty. */
function searchText(query: unknown): string {
    const parameters = (query as { parameters?: unknown } | null | undefined)?.parameters;
    if (!Array.isArray(parameters)) return '';
    const parameter: unknown = parameters.find((p: unknown) => (p as { name?: unknown } | null)?.name === SEARCH_PARAMETER);
    const value = (parameter as { value?: unknown } | undefined)?.value;
    return typeof value === 'string' ? value.trim() : '';
}

/** The answer's first words without Markdown, for the one-line preview. */
function plainPreview(markdown: string): string {
    const plain = markdown.replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim();
    return plain.length > PREVIEW_LENGTH ? `${plain.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…` : plain;
}
