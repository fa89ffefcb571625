// The composition root: the only module that names concrete classes. It opens the database,
// builds the store, queue, clients and engine, and starts the server and workers.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config.ts';
import { PUBLIC_APP_LIMITS, RequestBudget } from './hubspot/budget.ts';
import { HubSpotCaller, type CallReport } from './hubspot/caller.ts';
import { HubSpotCrm } from './hubspot/crm.ts';
import { createAgent } from './hubspot/http-agent.ts';
import { HubSpotOAuth } from './hubspot/oauth.ts';
import { TokenManager } from './hubspot/tokens.ts';
import { webhookCodec } from './hubspot/webhooks.ts';
import { createLogger } from './logging.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { Queue } from './queue/queue.ts';
import type { JobHandler } from './queue/types.ts';
import { Worker } from './queue/worker.ts';
import { buildServer, type IntegrationServices } from './server/app.ts';
import { openConnection, ping, type Connection, type StoreTarget } from './store/dialect.ts';
import { migrateToLatest } from './store/migrate.ts';
import { SecretBox } from './store/secret-box.ts';
import { Store } from './store/store.ts';
import { createApiServices } from './sync/app/api.ts';
import { InstallationService } from './sync/app/installations.ts';
import { ThenaIntake } from './sync/app/thena-intake.ts';
import { WebhookIntake } from './sync/app/webhook-intake.ts';
import { systemClock, type Clock } from './sync/clock.ts';
import {
  DEFAULT_ENGINE_OPTIONS,
  type Connections,
  type EngineDeps,
  type EngineOptions,
} from './sync/engine/context.ts';
import { engineHandlers } from './sync/engine/jobs.ts';
import { JOB } from './sync/engine/streams.ts';
import { AppError } from './sync/errors.ts';
import type { Installation } from './sync/model.ts';
import { realSleep } from './sync/ports.ts';
import type { JobsPort, Transact } from './sync/store-port.ts';
import { ThenaClient } from './thena/client.ts';
import { thenaCodec } from './thena/codec.ts';
import { ThenaAdapter } from './thena/port.ts';

export interface RuntimeOptions {
  logger?: PinoLogger;
  clock?: Clock;
  engine?: Partial<EngineOptions>;
  /** Observes every HubSpot call (metrics, benchmarks). */
  onHubSpotCall?: (report: CallReport) => void;
  /** HubSpot call recovery (tests shorten the pauses). */
  hubspotCalls?: { rateLimitPauseMs?: number; maxAttempts?: number };
}

export interface Runtime {
  config: Config;
  logger: PinoLogger;
  connection: Connection;
  store: Store;
  queue: Queue;
  engine: EngineDeps;
  services: IntegrationServices;
  handlers: Record<string, JobHandler>;
  metrics: Metrics;
  close(): Promise<void>;
}

/** The configured key, or (demo and first runs) one kept in the data folder, readable by us only. */
export function resolveEncryptionKey(config: Config, logger: PinoLogger): Buffer {
  if (config.encryptionKey !== undefined) return config.encryptionKey;
  const path = join(config.dataDir, 'encryption.key');
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
    chmodSync(path, 0o600);
    logger.warn({ path }, 'ENCRYPTION_KEY is not set: generated a key in the data folder');
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** Completed and cancelled jobs are kept this long (dead ones until someone looks at them). */
const FINISHED_JOBS_KEPT_MS = 2 * 24 * 60 * 60_000;

/** The built configuration page, next to the sources in the checkout. */
const WEB_ROOT = join(import.meta.dirname, '..', 'dist', 'web');

function storeTarget(config: Config): StoreTarget {
  return config.database.kind === 'sqlite'
    ? { kind: 'sqlite', path: config.database.path }
    : {
        kind: 'postgres',
        url: config.database.url,
        ...(config.database.schema === undefined ? {} : { schema: config.database.schema }),
      };
}

export function publicUrlOf(config: Config): string {
  return (
    config.publicUrl ??
    `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`
  );
}

function jobsPort(queue: Queue, db: Store['db']): JobsPort {
  return {
    enqueue: async (job) => {
      await queue.enqueue(job, db);
    },
    cancelForInstallation: (installationId, reason) =>
      queue.cancelForInstallation(installationId, reason, db),
    schedule: (input) => queue.schedule(input, db),
    unscheduleInstallation: (installationId) => queue.unscheduleInstallation(installationId, db),
  };
}

interface ConnectDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: PinoLogger;
  oauth: HubSpotOAuth | undefined;
  onHubSpotCall: ((report: CallReport) => void) | undefined;
  calls: RuntimeOptions['hubspotCalls'];
}

