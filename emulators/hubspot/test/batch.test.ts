// Batch endpoints through the SDK: read (207 on missing ids), create/update/upsert (atomic, or
// per input with objectWriteTraceId), archive, and the 100-input limit.
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

describe('batch read', () => {
  it('reads by id and reports missing ids in a 207', async () => {
    const { client, last } = portalClient(emulator, { seed: { contacts: 5 } });
    const ids = (await client.crm.contacts.basicApi.getPage(3)).results.map((r) => r.id);
    const ok = await client.crm.contacts.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(last().status).toBe(200);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicObject', last().json);
    expect(ok.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(ok.status).toBe('COMPLETE');
    const partial = await client.crm.contacts.batchApi.read({
      inputs: [{ id: ids[0] as string }, { id: '999999' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(last().status).toBe(207);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicObjectWithErrors', last().json);
    expect(partial.results).toHaveLength(1);
    const body = last().json as {
      numErrors: number;
      errors: Array<{ category: string; context: { ids: string[] }; message: string }>;
    };
    expect(body.numErrors).toBe(1);
    expect(body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } });
    expect(body.errors[0]?.message).toContain('Could not get some CONTACT objects');
  });

  it('reads by idProperty=email', async () => {
    const { client } = portalClient(emulator);
    await client.crm.contacts.basicApi.create({
      properties: { email: 'batch@example.com' },
      associations: [],
    });
    const read = await client.crm.contacts.batchApi.read({
      inputs: [{ id: 'batch@example.com' }],
      idProperty: 'email',
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(read.results[0]?.properties.email).toBe('batch@example.com');
  });
});

describe('batch writes', () => {
  it('creates with 201 and updates with 200', async () => {
    const { client, last } = portalClient(emulator);
    const created = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'one@batch.test' }, associations: [] },
        { properties: { email: 'two@batch.test' }, associations: [] },
      ],
    });
    expect(last().status).toBe(201);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicObject', last().json);
    expect(created.results.map((r) => r.properties.email).sort()).toEqual([
      'one@batch.test',
      'two@batch.test',
    ]);
    const updated = await client.crm.contacts.batchApi.update({
      inputs: created.results.map((r) => ({ id: r.id, properties: { jobtitle: 'Engineer' } })),
    });
    expect(last().status).toBe(200);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicObject', last().json);
    expect(updated.results.every((r) => r.properties.jobtitle === 'Engineer')).toBe(true);
  });

  it('fails the whole batch on one bad input unless every input has an objectWriteTraceId', async () => {
    const { client, last } = portalClient(emulator);
    await client.crm.contacts.basicApi.create({
      properties: { email: 'taken@batch.test' },
      associations: [],
    });
    const atomic = await failure(
      client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email: 'fresh@batch.test' }, associations: [] },
          { properties: { email: 'taken@batch.test' }, associations: [] },
        ],
      }),
    );
    expect(atomic.code).toBe(409);
    expect(atomic.body.message).toMatch(/^Contact already exists\. Existing ID: \d+$/);
    const search = await client.crm.contacts.basicApi
      .getById('fresh@batch.test', undefined, undefined, undefined, false, 'email')
      .catch(() => undefined);
    expect(search).toBeUndefined();

    const partial = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'fresh@batch.test' }, associations: [], objectWriteTraceId: 't1' },
        { properties: { email: 'taken@batch.test' }, associations: [], objectWriteTraceId: 't2' },
        { properties: { nope: 'x' }, associations: [], objectWriteTraceId: 't3' },
      ],
    });
    expect(last().status).toBe(207);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicObjectWithErrors', last().json);
    expect(partial.results).toHaveLength(1);
    const errors = (last().json as { errors: Array<{ category: string; context: Record<string, string[]> }> })
      .errors;
    expect(errors.map((e) => [e.category, e.context.objectWriteTraceId?.[0]])).toEqual([
      ['CONFLICT', 't2'],
      ['VALIDATION_ERROR', 't3'],
    ]);
  });

  it('upserts by email, flagging new records', async () => {
    const { client, last } = portalClient(emulator);
    const existing = await client.crm.contacts.basicApi.create({
      properties: { email: 'old@upsert.test' },
      associations: [],
    });
    const result = await client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'old@upsert.test', idProperty: 'email', properties: { firstname: 'Old' } },
        { id: 'new@upsert.test', idProperty: 'email', properties: { firstname: 'New' } },
      ],
    });
    expect(last().status).toBe(200);
    assertSchema('crm-contacts-v3.json', 'BatchResponseSimplePublicUpsertObject', last().json);
    const old = result.results.find((r) => r.properties.email === 'old@upsert.test');
    const fresh = result.results.find((r) => r.properties.email === 'new@upsert.test');
    expect(old?.id).toBe(existing.id);
    expect(old?._new).toBe(false);
    expect(fresh?._new).toBe(true);
    expect(fresh?.properties.firstname).toBe('New');
  });

  it('rejects duplicate ids and more than 100 inputs', async () => {
    const { client } = portalClient(emulator);
    const dup = await failure(
      client.crm.contacts.batchApi.update({
        inputs: [
          { id: '1', properties: { a: 'b' } },
          { id: '1', properties: {} },
        ],
      }),
    );
    expect(dup.code).toBe(400);
    expect(dup.body.message).toBe('Duplicate IDs found in batch input: [1]. IDs must be unique');
    const tooMany = await failure(
      client.crm.contacts.batchApi.read({
        inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) })),
        properties: [],
        propertiesWithHistory: [],
      }),
    );
    expect(tooMany.code).toBe(400);
    expect(tooMany.body.category).toBe('VALIDATION_ERROR');
  });

  it('archives in batch with 204, ignoring unknown ids', async () => {
    const { client, last } = portalClient(emulator, { seed: { companies: 4 } });
    const ids = (await client.crm.companies.basicApi.getPage(2)).results.map((r) => r.id);
    await client.crm.companies.batchApi.archive({
      inputs: [...ids.map((id) => ({ id })), { id: '123456789' }],
    });
    expect(last().status).toBe(204);
    expect(last().headers['content-type']).toBeUndefined();
    const left = await client.crm.companies.getAll();
    expect(left).toHaveLength(2);
  });
});
