// CRM search through the SDK: operators, HubSpot's case rules, query, sort, paging, the
// 10,000-result cap, filter limits, the indexing delay and the reconciliation pattern.
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, startTestEmulator, type RecordingClient } from './helpers.ts';
import { assertSchema } from './spec.ts';

let emulator: HubSpotEmulator;
let api: RecordingClient;
const ids: Record<string, string> = {};

type Filter = {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
  highValue?: string;
};

function request(
  filters: Filter[],
  extra: Partial<PublicObjectSearchRequest> = {},
): PublicObjectSearchRequest {
  return {
    filterGroups: filters.length > 0 ? [{ filters: filters as never }] : [],
    sorts: [],
    properties: ['email', 'firstname', 'lifecyclestage', 'health_score'],
    limit: 100,
    after: '0',
    ...extra,
  };
}

async function names(filters: Filter[]): Promise<string[]> {
  const result = await api.client.crm.contacts.searchApi.doSearch(request(filters));
  return result.results.map((r) => r.properties.firstname ?? '').sort();
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  api = portalClient(emulator, { seed: { contacts: 0, customProperties: true } });
  const people = [
    {
      firstname: 'Alice',
      email: 'alice@hubspot.com',
      lifecyclestage: 'lead',
      health_score: '10',
      jobtitle: 'Chief Data Officer',
    },
    { firstname: 'Bob', email: 'bob@example.com', lifecyclestage: 'customer', health_score: '20' },
    {
      firstname: 'Carol',
      email: 'carol@hubspot.com',
      lifecyclestage: 'customer',
      health_score: '30',
      jobtitle: 'Engineer',
    },
    { firstname: 'Dave', email: 'dave@example.org' },
  ];
  for (const properties of people) {
    const created = await api.client.crm.contacts.basicApi.create({ properties, associations: [] });
    ids[properties.firstname] = created.id;
    emulator.control.advanceClock(1000);
  }
});
afterAll(async () => {
  await emulator.close();
});

