// Configurations that must not be saved, sent through the API the page uses: unknown fields,
// operators that do not exist or do not fit, values of the wrong type for numbers, dates,
// date-times, booleans and options, huge lists and strings. (test/api/config.test.ts checks the
// problem lists in detail; here each refusal is also shown to enqueue and write nothing at all:
// no new version, no backfill, no job, no write to either side.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../faults/scenario.ts';
import { expectNothingWritten, snapshot } from './helpers.ts';

const ADMIN = { authorization: 'Bearer admin-token-for-tests-0123456789' };

type Body = Record<string, unknown> & { fields: unknown[]; filters: unknown[] };

describe('configurations that must not be saved', () => {
  let s: Scenario;
  let base: Body;
  const url = () => `/api/v1/orgs/${s.orgId}/objects/contacts/config`;

  beforeAll(async () => {
    s = await startScenario({ seed: { contacts: 10, companies: 2 } });
    const current = await s.stack.server.inject({ url: url(), headers: ADMIN });
    const { version: _version, updatedAt: _updatedAt, ...body } = current.json<Body & { version: number }>();
    base = {
      ...body,
      fields: [
        ...body.fields,
        ...[
          'health_score',
          'renewal_date',
          'last_review_at',
          'newsletter_opt_in',
          'customer_tier',
          'product_interests',
        ].map((property) => ({ property, direction: 'hubspot_to_thena' })),
      ],
    };
  }, 60_000);
  afterAll(async () => s?.stack.close());

  const filter = (field: string, operator: string, value?: unknown) =>
    value === undefined ? { field, operator } : { field, operator, value };

  it.each([
    ['an unknown top-level field', { surprise: 1 }, 'invalid_request', /surprise|additional/i],
    [
      'an unknown key in the deletion policy',
      { deletion: { hubspotToThena: 'keep', thenaToHubSpot: 'keep', x: 1 } },
      'invalid_request',
      /deletion/,
    ],
    [
      'an unknown property',
      { fields: [{ property: 'no_such_property', direction: 'both' }] },
      'invalid_config',
      /no_such_property/,
    ],
    [
      'a property name of 201 characters',
      { fields: [{ property: 'p'.repeat(201), direction: 'both' }] },
      'invalid_request',
      /fields\/\d+\/property/,
    ],
    [
      'a misspelt key in a field',
      { fields: [{ property: 'email', direction: 'both', conflictpolicy: 'thena_wins' }] },
      'invalid_request',
      /fields\/\d+/,
    ],
    [
      'a misspelt key in a filter',
      { filters: [{ field: 'email', operator: 'contains', valeu: 'x' }] },
      'invalid_request',
      /filters\/0/,
    ],
    [
      'an unknown direction',
      { fields: [{ property: 'email', direction: 'upwards' }] },
      'invalid_request',
      /direction/,
    ],
    ['an unknown conflict policy', { conflictPolicy: 'loudest_wins' }, 'invalid_request', /conflictPolicy/],
    [
      'an operator that does not exist',
      { filters: [filter('email', 'sounds_like', 'x')] },
      'invalid_config',
      /sounds_like/,
    ],
    [
      'an operator that does not fit',
      { filters: [filter('newsletter_opt_in', 'greater_than', true)] },
      'invalid_config',
      /newsletter_opt_in/,
    ],
    [
      'a number that is not one',
      { filters: [filter('health_score', 'greater_than', 'twelve')] },
      'invalid_config',
      /twelve|number/,
    ],
    [
      'a date that is not one',
      { filters: [filter('renewal_date', 'less_than', '2024-02-30')] },
      'invalid_config',
      /renewal_date/,
    ],
    [
      'a date-time that is not one',
      { filters: [filter('last_review_at', 'greater_than', 'soon')] },
      'invalid_config',
      /last_review_at/,
    ],
    [
      'a boolean that is not one',
      { filters: [filter('newsletter_opt_in', 'equals', 'maybe')] },
      'invalid_config',
      /maybe|true/,
    ],
    [
      'an option the property lacks',
      { filters: [filter('customer_tier', 'is_any_of', ['gold', '💎'])] },
      'invalid_config',
      /💎/,
    ],
    [
      'a value where none is taken',
      { filters: [filter('email', 'is_empty', 'x')] },
      'invalid_config',
      /email/,
    ],
    ['no value where one is needed', { filters: [filter('email', 'contains')] }, 'invalid_config', /email/],
    [
      'a list of numbers as values',
      { filters: [filter('customer_tier', 'is_any_of', [1, 2])] },
      'invalid_request',
      /filters\/0\/value/,
    ],
    [
      'a value that is an object',
      { filters: [filter('email', 'equals', { $ne: null })] },
      'invalid_request',
      /filters\/0\/value/,
    ],
    ['a null value', { filters: [filter('email', 'equals', null)] }, 'invalid_request', /filters\/0\/value/],
    [
      'a string of 1,001 characters',
      { filters: [filter('email', 'contains', 'x'.repeat(1001))] },
      'invalid_request',
      /filters\/0\/value/,
    ],
    [
      'a list of 501 values',
      {
        filters: [
          filter(
            'customer_tier',
            'is_any_of',
            Array.from({ length: 501 }, (_, i) => `v${i}`),
          ),
        ],
      },
      'invalid_request',
      /500/,
    ],
    [
      '61 filters',
      { filters: Array.from({ length: 61 }, () => filter('email', 'is_not_empty')) },
      'invalid_request',
      /filters/,
    ],
    [
      '601 fields',
      { fields: Array.from({ length: 601 }, (_, i) => ({ property: `p${i}`, direction: 'both' })) },
      'invalid_request',
      /fields/,
    ],
    ['enabled as a string', { enabled: 'yes' }, 'invalid_request', /enabled/],
  ] as const)('refuses %s with 400, naming it, and writes nothing', async (_name, change, code, says) => {
    const before = await snapshot(s.stack);
    const body = {
      ...base,
      ...change,
      ...('fields' in change ? { fields: [...base.fields, ...change.fields] } : {}),
    };
    const response = await s.stack.server.inject({
      method: 'PUT',
      url: url(),
      headers: ADMIN,
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: { code: string; message: string; details: unknown } }>();
    expect(error.code).toBe(code);
    expect(`${error.message} ${JSON.stringify(error.details)}`).toMatch(says);
    await expectNothingWritten(s.stack, before);
  });

  it('refuses a body over the limit with 413, and still saves a good configuration afterwards', async () => {
    const before = await snapshot(s.stack);
    const huge = { ...base, filters: [filter('email', 'equals', 'x')], padding: 'x'.repeat(600_000) };
    const response = await s.stack.server.inject({
      method: 'PUT',
      url: url(),
      headers: ADMIN,
      payload: huge,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
    await expectNothingWritten(s.stack, before);
    const good = {
      ...base,
      filters: [filter('customer_tier', 'is_none_of', ['bronze']), filter('email', 'contains', '🦄 ü')],
    };
    const saved = await s.stack.server.inject({ method: 'PUT', url: url(), headers: ADMIN, payload: good });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ version: number }>().version).toBe(1);
  });
});
