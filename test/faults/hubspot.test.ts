// HubSpot misbehaving while the sync works both ways: 429 storms, 5xx bursts, timeouts and
// connection resets, an access token expiring mid-backfill with a flaky token endpoint. Each
// scenario ends quiet and consistent, with every change made on either side in place and no
// record failed because of HubSpot's trouble.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubSpotTokens } from '../../src/sync/hubspot-port.ts';
import { settle, waitFor } from '../helpers/settle.ts';
import { Changes, expectSurvived, startScenario, type Scenario } from './scenario.ts';

interface EmulatorStats {
  faultsInjected: number;
  rateLimited: Record<string, number>;
  requests: { byRoute: Record<string, Record<string, number>> };
}

const stats = (s: Scenario) => s.stack.hubspot.control.stats() as unknown as EmulatorStats;

async function failures(s: Scenario): Promise<string[]> {
  const failed = await s.stack.runtime.store.audit.list(s.installationId, { status: 'FAILED', limit: 50 });
  return failed.map(
    (f) => `${f.objectType} ${f.hubspotId ?? f.thenaId} ${f.action}: ${f.errorCode} ${f.message}`,
  );
}

async function runOf(s: Scenario, objectType: 'contacts' | 'companies') {
  return (await s.stack.runtime.store.runs.recent(s.installationId, objectType, 10)).find(
    (r) => r.trigger === 'install',
  );
}

describe('HubSpot faults', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.stack.close();
    s = undefined;
  });

  it('rides out 429 storms and 5xx bursts during the backfill and live changes on both sides', async () => {
    s = await startScenario({
      seed: { contacts: 150, companies: 12 },
      runtime: { engine: { pageSize: 20, backfillWindows: 2 } },
      beforeInstall: (stack) => {
        const control = stack.hubspot.control;
        control.addFault({ path: '/crm/*', probability: 0.15, action: { type: 'rate-limit' } });
        control.addFault({ path: '/crm/*', probability: 0.05, action: { type: 'status', status: 502 } });
        control.addFault({ path: '/crm/*', count: 5, action: { type: 'status', status: 503 } });
      },
    });
    const scenario = s;
    expect(await runOf(scenario, 'contacts')).toMatchObject({ state: 'succeeded', seen: 150, failed: 0 });
    const changes = await new Changes(scenario, 11).prepare();
    // A storm: every call refused for a while, then a burst of outages, with users busy on both sides.
    scenario.stack.hubspot.control.addFault({ path: '/crm/*', count: 12, action: { type: 'rate-limit' } });
    changes.many(20);
    scenario.stack.hubspot.control.addFault({
      path: '/crm/*',
      count: 6,
      action: { type: 'status', status: 500 },
    });
    changes.many(20);
    const report = await expectSurvived(scenario, changes, 90_000);
    const { faultsInjected } = stats(scenario);
    expect(faultsInjected).toBeGreaterThan(30);
    expect(await failures(scenario)).toEqual([]);
    expect(report.changes).toBeGreaterThan(20);
  }, 150_000);

  it('survives timeouts and connection resets', async () => {
    s = await startScenario({
      seed: { contacts: 80, companies: 10 },
      runtime: { engine: { pageSize: 20, backfillWindows: 2 } },
      beforeInstall: (stack) => {
        const control = stack.hubspot.control;
        control.addFault({ path: '/crm/*', probability: 0.12, action: { type: 'reset' } });
        control.addFault({ path: '/crm/*', probability: 0.06, action: { type: 'timeout', ms: 150 } });
      },
    });
    const scenario = s;
    expect(await runOf(scenario, 'contacts')).toMatchObject({ state: 'succeeded', seen: 80, failed: 0 });
    const changes = await new Changes(scenario, 12).prepare();
    changes.many(40);
    await expectSurvived(scenario, changes, 90_000);
    expect(stats(scenario).faultsInjected).toBeGreaterThanOrEqual(5);
    expect(await failures(scenario)).toEqual([]);
  }, 150_000);

  it('refreshes a token that expires mid-backfill, through a token endpoint that fails at first', async () => {
    s = await startScenario({
      seed: { contacts: 200, companies: 10 },
      hubspot: { latencyMs: 10 },
      runtime: { engine: { pageSize: 20, backfillWindows: 1 } },
      waitForBackfill: false,
    });
    const scenario = s;
    const { stack, installationId } = scenario;
    const tokens = async () =>
      (await stack.runtime.store.credentials.get<HubSpotTokens>(installationId, 'hubspot'))!;
    const first = await tokens();
    await waitFor(
      async () => ((await runOf(scenario, 'contacts'))?.seen ?? 0) >= 40,
      30_000,
      'backfill under way',
    );
    // The token endpoint is down for a moment: an outage, not a refusal, so no reconnect is asked.
    stack.hubspot.control.addFault({
      path: '/oauth/v1/token',
      count: 2,
      action: { type: 'status', status: 503 },
    });
    stack.hubspot.control.addFault({ path: '/oauth/v1/token', count: 1, action: { type: 'reset' } });
    stack.hubspot.control.expireToken(first.secret.accessToken);
    await settle(stack, 90_000);
    expect(await runOf(scenario, 'contacts')).toMatchObject({ state: 'succeeded', seen: 200, failed: 0 });
    const second = await tokens();
    expect(second.secret.accessToken).not.toBe(first.secret.accessToken);

    // Again while changes flow both ways (Thena -> HubSpot writes need the token too).
    const changes = await new Changes(scenario, 13).prepare();
    changes.many(15);
    stack.hubspot.control.expireToken(second.secret.accessToken);
    changes.many(15);
    await expectSurvived(scenario, changes);
    expect((await stack.runtime.store.installations.getById(installationId))?.status).toBe('connected');
    expect((await tokens()).secret.accessToken).not.toBe(second.secret.accessToken);
    expect(await failures(scenario)).toEqual([]);
  }, 150_000);
});
