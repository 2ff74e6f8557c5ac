import type { Activity } from 'botbuilder';
import type { AnswerSection } from '../replies/answerContent';
import { citationLine } from '../replies/citations';

/**
 * Renders a reply as Markdown text, for Web Chat, Direct Line, the Emulator and every channel without a renderer of
 * its own: each section, then its italic source line, so a reply to several questions cites each part right after it.
 * @param sections the reply's sections (`answerReply`); a reply without them is left as it is
 */
export function renderTextReply(activity: Partial<Activity>, sections: AnswerSection[] | undefined): void {
    if (sections) activity.text = sections.map(sectionText).join('\n\n');
}

/** One section as the visitor reads it: its text, then `_Source: …_` when it states anything from the sources. */
function sectionText(section: AnswerSection): string {
    return section.citations.length ? `${section.text}\n\n_${citationLine(section.citations)}_` : section.text;
}
