// A whole product stack for end-to-end tests: both emulators, the service on a real port with
// its database (SQLite or PostgreSQL), a worker, and an organization installed and connected the
// way a real one is (Thena's installation event, then HubSpot OAuth through our own routes).
import { createServer as createNetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
  type HubSpotEmulatorOptions,
} from '../../emulators/hubspot/index.ts';
import {
  startThenaEmulator,
  type ThenaEmulator,
  type ThenaEmulatorOptions,
} from '../../emulators/thena/index.ts';
import { readConfig } from '../../src/config.ts';
import { authorizeThroughRoutes } from '../../src/demo.ts';
import { createServer, openRuntime, type Runtime, type RuntimeOptions } from '../../src/main.ts';
import { Worker } from '../../src/queue/worker.ts';
import type { DialectName, StoreTarget } from '../../src/store/dialect.ts';
import type { Installation } from '../../src/sync/model.ts';
import { createTestTarget } from './db.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StackOptions {
  dialect?: DialectName;
  hubspot?: HubSpotEmulatorOptions;
  thena?: ThenaEmulatorOptions;
  runtime?: RuntimeOptions;
  /** Run a worker loop in the background (default); otherwise tests call `drain()`. */
  backgroundWorker?: boolean;
  env?: Record<string, string>;
  /** Records seeded into the connected HubSpot portal. */
  seed?: { contacts?: number; companies?: number; seed?: number };
  /** Webhook subscriptions of the app (default: every contact/company event and these properties). */
  subscribeProperties?: string[];
}

const STANDARD_SUBSCRIPTIONS = ['creation', 'deletion', 'merge', 'associationChange', 'restore'];
const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'name', 'domain'];

/** The app's webhook subscriptions, as an admin sets them up in the HubSpot developer portal. */
export function subscribeApp(
  hubspot: HubSpotEmulator,
  properties: readonly string[] = DEFAULT_PROPERTIES,
): void {
  for (const object of ['contact', 'company']) {
    for (const change of STANDARD_SUBSCRIPTIONS)
      hubspot.control.subscribe(hubspot.app.appId, `${object}.${change}`);
    for (const property of properties)
      hubspot.control.subscribe(hubspot.app.appId, `${object}.propertyChange`, property);
  }
}

/** The service's environment against both emulators and a test database. */
export function serviceEnv(parts: {
  target: StoreTarget;
  port: number;
  url: string;
  hubspot: HubSpotEmulator;
  portalId: number;
  thenaUrl: string;
  webhookSecret: string;
  adminToken: string;
  encryptionKey: string;
}): Record<string, string> {
  const { target, hubspot } = parts;
  return {
    DATABASE_URL: target.kind === 'sqlite' ? `sqlite:${target.path}` : target.url,
    ...(target.kind === 'postgres' && target.schema !== undefined ? { DATABASE_SCHEMA: target.schema } : {}),
    PORT: String(parts.port),
    ENCRYPTION_KEY: parts.encryptionKey,
    HUBSPOT_CLIENT_ID: hubspot.app.clientId,
    HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
    HUBSPOT_APP_ID: String(hubspot.app.appId),
    HUBSPOT_API_URL: hubspot.url,
    HUBSPOT_AUTHORIZE_URL: `${hubspot.url}/oauth/${parts.portalId}/authorize`,
    PUBLIC_URL: parts.url,
    THENA_API_URL: parts.thenaUrl,
    THENA_APPS_URL: parts.thenaUrl,
    THENA_WEBHOOK_SECRET: parts.webhookSecret,
    ADMIN_TOKEN: parts.adminToken,
    LOG_LEVEL: 'silent',
  };
}

