// Thena -> HubSpot and two-way safety: one edit on either side makes exactly one write on the
// other and the system goes quiet; concurrent edits are settled by the field's policy; a blank
// never wipes a value; accounts become associations; HubSpot's refusals fail alone.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictPolicy, SyncSettings } from '../../src/sync/settings.ts';
import { defaultSettings } from '../../src/sync/settings.ts';
import { settle, writeCounts } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two-way sync', () => {
  let stack: Stack;
  let orgId: string;
  let installationId: string;
  let hubspot: Client;

  const thena = () => stack.thena.asUser(orgId);
  const org = () => stack.thena.platform.org(orgId)!;
  const hubspotContact = async (email: string) =>
    (
      await hubspot.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: email }] }],
        properties: ['email', 'firstname', 'lastname', 'phone'],
        limit: 2,
        after: '0',
        sorts: [],
      })
    ).results;

  async function setPolicy(policy: ConflictPolicy, blankOverwrites = false): Promise<void> {
    const settings: SyncSettings = {
      ...defaultSettings('contacts'),
      conflictPolicy: policy,
      blankOverwrites,
    };
    await stack.runtime.store.configs.save(installationId, 'contacts', { enabled: true, settings });
  }

  /** Makes both edits while the worker is stopped, so the sync sees them together. */
  async function together(hubspotEdit: () => void, thenaEdit: () => void): Promise<void> {
    await stack.worker.stop();
    hubspotEdit();
    await sleep(30);
    thenaEdit();
    await stack.hubspot.control.drainWebhooks(false);
    await stack.thena.waitForDeliveries(10_000);
    stack.worker.start();
    await settle(stack);
  }

  beforeAll(async () => {
    stack = await startStack({
      seed: { contacts: 10, companies: 3 },
      hubspot: { search: { indexDelayMs: 0 } },
    });
    hubspot = new Client({ accessToken: stack.hubspotToken, basePath: stack.hubspot.url });
    const installed = await stack.install();
    orgId = installed.orgId;
    installationId = installed.installation.id;
    await settle(stack);
  }, 60_000);
  afterAll(async () => stack?.close());

  it('creates in HubSpot a contact created in Thena, once, and goes quiet', async () => {
    const before = writeCounts(stack);
    thena().createContact({ firstName: 'Katherine', lastName: 'Johnson', email: 'katherine@nasa.gov' });
    await settle(stack);
    const [created] = await hubspotContact('katherine@nasa.gov');
    expect(created?.properties).toMatchObject({ firstname: 'Katherine', lastname: 'Johnson' });
    const after = writeCounts(stack);
    expect(after.hubspot - before.hubspot).toBe(1);
    expect(after.thena - before.thena).toBe(0);
    await settle(stack);
    expect(writeCounts(stack)).toEqual(after);
  });

  it('updates HubSpot with one write for one edit in Thena, with no echo', async () => {
    const contact = org().contacts.findByEmail('katherine@nasa.gov')!;
    const before = writeCounts(stack);
    thena().updateContact(contact.id, { lastName: 'Goble Johnson' });
    await settle(stack);
    expect((await hubspotContact('katherine@nasa.gov'))[0]?.properties.lastname).toBe('Goble Johnson');
    const after = writeCounts(stack);
    expect(after).toEqual({ hubspot: before.hubspot + 1, thena: before.thena });
  });

  it('converges without loops under rapid alternating edits', async () => {
    const [hs] = await hubspotContact('katherine@nasa.gov');
    const contact = org().contacts.findByEmail('katherine@nasa.gov')!;
    const before = writeCounts(stack);
    for (let round = 1; round <= 4; round++) {
      stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(hs!.id), {
        properties: { lastname: `H${round}` },
      });
      await sleep(15);
      thena().updateContact(contact.id, { lastName: `T${round}` });
      await sleep(15);
    }
    await settle(stack);
    const hubspotValue = (await hubspotContact('katherine@nasa.gov'))[0]?.properties.lastname;
    expect(org().contacts.findByEmail('katherine@nasa.gov')?.lastName).toBe(hubspotValue);
    const after = writeCounts(stack);
    expect(after.hubspot - before.hubspot + (after.thena - before.thena)).toBeLessThanOrEqual(8);
    await sleep(300);
    await settle(stack);
    expect(writeCounts(stack)).toEqual(after);
  });

  it.each([
    ['hubspot_wins', 'from HubSpot'],
    ['thena_wins', 'from Thena'],
    ['most_recent', 'from Thena'],
  ] as const)('settles a field changed on both sides with %s', async (policy, expected) => {
    await setPolicy(policy);
    const [hs] = await hubspotContact('katherine@nasa.gov');
    const contact = org().contacts.findByEmail('katherine@nasa.gov')!;
    await together(
      () =>
        stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(hs!.id), {
          properties: { lastname: 'from HubSpot' },
        }),
      () => thena().updateContact(contact.id, { lastName: 'from Thena' }),
    );
    expect(org().contacts.findByEmail('katherine@nasa.gov')?.lastName).toBe(expected);
    expect((await hubspotContact('katherine@nasa.gov'))[0]?.properties.lastname).toBe(expected);
    const conflicts = await stack.runtime.store.audit.list(installationId, { limit: 20 });
    const entry = conflicts.find((e) => e.action === 'conflict');
    expect(entry?.details).toMatchObject({
      field: 'lastname',
      hubspot: 'from HubSpot',
      thena: 'from Thena',
      policy,
    });
    // Reset to a common value for the next case.
    thena().updateContact(contact.id, { lastName: 'Johnson' });
    await settle(stack);
  });

  it('never lets a blank wipe a value, unless the settings allow it', async () => {
    await setPolicy('hubspot_wins');
    const [hs] = await hubspotContact('katherine@nasa.gov');
    stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(hs!.id), {
      properties: { lastname: '' },
    });
    await settle(stack);
    expect(org().contacts.findByEmail('katherine@nasa.gov')?.lastName).toBe('Johnson');
    expect((await hubspotContact('katherine@nasa.gov'))[0]?.properties.lastname).toBe('Johnson');

    await setPolicy('hubspot_wins', true);
    stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(hs!.id), {
      properties: { lastname: '' },
    });
    await settle(stack);
    expect(org().contacts.findByEmail('katherine@nasa.gov')?.lastName ?? null).toBeNull();
    await setPolicy('hubspot_wins');
  });

  it('turns a Thena account and its contacts into a HubSpot company with associations', async () => {
    const account = thena().createAccount({ name: 'Orbital', primaryDomain: 'orbital.space' }) as {
      id: string;
    };
    await settle(stack);
    const companies = await hubspot.crm.companies.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'domain', operator: 'EQ' as never, value: 'orbital.space' }] },
      ],
      properties: ['name', 'domain'],
      limit: 5,
      after: '0',
      sorts: [],
    });
    expect(companies.results.map((c) => c.properties.name)).toEqual(['Orbital']);
    thena().createContact({ firstName: 'Mae', email: 'mae@orbital.space', accountIds: [account.id] });
    await settle(stack);
    const [contact] = await hubspotContact('mae@orbital.space');
    const associations = await hubspot.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact!.id,
      'companies',
    );
    expect(associations.results.map((a) => String(a.toObjectId))).toEqual([companies.results[0]!.id]);
  });

  it('fails alone a record HubSpot refuses, with HubSpot’s message', async () => {
    thena().createContact({ firstName: 'Bad', email: 'bad@mail.x' });
    thena().createContact({ firstName: 'Good', email: 'good@mail.example' });
    await settle(stack);
    expect(await hubspotContact('good@mail.example')).toHaveLength(1);
    const failed = await stack.runtime.store.audit.list(installationId, { status: 'FAILED', limit: 5 });
    const bad = failed.find((e) => e.thenaId === org().contacts.findByEmail('bad@mail.x')?.id);
    expect(bad).toMatchObject({ direction: 'thena_to_hubspot', action: 'create' });
    expect(bad?.message).toMatch(/email/i);
  });

  it('handles Thena events delivered twice and out of order', async () => {
    stack.thena.config.delivery = { ...stack.thena.config.delivery, duplicateProbability: 1, reorder: true };
    const contact = org().contacts.findByEmail('katherine@nasa.gov')!;
    const before = writeCounts(stack);
    for (const lastName of ['J1', 'J2', 'J3']) thena().updateContact(contact.id, { lastName });
    await settle(stack);
    stack.thena.config.delivery = { ...stack.thena.config.delivery, duplicateProbability: 0, reorder: false };
    expect((await hubspotContact('katherine@nasa.gov'))[0]?.properties.lastname).toBe('J3');
    expect(writeCounts(stack).hubspot - before.hubspot).toBeLessThanOrEqual(3);
  });
});
