import { z } from 'zod';

/** An empty value (`KEY=` in a .env file) counts as unset. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankAsUnset, z.string().trim().optional());

/** A DNS host name with an optional port (`bot.example.org`, `bot.example.org:8443`): no scheme, path or spaces. */
const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*(?::(\\d{1,5}))?$`, 'i');
const hostName = z
    .string()
    .trim()
    .regex(HOST_NAME, 'expected a host name such as bot.example.org (optionally with :port), without a scheme or path')
    .refine((v) => Number(HOST_NAME.exec(v)?.[1] ?? 1) <= 65535, 'expected a port of at most 65535');

/** Every environment key the bot reads; `.env.example` lists the same keys. */
const EnvKeys = z.object({
        PORT: z.coerce.number().int().min(0).max(65535).default(3978),
        HOST: optionalText,
        DATA_DIR: z.string().min(1).default('./data'),
        /** The content folder; the shipped `knowledge/` unless set (for authors trying a content change). */
        KNOWLEDGE_DIR: optionalText,
        STORAGE: z.enum(['sqlite', 'postgres', 'memory']).default('sqlite'),
        DATABASE_URL: optionalText,
        MicrosoftAppId: optionalText,
        MicrosoftAppPassword: optionalText,
        MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
        MicrosoftAppTenantId: optionalText,
        /**
         * Where the Bot Framework's signing keys are published (botbuilder's own `BotOpenIdMetadata` setting); Microsoft's
         * public cloud unless set. For a sovereign cloud, or a stand-in in tests.
         */
        BotOpenIdMetadata: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
        /** The bot's public host name (`bot.example.org`, optionally `:port`), for the Teams app package's URLs and valid domains. */
        BOT_DOMAIN: z.preprocess(blankAsUnset, hostName.optional()),
        /** The Teams app's id (a GUID); the Azure Bot's `MicrosoftAppId` unless set. */
        TEAMS_APP_ID: z.preprocess(blankAsUnset, z.guid('expected a GUID such as 00000000-0000-0000-0000-000000000000').optional()),
        DIRECT_LINE_SECRET: optionalText,
        /** Azure's Direct Line, when `DIRECT_LINE_SECRET` is set; a regional one (europe., …) can replace it. */
        DIRECT_LINE_ENDPOINT: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).default('https://directline.botframework.com/v3/directline')),
        ADVISOR_BOOTSTRAP_USER: optionalText,
        ADVISOR_BOOTSTRAP_PASSWORD: optionalText,
        TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
        LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /**
         * True behind a reverse proxy that appends the client's address to `X-Forwarded-For` (Azure Container Apps'
         * ingress does): rate limits and the sign-in throttle then count that address. Off by default, because
         * without such a proxy anyone can write that header.
         */
        TRUST_PROXY: z.preprocess(blankAsUnset, z.stringbool({ error: 'expected true or false' }).default(false)),
        /** `off` lets every request through the rate limits (src/server/rateLimits.ts): for load benchmarks, never for a public bot. */
        RATE_LIMITS: z.preprocess(blankAsUnset, z.stringbool({ error: 'expected on or off' }).default(true)),
});

/** The environment the bot runs with: every key, and the rules between them. */
export const EnvSchema = EnvKeys
    .superRefine((env, ctx) => {
        if (env.STORAGE === 'postgres' && !env.DATABASE_URL) {
            ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'DATABASE_URL is required when STORAGE=postgres' });
        }
        if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
            ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'MicrosoftAppPassword is required when MicrosoftAppId is set' });
        }
        if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
            ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'MicrosoftAppTenantId is required for a SingleTenant app' });
        }
    })
    .transform((env) => ({
        ...env,
        // Without app credentials anyone could talk to the bot as any channel: listen only on this machine then.
        HOST: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
        TEAMS_APP_ID: env.TEAMS_APP_ID ?? env.MicrosoftAppId,
    }));

/** The validated configuration. */
export type AppConfig = z.infer<typeof EnvSchema>;

/**
 * The keys `npm run teams:package` reads. Building the package needs the bot's id, not its secret,
 * so the run-time rules (a password with the app id) do not apply.
 */
const PackagingEnvSchema = EnvKeys.pick({ MicrosoftAppId: true, BOT_DOMAIN: true, TEAMS_APP_ID: true }).transform((env) => ({
    ...env,
    TEAMS_APP_ID: env.TEAMS_APP_ID ?? env.MicrosoftAppId,
}));
export type PackagingConfig = z.infer<typeof PackagingEnvSchema>;

/** Raised when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
    override readonly name = 'ConfigError';
}

/** Parses the environment once; the message names every bad key but never echoes a value (some are secrets). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
    return parseEnv(EnvSchema, env);
}

/** Parses the keys the Teams packaging reads (see PackagingEnvSchema). */
export function loadPackagingConfig(env: Record<string, string | undefined>): PackagingConfig {
    return parseEnv(PackagingEnvSchema, env);
}

function parseEnv<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): T {
    const parsed = schema.safeParse(env);
    if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `  ✖ ${i.path.join('.') || '(environment)'}: ${i.message}`);
        throw new ConfigError(`loadConfig(): the environment is not valid\n${lines.join('\n')}`);
    }
    return parsed.data;
}
