import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EnvSchema } from '../../src/config/config';
import { PROJECT_ROOT } from '../../src/config/paths';

const read = (...parts: string[]) => readFileSync(join(PROJECT_ROOT, ...parts), 'utf8');

/** Every key the configuration reads (the object schema before its cross-key rules and defaults). */
const CONFIG_KEYS = new Set(Object.keys(EnvSchema.in.shape));

/** Keys the bot does not read but its image or the database container do. */
const RUNTIME_KEYS = new Set(['NODE_ENV']);

interface ComposeService {
    build?: { context: string; dockerfile: string };
    image?: string;
    environment?: Record<string, string>;
    depends_on?: Record<string, { condition: string }>;
    ports?: string[];
    healthcheck?: { test: string[] | string };
    volumes?: string[];
}

const compose = parse(read('deployment', 'docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const botServices = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'deployment/Dockerfile');

const bicep = read('deployment', 'azure', 'main.bicep');
const dockerfile = read('deployment', 'Dockerfile');

/** The `{ name: 'X', value|secretRef: ... }` entries of the Bicep file's env arrays. */
function bicepEnv(): { name: string; secretRef?: string }[] {
    const envVars = [...bicep.matchAll(/^var (\w+Env) = ([\s\S]*?)^(?=var |resource |\S)/gm)].map((m) => m[2]).join('\n');
    return [...envVars.matchAll(/\{ name: '([^']+)',(?: secretRef: '([^']+)')?/g)].map((m) => ({ name: m[1], secretRef: m[2] }));
}

/** The secret names the Bicep file declares for the Container App. */
function bicepSecretNames(): string[] {
    const secretVars = [...bicep.matchAll(/^var (\w+Secrets) = ([\s\S]*?)^(?=var |resource |\S)/gm)].map((m) => m[2]).join('\n');
    return [...secretVars.matchAll(/\{ name: '([^']+)', value: /g)].map((m) => m[1]);
}

/** The runtime stage of the Dockerfile: from its last FROM to the end. */
function runtimeStage(): string {
    return dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
}

describe('the deployment files', () => {
    describe('deployment/docker-compose.yml', () => {
        it('runs at least two bot instances from the Dockerfile', () => {
            expect(botServices.length).toBeGreaterThanOrEqual(2);
            for (const [, service] of botServices) expect(service.build?.context).toBe('..');
        });

        it('names only keys the configuration reads', () => {
            for (const [name, service] of botServices) {
                const unknown = Object.keys(service.environment ?? {}).filter((k) => !CONFIG_KEYS.has(k));
                expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
            }
        });

        it('passes every configuration key but the local-only ones through to the bot', () => {
            const localOnly = ['DATA_DIR', 'KNOWLEDGE_DIR'];
            const expected = [...CONFIG_KEYS].filter((k) => !localOnly.includes(k)).sort();
            for (const [, service] of botServices) expect(Object.keys(service.environment ?? {}).sort()).toEqual(expected);
        });

        it('puts each bot on PostgreSQL once the database is healthy', () => {
            for (const [, service] of botServices) {
                expect(service.environment?.STORAGE).toBe('postgres');
                expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/bot:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/bot$/);
                expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
            }
            const postgres = compose.services.postgres;
            expect(postgres.image).toBe('postgres:16');
            expect(JSON.stringify(postgres.healthcheck?.test)).toContain('pg_isready');
            expect(postgres.volumes?.[0]).toMatch(/^postgres-data:/);
            expect(compose.volumes).toHaveProperty('postgres-data');
        });

        it('holds no secret: required values come from the environment', () => {
            const text = read('deployment', 'docker-compose.yml');
            for (const [, service] of [...botServices, ['postgres', compose.services.postgres] as const]) {
                for (const [key, value] of Object.entries(service.environment ?? {})) {
                    if (/PASSWORD|SECRET|DATABASE_URL/.test(key)) expect({ key, value }).toEqual({ key, value: expect.stringMatching(/\$\{[A-Za-z_]+:[-?]/) });
                }
            }
            expect(text).toContain('${POSTGRES_PASSWORD:?');
        });
    });

    describe('deployment/azure/main.bicep', () => {
        const env = bicepEnv();

        it('names only keys the configuration reads', () => {
            expect(env.length).toBeGreaterThan(10);
            expect(env.map((e) => e.name).filter((k) => !CONFIG_KEYS.has(k))).toEqual([]);
        });

        it('runs the app on PostgreSQL over TLS, listening on every interface', () => {
            const names = env.map((e) => e.name);
            for (const key of ['STORAGE', 'DATABASE_URL', 'HOST', 'PORT', 'BOT_DOMAIN', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'ADVISOR_BOOTSTRAP_USER', 'ADVISOR_BOOTSTRAP_PASSWORD', 'LOG_LEVEL']) {
                expect(names).toContain(key);
            }
            expect(bicep).toContain("{ name: 'STORAGE', value: 'postgres' }");
            expect(bicep).toContain("{ name: 'HOST', value: '0.0.0.0' }");
            expect(bicep).toMatch(/var databaseUrl = 'postgres:\/\/.*@\$\{postgres\.properties\.fullyQualifiedDomainName\}:5432\/.*\?sslmode=require'/);
        });

        it('keeps every password in a Container App secret that exists', () => {
            const secrets = bicepSecretNames();
            for (const key of ['DATABASE_URL', 'MicrosoftAppPassword', 'ADVISOR_BOOTSTRAP_PASSWORD', 'DIRECT_LINE_SECRET']) {
                const entry = env.find((e) => e.name === key);
                expect({ key, secretRef: entry?.secretRef }).toEqual({ key, secretRef: expect.any(String) });
                expect(secrets).toContain(entry?.secretRef);
            }
            for (const param of ['microsoftAppPassword', 'postgresAdminPassword', 'advisorBootstrapPassword']) {
                expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\nparam ${param} string`));
            }
        });

        it('listens on the port the image exposes, probes /readyz, and scales from 1 to 3', () => {
            expect(bicep).toContain('var port = 3978');
            expect(dockerfile).toContain('EXPOSE 3978');
            expect(bicep).toMatch(/type: 'Readiness'\s+httpGet: \{ path: '\/readyz'/);
            expect(bicep).toMatch(/minReplicas: 1\s+maxReplicas: 3/);
        });

        it('registers an Azure Bot on the app\'s /api/messages with the Web Chat and Teams channels', () => {
            expect(bicep).toContain("'Microsoft.BotService/botServices@");
            expect(bicep).toContain("kind: 'azurebot'");
            expect(bicep).toContain("var messagingEndpoint = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'");
            expect(bicep).toContain("channelName: 'WebChatChannel'");
            expect(bicep).toContain("channelName: 'MsTeamsChannel'");
        });
    });

    describe('deployment/Dockerfile', () => {
        it('starts the file `npm start` starts', () => {
            const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
            const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
            expect(cmd).toBeDefined();
            expect((JSON.parse(cmd!) as string[]).join(' ')).toBe(start);
        });

        it('copies what the bot reads at run time into the runtime stage', () => {
            const stage = runtimeStage();
            expect(stage).toMatch(/^FROM node:20-bookworm-slim AS runtime/m);
            for (const path of ['src/web', 'knowledge', 'deployment/teams', 'package.json']) expect(stage).toMatch(new RegExp(`^COPY ${path} `, 'm'));
            for (const path of ['/app/dist', '/app/node_modules']) expect(stage).toMatch(new RegExp(`^COPY --from=build ${path} `, 'm'));
        });

        it('runs as the node user with its data in /data, and checks /readyz', () => {
            const stage = runtimeStage();
            expect(stage).toMatch(/^USER node$/m);
            expect(stage).toMatch(/^ENV .*DATA_DIR=\/data/m);
            expect(stage).toMatch(/^VOLUME \/data$/m);
            expect(stage).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
            for (const key of /^ENV (.*)$/m.exec(stage)![1].split(/\s+/).map((kv) => kv.split('=')[0])) {
                expect(CONFIG_KEYS.has(key) || RUNTIME_KEYS.has(key)).toBe(true);
            }
        });
    });
});
