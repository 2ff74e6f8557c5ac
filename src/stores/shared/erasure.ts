/** A table the eraser leaves alone, and why nothing a visitor wrote is in it. */
export type NoVisitorData = { noVisitorData: string };

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
