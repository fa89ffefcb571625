// Associations through the SDK: v4 per object and batch, labels, associations on create, the v3
// `associations=` read and the v3 batch API. Contact <-> company only.
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, startTestEmulator, type RecordingClient } from './helpers.ts';
import { assertSchema } from './spec.ts';

const HUBSPOT = AssociationSpecAssociationCategoryEnum.HubspotDefined;
let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

async function pair(api: RecordingClient): Promise<{ contact: string; companyA: string; companyB: string }> {
  const contact = (
    await api.client.crm.contacts.basicApi.create({
      properties: { email: `${Math.random()}@pair.test` },
      associations: [],
    })
  ).id;
  const companyA = (
    await api.client.crm.companies.basicApi.create({ properties: { name: 'A' }, associations: [] })
  ).id;
  const companyB = (
    await api.client.crm.companies.basicApi.create({ properties: { name: 'B' }, associations: [] })
  ).id;
  return { contact, companyA, companyB };
}

describe('v4 per object', () => {
  it('creates labelled and default associations, lists them both ways and removes them', async () => {
    const api = portalClient(emulator);
    const { contact, companyA } = await pair(api);
    const before = await api.client.crm.contacts.basicApi.getById(contact);
    emulator.control.advanceClock(60_000);
    const created = await api.client.crm.associations.v4.basicApi.create(
      'contacts',
      contact,
      'companies',
      companyA,
      [{ associationCategory: HUBSPOT, associationTypeId: 1 }],
    );
    expect(api.last().status).toBe(201);
    assertSchema('crm-associations-v4.json', 'LabelsBetweenObjectPair', api.last().json);
    expect(created).toMatchObject({ fromObjectTypeId: '0-1', toObjectTypeId: '0-2', labels: ['Primary'] });
    const fromContact = await api.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact,
      'companies',
    );
    assertSchema(
      'crm-associations-v4.json',
      'CollectionResponseMultiAssociatedObjectWithLabelForwardPaging',
      api.last().json,
    );
    expect(fromContact.results[0]?.toObjectId).toBe(companyA);
    expect(fromContact.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([1, 279]);
    const fromCompany = await api.client.crm.associations.v4.basicApi.getPage(
      'companies',
      companyA,
      'contacts',
    );
    expect(fromCompany.results[0]?.associationTypes.map((t) => [t.typeId, t.label])).toEqual([
      [2, 'Primary'],
      [280, undefined],
    ]);
    const after = await api.client.crm.contacts.basicApi.getById(contact);
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    await api.client.crm.associations.v4.basicApi.archive('contacts', contact, 'companies', companyA);
    expect(api.last().status).toBe(204);
    expect(
      (await api.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies')).results,
    ).toEqual([]);
    const defaulted = await api.client.crm.associations.v4.basicApi.createDefault(
      'companies',
      companyA,
      'contacts',
      contact,
    );
    assertSchema('crm-associations-v4.json', 'BatchResponsePublicDefaultAssociation', api.last().json);
    expect(defaulted.results.map((r) => r.associationSpec.associationTypeId)).toEqual([280, 279]);
  });

  it('keeps one primary company per contact', async () => {
    const api = portalClient(emulator);
    const { contact, companyA, companyB } = await pair(api);
    await api.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', companyA, [
      { associationCategory: HUBSPOT, associationTypeId: 1 },
    ]);
    await api.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', companyB, [
      { associationCategory: HUBSPOT, associationTypeId: 1 },
    ]);
    const links = await api.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies');
    const byCompany = Object.fromEntries(
      links.results.map((r) => [r.toObjectId, r.associationTypes.map((t) => t.typeId)]),
    );
    expect(byCompany).toEqual({ [companyA]: [279], [companyB]: [1, 279] });
  });

  it('rejects invalid association types and missing records', async () => {
    const api = portalClient(emulator);
    const { contact, companyA } = await pair(api);
    const wrong = await failure(
      api.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', companyA, [
        { associationCategory: HUBSPOT, associationTypeId: 280 },
      ]),
    );
    expect(wrong.code).toBe(400);
    const missing = await failure(
      api.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', '999', [
        { associationCategory: HUBSPOT, associationTypeId: 279 },
      ]),
    );
    expect(missing.code).toBe(404);
  });
});

