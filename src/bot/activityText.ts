import type { Activity, Attachment } from 'botbuilder';

type CardNode = Record<string, unknown>;

/**
 * Everything a person sees of a message, as plain lines: its text, the text of its cards (Adaptive, hero,
 * thumbnail) and the titles of its buttons. Used by the terminal chat and transcripts.
 */
export function activityText(activity: Partial<Activity>): string {
    return lines(activity, true).join('\n');
}

/**
 * What a message answers, as plain lines: its text and its cards' text, without any button. A button is an offer
 * of another answer, not the answer (the eval's rule: a button titled with the right words answers nothing).
 */
export function answerText(activity: Partial<Activity>): string {
    return lines(activity, false).join('\n');
}

function lines(activity: Partial<Activity>, withButtons: boolean): string[] {
    const lines: string[] = [];
    if (activity.text) lines.push(activity.text);
    for (const attachment of activity.attachments ?? []) lines.push(...attachmentLines(attachment, withButtons));
    const buttons = (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value ?? '')).filter(Boolean);
    if (withButtons && buttons.length) lines.push(buttons.map((b) => `[${b}]`).join(' '));
    return lines;
}

function attachmentLines(attachment: Partial<Attachment>, withButtons: boolean): string[] {
    const content = attachment.content as CardNode | undefined;
    if (!content || typeof content !== 'object') return [];
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') return adaptiveLines(content, withButtons);
    // Hero and thumbnail cards (and the like): title, subtitle, text, buttons.
    const lines = ['title', 'subtitle', 'text'].map((k) => content[k]).filter((v): v is string => typeof v === 'string' && v !== '');
    const buttons = (content.buttons as CardNode[] | undefined) ?? [];
    if (withButtons && buttons.length) lines.push(buttons.map((b) => `[${String(b.title ?? '')}]`).join(' '));
    return lines;
}

function adaptiveLines(node: CardNode, withButtons: boolean): string[] {
    const lines: string[] = [];
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(visit);
        if (!value || typeof value !== 'object') return;
        const n = value as CardNode;
        switch (n.type) {
            case 'TextBlock':
                if (typeof n.text === 'string') lines.push(n.text);
                return;
            case 'RichTextBlock':
                lines.push(((n.inlines as CardNode[]) ?? []).map((i) => (typeof i === 'string' ? i : String(i.text ?? ''))).join(''));
                return;
            case 'FactSet':
                for (const fact of (n.facts as CardNode[]) ?? []) lines.push(`${String(fact.title ?? '')}: ${String(fact.value ?? '')}`);
                return;
            case 'ColumnSet': {
                const cells = ((n.columns as CardNode[]) ?? []).map((c) => adaptiveLines({ body: c.items }, withButtons).join(' '));
                lines.push(cells.filter(Boolean).join(' | '));
                return;
            }
        }
        if (withButtons && typeof n.title === 'string' && typeof n.type === 'string' && n.type.startsWith('Action.')) lines.push(`[${n.title}]`);
        for (const key of ['body', 'items', 'actions', 'card', 'rows', 'cells']) if (key in n) visit(n[key]);
    };
    visit(node);
    return lines;
}
