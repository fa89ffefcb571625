// HubSpot revokes one installation's refresh token while two organizations sync through one
// service. The revoked one pauses and tells its admin once (audit entry, API status) without
// hammering HubSpot; what arrives meanwhile is kept; the other organization never notices; a
// reconnect resumes and catches up with everything, both sides consistent.
import { afterAll, describe, expect, it } from 'vitest';
import type { HubSpotTokens } from '../../src/sync/hubspot-port.ts';
import { settle } from '../helpers/settle.ts';
import type { Stack } from '../helpers/stack.ts';
import { Changes, expectSurvived, secondTenant, startScenario, type Scenario } from './scenario.ts';

const ADMIN = { authorization: 'Bearer admin-token-for-tests-0123456789' };

function tokenCalls(stack: Stack): number {
  const stats = stack.hubspot.control.stats() as {
    requests: { byRoute: Record<string, Record<string, number>> };
  };
  return Object.entries(stats.requests.byRoute)
    .filter(([route]) => route.includes('/oauth/v1/token'))
    .reduce((sum, [, statuses]) => sum + Object.values(statuses).reduce((a, b) => a + b, 0), 0);
}

describe('a refresh token revoked in HubSpot', () => {
  let a: Scenario | undefined;
  afterAll(async () => a?.stack.close());

  it('pauses that installation alone, tells its admin once, and resumes after a reconnect', async () => {
    a = await startScenario();
    const { stack } = a;
    const b = await secondTenant(stack);
    await settle(stack, 60_000);
    const changesA = await new Changes(a, 21).prepare();
    const changesB = await new Changes(b, 22).prepare();

    const { secret } = (await stack.runtime.store.credentials.get<HubSpotTokens>(
      a.installationId,
      'hubspot',
    ))!;
    stack.hubspot.control.revokeToken({ refreshToken: secret.refreshToken });
    stack.hubspot.control.expireToken(secret.accessToken);
    const tokenCallsBefore = tokenCalls(stack);
    changesA.many(15);
    changesB.many(15);
    await settle(stack, 60_000);
    changesA.many(10);
    await settle(stack, 60_000);

    // Paused, and said so once: in the audit log and through the API the page reads.
    expect(await stack.runtime.store.installations.getById(a.installationId)).toMatchObject({
      status: 'needs_reconnect',
    });
    const failed = await stack.runtime.store.audit.list(a.installationId, { status: 'FAILED', limit: 20 });
    expect(failed.map((f) => f.errorCode)).toEqual(['hubspot_reconnect_required']);
    expect(failed[0]!.message).toMatch(/reconnect HubSpot/);
    const connection = await stack.server.inject({
      url: `/api/v1/orgs/${a.orgId}/connection`,
      headers: ADMIN,
    });
    expect(connection.json()).toMatchObject({ status: 'needs_reconnect' });
    // No refresh storm: the refused refresh is not tried again and again.
    const tokenCallsPaused = tokenCalls(stack);
    expect(tokenCallsPaused - tokenCallsBefore).toBeGreaterThanOrEqual(1);
    expect(tokenCallsPaused - tokenCallsBefore).toBeLessThanOrEqual(2);
    // What arrived while paused is kept for later, not dropped and not failed.
    const kept = await stack.runtime.store.db
      .selectFrom('webhook_inbox')
      .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
      .where('installation_id', '=', a.installationId)
      .where('processed_at', 'is', null)
      .groupBy('source')
      .execute();
    expect(Object.fromEntries(kept.map((k) => [k.source, Number(k.n) > 0]))).toEqual({
      hubspot: true,
      thena: true,
    });

    // The other organization never noticed.
    const other = await expectSurvived(b, changesB);
    expect(other.changes).toBeGreaterThan(5);
    expect(await stack.runtime.store.installations.getById(b.installationId)).toMatchObject({
      status: 'connected',
    });

    // The admin reconnects: everything made meanwhile, on both sides, lands.
    await stack.connectHubSpot(a.orgId);
    await settle(stack, 60_000);
    expect(await stack.runtime.store.installations.getById(a.installationId)).toMatchObject({
      status: 'connected',
    });
    const report = await expectSurvived(a, changesA);
    expect(report.changes).toBeGreaterThan(10);
    await expectSurvived(b, changesB);
  }, 150_000);
});