describe('operators', () => {
  it('supports all 13 operators', async () => {
    expect(await names([{ propertyName: 'firstname', operator: 'EQ', value: 'alice' }])).toEqual(['Alice']);
    expect(await names([{ propertyName: 'firstname', operator: 'NEQ', value: 'ALICE' }])).toEqual([
      'Bob',
      'Carol',
      'Dave',
    ]);
    expect(await names([{ propertyName: 'health_score', operator: 'LT', value: '20' }])).toEqual(['Alice']);
    expect(await names([{ propertyName: 'health_score', operator: 'LTE', value: '20' }])).toEqual([
      'Alice',
      'Bob',
    ]);
    expect(await names([{ propertyName: 'health_score', operator: 'GT', value: '20' }])).toEqual(['Carol']);
    expect(await names([{ propertyName: 'health_score', operator: 'GTE', value: '20' }])).toEqual([
      'Bob',
      'Carol',
    ]);
    expect(
      await names([{ propertyName: 'health_score', operator: 'BETWEEN', value: '15', highValue: '30' }]),
    ).toEqual(['Bob', 'Carol']);
    expect(
      await names([
        { propertyName: 'email', operator: 'IN', values: ['bob@example.com', 'dave@example.org'] },
      ]),
    ).toEqual(['Bob', 'Dave']);
    expect(
      await names([{ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: ['customer'] }]),
    ).toEqual(['Alice', 'Dave']);
    expect(await names([{ propertyName: 'jobtitle', operator: 'HAS_PROPERTY' }])).toEqual(['Alice', 'Carol']);
    expect(await names([{ propertyName: 'jobtitle', operator: 'NOT_HAS_PROPERTY' }])).toEqual([
      'Bob',
      'Dave',
    ]);
    expect(
      await names([{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@hubspot.com' }]),
    ).toEqual(['Alice', 'Carol']);
    expect(await names([{ propertyName: 'jobtitle', operator: 'CONTAINS_TOKEN', value: 'data' }])).toEqual([
      'Alice',
    ]);
    expect(
      await names([{ propertyName: 'email', operator: 'NOT_CONTAINS_TOKEN', value: '*@hubspot.com' }]),
    ).toEqual(['Bob', 'Dave']);
  });

  it('applies the case rules: strings ignore case, enumerations do not, IN wants lowercase', async () => {
    expect(await names([{ propertyName: 'email', operator: 'EQ', value: 'ALICE@HUBSPOT.COM' }])).toEqual([
      'Alice',
    ]);
    expect(await names([{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'CUSTOMER' }])).toEqual([]);
    expect(await names([{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }])).toEqual([
      'Bob',
      'Carol',
    ]);
    expect(await names([{ propertyName: 'firstname', operator: 'IN', values: ['Alice'] }])).toEqual([]);
    expect(await names([{ propertyName: 'firstname', operator: 'IN', values: ['alice'] }])).toEqual([
      'Alice',
    ]);
  });

  it('ORs groups and ANDs filters inside a group, and filters dates by epoch milliseconds', async () => {
    const result = await api.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      filterGroups: [
        {
          filters: [
            { propertyName: 'lifecyclestage', operator: 'EQ' as never, value: 'customer' },
            { propertyName: 'health_score', operator: 'GT' as never, value: '25' },
          ],
        },
        { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: 'dave' }] },
      ],
    });
    expect(result.results.map((r) => r.properties.firstname).sort()).toEqual(['Carol', 'Dave']);
    const carol = await api.client.crm.contacts.basicApi.getById(ids.Carol as string);
    const since = String(carol.createdAt.getTime());
    expect(await names([{ propertyName: 'createdate', operator: 'GTE', value: since }])).toEqual([
      'Carol',
      'Dave',
    ]);
  });

  it('searches free text in the default searchable properties', async () => {
    const result = await api.client.crm.contacts.searchApi.doSearch({ ...request([]), query: 'caro' });
    expect(result.results.map((r) => r.properties.firstname)).toEqual(['Carol']);
  });

  it('rejects unknown properties and operators', async () => {
    const unknown = await failure(
      api.client.crm.contacts.searchApi.doSearch(
        request([{ propertyName: 'nope', operator: 'EQ', value: 'x' }]),
      ),
    );
    expect(unknown.code).toBe(400);
    expect(unknown.body.category).toBe('VALIDATION_ERROR');
    const operator = await failure(
      api.client.crm.contacts.searchApi.doSearch(
        request([{ propertyName: 'email', operator: 'LIKE', value: 'x' }]),
      ),
    );
    expect(operator.code).toBe(400);
  });
});

describe('results', () => {
  it('sorts by one property, with string or object sorts', async () => {
    const desc = await api.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      sorts: ['-health_score'],
    });
    expect(desc.results.map((r) => r.properties.firstname)).toEqual(['Carol', 'Bob', 'Alice', 'Dave']);
    const asc = await api.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' } as never],
    });
    expect(asc.results.map((r) => r.properties.firstname)).toEqual(['Dave', 'Carol', 'Bob', 'Alice']);
  });

  it('pages with an integer after and reports the total, with no rate-limit headers', async () => {
    const first = await api.client.crm.contacts.searchApi.doSearch({ ...request([]), limit: 3 });
    assertSchema('crm-contacts-v3.json', 'CollectionResponseWithTotalSimplePublicObject', api.last().json);
    expect(
      Object.keys(api.last().headers).filter((h) => h.toLowerCase().startsWith('x-hubspot-ratelimit')),
    ).toEqual([]);
    expect(first.total).toBe(4);
    expect(first.paging?.next?.after).toBe('3');
    const second = await api.client.crm.contacts.searchApi.doSearch({ ...request([]), limit: 3, after: '3' });
    expect(second.results).toHaveLength(1);
    expect(second.paging).toBeUndefined();
    const defaults = await api.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      properties: [],
      limit: 1,
    });
    expect(Object.keys(defaults.results[0]?.properties ?? {}).sort()).toEqual(
      ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate'].sort(),
    );
  });

  it('enforces limit <= 200 and the filter group limits', async () => {
    expect(
      (await failure(api.client.crm.contacts.searchApi.doSearch({ ...request([]), limit: 201 }))).code,
    ).toBe(400);
    const filter = { propertyName: 'email', operator: 'HAS_PROPERTY' as never };
    const groups = (n: number, per: number) =>
      Array.from({ length: n }, () => ({ filters: Array.from({ length: per }, () => filter) }));
    expect(
      (
        await failure(
          api.client.crm.contacts.searchApi.doSearch({ ...request([]), filterGroups: groups(6, 1) }),
        )
      ).code,
    ).toBe(400);
    expect(
      (
        await failure(
          api.client.crm.contacts.searchApi.doSearch({ ...request([]), filterGroups: groups(1, 7) }),
        )
      ).code,
    ).toBe(400);
    expect(
      (
        await failure(
          api.client.crm.contacts.searchApi.doSearch({ ...request([]), filterGroups: groups(4, 5) }),
        )
      ).code,
    ).toBe(400);
    const ok = await api.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      filterGroups: groups(3, 6),
    });
    expect(ok.total).toBe(4);
  });
});

