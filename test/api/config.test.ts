// GET|PUT /orgs/{org}/objects/{object}/config: defaults, saving versions, every problem with its
// path, version conflicts, size limits, and the backfill a change of what is synced starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PutConfigBody, SyncConfig } from '../../src/contracts/api.ts';
import { DIALECTS } from '../helpers/db.ts';
import { failure, startApiStack, waitForIdle, type ApiStack } from './helpers.ts';

type Problem = { path: string; code: string; message: string };

const LOCKED_CONTACT_FIELDS = ['firstname', 'lastname', 'email', 'phone'];

function bodyOf(config: SyncConfig, changes: Partial<PutConfigBody> = {}): PutConfigBody {
  const { version: _version, updatedAt: _updatedAt, ...body } = config;
  return { ...body, ...changes };
}

describe.each(DIALECTS)('configuration API on %s', (dialect) => {
  let api: ApiStack;
  let url: string;

  const current = async (): Promise<SyncConfig> => (await api.call('GET', url)).json();
  const manualRuns = async (trigger: string) =>
    (await api.stack.runtime.store.runs.recent(api.installationId, 'contacts', 50)).filter(
      (r) => r.trigger === trigger,
    );

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 20, companies: 5 });
    url = `/api/v1/orgs/${api.orgId}/objects/contacts/config`;
  }, 120_000);
  afterAll(async () => api?.close());

  it('answers the defaults, version 0, before anything was saved', async () => {
    const config = await current();
    expect(config).toMatchObject({ enabled: true, filters: [], version: 0, updatedAt: null });
    expect(config.fields.map((f) => f.property)).toEqual(LOCKED_CONTACT_FIELDS);
  });

  it('answers the defaults for an org that has not connected HubSpot yet, and 404 for an unknown org', async () => {
    const pending = await api.call('GET', `/api/v1/orgs/${api.pendingOrgId}/objects/companies/config`);
    expect([pending.statusCode, pending.json<SyncConfig>().version]).toEqual([200, 0]);
    expect(failure(await api.call('GET', '/api/v1/orgs/nobody/objects/contacts/config'))).toEqual([
      404,
      'org_not_found',
    ]);
    expect(failure(await api.call('GET', `/api/v1/orgs/${api.orgId}/objects/deals/config`))).toEqual([
      400,
      'invalid_request',
    ]);
  });

  it('saves a valid configuration as version 1, keeping value types, and backfills the new fields', async () => {
    const body = bodyOf(await current(), {
      fields: [
        ...LOCKED_CONTACT_FIELDS.map((property) => ({ property, direction: 'both' as const })),
        { property: 'customer_tier', direction: 'hubspot_to_thena' },
        { property: 'health_score', direction: 'hubspot_to_thena', conflictPolicy: 'thena_wins' },
      ],
      filters: [
        { field: 'health_score', operator: 'greater_than', value: 10 },
        { field: 'customer_tier', operator: 'is_any_of', value: ['gold'] },
        { field: 'email', operator: 'is_not_empty' },
      ],
      expectedVersion: 0,
    });
    const saved = await api.call('PUT', url, { body });
    expect(saved.statusCode).toBe(200);
    const config = saved.json<SyncConfig>();
    expect(config.version).toBe(1);
    expect(config.updatedAt).not.toBeNull();
    // No coercion on the way in or out: a number stays a number, a one-item list a list.
    expect(config.filters).toEqual(body.filters);
    expect(config.fields).toContainEqual({
      property: 'health_score',
      direction: 'hubspot_to_thena',
      conflictPolicy: 'thena_wins',
    });
    expect(await current()).toEqual(config);
    expect(await manualRuns('fields_changed')).toHaveLength(1);
    await waitForIdle(api.stack, api.installationId);
  });

  it('starts no backfill when the save changes neither the fields nor the filters', async () => {
    const before = await current();
    const reordered = bodyOf(before, { fields: [...before.fields].reverse(), blankOverwrites: true });
    const saved = await api.call('PUT', url, { body: reordered });
    expect(saved.json<SyncConfig>().version).toBe(before.version + 1);
    expect(await manualRuns('fields_changed')).toHaveLength(1);
  });

  it('backfills when sync is turned back on', async () => {
    const before = await current();
    await api.call('PUT', url, { body: bodyOf(before, { enabled: false }) });
    expect(await manualRuns('fields_changed')).toHaveLength(1);
    const on = await api.call('PUT', url, { body: bodyOf(before, { enabled: true }) });
    expect(on.statusCode).toBe(200);
    expect(await manualRuns('fields_changed')).toHaveLength(2);
    await waitForIdle(api.stack, api.installationId);
  });

  it('refuses a stale version with 409 and keeps the newer one', async () => {
    const before = await current();
    const stale = await api.call('PUT', url, {
      body: bodyOf(before, { expectedVersion: before.version - 1 }),
    });
    expect(failure(stale)).toEqual([409, 'config_version_conflict']);
    expect(stale.json<{ error: { details: unknown } }>().error.details).toEqual({
      currentVersion: before.version,
      expectedVersion: before.version - 1,
    });
    expect((await current()).version).toBe(before.version);
    const fresh = await api.call('PUT', url, { body: bodyOf(before, { expectedVersion: before.version }) });
    expect(fresh.json<SyncConfig>().version).toBe(before.version + 1);
  });

  it('lists every problem of a refused configuration with its path, and saves nothing', async () => {
    const before = await current();
    const response = await api.call('PUT', url, {
      body: bodyOf(before, {
        fields: [
          ...before.fields,
          { property: 'no_such_property', direction: 'hubspot_to_thena' },
          { property: 'engagement_index', direction: 'both' },
        ],
        filters: [
          { field: 'health_score', operator: 'starts_with', value: '4' },
          { field: 'health_score', operator: 'greater_than', value: true },
          { field: 'customer_tier', operator: 'equals', value: 'diamond' },
          { field: 'health_score', operator: 'bogus', value: 1 },
          { field: 'unknown_field', operator: 'equals', value: 'x' },
          { field: 'lifecyclestage', operator: 'equals', value: 'lead' },
          { field: 'customer_tier', operator: 'is_any_of', value: 'gold' },
        ],
      }),
    });
    expect(failure(response)).toEqual([400, 'invalid_config']);
    const problems = response.json<{ error: { details: Problem[] } }>().error.details;
    const at = before.fields.length;
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      [`fields/${at}/property`, 'unknown_property'],
      [`fields/${at + 1}/direction`, 'read_only_property'],
      ['filters/0/operator', 'operator_not_supported'],
      ['filters/1/value', 'invalid_number'],
      ['filters/2/value', 'unknown_option'],
      ['filters/3/operator', 'unknown_operator'],
      ['filters/4/field', 'unknown_field'],
      ['filters/5/field', 'field_not_selected'],
      ['filters/6/value', 'list_required'],
    ]);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
    expect((await current()).version).toBe(before.version);
  });

  it('refuses documents of the wrong shape with the path of each problem', async () => {
    const before = await current();
    const wrongType = await api.call('PUT', url, {
      body: { ...bodyOf(before), filters: [{ field: 'email', operator: 'equals', value: { nested: 1 } }] },
    });
    expect(failure(wrongType)).toEqual([400, 'invalid_request']);
    const paths = wrongType.json<{ error: { details: Problem[] } }>().error.details.map((d) => d.path);
    expect(paths).toContain('body/filters/0/value');

    const unknown = await api.call('PUT', url, { body: { ...bodyOf(before), surprise: true } });
    expect(failure(unknown)).toEqual([400, 'invalid_request']);

    const badDirection = await api.call('PUT', url, {
      body: bodyOf(before, { fields: [{ property: 'email', direction: 'sideways' as 'both' }] }),
    });
    expect(failure(badDirection)).toEqual([400, 'invalid_request']);
    const detail = badDirection.json<{ error: { details: Problem[] } }>().error.details;
    expect(detail.map((d) => d.path)).toContain('body/fields/0/direction');
  });

  it('refuses huge lists: too many values, too many filters, too many fields, too large a body', async () => {
    const before = await current();
    const values = Array.from({ length: 501 }, (_, i) => `value-${i}`);
    const longList = await api.call('PUT', url, {
      body: bodyOf(before, { filters: [{ field: 'email', operator: 'is_any_of', value: values }] }),
    });
    expect(failure(longList)).toEqual([400, 'invalid_request']);
    expect(longList.json<{ error: { details: unknown[] } }>().error.details).toContainEqual({
      path: 'body/filters/0/value',
      message: 'must not have more than 500 items',
    });

    const filters = Array.from({ length: 51 }, () => ({ field: 'email', operator: 'is_not_empty' }));
    const manyFilters = await api.call('PUT', url, { body: bodyOf(before, { filters }) });
    expect(failure(manyFilters)).toEqual([400, 'invalid_config']);
    const problems = manyFilters.json<{ error: { details: Problem[] } }>().error.details;
    expect(problems.map((p) => [p.path, p.code])).toEqual([['filters/50', 'too_many_filters']]);

    const fields = Array.from({ length: 601 }, (_, i) => ({ property: `p${i}`, direction: 'both' as const }));
    expect(failure(await api.call('PUT', url, { body: bodyOf(before, { fields }) }))).toEqual([
      400,
      'invalid_request',
    ]);

    const huge = {
      ...bodyOf(before),
      filters: [{ field: 'email', operator: 'equals', value: 'x'.repeat(600_000) }],
    };
    expect(failure(await api.call('PUT', url, { body: huge }))).toEqual([413, 'payload_too_large']);
    expect((await current()).version).toBe(before.version);
  });

  it('refuses to save for an org whose HubSpot is not connected', async () => {
    const pendingUrl = `/api/v1/orgs/${api.pendingOrgId}/objects/contacts/config`;
    const body = bodyOf(await current());
    const response = await api.call('PUT', pendingUrl, { body, token: api.pendingOrgToken });
    expect(failure(response)).toEqual([409, 'not_connected']);
  });

  it('answers 502 when HubSpot cannot list the properties to check against', async () => {
    const fault = api.stack.hubspot.control.addFault({
      path: '/crm/v3/properties/contacts*',
      action: { type: 'status', status: 400 },
    });
    try {
      const response = await api.call('PUT', url, { body: bodyOf(await current()) });
      expect(failure(response)).toEqual([502, 'hubspot_unavailable']);
      expect(response.body).not.toContain('/crm/v3');
    } finally {
      api.stack.hubspot.control.removeFault(fault.id);
    }
  });
});
