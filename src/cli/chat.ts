import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, BotAdapter, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import { loadConfig } from '../config/config';
import { buildBot } from '../bot/buildBot';
import { activityText } from '../bot/activityText';

/** Runs turns from the terminal and prints the replies: same bot, dialogs and knowledge, no HTTP. */
class ConsoleAdapter extends BotAdapter {
    constructor(private readonly print: (text: string) => void) {
        super();
    }

    async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
        for (const activity of activities) {
            if (activity.type === ActivityTypes.Message) this.print(activityText(activity));
        }
        return activities.map(() => ({ id: randomUUID() }));
    }

    async updateActivity(): Promise<void> {
        throw new Error('ConsoleAdapter.updateActivity(): not supported in the terminal');
    }

    async deleteActivity(): Promise<void> {
        throw new Error('ConsoleAdapter.deleteActivity(): not supported in the terminal');
    }

    async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
        await this.runMiddleware(new TurnContext(this, TurnContext.applyConversationReference({ type: 'event' }, reference, true)), logic);
    }

    run(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
        return this.runMiddleware(new TurnContext(this, activity), logic);
    }
}

/** `npm run chat`: talk to the bot in the terminal. State lives in memory for the session. */
async function main(): Promise<void> {
    const config = loadConfig({ ...process.env, STORAGE: 'memory', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const { bot } = buildBot(config);
    const adapter = new ConsoleAdapter((text) => console.log(`\nbot> ${text.replace(/\n/g, '\n     ')}\n`));
    adapter.onTurnError = async (_context, error) => console.error(`bot error: ${error.message}`);
    const base = {
        channelId: 'console',
        serviceUrl: 'console',
        conversation: { id: randomUUID() } as Activity['conversation'],
        from: { id: 'user', name: 'You' },
        recipient: { id: 'bot', name: 'MLT career bot' },
    };
    await adapter.run({ ...base, type: ActivityTypes.ConversationUpdate, membersAdded: [base.from] }, (c) => bot.run(c));
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
    rl.prompt();
    for await (const line of rl) {
        const text = line.trim();
        if (text === '/quit' || text === '/exit') break;
        if (text) await adapter.run({ ...base, type: ActivityTypes.Message, text, id: randomUUID(), timestamp: new Date() }, (c) => bot.run(c));
        rl.prompt();
    }
    rl.close();
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
});