describe('at scale', () => {
  it('stops paging at 10,000 results with a 400', async () => {
    const big = portalClient(emulator, { seed: { contacts: 10_050 } });
    const page = await big.client.crm.contacts.searchApi.doSearch({
      ...request([]),
      limit: 200,
      after: '9900',
    });
    expect(page.total).toBe(10_050);
    expect(page.results).toHaveLength(100);
    expect(page.paging?.next?.after).toBe('10000');
    const beyond = await failure(
      big.client.crm.contacts.searchApi.doSearch({ ...request([]), limit: 200, after: '10000' }),
    );
    expect(beyond.code).toBe(400);
    expect(beyond.body.category).toBe('VALIDATION_ERROR');
  });

  it('finds recently modified records in hs_object_id windows over 200,000 seeded contacts', async () => {
    const big = portalClient(emulator, { seed: { contacts: 200_000 } });
    const since = emulator.control.clock().now;
    emulator.control.advanceClock(1000);
    const touched = ['150', '100150', '199000'];
    for (const id of touched)
      await big.client.crm.contacts.basicApi.update(id, { properties: { jobtitle: 'Touched' } });
    const found: string[] = [];
    for (let low = 0; low < 210_000; low += 50_000) {
      const result = await big.client.crm.contacts.searchApi.doSearch({
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'GTE' as never, value: String(since) },
              { propertyName: 'hs_object_id', operator: 'GTE' as never, value: String(low) },
              { propertyName: 'hs_object_id', operator: 'LT' as never, value: String(low + 50_000) },
            ],
          },
        ],
        sorts: ['hs_object_id'],
        properties: ['jobtitle'],
        limit: 200,
        after: '0',
      });
      found.push(...result.results.map((r) => r.id));
    }
    expect(found).toEqual(touched);
  });

  it('makes records searchable only after the indexing delay', async () => {
    emulator.control.updateSettings({ search: { indexDelayMs: 5000 } });
    try {
      const created = await api.client.crm.contacts.basicApi.create({
        properties: { firstname: 'Eve', email: 'eve@late.test' },
        associations: [],
      });
      expect(await names([{ propertyName: 'firstname', operator: 'EQ', value: 'eve' }])).toEqual([]);
      await api.client.crm.contacts.basicApi.update(created.id, { properties: { firstname: 'Eva' } });
      emulator.control.advanceClock(5001);
      expect(await names([{ propertyName: 'firstname', operator: 'EQ', value: 'eva' }])).toEqual(['Eva']);
    } finally {
      emulator.control.updateSettings({ search: { indexDelayMs: 0 } });
    }
  });

  it('searches by association', async () => {
    const portal = portalClient(emulator, { seed: { contacts: 30, companies: 3 } });
    const company = (await portal.client.crm.companies.basicApi.getPage(1)).results[0]?.id as string;
    const result = await portal.client.crm.contacts.searchApi.doSearch({
      ...request([{ propertyName: 'associations.company', operator: 'EQ', value: company }]),
      properties: [],
    });
    const linked = await portal.client.crm.associations.v4.basicApi.getPage('companies', company, 'contacts');
    expect(result.results.map((r) => r.id).sort()).toEqual(linked.results.map((r) => r.toObjectId).sort());
    expect(result.total).toBeGreaterThan(0);
  });
});