describe('v4 batch', () => {
  it('reads, creates, defaults and archives in batch', async () => {
    const api = portalClient(emulator);
    const { contact, companyA, companyB } = await pair(api);
    const lonely = (
      await api.client.crm.contacts.basicApi.create({ properties: { firstname: 'Solo' }, associations: [] })
    ).id;
    await api.client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contact },
          to: { id: companyA },
          types: [{ associationCategory: HUBSPOT, associationTypeId: 1 }],
        },
      ],
    });
    expect(api.last().status).toBe(201);
    assertSchema('crm-associations-v4.json', 'BatchResponseLabelsBetweenObjectPair', api.last().json);
    await api.client.crm.associations.v4.batchApi.createDefault('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: companyB } }],
    });
    assertSchema('crm-associations-v4.json', 'BatchResponsePublicDefaultAssociation', api.last().json);
    const read = await api.client.crm.associations.v4.batchApi.getPage('contacts', 'companies', {
      inputs: [{ id: contact }, { id: lonely }],
    });
    expect(api.last().status).toBe(207);
    assertSchema(
      'crm-associations-v4.json',
      'BatchResponsePublicAssociationMultiWithLabelWithErrors',
      api.last().json,
    );
    expect(read.results[0]?._from.id).toBe(contact);
    expect(read.results[0]?.to.map((t) => t.toObjectId).sort()).toEqual([companyA, companyB].sort());
    const error = (
      api.last().json as { errors: Array<{ message: string; context: Record<string, string[]> }> }
    ).errors[0];
    expect(error?.message).toBe(`No company is associated with contact ${lonely}.`);
    expect(error?.context.fromObjectId).toEqual([lonely]);
    await api.client.crm.associations.v4.batchApi.archiveLabels('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contact },
          to: { id: companyA },
          types: [{ associationCategory: HUBSPOT, associationTypeId: 1 }],
        },
      ],
    });
    const demoted = await api.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies');
    expect(
      demoted.results.find((r) => r.toObjectId === companyA)?.associationTypes.map((t) => t.typeId),
    ).toEqual([279]);
    await api.client.crm.associations.v4.batchApi.archive('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: [{ id: companyA }, { id: companyB }] }],
    });
    expect(api.last().status).toBe(204);
    expect(
      (await api.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies')).results,
    ).toEqual([]);
  });

  it('manages custom association labels', async () => {
    const api = portalClient(emulator);
    const { contact, companyA } = await pair(api);
    const labels = await api.client.crm.associations.v4.schema.definitionsApi.getAll('contacts', 'companies');
    expect(labels.results.map((l) => [l.category, l.typeId, l.label])).toEqual([
      ['HUBSPOT_DEFINED', 1, 'Primary'],
      ['HUBSPOT_DEFINED', 279, undefined],
    ]);
    assertSchema(
      'crm-associations-schema-v4.json',
      'CollectionResponseAssociationSpecWithLabelNoPaging',
      api.last().json,
    );
    const created = await api.client.crm.associations.v4.schema.definitionsApi.create(
      'contacts',
      'companies',
      {
        label: 'Billing contact',
        name: 'billing_contact',
        inverseLabel: 'Billed company',
      },
    );
    const typeId = created.results[0]?.typeId as number;
    await api.client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', companyA, [
      { associationCategory: AssociationSpecAssociationCategoryEnum.UserDefined, associationTypeId: typeId },
    ]);
    const fromCompany = await api.client.crm.associations.v4.basicApi.getPage(
      'companies',
      companyA,
      'contacts',
    );
    expect(fromCompany.results[0]?.associationTypes.map((t) => t.label)).toContain('Billed company');
  });
});

