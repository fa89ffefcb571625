// Deliveries that do not arrive the way they were sent: HubSpot webhooks and Thena events
// duplicated and reordered, delayed until after another sync already carried the change, never
// delivered at all, and HubSpot's search lagging behind its writes. Events are hints: whatever
// the order, count or timing, both sides end holding the last value written, with no extra writes.
import { afterEach, describe, expect, it } from 'vitest';
import { settle, waitFor, writeCounts } from '../helpers/settle.ts';
import { Changes, expectSurvived, startScenario, type Scenario } from './scenario.ts';

const RETRIES = { retryScheduleMs: [200, 400, 800] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reconciliation every half second, so "caught by reconciliation" happens within a test. */
const FAST_RECONCILE = { engine: { reconcileEveryMs: 500 } };

/** `settle` without waiting for Thena's deliveries (held back on purpose). */
async function settleHubSpotSide(s: Scenario): Promise<void> {
  let quiet = 0;
  const end = Date.now() + 30_000;
  while (quiet < 3) {
    if (Date.now() > end) throw new Error('the stack did not settle in time');
    await s.stack.hubspot.control.drainWebhooks(false);
    const { byState } = await s.stack.runtime.queue.depth();
    quiet = (byState.pending ?? 0) + (byState.active ?? 0) === 0 ? quiet + 1 : 0;
    await sleep(120);
  }
}

/** Nothing more is written once the stack went quiet: no echo loop between the two sides. */
async function expectNoFurtherWrites(s: Scenario): Promise<void> {
  const quiet = writeCounts(s.stack);
  await sleep(1_500);
  await settle(s.stack);
  expect(writeCounts(s.stack)).toEqual(quiet);
}

describe('deliveries gone wrong', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.stack.close();
    s = undefined;
  });

  it('converges when webhooks and Thena events arrive duplicated and out of order', async () => {
    s = await startScenario({
      hubspot: { webhooks: { faults: { duplicateProbability: 0.8, shuffleProbability: 1, jitterMs: 150 } } },
      thena: { delivery: { ...RETRIES, duplicateProbability: 0.5, reorder: true } },
    });
    const scenario = s;
    const changes = await new Changes(scenario, 41).prepare();
    const before = writeCounts(scenario.stack);
    for (let burst = 0; burst < 4; burst++) {
      changes.many(15);
      await sleep(100);
    }
    const report = await expectSurvived(scenario, changes);
    expect(report.changes).toBeGreaterThan(30);
    const hubspotStats = scenario.stack.hubspot.control.stats() as { webhooks: { duplicated: number } };
    // The faults did happen (how many depends on how HubSpot's batches fell).
    expect(hubspotStats.webhooks.duplicated).toBeGreaterThan(2);
    expect(scenario.stack.thena.stats().deliveries.duplicated).toBeGreaterThan(5);
    // Duplicates write nothing twice: at most one write per change made on the other side (and
    // one association write per contact created in Thena).
    const after = writeCounts(scenario.stack);
    expect(after.thena - before.thena).toBeLessThanOrEqual(changes.made.hubspot);
    expect(after.hubspot - before.hubspot).toBeLessThanOrEqual(changes.made.thena * 2);
    await expectNoFurtherWrites(scenario);
  }, 120_000);

  it('writes nothing for webhooks that arrive after reconciliation already synced their change', async () => {
    s = await startScenario({ runtime: FAST_RECONCILE });
    const scenario = s;
    const { stack } = scenario;
    const changes = await new Changes(scenario, 42).prepare();
    stack.hubspot.control.updateSettings({ webhooks: { faults: { delayMs: 5_000 } } });
    for (let i = 0; i < 8; i++) changes.hubspotEdit();
    changes.hubspotCompanyEdit();
    // Reconciliation carries every change long before its webhook comes.
    await waitFor(async () => (await changes.unlanded()).length === 0, 4_000, 'reconciliation');
    const synced = writeCounts(stack);
    await stack.hubspot.control.drainWebhooks(false);
    await settle(stack);
    expect(writeCounts(stack)).toEqual(synced);
    await expectSurvived(scenario, changes);
  }, 120_000);

  it('writes nothing for Thena events that arrive after a sync already carried their change', async () => {
    s = await startScenario();
    const scenario = s;
    const { stack } = scenario;
    const changes = await new Changes(scenario, 43).prepare();
    stack.thena.platform.webhooks.pause();
    for (let i = 0; i < 6; i++) changes.thenaEdit();
    // Every contact changes in HubSpot too (another field): syncing each pair carries Thena's edit.
    const client = stack.hubspot.control;
    const linked = await stack.runtime.store.db
      .selectFrom('record_links')
      .select('hubspot_id')
      .where('installation_id', '=', scenario.installationId)
      .where('object_type', '=', 'contacts')
      .execute();
    for (const { hubspot_id } of linked) {
      client.uiUpdate(stack.portalId, 'contacts', Number(hubspot_id), {
        properties: { phone: `+1 555 0100 ${hubspot_id}` },
      });
    }
    await settleHubSpotSide(scenario);
    await changes.expectLanded();
    const synced = writeCounts(stack);
    stack.thena.platform.webhooks.resume();
    await settle(stack);
    expect(writeCounts(stack)).toEqual(synced);
    await expectSurvived(scenario, changes);
  }, 120_000);

  it('catches every HubSpot change whose webhook never came, by reconciliation', async () => {
    s = await startScenario({ runtime: FAST_RECONCILE });
    const scenario = s;
    scenario.stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    const changes = await new Changes(scenario, 44).prepare();
    for (let i = 0; i < 12; i++) changes.hubspotEdit();
    for (let i = 0; i < 3; i++) changes.hubspotCreate();
    for (let i = 0; i < 3; i++) changes.hubspotCompanyEdit();
    await sleep(1_500); // a few reconciliation rounds
    const report = await expectSurvived(scenario, changes);
    expect(report.changes).toBeGreaterThan(10);
  }, 120_000);

  it('catches every Thena change whose event never came', async () => {
    s = await startScenario({ runtime: FAST_RECONCILE });
    const scenario = s;
    scenario.stack.thena.config.delivery.dropProbability = 1;
    const changes = await new Changes(scenario, 45).prepare();
    for (let i = 0; i < 8; i++) changes.thenaEdit();
    changes.thenaCreate();
    changes.thenaAccountEdit();
    await sleep(1_500); // a few reconciliation rounds
    await settle(scenario.stack);
    expect(scenario.stack.thena.stats().deliveries.dropped).toBeGreaterThanOrEqual(10);
    // HubSpot's lost webhooks are caught by reconciliation; nothing catches Thena's lost events.
    expect(
      await changes.unlanded(),
      'Thena edits whose events never arrived never reach HubSpot: the service has no Thena-side ' +
        'reconciliation (no sweep of Thena records changed since their last sync), so Thena and ' +
        'HubSpot stay apart until the record changes again in HubSpot',
    ).toEqual([]);
    await expectSurvived(scenario, changes);
  }, 120_000);

  it('keeps up while HubSpot search lags seconds behind its writes', async () => {
    s = await startScenario({ hubspot: { search: { indexDelayMs: 1_500 } }, runtime: FAST_RECONCILE });
    const scenario = s;
    scenario.stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 0.5 } } });
    const changes = await new Changes(scenario, 46).prepare();
    changes.many(30);
    await sleep(2_500); // the index catches up, reconciliation looks again (its lookback covers the lag)
    await settle(scenario.stack);
    const report = await expectSurvived(scenario, changes);
    expect(report.changes).toBeGreaterThan(15);
  }, 120_000);
});
