import { loadConfig, ConfigError } from './config/config';
import { KnowledgeLoadError } from './knowledge/knowledgeLoadError';
import { createApp } from './app';
import { installProcessGuards } from './ops/processGuards';

/** Starts the bot: `npm start`. */
async function main(): Promise<void> {
    const started = Date.now();
    const config = loadConfig(process.env);
    const app = createApp(config);
    // An unhandled rejection is logged and the process goes on; an uncaught exception drains and exits with 1.
    installProcessGuards({ logger: app.logger, shutdown: (timeoutMs) => app.shutdown(timeoutMs), exit: (code) => process.exit(code) });
    await app.ready();
    await new Promise<void>((resolve) => app.server.listen(config.PORT, config.HOST, resolve));
    const address = app.server.address();
    const host = address.address === '127.0.0.1' || address.address === '0.0.0.0' ? 'localhost' : address.address;
    app.logger.info(
        { port: address.port, host: config.HOST, storage: config.STORAGE, entries: app.kb.entries.length, startupMs: Date.now() - started },
        `MLT career bot ready at http://${host}:${address.port}`,
    );

    const stop = (signal: string) => {
        app.logger.info({ signal, inFlight: app.inFlight.size }, 'shutting down: finishing turns in flight');
        app.shutdown().then(
            () => process.exit(0),
            (err) => {
                app.logger.error({ err }, 'shutdown failed');
                process.exit(1);
            },
        );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
    // Content and configuration errors are for people to fix: print the message alone, without a stack.
    if (err instanceof KnowledgeLoadError || err instanceof ConfigError) console.error(err.message);
    else console.error('The bot could not start:', err);
    process.exit(1);
});
