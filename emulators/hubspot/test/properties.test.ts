// Properties API through the SDK: the default set, custom properties and groups.
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

describe('default properties', () => {
  it('lists a realistic default set covering every type and field type', async () => {
    const { client, last } = portalClient(emulator);
    for (const type of ['contacts', 'companies']) {
      const all = await client.crm.properties.coreApi.getAll(type);
      assertSchema('crm-properties-v3.json', 'CollectionResponsePropertyNoPaging', last().json);
      const names = all.results.map((p) => p.name);
      expect(names).toEqual(
        expect.arrayContaining(['hs_object_id', 'createdate', 'hubspot_owner_id', 'lifecyclestage']),
      );
      expect(new Set(all.results.map((p) => p.type))).toEqual(
        new Set(['bool', 'date', 'datetime', 'enumeration', 'number', 'phone_number', 'string']),
      );
      expect(all.results.every((p) => p.hubspotDefined)).toBe(true);
    }
    const contactFields = new Set(
      (await client.crm.properties.coreApi.getAll('contacts')).results.map((p) => p.fieldType),
    );
    expect(contactFields).toEqual(
      new Set([
        'booleancheckbox',
        'calculation_equation',
        'checkbox',
        'date',
        'file',
        'html',
        'number',
        'phonenumber',
        'radio',
        'select',
        'text',
        'textarea',
      ]),
    );
    const email = await client.crm.properties.coreApi.getByName('contacts', 'email');
    assertSchema('crm-properties-v3.json', 'Property', last().json);
    expect(email.modificationMetadata?.readOnlyValue).toBe(false);
    const id = await client.crm.properties.coreApi.getByName('contacts', 'hs_object_id');
    expect(id.modificationMetadata?.readOnlyValue).toBe(true);
    const owner = await client.crm.properties.coreApi.getByName('companies', 'hubspot_owner_id');
    expect(owner.referencedObjectType).toBe('OWNER');
    expect(owner.options.length).toBeGreaterThan(0);
    const stage = await client.crm.properties.coreApi.getByName('contacts', 'lifecyclestage');
    expect(stage.options.map((o) => o.value)).toContain('marketingqualifiedlead');
  });

  it('answers 404 for unknown properties and refuses to archive built-ins', async () => {
    const { client } = portalClient(emulator);
    expect((await failure(client.crm.properties.coreApi.getByName('contacts', 'nope'))).code).toBe(404);
    expect((await failure(client.crm.properties.coreApi.archive('contacts', 'email'))).code).toBe(400);
  });
});

