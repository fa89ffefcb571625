// Real-time HubSpot -> Thena through webhooks: creations, changes, associations, merges and
// deletions, delivered duplicated and out of order, each landing once in Thena with no echo back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, waitFor, writeCounts } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

describe('real-time sync from HubSpot webhooks', () => {
  let stack: Stack;
  let orgId: string;
  let installationId: string;

  const thenaOrg = () => stack.thena.platform.org(orgId)!;
  const thenaContact = (email: string) => thenaOrg().contacts.findByEmail(email);
  const link = async (objectType: 'contacts' | 'companies', hubspotId: string) =>
    (await stack.runtime.store.links.byHubSpotIds(installationId, objectType, [hubspotId])).get(hubspotId);

  beforeAll(async () => {
    stack = await startStack({ seed: { contacts: 30, companies: 8 } });
    const installed = await stack.install();
    orgId = installed.orgId;
    installationId = installed.installation.id;
    await settle(stack);
  }, 60_000);
  afterAll(async () => stack?.close());

  it('creates in Thena a contact created in HubSpot, with one write and no echo', async () => {
    const before = writeCounts(stack);
    const created = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'ada@lovelace.io', firstname: 'Ada', lastname: 'Lovelace' },
    });
    await settle(stack);
    const contact = thenaContact('ada@lovelace.io');
    expect(contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect((await link('contacts', String(created.id)))?.thenaId).toBe(contact?.id);
    const after = writeCounts(stack);
    expect(after.thena - before.thena).toBe(1);
    expect(after.hubspot - before.hubspot).toBe(0);
  });

  it('applies the latest value when changes arrive duplicated and out of order', async () => {
    stack.hubspot.control.updateSettings({
      webhooks: { faults: { duplicateProbability: 1, shuffleProbability: 1 } },
    });
    const contactsBefore = thenaOrg().contacts.size;
    const created = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'grace@hopper.io', firstname: 'Grace', lastname: 'H' },
    });
    const id = Number(created.id);
    for (const lastname of ['Ho', 'Hop', 'Hopp', 'Hopper']) {
      stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', id, { properties: { lastname } });
    }
    await settle(stack);
    stack.hubspot.control.updateSettings({
      webhooks: { faults: { duplicateProbability: 0, shuffleProbability: 0 } },
    });
    expect(thenaContact('grace@hopper.io')?.lastName).toBe('Hopper');
    expect(thenaOrg().contacts.size).toBe(contactsBefore + 1);
  });

  it('carries a new company association to the contact’s accounts', async () => {
    const contact = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'linus@kernel.org', firstname: 'Linus' },
    });
    const company = stack.hubspot.control.uiCreate(stack.portalId, 'companies', {
      properties: { name: 'Kernel', domain: 'kernel.org' },
    });
    await settle(stack);
    stack.hubspot.control.uiAssociate(stack.portalId, Number(contact.id), Number(company.id), {
      primary: true,
    });
    await settle(stack);
    const account = thenaOrg().accounts.findByPrimaryDomain('kernel.org');
    expect(account).toBeDefined();
    expect(thenaContact('linus@kernel.org')?.accountIds).toEqual([account!.id]);
  });

  it('links a contact to a company created at the same moment, whichever stream runs first', async () => {
    const contact = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'ken@unix.org', firstname: 'Ken' },
    });
    const company = stack.hubspot.control.uiCreate(stack.portalId, 'companies', {
      properties: { name: 'Unix', domain: 'unix.org' },
    });
    stack.hubspot.control.uiAssociate(stack.portalId, Number(contact.id), Number(company.id), {
      primary: true,
    });
    await settle(stack);
    const account = thenaOrg().accounts.findByPrimaryDomain('unix.org');
    expect(thenaContact('ken@unix.org')?.accountIds).toEqual([account!.id]);
  });

  it('keeps the Thena record when HubSpot deletes one (the default), and marks the link', async () => {
    const created = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'temp@deleted.io', firstname: 'Temp' },
    });
    await settle(stack);
    stack.hubspot.control.uiArchive(stack.portalId, 'contacts', Number(created.id));
    await settle(stack);
    expect(thenaContact('temp@deleted.io')).toBeDefined();
    expect((await link('contacts', String(created.id)))?.hubspotDeletedAt).not.toBeNull();
    const [entry] = await stack.runtime.store.audit.list(installationId, { limit: 1 });
    expect(entry).toMatchObject({ action: 'delete', status: 'SKIPPED', hubspotId: String(created.id) });
  });

  it('reports two synced contacts merged in HubSpot instead of merging them in Thena', async () => {
    const a = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'twin-a@merge.io', firstname: 'A' },
    });
    const b = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'twin-b@merge.io', firstname: 'B' },
    });
    await settle(stack);
    const contactsBefore = thenaOrg().contacts.size;
    stack.hubspot.control.uiMerge(stack.portalId, 'contacts', Number(a.id), Number(b.id));
    await settle(stack);
    expect(thenaOrg().contacts.size).toBe(contactsBefore);
    const failed = await stack.runtime.store.audit.list(installationId, { status: 'FAILED', limit: 5 });
    expect(failed[0]).toMatchObject({
      action: 'merge',
      errorCode: 'duplicate_after_merge',
      hubspotId: String(a.id),
    });
    expect((await link('contacts', String(a.id)))?.hubspotDeletedAt).toBeNull();
    expect((await link('contacts', String(b.id)))?.hubspotDeletedAt).not.toBeNull();
  });

  it('re-keys the link when the absorbed record was the only one synced', async () => {
    const synced = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'keep@merge.io', firstname: 'Keep' },
    });
    await settle(stack);
    // A contact HubSpot knows but the sync never saw (its webhooks were lost).
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    const unseen = stack.hubspot.control.uiCreate(stack.portalId, 'contacts', {
      properties: { email: 'unseen@merge.io', firstname: 'Unseen' },
    });
    await settle(stack);
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 0 } } });
    const thenaId = (await link('contacts', String(synced.id)))!.thenaId;
    const contactsBefore = thenaOrg().contacts.size;
    stack.hubspot.control.uiMerge(stack.portalId, 'contacts', Number(unseen.id), Number(synced.id));
    await settle(stack);
    await waitFor(
      async () => (await link('contacts', String(unseen.id)))?.thenaId === thenaId,
      5_000,
      're-keyed link',
    );
    // The survivor's values (its email among them) land on the one Thena contact: no duplicate.
    expect(thenaContact('unseen@merge.io')?.id).toBe(thenaId);
    expect(thenaOrg().contacts.size).toBe(contactsBefore);
  });
});
