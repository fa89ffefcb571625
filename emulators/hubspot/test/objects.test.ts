// CRM objects through the official SDK: list, get, create, update, archive, and record semantics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, sdk, startTestEmulator } from './helpers.ts';
import { assertSchema } from './spec.ts';

let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('list', () => {
  it('pages through seeded contacts in id order with an opaque cursor', async () => {
    const { client, last } = portalClient(emulator, { seed: { contacts: 25, companies: 5 } });
    const first = await client.crm.contacts.basicApi.getPage(10);
    assertSchema(
      'crm-contacts-v3.json',
      'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging',
      last().json,
    );
    expect(first.results).toHaveLength(10);
    const ids = first.results.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const after = first.paging?.next?.after as string;
    expect(after).not.toMatch(/^\d+$/);
    expect(first.paging?.next?.link).toContain(`after=${after}`);
    const all = await client.crm.contacts.getAll(100);
    expect(all).toHaveLength(25);
    expect(new Set(all.map((c) => c.properties.email)).size).toBe(25);
    const second = await client.crm.contacts.basicApi.getPage(10, after);
    expect(Number(second.results[0]?.id)).toBeGreaterThan(ids.at(-1) as number);
  });

  it('returns the default properties plus identity ones, and only requested ones when asked', async () => {
    const { client, last } = portalClient(emulator, { seed: { contacts: 3, companies: 1 } });
    await client.crm.contacts.basicApi.getPage(1);
    const defaults = Object.keys(
      (last().json as { results: Array<{ properties: object }> }).results[0]?.properties ?? {},
    );
    expect(defaults).toEqual(
      expect.arrayContaining([
        'createdate',
        'email',
        'firstname',
        'hs_object_id',
        'lastmodifieddate',
        'lastname',
      ]),
    );
    await client.crm.contacts.basicApi.getPage(1, undefined, ['jobtitle', 'city']);
    const picked =
      (last().json as { results: Array<{ properties: Record<string, string> }> }).results[0]?.properties ??
      {};
    expect(
      Object.keys(picked).every((k) =>
        ['createdate', 'hs_object_id', 'lastmodifieddate', 'jobtitle', 'city'].includes(k),
      ),
    ).toBe(true);
    expect(picked.email).toBeUndefined();
    const companies = await client.crm.companies.basicApi.getPage(1);
    expect(Object.keys(companies.results[0]?.properties ?? {})).toEqual(
      expect.arrayContaining(['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name']),
    );
  });

  it('accepts comma-joined and repeated array parameters and caps the page at 100', async () => {
    const { token, portalId } = portalClient(emulator, { seed: { contacts: 120, companies: 2 } });
    const url = `${emulator.url}/crm/v3/objects/contacts?limit=500&properties=email,jobtitle&properties=city`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { results: Array<{ properties: Record<string, string> }> };
    expect(body.results).toHaveLength(100);
    expect(
      body.results.some((r) => r.properties.jobtitle !== undefined && r.properties.city !== undefined),
    ).toBe(true);
    expect(portalId).toBeGreaterThan(0);
  });

  it('lists archived records only with archived=true', async () => {
    const { client } = portalClient(emulator, { seed: { contacts: 5 } });
    const page = await client.crm.contacts.basicApi.getPage(5);
    const victim = page.results[2]?.id as string;
    await client.crm.contacts.basicApi.archive(victim);
    const live = await client.crm.contacts.getAll();
    expect(live.map((c) => c.id)).not.toContain(victim);
    const archived = await client.crm.contacts.basicApi.getPage(
      10,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((c) => c.id)).toEqual([victim]);
    expect(archived.results[0]?.archived).toBe(true);
    expect(archived.results[0]?.archivedAt).toBeInstanceOf(Date);
  });
});