describe('associations on create and v3 reads', () => {
  it('associates on create (single and batch) and reads associations=companies on get and list', async () => {
    const api = portalClient(emulator);
    const company = (
      await api.client.crm.companies.basicApi.create({ properties: { name: 'Linked' }, associations: [] })
    ).id;
    const contact = await api.client.crm.contacts.basicApi.create({
      properties: { email: 'linked@example.com' },
      associations: [
        { to: { id: company }, types: [{ associationCategory: HUBSPOT, associationTypeId: 1 }] },
      ],
    });
    const batch = await api.client.crm.contacts.batchApi.create({
      inputs: [
        {
          properties: { email: 'linked2@example.com' },
          associations: [
            { to: { id: company }, types: [{ associationCategory: HUBSPOT, associationTypeId: 279 }] },
          ],
        },
      ],
    });
    const read = await api.client.crm.contacts.basicApi.getById(contact.id, undefined, undefined, [
      'companies',
    ]);
    assertSchema('crm-contacts-v3.json', 'SimplePublicObjectWithAssociations', api.last().json);
    expect(read.associations?.companies?.results).toEqual([
      { id: company, type: 'contact_to_company' },
      { id: company, type: 'contact_to_company_unlabeled' },
    ]);
    const page = await api.client.crm.companies.basicApi.getPage(10, undefined, undefined, undefined, [
      'contacts',
    ]);
    assertSchema(
      'crm-companies-v3.json',
      'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging',
      api.last().json,
    );
    const types = page.results[0]?.associations?.contacts?.results.map((r) => `${r.id}:${r.type}`).sort();
    expect(types).toEqual(
      [
        `${contact.id}:company_to_contact`,
        `${contact.id}:company_to_contact_unlabeled`,
        `${batch.results[0]?.id}:company_to_contact_unlabeled`,
      ].sort(),
    );
    const bad = await failure(
      api.client.crm.contacts.basicApi.create({
        properties: {},
        associations: [
          { to: { id: '1' }, types: [{ associationCategory: HUBSPOT, associationTypeId: 279 }] },
        ],
      }),
    );
    expect(bad.code).toBe(400);
  });

  it('reads seeded associations, with a primary company for most contacts', async () => {
    const api = portalClient(emulator, { seed: { contacts: 50, companies: 10 } });
    const contacts = await api.client.crm.contacts.basicApi.getPage(50, undefined, ['company'], undefined, [
      'companies',
    ]);
    const withCompany = contacts.results.filter((c) => c.associations?.companies);
    expect(withCompany.length).toBeGreaterThan(30);
    for (const contact of withCompany) {
      const primary =
        contact.associations?.companies?.results.filter((r) => r.type === 'contact_to_company') ?? [];
      expect(primary).toHaveLength(1);
      const company = await api.client.crm.companies.basicApi.getById(primary[0]?.id as string, ['name']);
      expect(contact.properties.company).toBe(company.properties.name);
    }
  });

  it('serves the v3 batch associations API', async () => {
    const api = portalClient(emulator);
    const { contact, companyA } = await pair(api);
    await api.client.crm.associations.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: companyA }, type: 'contact_to_company_unlabeled' }],
    });
    const read = await api.client.crm.associations.batchApi.read('contacts', 'companies', {
      inputs: [{ id: contact }],
    });
    expect(read.results[0]?.to).toEqual([{ id: companyA, type: 'contact_to_company_unlabeled' }]);
    const types = await api.client.crm.associations.schema.typesApi.getAll('contacts', 'companies');
    expect(types.results.map((t) => t.name)).toEqual(['contact_to_company', 'contact_to_company_unlabeled']);
    await api.client.crm.associations.batchApi.archive('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: companyA }, type: 'contact_to_company_unlabeled' }],
    });
    expect(
      (await api.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies')).results,
    ).toEqual([]);
  });
});
