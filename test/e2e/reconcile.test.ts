// Reconciliation catches the changes whose webhooks never came, past the search API's result cap
// (lowered here so a few hundred records prove the windowing that 10,000 would need).
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, streamKey } from '../../src/sync/engine/streams.ts';
import { settle } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

const CAP = 150;
const CHANGED = 420;

describe('reconciliation', () => {
  let stack: Stack;
  let orgId: string;
  let installationId: string;

  beforeAll(async () => {
    stack = await startStack({
      seed: { contacts: CHANGED + 40, companies: 5 },
      hubspot: { search: { maxResults: CAP, indexDelayMs: 0 } },
    });
    const installed = await stack.install();
    orgId = installed.orgId;
    installationId = installed.installation.id;
    await settle(stack);
  }, 90_000);
  afterAll(async () => stack?.close());

  it(`catches ${CHANGED} changes whose webhooks were all lost, beyond the ${CAP}-result search cap`, async () => {
    const client = new Client({ accessToken: stack.hubspotToken, basePath: stack.hubspot.url });
    const contacts = (await client.crm.contacts.getAll(100, undefined, ['email'])).filter(
      (c) => c.properties.email,
    );
    const changed = contacts.slice(0, CHANGED);
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    for (const contact of changed) {
      stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(contact.id), {
        properties: { lastname: `Reconciled ${contact.id}` },
      });
    }
    await settle(stack);
    const thena = stack.thena.platform.org(orgId)!;
    const stale = () =>
      changed.filter(
        (c) => thena.contacts.findByEmail(c.properties.email!)?.lastName !== `Reconciled ${c.id}`,
      );
    expect(stale()).toHaveLength(CHANGED); // no webhook came

    await stack.runtime.queue.enqueue({
      kind: JOB.reconcile,
      payload: { installationId, objectType: 'contacts' },
      serialKey: streamKey(installationId, 'contacts'),
      installationId,
    });
    await settle(stack, 60_000);
    expect(stale()).toEqual([]);
    const [run] = await stack.runtime.store.runs.recent(installationId, 'contacts', 1);
    expect(run).toMatchObject({ trigger: 'schedule', state: 'succeeded', updated: CHANGED, failed: 0 });
  }, 120_000);

  it('moves its cursor to the start of the run it completed, not past it', async () => {
    const checkpoint = await stack.runtime.store.checkpoints.get<{ since: number; runStart?: number }>(
      installationId,
      'reconcile:contacts',
    );
    const [run] = await stack.runtime.store.runs.recent(installationId, 'contacts', 1);
    expect(checkpoint?.runStart).toBeUndefined();
    expect(checkpoint!.since).toBeLessThanOrEqual(run!.startedAt!);
  });
});