describe('get, create, update, archive', () => {
  it('creates (201), reads, updates and archives (204) a contact', async () => {
    const { client, last } = portalClient(emulator);
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'Ada.Lovelace@Example.com', firstname: 'Ada', lastname: 'Lovelace' },
      associations: [],
    });
    expect(last().status).toBe(201);
    expect(last().headers['content-type']).toMatch(/^application\/json/);
    assertSchema('crm-contacts-v3.json', 'SimplePublicObject', last().json);
    expect(created.properties.email).toBe('ada.lovelace@example.com');
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());
    const fetched = await client.crm.contacts.basicApi.getById(created.id, ['email', 'hs_lastmodifieddate']);
    assertSchema('crm-contacts-v3.json', 'SimplePublicObjectWithAssociations', last().json);
    expect(fetched.properties.hs_lastmodifieddate).toBe(fetched.properties.lastmodifieddate);
    emulator.control.advanceClock(5000);
    const updated = await client.crm.contacts.basicApi.update(created.id, {
      properties: { jobtitle: 'Analyst', lastname: '' },
    });
    assertSchema('crm-contacts-v3.json', 'SimplePublicObject', last().json);
    expect(updated.properties.jobtitle).toBe('Analyst');
    expect(updated.properties.lastname).toBeUndefined();
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(updated.properties.lastmodifieddate).toBe(updated.updatedAt.toISOString());
    await client.crm.contacts.basicApi.archive(created.id);
    expect(last().status).toBe(204);
    const missing = await failure(client.crm.contacts.basicApi.getById(created.id));
    expect(missing.code).toBe(404);
    expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
    assertSchema('crm-contacts-v3.json', 'Error', missing.body);
    const archived = await client.crm.contacts.basicApi.getById(
      created.id,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.archived).toBe(true);
  });

  it('finds and updates by idProperty=email', async () => {
    const { client } = portalClient(emulator);
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'grace@example.com' },
      associations: [],
    });
    const byEmail = await client.crm.contacts.basicApi.getById(
      'GRACE@example.com',
      ['email'],
      undefined,
      undefined,
      false,
      'email',
    );
    expect(byEmail.id).toBe(created.id);
    const updated = await client.crm.contacts.basicApi.update(
      'grace@example.com',
      { properties: { firstname: 'Grace' } },
      'email',
    );
    expect(updated.properties.firstname).toBe('Grace');
    const notUnique = await failure(
      client.crm.contacts.basicApi.getById('Grace', undefined, undefined, undefined, false, 'firstname'),
    );
    expect(notUnique.code).toBe(400);
  });

  it('serves companies and the generic objects API under names and type ids', async () => {
    const { client, last } = portalClient(emulator);
    const company = await client.crm.companies.basicApi.create({
      properties: { name: 'Acme', domain: 'acme.test' },
      associations: [],
    });
    assertSchema('crm-companies-v3.json', 'SimplePublicObject', last().json);
    expect(company.properties.hs_lastmodifieddate).toBeDefined();
    const generic = await client.crm.objects.basicApi.getById('0-2', company.id, ['domain']);
    assertSchema('crm-objects-v3.json', 'SimplePublicObjectWithAssociations', last().json);
    expect(generic.properties.domain).toBe('acme.test');
    const contact = await client.crm.objects.basicApi.create('0-1', {
      properties: { email: 'o@example.com' },
      associations: [],
    });
    expect((await client.crm.objects.basicApi.getById('contact', contact.id)).id).toBe(contact.id);
    const unknown = await failure(client.crm.objects.basicApi.getPage('widgets'));
    expect(unknown.code).toBe(400);
    expect(unknown.body.message).toBe('Unable to infer object type from: widgets');
  });

  it('keeps ids numeric strings that increase, separate per object type', async () => {
    const { client } = portalClient(emulator);
    const a = await client.crm.contacts.basicApi.create({ properties: { firstname: 'A' }, associations: [] });
    const b = await client.crm.contacts.basicApi.create({ properties: { firstname: 'B' }, associations: [] });
    expect(a.id).toMatch(/^\d+$/);
    expect(Number(b.id)).toBeGreaterThan(Number(a.id));
    expect(await failure(client.crm.companies.basicApi.getById(a.id))).toMatchObject({ code: 404 });
  });
});