export interface Stack {
  hubspot: HubSpotEmulator;
  thena: ThenaEmulator;
  runtime: Runtime;
  server: FastifyInstance;
  url: string;
  worker: Worker;
  portalId: number;
  /** A private-app token of the portal, for tests that read HubSpot directly. */
  hubspotToken: string;
  /** Installs the app for a new Thena org and connects the seeded HubSpot portal. */
  install(options?: {
    /** Runs after Thena's installation event, before HubSpot is connected (e.g. to save settings). */
    beforeConnect?: (installation: Installation) => Promise<void>;
  }): Promise<{ orgId: string; installation: Installation; botToken: string }>;
  /** Connects (or reconnects) HubSpot for an org through the OAuth routes. */
  connectHubSpot(orgId: string): Promise<void>;
  /** Runs jobs until none is runnable. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const WEBHOOK_SECRET = 'thena-shared-secret-for-tests';

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hubspot = await startHubSpotEmulator({
    rateLimit: 'off',
    oauthAutoApprove: true,
    webhookUrl: `${url}/hubspot/webhooks`,
    ...options.hubspot,
    webhooks: {
      batchWindowMs: 20,
      retryDelaysMs: [200, 400, 800],
      retryJitter: 0,
      ...options.hubspot?.webhooks,
    },
  });
  const thena = await startThenaEmulator({
    installationUrl: `${url}/thena/installations`,
    eventsUrl: `${url}/thena/events`,
    webhookSecret: WEBHOOK_SECRET,
    delivery: { retryScheduleMs: [200, 400, 800] },
    ...options.thena,
  });
  const portal = hubspot.control.createPortal({
    installApps: [],
    ...(options.seed === undefined ? {} : { seed: { contacts: 0, companies: 0, ...options.seed } }),
  });
  subscribeApp(hubspot, options.subscribeProperties);
  const { target, cleanup } = await createTestTarget(options.dialect ?? 'sqlite');
  const config = readConfig({
    ...serviceEnv({
      target,
      port,
      url,
      hubspot,
      portalId: portal.portalId,
      thenaUrl: thena.url,
      webhookSecret: WEBHOOK_SECRET,
      adminToken: 'admin-token-for-tests-0123456789',
      encryptionKey: 'ab'.repeat(32),
    }),
    ...options.env,
  });
  const runtime = await openRuntime(config, {
    logger: pino({ level: 'silent' }),
    hubspotCalls: { rateLimitPauseMs: 50 },
    ...options.runtime,
  });
  const server = await createServer(runtime);
  await server.listen({ host: '127.0.0.1', port });
  const worker = new Worker(runtime.queue, runtime.handlers, {
    concurrency: 4,
    pollIntervalMs: 20,
    maintenanceIntervalMs: 200,
  });
  if (options.backgroundWorker !== false) worker.start();

  async function connectHubSpot(orgId: string): Promise<void> {
    await authorizeThroughRoutes(runtime.services.installations.installUrl(orgId));
  }

  async function install(installOptions: Parameters<Stack['install']>[0] = {}) {
    const app = thena.install();
    await thena.waitForDeliveries(10_000);
    const orgId = app.organizationId;
    const installation = await runtime.store.installations.getByOrg(orgId);
    if (installation === undefined) throw new Error('the installation event did not arrive');
    await installOptions.beforeConnect?.(installation);
    const start = await fetch(runtime.services.installations.installUrl(orgId), { redirect: 'manual' });
    const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location') ?? '', { redirect: 'manual' });
    if (callback.status !== 302)
      throw new Error(`OAuth callback failed: ${callback.status} ${await callback.text()}`);
    const connected = await runtime.store.installations.getByOrg(orgId);
    return { orgId, installation: connected!, botToken: app.botToken };
  }

  return {
    hubspot,
    thena,
    runtime,
    server,
    url,
    worker,
    portalId: portal.portalId,
    hubspotToken: portal.accessToken,
    install,
    connectHubSpot,
    drain: () => worker.drain(),
    async close() {
      await worker.stop(2_000);
      await server.close();
      await runtime.close();
      await hubspot.close();
      await thena.close();
      await cleanup();
    },
  };
}
