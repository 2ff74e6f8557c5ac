/**
 * The floor `npm run bench` compares the bot with: the least a Bot Framework bot on the same stack can do per turn.
 *
 * Same botbuilder (CloudAdapter, unauthenticated) and restify (body parser, same body limit) as the bot, and the
 * same `deliveryMode: "expectReplies"` handling (the adapter returns the replies in the response body), but no
 * state, no storage, no middleware and no search: it echoes the text. `PORT` (default 3991) and `HOST`
 * (127.0.0.1) are read here because this is a bench fixture, not the bot: the bot's config stays the only
 * reader of the bot's environment.
 */
import restify, { Request, Response } from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

// The bot's limit (src/server/createServer.ts), repeated so the echo bot loads nothing of the bot.
const MAX_BODY_BYTES = 256 * 1024;

/** Replies to each message with its text; says nothing else. */
export class EchoBot extends ActivityHandler {
    constructor() {
        super();
        this.onMessage(async (context, next) => {
            await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
            await next();
        });
    }
}

/** Builds the echo bot's server (not listening). */
export function createEchoServer(): restify.Server {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const bot = new EchoBot();
    const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
    server.post('/api/messages', async (req: Request, res: Response) => {
        await adapter.process(req, res, (context) => bot.run(context));
    });
    server.get('/readyz', async (_req: Request, res: Response) => {
        res.send(200, { status: 'ready' });
    });
    return server;
}

if (require.main === module) {
    const server = createEchoServer();
    server.listen(Number(process.env.PORT ?? 3991), process.env.HOST ?? '127.0.0.1');
    const stop = () => server.close(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}
