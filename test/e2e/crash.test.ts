// The service killed with SIGKILL in the middle of a backfill, then started again: the run resumes
// from its checkpoint and ends with every record in Thena exactly once, none missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@hubspot/api-client';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspot/index.ts';
import { startThenaEmulator, type ThenaEmulator } from '../../emulators/thena/index.ts';
import { readConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/main.ts';
import { createTestTarget, DIALECTS } from '../helpers/db.ts';
import { waitFor } from '../helpers/settle.ts';
import { freePort } from '../helpers/stack.ts';

const CLI = new URL('../../src/cli/index.ts', import.meta.url).pathname;
const SECRET = 'thena-secret-crash-test';

describe.each(DIALECTS)('a service killed mid-backfill on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('resumes after a restart with no duplicate and no gap', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const hubspot: HubSpotEmulator = await startHubSpotEmulator({
      rateLimit: 'off',
      latencyMs: 25,
      oauthAutoApprove: true,
      webhookUrl: `${url}/hubspot/webhooks`,
    });
    cleanups.push(() => hubspot.close());
    const thena: ThenaEmulator = await startThenaEmulator({
      installationUrl: `${url}/thena/installations`,
      eventsUrl: `${url}/thena/events`,
      webhookSecret: SECRET,
    });
    cleanups.push(() => thena.close());
    const portal = hubspot.control.createPortal({ installApps: [], seed: { contacts: 700, companies: 20 } });
    const { target, cleanup } = await createTestTarget(dialect);
    cleanups.push(cleanup);
    const env: Record<string, string> = {
      DATABASE_URL: target.kind === 'sqlite' ? `sqlite:${target.path}` : target.url,
      ...(target.kind === 'postgres' && target.schema ? { DATABASE_SCHEMA: target.schema } : {}),
      PORT: String(port),
      ENCRYPTION_KEY: 'cd'.repeat(32),
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_APP_ID: String(hubspot.app.appId),
      HUBSPOT_API_URL: hubspot.url,
      HUBSPOT_AUTHORIZE_URL: `${hubspot.url}/oauth/${portal.portalId}/authorize`,
      PUBLIC_URL: url,
      THENA_API_URL: thena.url,
      THENA_APPS_URL: thena.url,
      THENA_WEBHOOK_SECRET: SECRET,
      ADMIN_TOKEN: 'admin-token-for-crash-test-000',
      LOG_LEVEL: 'silent',
      WORKER_LEASE_MS: '1500',
    };
    const service = (): Promise<ChildProcess> => startService(env, url);
    let child = await service();
    cleanups.push(() => void child.kill('SIGKILL'));
    // The test reads the same database the service writes.
    const observer: Runtime = await openRuntime(readConfig(env), { logger: pino({ level: 'silent' }) });
    cleanups.push(() => observer.close());

    const app = thena.install();
    await thena.waitForDeliveries(10_000);
    const start = await fetch(observer.services.installations.installUrl(app.organizationId), {
      redirect: 'manual',
    });
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect((await fetch(consent.headers.get('location')!, { redirect: 'manual' })).status).toBe(302);
    const installation = (await observer.store.installations.getByOrg(app.organizationId))!;
    const contactsRun = async () => (await observer.store.runs.recent(installation.id, 'contacts', 1))[0];

    await waitFor(async () => ((await contactsRun())?.seen ?? 0) >= 200, 60_000, 'backfill half way');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const seenAtKill = (await contactsRun())!.seen;
    expect(seenAtKill).toBeLessThan(700);

    child = await service();
    await waitFor(
      async () => (await contactsRun())?.state === 'succeeded',
      90_000,
      'backfill finished after the restart',
    );

    const client = new Client({ accessToken: portal.accessToken, basePath: hubspot.url });
    const contacts = (await client.crm.contacts.getAll(100, undefined, ['email'])).filter(
      (c) => c.properties.email,
    );
    const org = thena.platform.org(app.organizationId)!;
    expect(org.contacts.size).toBe(contacts.length);
    const links = await observer.store.links.byHubSpotIds(
      installation.id,
      'contacts',
      contacts.map((c) => c.id),
    );
    expect(links.size).toBe(contacts.length);
    expect(new Set([...links.values()].map((l) => l.thenaId)).size).toBe(contacts.length);
    for (const contact of contacts)
      expect(org.contacts.findByEmail(contact.properties.email!)?.id).toBe(links.get(contact.id)?.thenaId);
  }, 180_000);
});

async function startService(env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    30_000,
    'service up',
  );
  return child;
}
