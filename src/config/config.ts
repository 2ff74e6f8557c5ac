import { z } from 'zod';

/** An empty value (`KEY=` in a .env file) counts as unset. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankAsUnset, z.string().trim().optional());

/** Every environment key the bot reads; `.env.example` lists the same keys. */
export const EnvSchema = z
    .object({
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
        DIRECT_LINE_SECRET: optionalText,
        /** Azure's Direct Line, when `DIRECT_LINE_SECRET` is set; a regional one (europe., …) can replace it. */
        DIRECT_LINE_ENDPOINT: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).default('https://directline.botframework.com/v3/directline')),
        ADVISOR_BOOTSTRAP_USER: optionalText,
        ADVISOR_BOOTSTRAP_PASSWORD: optionalText,
        TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
        LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
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
    }));

/** The validated configuration. */
export type AppConfig = z.infer<typeof EnvSchema>;

/** Raised when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
    override readonly name = 'ConfigError';
}

/** Parses the environment once; the message names every bad key but never echoes a value (some are secrets). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
    const parsed = EnvSchema.safeParse(env);
    if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `  ✖ ${i.path.join('.') || '(environment)'}: ${i.message}`);
        throw new ConfigError(`loadConfig(): the environment is not valid\n${lines.join('\n')}`);
    }
    return parsed.data;
}
