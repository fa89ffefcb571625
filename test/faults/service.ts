// The service as a real child process (`serve`, embedded workers) on both emulators, for faults a
// process must survive or come back from: SIGKILL, its database connections dropped. The test
// reads the same database through its own runtime (the observer).
import { spawn, type ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspot/index.ts';
import { startThenaEmulator, type ThenaEmulator } from '../../emulators/thena/index.ts';
import { readConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/main.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { createTestTarget } from '../helpers/db.ts';
import { waitFor } from '../helpers/settle.ts';
import { freePort, serviceEnv as baseEnv, subscribeApp, type Stack } from '../helpers/stack.ts';
import type { Scenario } from './scenario.ts';

const CLI = new URL('../../src/cli/index.ts', import.meta.url).pathname;
const SECRET = 'thena-secret-process-faults';
const RETRIES_MS = [300, 600, 1200, 2400, 4800];

export interface ServiceUnderTest {
  hubspot: HubSpotEmulator;
  thena: ThenaEmulator;
  observer: Runtime;
  /** The parts of a Stack the scenario helpers use, around the child process. */
  stack: Stack;
  scenario: Scenario;
  child: ChildProcess;
  /** Output of the service on stderr (crashes print their stack here). */
  stderr(): string;
  start(): Promise<void>;
  kill(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  dialect: DialectName;
  seed: { contacts: number; companies: number };
  /** Added to the database URL the service uses (not the observer's), e.g. application_name. */
  databaseParams?: Record<string, string>;
  /** More variables for the service (they win over the defaults). */
  env?: Record<string, string>;
  /** Node options before the service's entry point (e.g. a preloaded probe). */
  nodeArgs?: string[];
  /** Messages the service process sends over IPC (a preloaded probe's samples). */
  onMessage?: (message: unknown) => void;
}

/** Emulators, a database, the service in a child process, the app installed and HubSpot connected. */
export async function startService(options: ServiceOptions): Promise<ServiceUnderTest> {
  const closers: (() => unknown)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const hubspot = await startHubSpotEmulator({
      rateLimit: 'off',
      latencyMs: 20,
      oauthAutoApprove: true,
      webhookUrl: `${url}/hubspot/webhooks`,
      webhooks: { batchWindowMs: 20, retryDelaysMs: RETRIES_MS, retryJitter: 0 },
    });
    closers.push(() => hubspot.close());
    const thena = await startThenaEmulator({
      installationUrl: `${url}/thena/installations`,
      eventsUrl: `${url}/thena/events`,
      webhookSecret: SECRET,
      delivery: { retryScheduleMs: RETRIES_MS },
    });
    closers.push(() => thena.close());
    const portal = hubspot.control.createPortal({ installApps: [], seed: options.seed });
    subscribeApp(hubspot);
    const { target, cleanup } = await createTestTarget(options.dialect);
    closers.push(cleanup);
    const env: Record<string, string> = {
      ...baseEnv({
        target,
        port,
        url,
        hubspot,
        portalId: portal.portalId,
        thenaUrl: thena.url,
        webhookSecret: SECRET,
        adminToken: 'admin-token-for-process-faults',
        encryptionKey: 'ef'.repeat(32),
      }),
      WORKER_LEASE_MS: '1500',
    };
    const serviceEnv = { ...env, ...options.env };
    if (options.databaseParams !== undefined) {
      const withParams = new URL(env.DATABASE_URL!);
      for (const [key, value] of Object.entries(options.databaseParams))
        withParams.searchParams.set(key, value);
      serviceEnv.DATABASE_URL = withParams.toString();
    }
    const observer = await openRuntime(readConfig(env), { logger: pino({ level: 'silent' }) });
    closers.push(() => observer.close());
    let stderr = '';
    const spawnService = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeArgs ?? []), CLI, 'serve'], {
        env: { ...process.env, ...serviceEnv },
        stdio:
          options.onMessage === undefined
            ? ['ignore', 'ignore', 'pipe']
            : ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      if (options.onMessage !== undefined) child.on('message', options.onMessage);
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      await waitFor(
        async () => {
          if (child.exitCode !== null)
            throw new Error(`the service exited with ${child.exitCode}: ${stderr}`);
          return fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          );
        },
        30_000,
        'service up',
      );
      return child;
    };
    const kill = async (child: ChildProcess): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    };

    const service = {
      hubspot,
      thena,
      observer,
      stack: {
        hubspot,
        thena,
        runtime: observer,
        portalId: portal.portalId,
        hubspotToken: portal.accessToken,
        url,
      },
      child: await spawnService(),
      stderr: () => stderr,
    } as unknown as ServiceUnderTest;
    closers.push(() => kill(service.child));
    service.start = async () => {
      service.child = await spawnService();
    };
    service.kill = () => kill(service.child);
    service.close = close;

    const app = thena.install();
    await thena.waitForDeliveries(10_000);
    const start = await fetch(observer.services.installations.installUrl(app.organizationId), {
      redirect: 'manual',
    });
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
    if (callback.status !== 302) throw new Error(`OAuth callback failed: ${callback.status}`);
    const installation = (await observer.store.installations.getByOrg(app.organizationId))!;
    service.scenario = {
      stack: service.stack,
      orgId: app.organizationId,
      installationId: installation.id,
      botToken: app.botToken,
    };
    return service;
  } catch (err) {
    await close();
    throw err;
  }
}
