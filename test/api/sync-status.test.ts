// POST sync -> 202 { runId }, and the status that shows that run, the counts on both sides and,
// when HubSpot cannot answer, everything else still.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStatus, SyncConfig } from '../../src/contracts/api.ts';
import { DIALECTS } from '../helpers/db.ts';
import { ADMIN_TOKEN, failure, serverWith, startApiStack, waitForIdle, type ApiStack } from './helpers.ts';

describe.each(DIALECTS)('sync and status API on %s', (dialect) => {
  let api: ApiStack;
  let base: string;
  const status = async (): Promise<ObjectStatus> => (await api.call('GET', `${base}/status`)).json();

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 30, companies: 6 });
    base = `/api/v1/orgs/${api.orgId}/objects/contacts`;
  }, 120_000);
  afterAll(async () => api?.close());

  it('reports the first backfill: HubSpot total, synced, excluded, and the run at 100%', async () => {
    const current = await status();
    const linked = await api.stack.runtime.store.links.count(api.installationId, 'contacts');
    expect(current).toMatchObject({
      object: 'contacts',
      enabled: true,
      connection: 'connected',
      hubspotTotal: 30,
      synced: linked,
      failed: 0,
      excluded: 30 - linked,
    });
    expect(current.lastRun).toMatchObject({
      trigger: 'install',
      state: 'succeeded',
      progress: 1,
      total: 30,
      seen: 30,
    });
    expect(current.recentRuns[0]).toEqual(current.lastRun);
  });

  it('starts a sync with 202 and shows its run in the status until it succeeds', async () => {
    const started = await api.call('POST', `${base}/sync`);
    expect(started.statusCode).toBe(202);
    const { runId } = started.json<{ runId: string }>();
    const again = await api.call('POST', `${base}/sync`);
    // A second press while the run waits or goes joins it instead of starting another.
    const second = again.json<{ runId: string }>().runId;
    const running = await status();
    expect(running.recentRuns.map((r) => r.id)).toContain(runId);
    expect(running.recentRuns.find((r) => r.id === runId)).toMatchObject({
      trigger: 'manual',
      direction: 'hubspot_to_thena',
    });
    await waitForIdle(api.stack, api.installationId);
    const done = await status();
    expect(done.lastRun).toMatchObject({
      id: second,
      state: 'succeeded',
      progress: 1,
      etaSeconds: null,
      seen: 30,
    });
    expect(done.recentRuns.find((r) => r.id === runId)?.state).toBe('succeeded');
  });

  it('counts as failed the records whose latest audit entry failed', async () => {
    const entry = (hubspotId: string, status: 'FAILED' | 'SUCCESS') => ({
      runId: null,
      direction: 'hubspot_to_thena' as const,
      objectType: 'contacts' as const,
      hubspotId,
      thenaId: null,
      action: 'update',
      status,
    });
    await api.stack.runtime.store.audit.append(api.installationId, [
      entry('9001', 'FAILED'),
      entry('9001', 'SUCCESS'),
      entry('9002', 'SUCCESS'),
      entry('9002', 'FAILED'),
      entry('9002', 'FAILED'),
      entry('9003', 'FAILED'),
    ]);
    expect((await status()).failed).toBe(2);
  });

  it('refuses to sync an object that is turned off, or an org without HubSpot', async () => {
    const companies = `/api/v1/orgs/${api.orgId}/objects/companies`;
    const {
      version: _v,
      updatedAt: _u,
      ...body
    } = (await api.call('GET', `${companies}/config`)).json<SyncConfig>();
    expect(
      (await api.call('PUT', `${companies}/config`, { body: { ...body, enabled: false } })).statusCode,
    ).toBe(200);
    expect(failure(await api.call('POST', `${companies}/sync`))).toEqual([409, 'sync_disabled']);
    expect((await api.call('GET', `${companies}/status`)).json<ObjectStatus>().enabled).toBe(false);

    const pending = `/api/v1/orgs/${api.pendingOrgId}/objects/contacts`;
    expect(failure(await api.call('POST', `${pending}/sync`))).toEqual([409, 'not_connected']);
    const pendingStatus = (await api.call('GET', `${pending}/status`)).json<ObjectStatus>();
    expect(pendingStatus).toMatchObject({
      connection: 'pending',
      hubspotTotal: null,
      synced: 0,
      lastRun: null,
      recentRuns: [],
    });
    expect(failure(await api.call('POST', '/api/v1/orgs/nobody/objects/contacts/sync'))).toEqual([
      404,
      'org_not_found',
    ]);
  });

  it('answers the status without the HubSpot total when HubSpot is too slow, then caches the total', async () => {
    const server = await serverWith(api, { totals: { timeoutMs: 100, ttlMs: 60_000, failureTtlMs: 0 } });
    const get = async () =>
      (
        await server.inject({ url: `${base}/status`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).json<ObjectStatus>();
    const fault = api.stack.hubspot.control.addFault({
      path: '/crm/v3/objects/contacts/search',
      action: { type: 'latency', ms: 1_500 },
    });
    try {
      const slow = await get();
      expect(slow.hubspotTotal).toBeNull();
      expect(slow.synced).toBeGreaterThan(0);
    } finally {
      api.stack.hubspot.control.removeFault(fault.id);
    }
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await get()).hubspotTotal).toBe(30);
    // Within the cache's lifetime HubSpot is not asked again.
    const blocked = api.stack.hubspot.control.addFault({
      path: '/crm/v3/objects/contacts/search',
      action: { type: 'status', status: 500 },
    });
    try {
      expect((await get()).hubspotTotal).toBe(30);
      expect(api.stack.hubspot.control.faults().find((f) => f.id === blocked.id)?.hits).toBe(0);
    } finally {
      api.stack.hubspot.control.removeFault(blocked.id);
      await server.close();
    }
  });
});
