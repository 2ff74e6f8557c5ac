/** A table the eraser leaves alone, and why nothing a visitor wrote is in it. */
export type NoVisitorData = { noVisitorData: string };

/**
 * The tables both schemas (SQLite and PostgreSQL) hold with nothing a visitor wrote in them, and why: each eraser's rules
 * include these, so the reason is written once.
 */
export const SHARED_TABLES_WITHOUT_VISITOR_DATA: Readonly<Record<string, NoVisitorData>> = Object.freeze({
    directline_keys: { noVisitorData: "the built-in Direct Line's token-signing key" },
    advisor_accounts: { noVisitorData: "advisors' accounts" },
    advisor_sessions: { noVisitorData: "advisors' sessions" },
    advisor_audit: { noVisitorData: 'what advisors did, by ids (a deleted conversation’s id stays as the record of its deletion), never what a visitor wrote' },
    // The key of a dismissed group is entry ids, a gap's name, or the search terms of a group's wording (taken from text
    // redacted when it was logged), with no conversation id: deleting a conversation leaves nothing there that names it.
    review_dismissals: { noVisitorData: 'which review-inbox groups advisors dismissed, by kind and key (entry ids, a gap, or search terms of redacted wording), tied to no conversation' },
    // Advisors' knowledge: entries they wrote, and the versions they published. A visitor's question an advisor added as a
    // phrasing was redacted when it was logged and is tied to no conversation: it is then the advisor's content.
    knowledge_drafts: { noVisitorData: "advisors' working draft of the knowledge, item by item, tied to no conversation" },
    knowledge_versions: { noVisitorData: "the knowledge versions advisors published, tied to no conversation" },
});

/** What a table holds, for the eraser: how to erase one conversation and expire old rows, or why it holds no visitor data. */
export type TableRule<Statement> = { erase: Statement; expire: Statement } | NoVisitorData;

/**
 * Throws unless every table found in the database has a rule; `where` names the eraser, `rulesAt` where its rules are.
 * @remarks This is what makes a new table impossible to forget: the bot does not start until it is given a rule.
 */
export function checkTables(found: readonly string[], rules: Record<string, unknown>, where: string, rulesAt: string): void {
    const unknown = found.filter((table) => !Object.hasOwn(rules, table));
    if (unknown.length > 0) {
        throw new Error(
            `${where}: no rule for table(s) ${unknown.map((t) => `"${t}"`).join(', ')}: say in ${rulesAt} how a conversation is erased ` +
                'from it and how its old rows expire, or why it holds no visitor data. Deleting a conversation must leave nothing behind.',
        );
    }
}

/**
 * The first part of every bot-state key of a conversation. botbuilder's `ConversationState` keys are
 * `{channelId}/conversations/{conversationId}/{namespace}` and `PrivateConversationState`'s add `users/{userId}/…`;
 * the bot uses no `UserState` (whose keys name only a user).
 */
export function conversationStateKeyPrefix(channelId: string, conversationId: string): string {
    return `${channelId}/conversations/${conversationId}/`;
}
