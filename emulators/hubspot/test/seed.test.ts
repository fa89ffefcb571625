// Seeded data: deterministic, realistic, unique, linked; and a million contacts held cheaply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, startTestEmulator } from './helpers.ts';

let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const CUSTOM = [
  'customer_tier',
  'product_interests',
  'preferred_channel',
  'newsletter_opt_in',
  'health_score',
  'is_vip',
  'renewal_date',
  'last_review_at',
  'account_notes',
  'external_ref',
  'support_phone',
  'contract_file',
  'profile_html',
];

describe('seeding', () => {
  it('is deterministic for a given seed', async () => {
    const a = portalClient(emulator, { seed: { contacts: 20, companies: 5, seed: 7 } });
    const b = portalClient(emulator, { seed: { contacts: 20, companies: 5, seed: 7 } });
    const c = portalClient(emulator, { seed: { contacts: 20, companies: 5, seed: 8 } });
    const names = async (api: typeof a) =>
      (await api.client.crm.contacts.getAll(100, undefined, ['firstname', 'lastname'])).map(
        (r) => `${r.properties.firstname} ${r.properties.lastname}`,
      );
    expect(await names(a)).toEqual(await names(b));
    expect(await names(a)).not.toEqual(await names(c));
  });

  it('gives realistic, unique and linked records with custom values of every type', async () => {
    const api = portalClient(emulator, { seed: { contacts: 400, companies: 40 } });
    const contacts = await api.client.crm.contacts.getAll(
      100,
      undefined,
      ['email', 'company', 'hs_email_domain', ...CUSTOM],
      undefined,
      ['companies'],
    );
    const emails = contacts.map((c) => c.properties.email).filter((e): e is string => e !== undefined);
    expect(emails.length).toBeGreaterThan(380);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[a-z]+\.[a-z]+\d+@[a-z0-9.]+$/.test(e))).toBe(true);
    const companies = await api.client.crm.companies.getAll(100, undefined, ['domain', 'name', 'industry']);
    expect(companies.filter((c) => c.properties.domain).length).toBeGreaterThan(30);
    const domains = new Map(companies.map((c) => [c.id, c.properties.domain]));
    for (const contact of contacts) {
      const primary = contact.associations?.companies?.results.find((r) => r.type === 'contact_to_company');
      const domain = primary ? domains.get(primary.id) : undefined;
      if (domain && contact.properties.email)
        expect(contact.properties.email.endsWith(`@${domain}`)).toBe(true);
    }
    for (const name of CUSTOM) expect(contacts.some((c) => c.properties[name] !== undefined)).toBe(true);
    const definitions = await api.client.crm.properties.coreApi.getAll('contacts');
    const customTypes = new Set(
      definitions.results.filter((d) => d.groupName === 'emulator_custom').map((d) => d.type),
    );
    expect(customTypes).toEqual(
      new Set(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']),
    );
  });

  it('keeps seeded emails unique across seeding rounds and finds them by email', async () => {
    const api = portalClient(emulator, { seed: { contacts: 50 } });
    emulator.control.seed(api.portalId, { contacts: 50 });
    const all = await api.client.crm.contacts.getAll(100, undefined, ['email']);
    const emails = all.map((c) => c.properties.email).filter((e): e is string => e !== undefined);
    expect(new Set(emails).size).toBe(emails.length);
    const last = all.at(-1);
    if (!last?.properties.email) throw new Error('no email');
    const byEmail = await api.client.crm.contacts.basicApi.getById(
      last.properties.email,
      undefined,
      undefined,
      undefined,
      false,
      'email',
    );
    expect(byEmail.id).toBe(last.id);
  });
});

describe('a million contacts', () => {
  it('holds 1,000,000 seeded contacts and serves any of them', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const api = portalClient(emulator, { seed: { contacts: 1_000_000, companies: 100_000 } });
    const lastId = String(101 + 999_999);
    const tail = await api.client.crm.contacts.batchApi.read({
      inputs: Array.from({ length: 100 }, (_, i) => ({ id: String(Number(lastId) - i) })),
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(tail.results).toHaveLength(100);
    const page = await api.client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_object_id', operator: 'GTE' as never, value: String(Number(lastId) - 150) },
          ],
        },
      ],
      sorts: ['hs_object_id'],
      properties: ['email'],
      limit: 200,
      after: '0',
    });
    expect(page.total).toBe(151);
    const target = tail.results[0];
    const conflict = await failure(
      api.client.crm.contacts.basicApi.create({
        properties: { email: target?.properties.email ?? '' },
        associations: [],
      }),
    );
    expect(conflict.body.message).toBe(`Contact already exists. Existing ID: ${target?.id}`);
    await api.client.crm.contacts.basicApi.update(lastId, { properties: { firstname: 'Written' } });
    expect((await api.client.crm.contacts.basicApi.getById(lastId, ['firstname'])).properties.firstname).toBe(
      'Written',
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
