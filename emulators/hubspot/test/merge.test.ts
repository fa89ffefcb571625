// Merges and GDPR deletion through the SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, startTestEmulator } from './helpers.ts';
import { assertSchema } from './spec.ts';

let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('merge', () => {
  it('merges two contacts: the primary keeps its values and id, gains the other email and links', async () => {
    const api = portalClient(emulator);
    const company = await api.client.crm.companies.basicApi.create({
      properties: { name: 'Linked Co' },
      associations: [],
    });
    const primary = await api.client.crm.contacts.basicApi.create({
      properties: { email: 'keep@merge.test', firstname: 'Keep' },
      associations: [],
    });
    const other = await api.client.crm.contacts.basicApi.create({
      properties: { email: 'gone@merge.test', firstname: 'Gone', jobtitle: 'CFO' },
      associations: [
        {
          to: { id: company.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 }],
        },
      ],
    });
    const merged = await api.client.crm.contacts.basicApi.merge({
      primaryObjectId: primary.id,
      objectIdToMerge: other.id,
    });
    assertSchema('crm-contacts-v3.json', 'SimplePublicObject', api.last().json);
    expect(merged.id).toBe(primary.id);
    const read = await api.client.crm.contacts.basicApi.getById(
      primary.id,
      ['email', 'firstname', 'jobtitle', 'hs_additional_emails', 'hs_merged_object_ids'],
      undefined,
      ['companies'],
    );
    expect(read.properties).toMatchObject({
      email: 'keep@merge.test',
      firstname: 'Keep',
      jobtitle: 'CFO',
      hs_additional_emails: 'gone@merge.test',
      hs_merged_object_ids: other.id,
    });
    expect(read.associations?.companies?.results.map((r) => r.type)).toEqual([
      'contact_to_company',
      'contact_to_company_unlabeled',
    ]);
    const all = await api.client.crm.contacts.getAll();
    expect(all.map((c) => c.id)).toEqual([primary.id]);
    const conflict = await failure(
      api.client.crm.contacts.basicApi.create({ properties: { email: 'gone@merge.test' }, associations: [] }),
    );
    expect(conflict.body.message).toBe(`Contact already exists. Existing ID: ${primary.id}`);
    const self = await failure(
      api.client.crm.contacts.basicApi.merge({ primaryObjectId: primary.id, objectIdToMerge: primary.id }),
    );
    expect(self.code).toBe(400);
  });

  it('merges companies, moving the other domain and contacts', async () => {
    const api = portalClient(emulator, { seed: { contacts: 20, companies: 4 } });
    const [first, second] = (await api.client.crm.companies.basicApi.getPage(2, undefined, ['domain']))
      .results;
    if (!first || !second) throw new Error('seed missing');
    const before = await api.client.crm.associations.v4.basicApi.getPage('companies', second.id, 'contacts');
    const merged = await api.client.crm.companies.basicApi.merge({
      primaryObjectId: first.id,
      objectIdToMerge: second.id,
    });
    expect(merged.id).toBe(first.id);
    const read = await api.client.crm.companies.basicApi.getById(first.id, [
      'hs_additional_domains',
      'hs_merged_object_ids',
    ]);
    expect(read.properties.hs_additional_domains).toBe(second.properties.domain);
    expect(read.properties.hs_merged_object_ids).toBe(second.id);
    const after = await api.client.crm.associations.v4.basicApi.getPage('companies', first.id, 'contacts');
    const moved = new Set(after.results.map((r) => r.toObjectId));
    expect(before.results.every((r) => moved.has(r.toObjectId))).toBe(true);
  });
});

describe('GDPR delete', () => {
  it('purges a contact for good (unlike archive)', async () => {
    const api = portalClient(emulator);
    const contact = await api.client.crm.contacts.basicApi.create({
      properties: { email: 'forget@me.test' },
      associations: [],
    });
    await api.client.crm.contacts.basicApi.purge({ objectId: 'forget@me.test', idProperty: 'email' });
    expect(api.last().status).toBe(204);
    expect(
      (
        await failure(
          api.client.crm.contacts.basicApi.getById(contact.id, undefined, undefined, undefined, true),
        )
      ).code,
    ).toBe(404);
    await api.client.crm.contacts.basicApi.purge({ objectId: 'never@seen.test', idProperty: 'email' });
    expect(api.last().status).toBe(204);
    expect((await failure(api.client.crm.contacts.basicApi.purge({ objectId: '424242' }))).code).toBe(404);
  });
});