describe('custom properties and groups', () => {
  it('creates, reads, updates and archives a custom property', async () => {
    const { client, last } = portalClient(emulator);
    const created = await client.crm.properties.coreApi.create('contacts', {
      name: 'favorite_food',
      label: 'Favorite Food',
      type: 'enumeration' as never,
      fieldType: 'select' as never,
      groupName: 'contactinformation',
      options: [
        { label: 'Pizza', value: 'pizza', hidden: false, displayOrder: 0 },
        { label: 'Sushi', value: 'sushi', hidden: false, displayOrder: 1 },
      ],
    });
    expect(last().status).toBe(201);
    assertSchema('crm-properties-v3.json', 'Property', last().json);
    expect(created.hubspotDefined).toBe(false);
    const contact = await client.crm.contacts.basicApi.create({
      properties: { favorite_food: 'sushi' },
      associations: [],
    });
    expect(contact.properties.favorite_food).toBe('sushi');
    const updated = await client.crm.properties.coreApi.update('contacts', 'favorite_food', {
      label: 'Food',
    });
    assertSchema('crm-properties-v3.json', 'Property', last().json);
    expect(updated.label).toBe('Food');
    const dup = await failure(
      client.crm.properties.coreApi.create('contacts', {
        name: 'favorite_food',
        label: 'x',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'contactinformation',
      }),
    );
    expect(dup.code).toBe(409);
    const mismatch = await failure(
      client.crm.properties.coreApi.create('contacts', {
        name: 'bad_pair',
        label: 'x',
        type: 'number' as never,
        fieldType: 'textarea' as never,
        groupName: 'contactinformation',
      }),
    );
    expect(mismatch.code).toBe(400);
    await client.crm.properties.coreApi.archive('contacts', 'favorite_food');
    expect(last().status).toBe(204);
    const archived = await client.crm.properties.coreApi.getAll('contacts', true);
    expect(archived.results.map((p) => p.name)).toContain('favorite_food');
    const write = await failure(
      client.crm.contacts.basicApi.update(contact.id, { properties: { favorite_food: 'pizza' } }),
    );
    expect(write.body.message).toContain('PROPERTY_DOESNT_EXIST');
  });

  it('batch-reads, batch-creates and batch-archives properties', async () => {
    const { client, last } = portalClient(emulator);
    const created = await client.crm.properties.batchApi.create('companies', {
      inputs: [
        {
          name: 'tier_a',
          label: 'A',
          type: 'string' as never,
          fieldType: 'text' as never,
          groupName: 'companyinformation',
        },
        {
          name: 'tier_b',
          label: 'B',
          type: 'bool' as never,
          fieldType: 'booleancheckbox' as never,
          groupName: 'companyinformation',
        },
      ],
    });
    expect(last().status).toBe(201);
    assertSchema('crm-properties-v3.json', 'BatchResponseProperty', last().json);
    expect(created.results.find((p) => p.name === 'tier_b')?.options.map((o) => o.value)).toEqual([
      'true',
      'false',
    ]);
    const read = await client.crm.properties.batchApi.read('companies', {
      archived: false,
      inputs: [{ name: 'tier_a' }, { name: 'missing' }],
    });
    expect(last().status).toBe(207);
    assertSchema('crm-properties-v3.json', 'BatchResponsePropertyWithErrors', last().json);
    expect(read.results.map((p) => p.name)).toEqual(['tier_a']);
    await client.crm.properties.batchApi.archive('companies', {
      inputs: [{ name: 'tier_a' }, { name: 'tier_b' }],
    });
    expect(last().status).toBe(204);
  });

  it('manages property groups', async () => {
    const { client, last } = portalClient(emulator);
    const groups = await client.crm.properties.groupsApi.getAll('contacts');
    assertSchema('crm-properties-v3.json', 'CollectionResponsePropertyGroupNoPaging', last().json);
    expect(groups.results.map((g) => g.name)).toContain('contactinformation');
    await client.crm.properties.groupsApi.create('contacts', {
      name: 'thena',
      label: 'Thena',
      displayOrder: 3,
    });
    expect(last().status).toBe(201);
    assertSchema('crm-properties-v3.json', 'PropertyGroup', last().json);
    const updated = await client.crm.properties.groupsApi.update('contacts', 'thena', {
      label: 'Thena sync',
    });
    expect(updated.label).toBe('Thena sync');
    expect((await client.crm.properties.groupsApi.getByName('contacts', 'thena')).label).toBe('Thena sync');
    await client.crm.properties.groupsApi.archive('contacts', 'thena');
    expect(last().status).toBe(204);
    expect((await failure(client.crm.properties.groupsApi.getByName('contacts', 'thena'))).code).toBe(404);
  });

  it('requires the schema scope to change definitions', async () => {
    const { client } = portalClient(emulator, { scopes: ['crm.objects.contacts.read'] });
    expect((await client.crm.properties.coreApi.getAll('contacts')).results.length).toBeGreaterThan(10);
    const denied = await failure(
      client.crm.properties.coreApi.create('contacts', {
        name: 'x_prop',
        label: 'x',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'contactinformation',
      }),
    );
    expect(denied.code).toBe(403);
    expect(denied.body.category).toBe('MISSING_SCOPES');
  });
});
