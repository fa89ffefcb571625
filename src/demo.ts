// The one-command demo: both emulators on free ports (HubSpot seeded with realistic contacts,
// companies, custom properties and associations), the service on a fresh SQLite file, Thena's
// installation and HubSpot's OAuth done for the user, and the first backfill started.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { startHubSpotEmulator, type HubSpotEmulator } from '../emulators/hubspot/index.ts';
import { startThenaEmulator, type ThenaEmulator } from '../emulators/thena/index.ts';
import { readConfig } from './config.ts';
import { createLogger } from './logging.ts';
import { createServer, openRuntime, startWorker, type Runtime } from './main.ts';
import type { Worker } from './queue/worker.ts';
import { defaultSettings } from './sync/settings.ts';

export interface DemoOptions {
  port?: number;
  dataDir?: string;
  contacts?: number;
  companies?: number;
  /** HubSpot's rate-limit profile in the emulator (the demo shows the real one by default). */
  rateLimit?: 'public' | 'off';
  logger?: PinoLogger;
}

export interface Demo {
  url: string;
  /** The configuration page, already signed in. */
  pageUrl: string;
  orgId: string;
  installationId: string;
  hubspot: HubSpotEmulator;
  thena: ThenaEmulator;
  hubspotPortalId: number;
  /** A seeded HubSpot contact, for the "try a change" hint. */
  sampleContactId: number | undefined;
  runtime: Runtime;
  server: FastifyInstance;
  worker: Worker;
  close(): Promise<void>;
}

const run = promisify(execFile);

const DEMO_CUSTOM_FIELDS = ['customer_tier', 'product_interests', 'health_score', 'renewal_date', 'is_vip'];
const SUBSCRIPTIONS = ['creation', 'deletion', 'merge', 'associationChange', 'restore'];
const SUBSCRIBED_PROPERTIES = [
  'firstname',
  'lastname',
  'email',
  'phone',
  'name',
  'domain',
  ...DEMO_CUSTOM_FIELDS,
];

interface ReservedPort {
  port: number;
  /** Lets the port go, for the service to listen on it right after. */
  release(): Promise<void>;
}

function listenOn(port: number): Promise<ReservedPort | undefined> {
  return new Promise((done) => {
    const probe = createNetServer();
    probe.once('error', () => done(undefined));
    probe.listen(port, '127.0.0.1', () => {
      // Holding the port must not keep the process alive on its own.
      probe.unref();
      const address = probe.address();
      const taken = typeof address === 'object' && address ? address.port : port;
      done({ port: taken, release: () => new Promise((closed) => probe.close(() => closed())) });
    });
  });
}

/**
 * The service's port (`preferred` when free, else any), held until the service listens: the
 * emulators, started on free ports before it, could otherwise be given the same one.
 */
async function reservePort(preferred: number): Promise<ReservedPort> {
  const reserved = (preferred > 0 ? await listenOn(preferred) : undefined) ?? (await listenOn(0));
  if (reserved === undefined) throw new Error('no free port for the demo service');
  return reserved;
}

/** Sources of the page: its own folder and the API contracts it imports. */
const WEB_SOURCES = [join('src', 'web'), join('src', 'contracts')];

