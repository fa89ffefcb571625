// Thena misbehaving while the sync works both ways: its rate limit and 429 storms, 5xx bursts,
// requests that hang up or reset, on its API and on the events we publish. Creates are not idempotent on Thena's side, so a retried write
// must never leave a duplicate; every change lands, no record fails for Thena's trouble.
import { afterEach, describe, expect, it } from 'vitest';
import { Changes, expectSurvived, startScenario, type Scenario } from './scenario.ts';

async function failures(s: Scenario): Promise<string[]> {
  const failed = await s.stack.runtime.store.audit.list(s.installationId, { status: 'FAILED', limit: 50 });
  return failed.map(
    (f) => `${f.objectType} ${f.hubspotId ?? f.thenaId} ${f.action}: ${f.errorCode} ${f.message}`,
  );
}

/** Every record written in Thena was announced with a "synced" event, despite the failed calls. */
async function expectPublished(s: Scenario): Promise<void> {
  const announced = new Set(
    s.stack.thena
      .publishedEvents()
      .flatMap((e) => (e.payload.records as { thenaId: string }[]).map((r) => String(r.thenaId))),
  );
  const links = await s.stack.runtime.store.db
    .selectFrom('record_links')
    .select('thena_id')
    .where('installation_id', '=', s.installationId)
    .execute();
  const missing = links.filter((l) => !announced.has(l.thena_id)).map((l) => l.thena_id);
  if (missing.length === 0) return;
  // What the engine did with those records, and publish jobs that gave up, say why.
  const db = s.stack.runtime.store.db;
  const audit = await db
    .selectFrom('audit_log')
    .select(['thena_id', 'hubspot_id', 'action', 'status', 'message', 'run_id'])
    .where('thena_id', 'in', missing)
    .execute();
  const jobs = await db
    .selectFrom('jobs')
    .select(['id', 'state', 'attempts', 'last_error'])
    .where('kind', '=', 'publish-events')
    .where('state', 'not in', ['pending', 'active', 'completed'])
    .execute();
  expect(missing, JSON.stringify({ audit, jobs }, null, 1)).toEqual([]);
}

const faultsSent = (s: Scenario): number =>
  Object.values(s.stack.thena.stats().traffic.faults).reduce((sum, n) => sum + n, 0);

describe('Thena faults', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.stack.close();
    s = undefined;
  });

  it('rides out its rate limit, 429 storms and 5xx bursts during the backfill and live changes', async () => {
    s = await startScenario({
      seed: { contacts: 120, companies: 10 },
      runtime: { engine: { pageSize: 20, backfillWindows: 2 } },
      beforeInstall: (stack) => {
        stack.thena.config.rateLimit = { enabled: true, limit: 60, windowMs: 1000 };
        stack.thena.injectFault({ kind: 'status', status: 429, path: '/v1', probability: 0.15 });
        stack.thena.injectFault({ kind: 'status', status: 429, path: '/incoming-webhook', probability: 0.2 });
        stack.thena.injectFault({ kind: 'status', status: 429, path: '/incoming-webhook', probability: 0.2 });
        stack.thena.injectFault({ kind: 'status', status: 502, path: '/v1', probability: 0.05 });
        stack.thena.injectFault({ kind: 'status', status: 503, path: '/v1', count: 6 });
      },
    });
    const scenario = s;
    const [run] = await scenario.stack.runtime.store.runs.recent(scenario.installationId, 'contacts', 1);
    expect(run).toMatchObject({ state: 'succeeded', seen: 120, failed: 0 });
    const changes = await new Changes(scenario, 31).prepare();
    scenario.stack.thena.injectFault({
      kind: 'status',
      status: 429,
      path: '/v1',
      count: 15,
      retryAfterSeconds: 0,
    });
    changes.many(20);
    scenario.stack.thena.injectFault({ kind: 'status', status: 500, path: '/v1', count: 6 });
    changes.many(20);
    const report = await expectSurvived(scenario, changes, 90_000);
    expect(report.changes).toBeGreaterThan(20);
    expect(faultsSent(scenario)).toBeGreaterThan(30);
    expect(await failures(scenario)).toEqual([]);
    await expectPublished(scenario);
  }, 150_000);

  it('survives timeouts and connection resets without duplicating a record', async () => {
    s = await startScenario({
      seed: { contacts: 80, companies: 10 },
      runtime: { engine: { pageSize: 20, backfillWindows: 2 } },
      beforeInstall: (stack) => {
        for (const path of ['/v1', '/incoming-webhook']) {
          stack.thena.injectFault({ kind: 'reset', path, probability: 0.12 });
          stack.thena.injectFault({ kind: 'timeout', path, probability: 0.06, delayMs: 150 });
        }
      },
    });
    const scenario = s;
    const changes = await new Changes(scenario, 32).prepare();
    changes.many(40);
    await expectSurvived(scenario, changes, 90_000);
    expect(faultsSent(scenario)).toBeGreaterThanOrEqual(4);
    expect(await failures(scenario)).toEqual([]);
    await expectPublished(scenario);
  }, 150_000);
});
