// GET fields (what the selector shows) and POST preview (a dry run that writes nothing).
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldInfo, PreviewResult, SyncConfig } from '../../src/contracts/api.ts';
import { DIALECTS } from '../helpers/db.ts';
import { failure, serverWith, startApiStack, thenaWrites, waitForIdle, type ApiStack } from './helpers.ts';

const CONTACTS = 45;

describe.each(DIALECTS)('fields and preview API on %s', (dialect) => {
  let api: ApiStack;
  let base: string;

  const fieldsByName = async (): Promise<Map<string, FieldInfo>> => {
    const response = await api.call('GET', `${base}/fields`);
    expect(response.statusCode).toBe(200);
    return new Map(response.json<{ fields: FieldInfo[] }>().fields.map((f) => [f.name, f]));
  };
  const draft = async () => {
    const {
      version: _v,
      updatedAt: _u,
      ...body
    } = (await api.call('GET', `${base}/config`)).json<SyncConfig>();
    return body;
  };

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: CONTACTS, companies: 5 });
    base = `/api/v1/orgs/${api.orgId}/objects/contacts`;
  }, 120_000);
  afterAll(async () => api?.close());

  it('lists the properties with what each is, may do and maps to', async () => {
    const fields = await fieldsByName();
    expect(fields.get('email')).toMatchObject({
      locked: true,
      selected: true,
      direction: 'both',
      custom: false,
      readOnly: false,
      thena: { kind: 'standard', name: 'email', fieldType: 'email', fieldId: null },
    });
    expect(fields.get('customer_tier')).toMatchObject({
      type: 'enumeration',
      group: 'emulator_custom',
      locked: false,
      selected: false,
      custom: true,
      operators: ['equals', 'not_equals', 'is_any_of', 'is_none_of', 'is_empty', 'is_not_empty'],
      thena: { kind: 'custom', name: 'Customer tier', fieldType: 'single_choice', fieldId: null },
    });
    expect(fields.get('customer_tier')?.options).toContainEqual({ label: 'Gold', value: 'gold' });
    expect(fields.get('engagement_index')).toMatchObject({
      readOnly: true,
      allowedDirections: ['hubspot_to_thena'],
    });
    expect(fields.get('health_score')?.operators).toContain('greater_than');
  });

  it('shows a selected custom property as selected, with its Thena field once it exists', async () => {
    const body = await draft();
    body.fields.push({ property: 'customer_tier', direction: 'hubspot_to_thena' });
    expect((await api.call('PUT', `${base}/config`, { body })).statusCode).toBe(200);
    await waitForIdle(api.stack, api.installationId);
    const tier = (await fieldsByName()).get('customer_tier');
    expect(tier).toMatchObject({ selected: true, direction: 'hubspot_to_thena' });
    expect(tier?.thena.fieldId).toEqual(expect.any(String));
  });

  it('answers 409 for an org without HubSpot and 404 for an unknown org', async () => {
    const pending = await api.call('GET', `/api/v1/orgs/${api.pendingOrgId}/objects/contacts/fields`);
    expect(failure(pending)).toEqual([409, 'not_connected']);
    expect(failure(await api.call('GET', '/api/v1/orgs/nobody/objects/contacts/fields'))).toEqual([
      404,
      'org_not_found',
    ]);
  });

  it('previews a draft: counts what its filters let through and samples it, writing nothing', async () => {
    const client = new Client({ accessToken: api.stack.hubspotToken, basePath: api.stack.hubspot.url });
    const contacts = await client.crm.contacts.getAll(100, undefined, ['customer_tier', 'health_score']);
    const expected = contacts.filter(
      (c) =>
        ['gold', 'platinum'].includes(c.properties.customer_tier ?? '') &&
        Number(c.properties.health_score) > 20,
    );
    expect(expected.length).toBeGreaterThan(0);

    const body = await draft();
    body.fields.push({ property: 'health_score', direction: 'hubspot_to_thena' });
    body.filters = [
      { field: 'customer_tier', operator: 'is_any_of', value: ['gold', 'platinum'] },
      { field: 'health_score', operator: 'greater_than', value: 20 },
    ];
    await waitForIdle(api.stack, api.installationId);
    const thenaBefore = thenaWrites(api.stack);
    const configBefore = (await api.call('GET', `${base}/config`)).json<SyncConfig>();
    const runsBefore = await api.stack.runtime.store.runs.recent(api.installationId, 'contacts', 50);
    const auditBefore = await api.stack.runtime.store.audit.list(api.installationId, { limit: 1 });

    const response = await api.call('POST', `${base}/preview`, { body });
    expect(response.statusCode).toBe(200);
    const preview = response.json<PreviewResult>();
    expect(preview).toMatchObject({
      total: CONTACTS,
      scanned: CONTACTS,
      matching: expected.length,
      complete: true,
    });
    expect(preview.sample.map((s) => s.hubspotId).sort()).toEqual(
      expected
        .map((c) => c.id)
        .sort()
        .slice(0, 20),
    );
    const first = preview.sample[0]!;
    expect(Object.keys(first.values)).toEqual(
      expect.arrayContaining(['email', 'customer_tier', 'health_score']),
    );
    expect(first.values.customer_tier).toMatch(/^(gold|platinum)$/);

    expect(thenaWrites(api.stack)).toEqual(thenaBefore);
    expect((await api.call('GET', `${base}/config`)).json()).toEqual(configBefore);
    expect(await api.stack.runtime.store.runs.recent(api.installationId, 'contacts', 50)).toEqual(runsBefore);
    expect(await api.stack.runtime.store.audit.list(api.installationId, { limit: 1 })).toEqual(auditBefore);
  });

  it('names the records a sync could not create: no email, no contact', async () => {
    const body = await draft();
    body.filters = [{ field: 'email', operator: 'is_empty' }];
    const preview = (await api.call('POST', `${base}/preview`, { body })).json<PreviewResult>();
    expect(preview.matching).toBeGreaterThan(0);
    for (const sample of preview.sample) {
      expect(sample.values.email).toBeNull();
      expect(sample.problems).toEqual([expect.stringContaining('no valid email')]);
    }
  });

  it('reads only so many pages, and says when the count is partial', async () => {
    const server = await serverWith(api, { preview: { maxPages: 2, pageSize: 10, sampleSize: 3 } });
    try {
      const response = await server.inject({
        method: 'POST',
        url: `${base}/preview`,
        headers: { authorization: 'Bearer admin-token-for-tests-0123456789' },
        payload: await draft(),
      });
      expect(response.json()).toMatchObject({ total: CONTACTS, scanned: 20, complete: false });
      expect(response.json<PreviewResult>().sample).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('refuses an invalid draft the way saving does, and a draft of an unconnected org', async () => {
    const body = await draft();
    body.filters = [{ field: 'health_score', operator: 'contains', value: '1' }];
    const response = await api.call('POST', `${base}/preview`, { body });
    expect(failure(response)).toEqual([400, 'invalid_config']);
    const problems = response.json<{ error: { details: { path: string; code: string }[] } }>().error.details;
    expect(problems.map((p) => [p.path, p.code]).sort()).toEqual([
      ['filters/0/field', 'field_not_selected'],
      ['filters/0/operator', 'operator_not_supported'],
    ]);
    const pending = await api.call('POST', `/api/v1/orgs/${api.pendingOrgId}/objects/contacts/preview`, {
      body,
    });
    expect(failure(pending)).toEqual([409, 'not_connected']);
  });
});
