// When HubSpot's side of the connection misbehaves: tokens expire mid-run, the refresh token is
// revoked (the installation pauses and the admin is told once; a reconnect resumes), and 429
// storms or 5xx bursts come and go without a record failing.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotTokens } from '../../src/sync/hubspot-port.ts';
import { startBackfill } from '../../src/sync/engine/backfill.ts';
import { settle, waitFor } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

describe('HubSpot connection trouble', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  const tokens = async (s: Stack, installationId: string) =>
    (await s.runtime.store.credentials.get<HubSpotTokens>(installationId, 'hubspot'))!;

  it('refreshes an access token that expires in the middle of a backfill', async () => {
    stack = await startStack({
      seed: { contacts: 300, companies: 5 },
      hubspot: { latencyMs: 15 },
      runtime: { engine: { pageSize: 25, backfillWindows: 1 } },
    });
    const s = stack;
    const { installation, orgId } = await s.install();
    const first = await tokens(s, installation.id);
    await waitFor(
      async () => ((await s.runtime.store.runs.recent(installation.id, 'contacts', 1))[0]?.seen ?? 0) > 50,
      30_000,
      'backfill under way',
    );
    s.hubspot.control.expireToken(first.secret.accessToken);
    await settle(s, 60_000);
    const [run] = await s.runtime.store.runs.recent(installation.id, 'contacts', 1);
    expect(run).toMatchObject({ state: 'succeeded', seen: 300, failed: 0 });
    const after = await tokens(s, installation.id);
    expect(after.secret.accessToken).not.toBe(first.secret.accessToken);
    expect(after.version).toBeGreaterThan(first.version);
    expect(s.thena.platform.org(orgId)!.contacts.size).toBe(run!.created);
  }, 90_000);

  it('pauses and tells the admin once when the refresh token is revoked, and resumes after a reconnect', async () => {
    stack = await startStack({ seed: { contacts: 20, companies: 3 } });
    const s = stack;
    const { installation, orgId } = await s.install();
    await settle(s);
    const { secret } = await tokens(s, installation.id);
    s.hubspot.control.revokeToken({ refreshToken: secret.refreshToken });
    s.hubspot.control.expireToken(secret.accessToken);
    const during = s.hubspot.control.uiCreate(s.portalId, 'contacts', {
      properties: { email: 'during@outage.io', firstname: 'During' },
    });
    await settle(s);
    s.hubspot.control.uiUpdate(s.portalId, 'contacts', Number(during.id), {
      properties: { lastname: 'Outage' },
    });
    await settle(s);

    const paused = await s.runtime.store.installations.getById(installation.id);
    expect(paused).toMatchObject({ status: 'needs_reconnect' });
    const failures = await s.runtime.store.audit.list(installation.id, { status: 'FAILED', limit: 10 });
    expect(failures.map((f) => f.errorCode)).toEqual(['hubspot_reconnect_required']);
    expect(failures[0]?.message).toMatch(/reconnect HubSpot/);
    expect(s.thena.platform.org(orgId)!.contacts.findByEmail('during@outage.io')).toBeUndefined();

    await s.connectHubSpot(orgId);
    await settle(s);
    expect((await s.runtime.store.installations.getById(installation.id))?.status).toBe('connected');
    expect(s.thena.platform.org(orgId)!.contacts.findByEmail('during@outage.io')).toMatchObject({
      lastName: 'Outage',
    });
  }, 90_000);

  it('rides out a 429 storm and a 5xx burst without failing a record', async () => {
    stack = await startStack({ seed: { contacts: 150, companies: 5 } });
    const s = stack;
    const { installation } = await s.install();
    await settle(s);
    s.hubspot.control.addFault({
      path: '/crm/v3/objects/contacts*',
      count: 12,
      action: { type: 'rate-limit', policy: 'TEN_SECONDLY_ROLLING' },
    });
    s.hubspot.control.addFault({
      path: '/crm/v3/objects/contacts*',
      count: 3,
      action: { type: 'status', status: 503 },
    });
    const run = await startBackfill(s.runtime.engine, installation.id, 'contacts', 'manual');
    await settle(s, 60_000);
    const done = await s.runtime.store.runs.get(installation.id, run.id);
    expect(done).toMatchObject({ state: 'succeeded', failed: 0 });
    const stats = s.hubspot.control.stats() as {
      rateLimited: Record<string, number>;
      faultsInjected: number;
    };
    expect(stats.faultsInjected).toBeGreaterThanOrEqual(15);
  }, 90_000);
});
