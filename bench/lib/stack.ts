// A benchmark stack: the HubSpot and Thena emulators and our service, each in its own process
// (two cores: the service on one, the emulators on the other), a fresh database, and the
// harness's own read view of that database (runs, installations, links).
import type { HubSpotEmulatorOptions } from '../../emulators/hubspot/index.ts';
import type { ThenaEmulatorOptions } from '../../emulators/thena/index.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dropPostgresSchema,
  ensurePostgresSchema,
  openConnection,
  type Connection,
  type DialectName,
  type StoreTarget,
} from '../../src/store/dialect.ts';
import { SecretBox } from '../../src/store/secret-box.ts';
import { Store } from '../../src/store/store.ts';
import { systemClock } from '../../src/sync/clock.ts';
import type { EngineOptions } from '../../src/sync/engine/context.ts';
import type { ObjectType, SyncRun } from '../../src/sync/model.ts';
import type { SyncSettings } from '../../src/sync/settings.ts';
import type { HubSpotHost } from '../hosts/hubspot.ts';
import type { ServiceHost } from '../hosts/service.ts';
import type { ThenaHost } from '../hosts/thena.ts';
import { startHost, type Host, type Proc } from './processes.ts';

const KEY = 'ab'.repeat(32);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const WEBHOOK_SECRET = 'bench-thena-shared-secret';
const SUBSCRIPTIONS = ['creation', 'deletion', 'merge', 'associationChange', 'restore'];
const SUBSCRIBED_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'name', 'domain'];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StackOptions {
  dialect: DialectName;
  hubspot: HubSpotEmulatorOptions;
  thena?: ThenaEmulatorOptions;
  engine?: Partial<EngineOptions>;
  /** Extra environment of the service (e.g. EMBEDDED_WORKER=false). */
  env?: Record<string, string>;
  /** Start our service as a benchmark host (default); false: the scenario starts the CLI itself. */
  service?: boolean;
  /** A name for the log files of this stack's processes. */
  label: string;
  /** The tree our service runs from (a patched copy); the emulators always run from the checkout. */
  root?: string;
}

export interface Installed {
  orgId: string;
  installationId: string;
}

export interface BenchStack {
  hubspot: Host<HubSpotHost>;
  thena: Host<ThenaHost>;
  service: Host<ServiceHost> | undefined;
  /** The service's environment, for CLI processes sharing its database. */
  env: Record<string, string>;
  url: string;
  store: Store;
  /** Creates a seeded HubSpot portal. */
  portal(seed: { contacts: number; companies: number }): Promise<{ portalId: number }>;
  /** Installs the app for a new Thena org, saves `settings`, then connects `portalId` by OAuth. */
  install(portalId: number, settings?: Partial<Record<ObjectType, SyncSettings>>): Promise<Installed>;
  /** The install-triggered backfill runs, once both have finished (or throws after `timeoutMs`). */
  backfillRuns(installationId: string, timeoutMs: number): Promise<Record<ObjectType, SyncRun>>;
  /** Waits until both emulators have delivered their webhooks and no job is runnable or running. */
  settle(timeoutMs: number): Promise<void>;
  /** The current backfill run of an object, if any. */
  backfillRun(installationId: string, objectType: ObjectType): Promise<SyncRun | undefined>;
  close(): Promise<void>;
}

/** PostgreSQL for the scenarios that use it (BENCH_POSTGRES_URL, else TEST_POSTGRES_URL, else local). */
export const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database: a SQLite file in a temporary folder, or a new PostgreSQL schema. */
export async function freshDatabase(dialect: DialectName) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'thena-hubspot-bench-db-'));
    const target: StoreTarget = { kind: 'sqlite', path: join(dir, 'bench.db') };
    const cleanup = async () => rmSync(dir, { recursive: true, force: true });
    return { target, cleanup, env: { DATABASE_URL: `sqlite:${target.path}` } };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await ensurePostgresSchema(POSTGRES_URL, schema);
  const target: StoreTarget = { kind: 'postgres', url: POSTGRES_URL, schema };
  const cleanup = () => dropPostgresSchema(POSTGRES_URL, schema);
  return { target, cleanup, env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } };
}

function readView(target: StoreTarget): { connection: Connection; store: Store } {
  const connection = openConnection(target.kind === 'postgres' ? { ...target, poolSize: 2 } : target);
  const store = new Store(connection.db, {
    dialect: connection.dialect,
    capabilities: connection.capabilities,
    secrets: new SecretBox(Buffer.from(KEY, 'hex')),
    clock: systemClock,
  });
  return { connection, store };
}

