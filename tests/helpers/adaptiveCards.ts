// The browser bundle: the package's `main` is ES modules that Node cannot load from CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** The highest Adaptive Card version Teams renders. */
const TEAMS_MAX = { major: 1, minor: 5 };

/**
 * What the `adaptivecards` package finds wrong with a card for Teams: a version above 1.5, elements or
 * actions it does not know at 1.5, or properties that must be set. Empty when the card is fine.
 */
export function adaptiveCardProblems(json: unknown): string[] {
    const card = json as { version?: string };
    const problems: string[] = [];
    const [major, minor] = String(card.version ?? '').split('.').map(Number);
    if (!(major < TEAMS_MAX.major || (major === TEAMS_MAX.major && minor <= TEAMS_MAX.minor))) problems.push(`version ${card.version} is above 1.5`);
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const parsed = new AC.AdaptiveCard();
    parsed.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
    return problems;
}

/** Every Adaptive Card among the activities' attachments. */
export function adaptiveCardsIn(activities: { attachments?: { contentType?: string; content?: unknown }[] }[]): unknown[] {
    return activities.flatMap((a) => a.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
