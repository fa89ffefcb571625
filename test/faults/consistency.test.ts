// The consistency check is what every fault scenario rests on: prove it sees each kind of damage
// (a wrong value, a record missing on one side, an orphan, a link to a deleted record, work left
// undone) before trusting it to say "nothing lost".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../helpers/settle.ts';
import { checkConsistency } from './consistency.ts';
import { startScenario, type Scenario } from './scenario.ts';

describe('the consistency check', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario({ seed: { contacts: 12, companies: 3 } });
  }, 60_000);
  afterAll(async () => s?.stack.close());

  it('passes a freshly synced installation', async () => {
    const report = await checkConsistency(s.stack, s);
    expect(report.problems).toEqual([]);
    expect(report.contacts).toBeGreaterThan(5);
    expect(report.companies).toBe(3);
    expect(report.links).toBe(report.contacts + report.companies);
    expect(report.values).toBeGreaterThan(report.links * 3);
  });

  it('names every kind of damage', async () => {
    const { stack, orgId, installationId } = s;
    const org = stack.thena.platform.org(orgId)!;
    const [first, second] = org.contacts.page(0, 2, {});
    // A value changed behind the sync's back (no event).
    (first as { lastName: string | null }).lastName = 'Tampered';
    // A Thena record nobody linked, a HubSpot record never synced.
    stack.thena.seed(orgId, { contacts: 1, prefix: 'orphan' });
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'never@synced.example', firstname: 'Never' },
    });
    await settle(stack);
    // A link to a Thena record that is gone (deleted with no event).
    org.contacts.markDeleted(second!, Date.now());
    // Work left undone.
    await stack.runtime.store.db
      .insertInto('webhook_inbox')
      .values({
        installation_id: installationId,
        source: 'hubspot',
        dedupe_key: 'left-undone',
        object_type: 'contacts',
        payload: '{}',
        received_at: Date.now(),
        processed_at: null,
      })
      .execute();

    const { problems } = await checkConsistency(stack, s);
    const has = (pattern: RegExp) =>
      expect(
        problems.some((p) => pattern.test(p)),
        String(pattern),
      ).toBe(true);
    has(/last name: Thena "Tampered" != HubSpot/);
    has(/Thena contact .* \(orphan-contact-.*\) has no link/);
    has(/never@synced\.example\): not linked to a live Thena contact/);
    has(new RegExp(`contacts link \\d+ -> ${second!.id}: no live Thena record`));
    has(/1 inbox items were never processed/);
  });
});