/** Builds (and caches) an installation's HubSpot and Thena clients. */
function connector(deps: ConnectDeps): (installation: Installation) => Promise<Connections> {
  const cache = new Map<string, { key: string; connections: Connections }>();
  const agent = createAgent(deps.config.hubspot?.apiUrl ?? 'https://api.hubapi.com', 60_000);
  return async (installation) => {
    const thenaCredential = await deps.store.credentials.get<{ botToken: string }>(installation.id, 'thena');
    if (thenaCredential === undefined) {
      throw new AppError('thena_not_installed', 'the installation has no Thena bot token', {
        retryable: false,
      });
    }
    const key = `${installation.portalId}:${installation.updatedAt}:${thenaCredential.version}`;
    const cached = cache.get(installation.id);
    if (cached?.key === key) return cached.connections;
    const { config, store, clock, oauth } = deps;
    if (config.hubspot === undefined || oauth === undefined) {
      throw new AppError('hubspot_not_configured', 'HubSpot app credentials are not configured', {
        retryable: false,
      });
    }
    const tokens = new TokenManager(installation.id, store.credentials, oauth, clock, realSleep);
    const budget = new RequestBudget(
      store.rateLimits,
      `${config.hubspot.appId}:${installation.portalId}`,
      PUBLIC_APP_LIMITS,
      clock,
      realSleep,
    );
    const caller = new HubSpotCaller({
      apiUrl: config.hubspot.apiUrl,
      agent,
      budget,
      tokens,
      clock,
      sleep: realSleep,
      ...(deps.onHubSpotCall === undefined ? {} : { onCall: deps.onHubSpotCall }),
      ...deps.calls,
    });
    const thena = new ThenaClient({
      baseUrl: config.thenaApiUrl,
      appsBaseUrl: config.thenaAppsUrl,
      botToken: thenaCredential.secret.botToken,
      clock,
      logger: deps.logger.child({ component: 'thena' }),
    });
    const connections: Connections = { hubspot: new HubSpotCrm(caller), thena: new ThenaAdapter(thena) };
    cache.set(installation.id, { key, connections });
    return connections;
  };
}

/** Opens the database (migrating it) and builds everything both `serve` and `worker` need. */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const connection = openConnection(storeTarget(config));
  try {
    const applied = await migrateToLatest(connection);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
  } catch (err) {
    await connection.close();
    throw err;
  }
  const key = resolveEncryptionKey(config, logger);
  const secrets = new SecretBox(key);
  const context = { dialect: connection.dialect, capabilities: connection.capabilities, secrets, clock };
  const store = new Store(connection.db, context);
  const queue = new Queue(connection.db, { clock, capabilities: connection.capabilities });
  const metrics = createMetrics(queue);
  const onHubSpotCall = (report: CallReport): void => {
    metrics.onHubSpotCall(report);
    options.onHubSpotCall?.(report);
  };
  const oauth =
    config.hubspot === undefined
      ? undefined
      : new HubSpotOAuth({ ...config.hubspot, clock, agent: createAgent(config.hubspot.apiUrl, 30_000) });
  const transact: Transact = (work) =>
    store.transaction((tx) => work({ store: tx, jobs: jobsPort(queue, tx.db) }));
  const engine: EngineDeps = {
    store,
    jobs: jobsPort(queue, connection.db),
    transact,
    connect: connector({
      config,
      store,
      clock,
      logger,
      oauth,
      onHubSpotCall,
      calls: options.hubspotCalls,
    }),
    clock,
    logger: logger.child({ component: 'engine' }),
    options: { ...DEFAULT_ENGINE_OPTIONS, hubspotAppId: config.hubspot?.appId ?? null, ...options.engine },
    observer: metrics.observer,
  };
  const publicUrl = publicUrlOf(config);
  const installations = new InstallationService(engine, store.credentials, store.oauthStates, oauth, {
    publicUrl,
    stateSecret: createHmac('sha256', key).update('oauth-state').digest(),
  });
  const services: IntegrationServices = {
    installations,
    hubspotWebhooks: new WebhookIntake(
      engine,
      webhookCodec(config.hubspot?.clientSecret ?? randomBytes(32).toString('hex')),
    ),
    thena: new ThenaIntake(
      engine,
      thenaCodec(config.thenaWebhookSecret ?? randomBytes(32).toString('hex')),
      installations,
    ),
    publicUrl,
    api: createApiServices(engine, installations, store, { adminToken: config.adminToken }),
  };
  const handlers = engineHandlers(engine) as Record<string, JobHandler>;
  // The engine's daily prune forgets old audit entries and inbox items; finished jobs go too
  // (a row per webhook batch, page and published batch: hundreds a minute under load).
  const pruneEngine = handlers[JOB.prune]!;
  handlers[JOB.prune] = async (payload, context) => {
    await pruneEngine(payload, context);
    await queue.pruneFinished(clock.now() - FINISHED_JOBS_KEPT_MS);
  };
  return {
    config,
    logger,
    connection,
    store,
    queue,
    engine,
    services,
    handlers,
    metrics,
    close: () => connection.close(),
  };
}

export function startWorker(runtime: Runtime): Worker {
  const worker = new Worker(runtime.queue, runtime.handlers, {
    concurrency: runtime.config.workerConcurrency,
    leaseMs: runtime.config.workerLeaseMs,
    logger: runtime.logger,
  });
  worker.start();
  return worker;
}

export async function createServer(runtime: Runtime): Promise<FastifyInstance> {
  return buildServer({
    logger: runtime.logger,
    readiness: { database: () => ping(runtime.connection.db) },
    services: runtime.services,
    metrics: () => runtime.metrics.render(),
    webRoot: WEB_ROOT,
    api: runtime.services.api,
  });
}
