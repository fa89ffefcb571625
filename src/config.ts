// One typed configuration, read from the environment (and an optional .env) and validated at
// start. A wrong or missing value stops the process with a message naming the variable.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export interface HubSpotAppConfig {
  clientId: string;
  clientSecret: string;
  appId: string;
  apiUrl: string;
  authorizeUrl: string;
}

export interface Config {
  database: DatabaseTarget;
  dataDir: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 32-byte AES-256-GCM key; absent only in demo mode, which generates one into the data folder. */
  encryptionKey: Buffer | undefined;
  publicUrl: string | undefined;
  adminToken: string | undefined;
  thenaWebhookSecret: string | undefined;
  thenaApiUrl: string;
  thenaAppsUrl: string;
  hubspot: HubSpotAppConfig | undefined;
  /** Run the job workers inside the server process (the embedded default). */
  embeddedWorker: boolean;
  workerConcurrency: number;
  /** How long a claimed job is held before another worker may take it over (renewed while it runs). */
  workerLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Loads `.env` from the working directory into process.env (existing variables win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name}: expected true or false, got "${raw}"`);
    return fallback;
  }

  url(name: string, fallback?: string): string | undefined {
    const raw = this.string(name) ?? fallback;
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name}: expected an http(s) URL, got "${raw}"`);
      return undefined;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

export function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseTarget | string {
  if (raw === undefined) return { kind: 'sqlite', path: resolve(dataDir, 'thena-hubspot.db') };
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') return 'DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/app.db';
    return { kind: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(path) };
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return { kind: 'postgres', url: raw };
  return `DATABASE_URL: expected sqlite:<path> or postgres://..., got "${raw.replace(/:[^:@/]*@/, ':***@')}"`;
}

export function parseEncryptionKey(raw: string | undefined): Buffer | undefined | string {
  if (raw === undefined) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    return 'ENCRYPTION_KEY: expected 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)';
  }
  return key;
}

function readHubSpot(r: Reader): HubSpotAppConfig | undefined {
  const clientId = r.string('HUBSPOT_CLIENT_ID');
  const clientSecret = r.string('HUBSPOT_CLIENT_SECRET');
  const appId = r.string('HUBSPOT_APP_ID');
  const apiUrl = r.url('HUBSPOT_API_URL', 'https://api.hubapi.com');
  const authorizeUrl = r.url('HUBSPOT_AUTHORIZE_URL', 'https://app.hubspot.com/oauth/authorize');
  const given = [clientId, clientSecret, appId].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3 || apiUrl === undefined || authorizeUrl === undefined) {
    if (given < 3) {
      r.problems.push('HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET and HUBSPOT_APP_ID must be set together');
    }
    return undefined;
  }
  return { clientId: clientId!, clientSecret: clientSecret!, appId: appId!, apiUrl, authorizeUrl };
}

/** Reads and validates the configuration; throws ConfigError listing every problem at once. */
export function readConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const dataDir = resolve(r.string('DATA_DIR') ?? './data');

  const database = parseDatabaseUrl(r.string('DATABASE_URL'), dataDir);
  if (typeof database === 'string') r.problems.push(database);
  const schema = r.string('DATABASE_SCHEMA');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    r.problems.push(`DATABASE_SCHEMA: expected a lower-case PostgreSQL schema name, got "${schema}"`);
  } else if (schema !== undefined && typeof database !== 'string' && database.kind === 'postgres') {
    database.schema = schema;
  }

  const encryptionKey = parseEncryptionKey(r.string('ENCRYPTION_KEY'));
  if (typeof encryptionKey === 'string') r.problems.push(encryptionKey);

  const config: Config = {
    database: typeof database === 'string' ? { kind: 'sqlite', path: ':memory:' } : database,
    dataDir,
    host: r.string('HOST') ?? '127.0.0.1',
    port: r.integer('PORT', 3000, 0, 65535),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    encryptionKey: typeof encryptionKey === 'string' ? undefined : encryptionKey,
    publicUrl: r.url('PUBLIC_URL'),
    adminToken: r.string('ADMIN_TOKEN'),
    thenaWebhookSecret: r.string('THENA_WEBHOOK_SECRET'),
    thenaApiUrl: r.url('THENA_API_URL', 'https://platform.thena.ai') ?? '',
    thenaAppsUrl: r.url('THENA_APPS_URL', 'https://apps-studio.thena.ai') ?? '',
    hubspot: readHubSpot(r),
    embeddedWorker: r.boolean('EMBEDDED_WORKER', true),
    workerConcurrency: r.integer('WORKER_CONCURRENCY', 8, 1, 256),
    workerLeaseMs: r.integer('WORKER_LEASE_MS', 30_000, 1_000, 3_600_000),
  };
  if (config.adminToken !== undefined && config.adminToken.length < 16) {
    r.problems.push('ADMIN_TOKEN: expected at least 16 characters');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** The variables that make a production set-up; with none of them, `npm start` runs the demo. */
export const PRODUCTION_VARIABLES = [
  'HUBSPOT_CLIENT_ID',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_APP_ID',
  'PUBLIC_URL',
  'ENCRYPTION_KEY',
  'ADMIN_TOKEN',
  'THENA_WEBHOOK_SECRET',
] as const;

/** True when none of the production variables is set: `npm start` then runs the demo. */
export function isUnconfigured(env: Env = process.env): boolean {
  return PRODUCTION_VARIABLES.every((name) => (env[name]?.trim() ?? '') === '');
}

/** Problems that keep a configuration from serving real HubSpot and Thena traffic. */
export function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.hubspot === undefined) problems.push('HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID');
  if (config.publicUrl === undefined) problems.push('PUBLIC_URL');
  if (config.encryptionKey === undefined) problems.push('ENCRYPTION_KEY');
  if (config.adminToken === undefined) problems.push('ADMIN_TOKEN');
  if (config.thenaWebhookSecret === undefined) problems.push('THENA_WEBHOOK_SECRET');
  return problems.map((name) => `${name}: required for the production service`);
}