/** The newest modification time under `dir`, in ms (0 for an empty or missing folder). */
function newestChange(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the configuration page into dist/web when the checkout has not built it yet, or built
 * it before its sources last changed (a stale page would show, and test, yesterday's code).
 */
export async function ensureWebBuilt(logger: PinoLogger): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const outDir = join(root, 'dist', 'web');
  const index = join(outDir, 'index.html');
  const sources = Math.max(...WEB_SOURCES.map((dir) => newestChange(join(root, dir))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  logger.info({}, 'building the configuration page');
  // Built aside, then moved into place in one rename: another process starting at the same time
  // (a second test, a second demo) never serves a half-written folder.
  mkdirSync(join(root, 'dist'), { recursive: true });
  const staging = mkdtempSync(join(root, 'dist', '.web-build-'));
  try {
    chmodSync(staging, 0o755);
    await buildPage(root, staging);
    moveIntoPlace(staging, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Vite in a child process with NODE_ENV=production: in this process NODE_ENV may say `test` (or
 * anything), and Vite would then bundle React's development build.
 */
async function buildPage(root: string, outDir: string): Promise<void> {
  const manifest = createRequire(import.meta.url).resolve('vite/package.json');
  const bin = join(dirname(manifest), 'bin', 'vite.js');
  const args = ['build', '--config', join(root, 'src', 'web', 'vite.config.ts')];
  args.push('--outDir', outDir, '--emptyOutDir', '--logLevel', 'error');
  try {
    await run(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    throw new Error(`building the configuration page failed:\n${stderr || stdout || String(err)}`);
  }
}

function moveIntoPlace(staging: string, outDir: string): void {
  const previous = `${outDir}.previous-${process.pid}`;
  try {
    renameSync(outDir, previous);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    renameSync(staging, outDir);
  } catch (err) {
    // A concurrent build of the same sources got there first; its folder serves as well.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
  rmSync(previous, { recursive: true, force: true });
}

/**
 * Walks HubSpot's OAuth the way a browser would: our install link, the (auto-approving) consent
 * page, our callback. Used by the demo and by tests.
 */
export async function authorizeThroughRoutes(installUrl: string): Promise<void> {
  const start = await fetch(installUrl, { redirect: 'manual' });
  const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  const callback = await fetch(consent.headers.get('location') ?? '', { redirect: 'manual' });
  if (callback.status !== 302)
    throw new Error(`HubSpot authorization failed: ${callback.status} ${await callback.text()}`);
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const logger = options.logger ?? createLogger({ level: 'info', pretty: true });
  const reserved = await reservePort(options.port ?? 3000);
  const { port } = reserved;
  const url = `http://127.0.0.1:${port}`;
  const dataDir = resolve(options.dataDir ?? './data', 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(16).toString('hex');
  // The demo's own key, kept in its data folder and readable by this user only.
  const key = randomBytes(32).toString('hex');
  writeFileSync(join(dataDir, 'encryption.key'), key, { mode: 0o600 });
  const adminToken = randomBytes(24).toString('base64url');

  const hubspot = await startHubSpotEmulator({
    rateLimit: options.rateLimit ?? 'public',
    oauthAutoApprove: true,
    webhookUrl: `${url}/hubspot/webhooks`,
    webhooks: { batchWindowMs: 50, retryDelaysMs: [1000, 5000, 30_000] },
  });
  const portal = hubspot.control.createPortal({
    name: 'Demo portal',
    installApps: [],
    seed: { contacts: options.contacts ?? 3000, companies: options.companies ?? 300 },
  });
  for (const object of ['contact', 'company']) {
    for (const change of SUBSCRIPTIONS) hubspot.control.subscribe(hubspot.app.appId, `${object}.${change}`);
    for (const property of SUBSCRIBED_PROPERTIES)
      hubspot.control.subscribe(hubspot.app.appId, `${object}.propertyChange`, property);
  }
  const thena = await startThenaEmulator({
    installationUrl: `${url}/thena/installations`,
    eventsUrl: `${url}/thena/events`,
    webhookSecret: secret,
  });

  const config = readConfig({
    DATABASE_URL: `sqlite:${join(dataDir, 'thena-hubspot.db')}`,
    DATA_DIR: dataDir,
    PORT: String(port),
    HUBSPOT_CLIENT_ID: hubspot.app.clientId,
    HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
    HUBSPOT_APP_ID: String(hubspot.app.appId),
    HUBSPOT_API_URL: hubspot.url,
    HUBSPOT_AUTHORIZE_URL: `${hubspot.url}/oauth/${portal.portalId}/authorize`,
    PUBLIC_URL: url,
    THENA_API_URL: thena.url,
    THENA_APPS_URL: thena.url,
    THENA_WEBHOOK_SECRET: secret,
    ADMIN_TOKEN: adminToken,
    ENCRYPTION_KEY: key,
    LOG_LEVEL: 'warn',
  });
  const runtime = await openRuntime(config, { logger: logger.child({ component: 'service' }) });
  const server = await createServer(runtime);
  await reserved.release();
  await server.listen({ host: '127.0.0.1', port });
  const worker = startWorker(runtime);

  const app = thena.install({ organizationName: 'Demo organization' });
  await thena.waitForDeliveries(10_000);
  const installation = await runtime.store.installations.getByOrg(app.organizationId);
  if (installation === undefined) throw new Error('the demo installation event did not reach the service');
  // A few custom properties selected, so the page shows field mapping at work from the start.
  const contacts = defaultSettings('contacts');
  contacts.fields.push(
    ...DEMO_CUSTOM_FIELDS.map((property) => ({ property, direction: 'hubspot_to_thena' as const })),
  );
  await runtime.store.configs.save(installation.id, 'contacts', { enabled: true, settings: contacts });
  await authorizeThroughRoutes(runtime.services.installations.installUrl(app.organizationId));

  const pageUrl = `${url}/?org=${encodeURIComponent(app.organizationId)}#token=${adminToken}`;
  return {
    url,
    pageUrl,
    orgId: app.organizationId,
    installationId: installation.id,
    hubspot,
    thena,
    hubspotPortalId: portal.portalId,
    sampleContactId: portal.seeded?.contacts?.firstId,
    runtime,
    server,
    worker,
    async close() {
      await worker.stop(2_000);
      // A client that stopped reading a response (a half-downloaded bundle) keeps its connection
      // busy, and the server's close would wait for it without end: cut such ones off.
      const cutOff = setTimeout(() => server.server.closeAllConnections(), 2_000);
      cutOff.unref();
      await server.close();
      clearTimeout(cutOff);
      await runtime.close();
      await hubspot.close();
      await thena.close();
    },
  };
}