export async function startStack(options: StackOptions): Promise<BenchStack> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hubspot = await startHost<HubSpotHost>(`${options.label}-hubspot`, 'hubspot.ts', {
    env: {
      BENCH_OPTIONS: JSON.stringify({
        oauthAutoApprove: true,
        webhookUrl: `${url}/hubspot/webhooks`,
        ...options.hubspot,
      } satisfies HubSpotEmulatorOptions),
    },
  });
  const thena = await startHost<ThenaHost>(`${options.label}-thena`, 'thena.ts', {
    // A million contacts, their events and deliveries outgrow Node's default heap.
    execArgv: ['--max-old-space-size=12288'],
    env: {
      BENCH_OPTIONS: JSON.stringify({
        installationUrl: `${url}/thena/installations`,
        // Diagnostics only: BENCH_NO_THENA_EVENTS=1 keeps Thena's events (our echoes) from us.
        ...(process.env.BENCH_NO_THENA_EVENTS ? {} : { eventsUrl: `${url}/thena/events` }),
        webhookSecret: WEBHOOK_SECRET,
        ...options.thena,
      } satisfies ThenaEmulatorOptions),
    },
  });
  const hubspotInfo = hubspot.ready as {
    url: string;
    app: { appId: number; clientId: string; clientSecret: string };
  };
  const thenaUrl = (thena.ready as { url: string }).url;
  for (const object of ['contact', 'company']) {
    for (const change of SUBSCRIPTIONS) await hubspot.api.subscribe(`${object}.${change}`);
    for (const property of SUBSCRIBED_PROPERTIES)
      await hubspot.api.subscribe(`${object}.propertyChange`, property);
  }
  const database = await freshDatabase(options.dialect);
  const env: Record<string, string> = {
    ...database.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    ENCRYPTION_KEY: KEY,
    HUBSPOT_CLIENT_ID: hubspotInfo.app.clientId,
    HUBSPOT_CLIENT_SECRET: hubspotInfo.app.clientSecret,
    HUBSPOT_APP_ID: String(hubspotInfo.app.appId),
    HUBSPOT_API_URL: hubspotInfo.url,
    HUBSPOT_AUTHORIZE_URL: `${hubspotInfo.url}/oauth/authorize`,
    PUBLIC_URL: url,
    THENA_API_URL: thenaUrl,
    THENA_APPS_URL: thenaUrl,
    THENA_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const service =
    options.service === false
      ? undefined
      : await startHost<ServiceHost>(`${options.label}-service`, 'service.ts', {
          env: { ...env, BENCH_ENGINE: JSON.stringify(options.engine ?? {}) },
          ...(options.root === undefined ? {} : { root: options.root }),
          // Diagnostics: Node flags for the service only (e.g. --max-old-space-size=128).
          execArgv: (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
        });
  // The service migrated the database; the harness reads it from here on.
  let view: ReturnType<typeof readView> | undefined;
  const store = (): Store => (view ??= readView(database.target)).store;
  const processes: Proc[] = [hubspot, thena, ...(service ? [service] : [])];

  async function install(
    portalId: number,
    settings: Partial<Record<ObjectType, SyncSettings>> = {},
  ): Promise<Installed> {
    const { orgId } = await thena.api.install();
    // Other installations may be busy (their webhooks never idle): wait for this one's row only.
    let installation = await store().installations.getByOrg(orgId);
    for (let i = 0; installation === undefined && i < 6000; i++) {
      await sleep(50);
      installation = await store().installations.getByOrg(orgId);
    }
    if (installation === undefined) throw new Error('the installation event did not arrive');
    for (const [objectType, saved] of Object.entries(settings)) {
      await store().configs.save(installation.id, objectType as ObjectType, {
        enabled: true,
        settings: saved,
      });
    }
    const connection = await fetch(`${url}/api/v1/orgs/${orgId}/connection`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { installUrl } = (await connection.json()) as { installUrl: string };
    const start = await fetch(installUrl, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('emulator_portal_id', String(portalId));
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location') ?? '', { redirect: 'manual' });
    if (callback.status !== 302) throw new Error(`OAuth failed: ${callback.status} ${await callback.text()}`);
    return { orgId, installationId: installation.id };
  }

  async function backfillRun(installationId: string, objectType: ObjectType): Promise<SyncRun | undefined> {
    const recent = await store().runs.recent(installationId, objectType, 10);
    return recent.find((r) => r.trigger === 'install');
  }

  async function backfillRuns(installationId: string, timeoutMs: number) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const companies = await backfillRun(installationId, 'companies');
      const contacts = await backfillRun(installationId, 'contacts');
      const finished = (run: SyncRun | undefined) =>
        run !== undefined && ['succeeded', 'failed', 'cancelled'].includes(run.state);
      if (finished(companies) && finished(contacts)) return { companies: companies!, contacts: contacts! };
      if (Date.now() > end) throw new Error(`the backfill did not finish within ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  }

  async function busyJobs(): Promise<number> {
    const row = await store()
      .db.selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([
          eb('state', '=', 'active'),
          eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', Date.now())]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function settle(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 3;) {
      if (Date.now() > end) throw new Error(`the stack did not settle within ${timeoutMs / 1000} s`);
      await hubspot.api.drainWebhooks();
      await thena.api.waitForDeliveries(timeoutMs);
      quiet = (await busyJobs()) === 0 ? quiet + 1 : 0;
      await sleep(quiet === 0 ? 100 : 200);
    }
  }

  return {
    hubspot,
    thena,
    service,
    settle,
    env,
    url,
    get store() {
      return store();
    },
    portal: (seed) => hubspot.api.createPortal(seed),
    install,
    backfillRun,
    backfillRuns,
    async close() {
      await view?.connection.close();
      for (const proc of processes.reverse()) await proc.stop();
      await database.cleanup();
    },
  };
}
