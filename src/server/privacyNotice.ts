import type { AppConfig } from '../config/config';
import { DIRECT_LINE_TUNING } from '../channels/directLine/directLineChannel';

/**
 * What the bot keeps about a visitor, and for how long, as the running configuration has it. The page's privacy
 * section and the widget's notice are written from it, so neither can drift from what the bot does.
 */
export interface PrivacyNotice {
    /** Days a conversation is kept, readable in full by advisors, in every table (`TRANSCRIPT_RETENTION_DAYS`). */
    retentionDays: number;
    /** Days the contact details of a request for an advisor are kept (the same retention: dialogs/followUpDialog.ts). */
    followUpDays: number;
    /**
     * Hours the built-in Direct Line keeps its copy of what the visitor typed, unredacted, so the chat replays after a
     * reload (after the last message); undefined when the widget connects through Azure's Direct Line instead.
     */
    replayCopyHours?: number;
    /** What is removed from everything stored (src/transcripts/redact.ts, REDACTION_MARKERS and its patterns). */
    redacted: string[];
    /** Who reads the conversations. */
    readBy: string;
    /** What a visitor types (or picks in the widget's menu) to erase their conversation. */
    deleteCommand: string;
}

/** The notice as data, the short text the widget shows, and the paragraphs of the page's privacy section (plain text). */
export interface PrivacyStatement {
    notice: PrivacyNotice;
    text: string;
    paragraphs: string[];
}

/** The kinds of personal data redaction removes, in the order src/transcripts/redact.ts looks for them. */
const REDACTED = ['email addresses', 'phone numbers', 'numbers that look like card, social-security, account or IP numbers', 'street addresses and PO boxes'];

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const hours = (n: number) => (n % 24 === 0 ? days(n / 24) : `${n} hours`);
const list = (items: string[]) =>
    items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;

/** The privacy notice of the running configuration: config in, structured text out. */
export function privacyStatement(config: Pick<AppConfig, 'TRANSCRIPT_RETENTION_DAYS' | 'DIRECT_LINE_SECRET'>): PrivacyStatement {
    const retentionDays = config.TRANSCRIPT_RETENTION_DAYS;
    const notice: PrivacyNotice = {
        retentionDays,
        followUpDays: retentionDays,
        ...(config.DIRECT_LINE_SECRET ? {} : { replayCopyHours: DIRECT_LINE_TUNING.idleRetentionMs / 3_600_000 }),
        redacted: REDACTED,
        readBy: 'career advisors',
        deleteCommand: 'delete my chat',
    };
    const text =
        `Career advisors can read this conversation; it is kept for ${days(notice.retentionDays)}, with ${list(notice.redacted.slice(0, 2))} removed. ` +
        `Type “${notice.deleteCommand}” to delete it.`;
    const paragraphs = [
        `Every conversation with the assistant is stored, and ${notice.readBy} can read it in full in their console, to improve the answers and to follow up when you ask. ` +
            `It is kept for ${days(notice.retentionDays)}, then deleted.`,
        `In what is kept for the advisors, ${list(notice.redacted)} are removed from what you type before it is stored. Other words, names included, stay as you typed them, so please leave out your name and health details.`,
        `If you ask for an advisor to contact you, the name and the email address or phone number you give are kept with your request, for the advisors only, and deleted after ${days(notice.followUpDays)}.`,
        notice.replayCopyHours !== undefined
            ? `So that the chat can show your conversation again after a reload, this bot’s server also keeps it as you typed it, and deletes that copy after ${hours(notice.replayCopyHours)} without messages.`
            : 'Your messages reach this bot through Microsoft’s Azure Bot Service (Direct Line), which holds them so the chat can show your conversation again after a reload.',
        `To delete your conversation at any time, type “${notice.deleteCommand}” in the chat (or pick it from the chat’s menu) and confirm: it is removed everywhere at once, and advisors no longer see it. Nothing is shared with advertisers, and this page sets no cookies.`,
    ];
    return { notice, text, paragraphs };
}
