// A commit that fails after the remote write it records: the sync wrote HubSpot, then could not
// record it (the database dropped the connection, the process was killed). The write is done, its
// link still holds the old values. The retry must take HubSpot's value as our own write, not as
// an edit made in HubSpot, or the user's next edit in Thena is reverted as a "conflict".
//
// The failure is made deterministic by failing one commit of the engine (the transact port) right
// after its HubSpot write; test/faults/process.test.ts reaches the same state, by chance, when
// PostgreSQL drops the service's connections while users edit the same record twice.
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/sync/errors.ts';
import type { Transact } from '../../src/sync/store-port.ts';
import { settle, waitFor } from '../helpers/settle.ts';
import { expectConsistent } from './consistency.ts';
import { startScenario, type Scenario } from './scenario.ts';

describe('a commit that fails after the remote write', () => {
  let s: Scenario | undefined;
  afterAll(async () => s?.stack.close());

  it('keeps a Thena edit made after the failed commit (it is not a conflict with our own write)', async () => {
    s = await startScenario();
    const { stack, orgId, installationId } = s;
    const engine = stack.runtime.engine;
    const transact: Transact = engine.transact;
    let failures = 0;
    let armed = false;
    engine.transact = async (work) => {
      if (armed) {
        armed = false;
        failures++;
        throw new AppError('database_unavailable', 'the connection was lost while committing', {
          retryable: true,
        });
      }
      return transact(work);
    };
    const [link] = await stack.runtime.store.db
      .selectFrom('record_links')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('object_type', '=', 'companies')
      .limit(1)
      .execute();
    const account = stack.thena.platform.org(orgId)!.accounts.get(link!.thena_id)!;
    // HubSpot answers the write a little late, so the commit after it can be made to fail.
    stack.hubspot.control.addFault({
      method: 'POST',
      path: '/crm/v3/objects/companies/batch/update',
      count: 1,
      action: { type: 'latency', ms: 400 },
    });

    // 1. A Thena edit goes to HubSpot; the commit after the HubSpot write fails.
    stack.thena.asUser(orgId).updateAccount(account.id, { name: 'First edit' });
    await stack.thena.waitForDeliveries(10_000);
    armed = true;
    await waitFor(() => failures === 1, 10_000, 'the failed commit');
    const hubspotName = async () =>
      (
        (await (
          await fetch(`${stack.hubspot.url}/crm/v3/objects/companies/${link!.hubspot_id}?properties=name`, {
            headers: { authorization: `Bearer ${stack.hubspotToken}` },
          })
        ).json()) as { properties: { name?: string } }
      ).properties.name;
    expect(await hubspotName()).toBe('First edit');

    // 2. The user edits the same field in Thena again before the retry.
    stack.thena.asUser(orgId).updateAccount(account.id, { name: 'Second edit' });
    await settle(stack);

    const name = stack.thena.platform.org(orgId)!.accounts.get(account.id)!.name;
    expect(
      name,
      "the user's second Thena edit was reverted: after the failed commit the retry saw HubSpot's value " +
        '(our own write) as a HubSpot edit made since the last sync, and the conflict policy ' +
        '(hubspot_wins) put it back in Thena',
    ).toBe('Second edit');
    expect(await hubspotName()).toBe('Second edit');
    await expectConsistent(stack, s);
  }, 60_000);
});