describe('validation', () => {
  it('rejects duplicate emails with 409 and the existing id', async () => {
    const { client } = portalClient(emulator, { seed: { contacts: 3 } });
    const seeded = (await client.crm.contacts.basicApi.getPage(1, undefined, ['email'])).results[0];
    const conflict = await failure(
      client.crm.contacts.basicApi.create({
        properties: { email: (seeded?.properties.email ?? '').toUpperCase() },
        associations: [],
      }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body.category).toBe('CONFLICT');
    expect(conflict.body.message).toBe(`Contact already exists. Existing ID: ${seeded?.id}`);
    expect(conflict.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers HubSpot property errors for unknown, read-only and badly typed values', async () => {
    const { client, last } = portalClient(emulator, { seed: { contacts: 1, customProperties: true } });
    const bad = await failure(
      client.crm.contacts.basicApi.create({
        properties: {
          email: 'not-an-email',
          nope: 'x',
          hs_object_id: '5',
          health_score: 'ten',
          is_vip: 'maybe',
          customer_tier: 'diamond',
          renewal_date: '1430438400001',
          last_review_at: 'yesterday',
        },
        associations: [],
      }),
    );
    expect(bad.code).toBe(400);
    expect(bad.body.category).toBe('VALIDATION_ERROR');
    assertSchema('crm-contacts-v3.json', 'Error', last().json);
    const message = bad.body.message as string;
    expect(message.startsWith('Property values were not valid: ')).toBe(true);
    const items = JSON.parse(message.slice('Property values were not valid: '.length)) as Array<{
      name: string;
      error: string;
      isValid: boolean;
    }>;
    const byName = Object.fromEntries(items.map((i) => [i.name, i.error]));
    expect(byName).toEqual({
      email: 'INVALID_EMAIL',
      nope: 'PROPERTY_DOESNT_EXIST',
      hs_object_id: 'READ_ONLY_VALUE',
      health_score: 'INVALID_INTEGER',
      is_vip: 'INVALID_OPTION',
      customer_tier: 'INVALID_OPTION',
      renewal_date: 'INVALID_DATE',
      last_review_at: 'INVALID_DATE',
    });
    expect(items.every((i) => !i.isValid)).toBe(true);
  });

  it('normalises dates, datetimes, booleans, numbers and multi-checkbox values', async () => {
    const { client } = portalClient(emulator, { seed: { contacts: 1, customProperties: true } });
    const created = await client.crm.contacts.basicApi.create({
      properties: {
        renewal_date: '1430438400000',
        last_review_at: '1430438400123',
        is_vip: 'TRUE',
        health_score: '42.5',
        product_interests: 'billing;support',
        date_of_birth: '1990-02-28',
      },
      associations: [],
    });
    expect(created.properties).toMatchObject({
      renewal_date: '2015-05-01',
      last_review_at: '2015-05-01T00:00:00.123Z',
      is_vip: 'true',
      health_score: '42.5',
      product_interests: 'billing;support',
      date_of_birth: '1990-02-28',
    });
    const appended = await client.crm.contacts.basicApi.update(created.id, {
      properties: { product_interests: ';analytics' },
    });
    expect(appended.properties.product_interests).toBe('billing;support;analytics');
    const empty = await failure(client.crm.contacts.basicApi.update(created.id, { properties: {} }));
    expect(empty.body.message).toBe('No properties found to update, please provide at least one.');
  });

  it('takes a Content-Type without a body as no body', async () => {
    const { token, client } = portalClient(emulator);
    const contact = await client.crm.contacts.basicApi.create({
      properties: { firstname: 'Temp' },
      associations: [],
    });
    const response = await fetch(`${emulator.url}/crm/v3/objects/contacts/${contact.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(204);
  });

  it('answers malformed JSON with a HubSpot 400', async () => {
    const { token } = portalClient(emulator);
    const response = await fetch(`${emulator.url}/crm/v3/objects/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"properties":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });
});

describe('history and sources', () => {
  it('records who changed a value: INTEGRATION for OAuth apps, API for private apps, CRM_UI for users', async () => {
    const { portalId, client: privateClient } = portalClient(emulator);
    const oauth = emulator.control.issueTokens(portalId);
    const { client: appClient, last } = sdk(emulator, oauth.access_token);
    const contact = await appClient.crm.contacts.basicApi.create({
      properties: { email: 'h@example.com', jobtitle: 'One' },
      associations: [],
    });
    await privateClient.crm.contacts.basicApi.update(contact.id, { properties: { jobtitle: 'Two' } });
    emulator.control.uiUpdate(portalId, 'contacts', Number(contact.id), {
      properties: { jobtitle: 'Three' },
    });
    const read = await appClient.crm.contacts.basicApi.getById(
      contact.id,
      ['hs_object_source', 'hs_object_source_id'],
      ['jobtitle'],
    );
    assertSchema('crm-contacts-v3.json', 'SimplePublicObjectWithAssociations', last().json);
    const history = read.propertiesWithHistory?.jobtitle ?? [];
    expect(history.map((h) => [h.value, h.sourceType, h.sourceId])).toEqual([
      ['Three', 'CRM_UI', `userId:${emulator.state.portal(portalId)?.defaultUserId}`],
      ['Two', 'API', String(emulator.state.portal(portalId)?.privateAppId)],
      ['One', 'INTEGRATION', String(emulator.app.appId)],
    ]);
    expect(history[0]?.updatedByUserId).toBe(emulator.state.portal(portalId)?.defaultUserId);
    expect(read.properties.hs_object_source).toBe('INTEGRATION');
    expect(read.properties.hs_object_source_id).toBe(String(emulator.app.appId));
  });

  it('returns the primary record for the id of a merged-away record', async () => {
    const { client } = portalClient(emulator);
    const a = await client.crm.contacts.basicApi.create({
      properties: { email: 'a@merge.test' },
      associations: [],
    });
    const b = await client.crm.contacts.basicApi.create({
      properties: { email: 'b@merge.test' },
      associations: [],
    });
    await client.crm.contacts.basicApi.merge({ primaryObjectId: a.id, objectIdToMerge: b.id });
    expect((await client.crm.contacts.basicApi.getById(b.id)).id).toBe(a.id);
  });
});
