import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  compileFilters,
  describeFilter,
  operatorsFor,
  type Filter,
  type FilterInput,
  type RecordValues,
} from './filters.ts';
import { ALL_PROPERTIES, P, property } from './hubspot-fixtures.testing.ts';
import { propertiesByName } from './properties.ts';

type Raw = string | null | undefined;
type Row = [operator: Filter['operator'], value: unknown, raw: Raw, expected: boolean];

/** Applies one filter on `field` to a record holding `raw` (undefined: the property is missing). */
function check(field: string, rows: Row[]) {
  it.each(rows.map(([operator, value, raw, expected]) => ({ operator, value, raw, expected })))(
    '$operator $value on $raw -> $expected',
    ({ operator, value, raw, expected }) => {
      const filter: FilterInput = value === undefined ? { field, operator } : { field, operator, value };
      const record: RecordValues = raw === undefined ? {} : { [field]: raw };
      expect(compileFilters([filter], ALL_PROPERTIES)(record)).toBe(expected);
    },
  );
}

describe('text filters compare trimmed and case-insensitively', () => {
  check('firstname', [
    ['equals', 'Jane', 'jane', true],
    ['equals', 'Jane', ' JANE ', true],
    ['equals', 'Jane', 'Janet', false],
    ['equals', 'Jane', null, false],
    ['equals', 'Jane', undefined, false],
    ['not_equals', 'Jane', 'Bob', true],
    ['not_equals', 'Jane', 'JANE', false],
    ['not_equals', 'Jane', null, true],
    ['not_equals', 'Jane', undefined, true],
    ['contains', 'AN', 'jane', true],
    ['contains', 'an', 'Bob', false],
    ['contains', 'an', '', false],
    ['contains', 'ö', 'ZOË ÖHMAN', true],
    ['not_contains', 'an', 'Bob', true],
    ['not_contains', 'an', 'Jane', false],
    ['not_contains', 'an', '', true],
    ['starts_with', 'ja', 'Jane', true],
    ['starts_with', 'ja', 'Aja', false],
    ['starts_with', 'ja', null, false],
    ['ends_with', 'NE', 'jane', true],
    ['ends_with', 'ne', 'Janet', false],
    ['is_any_of', ['Jane', 'Bob'], 'BOB', true],
    ['is_any_of', ['Jane', 'Bob'], 'Alice', false],
    ['is_any_of', ['Jane', 'Bob'], null, false],
    ['is_none_of', ['Jane', 'Bob'], 'Alice', true],
    ['is_none_of', ['Jane', 'Bob'], 'jane', false],
    ['is_none_of', ['Jane', 'Bob'], null, true],
    ['is_empty', undefined, null, true],
    ['is_empty', undefined, '', true],
    ['is_empty', undefined, ' \t ', true],
    ['is_empty', undefined, undefined, true],
    ['is_empty', undefined, 'x', false],
    ['is_not_empty', undefined, 'x', true],
    ['is_not_empty', undefined, '  ', false],
  ]);
});

describe('email and phone are text', () => {
  check('email', [
    ['ends_with', '@example.com', 'Jane@EXAMPLE.com', true],
    ['not_contains', 'test', 'qa+TEST@example.com', false],
  ]);
  check('phone', [['starts_with', '+49', ' +49 30 1234', true]]);
});

describe('number filters compare numerically', () => {
  check('amount', [
    ['equals', 1000, '1000', true],
    ['equals', 1000, '1000.00', true],
    ['equals', 1000, '1e3', true],
    ['equals', '1e3', '1000', true],
    ['equals', 1000, '1,000', false],
    ['equals', 0, '', false],
    ['not_equals', 5, '6', true],
    ['not_equals', 5, '5.00', false],
    ['not_equals', 5, null, true],
    ['not_equals', 5, 'n/a', true],
    ['greater_than', 100, '100.01', true],
    ['greater_than', 100, '100', false],
    ['greater_than', 100, '-500', false],
    ['greater_than', 100, '9', false],
    ['greater_than', 100, null, false],
    ['greater_than', -1, 'n/a', false],
    ['less_than', '0', '-0.5', true],
    ['less_than', 0, '0', false],
    ['less_than', 0, '', false],
    ['less_than', 10, '9', true],
    ['is_any_of', [1, '2.5'], '2.50', true],
    ['is_any_of', [1, 2], '3', false],
    ['is_none_of', [1, 2], '3', true],
    ['is_none_of', [1, 2], '1.0', false],
    ['is_none_of', [1, 2], null, true],
    ['is_empty', undefined, '0', false],
    ['is_empty', undefined, null, true],
    ['is_not_empty', undefined, 'n/a', true],
  ]);
});

describe('date filters compare whole UTC days', () => {
  check('renewal_date', [
    ['equals', '2024-05-01', '2024-05-01', true],
    ['equals', '2024-05-01', '1714521600000', true],
    ['equals', '2024-05-01', '2024-05-02', false],
    ['not_equals', '2024-05-01', null, true],
    ['greater_than', '2024-05-01', '2024-05-02', true],
    ['greater_than', '2024-05-01', '2024-05-01', false],
    ['greater_than', '2023-12-31', '2024-01-01', true],
    ['less_than', '2024-05-01', '2024-04-30', true],
    ['less_than', '2024-05-01', '2024-05-01', false],
    ['less_than', '2024-05-01', null, false],
    ['less_than', '2024-05-01', 'someday', false],
  ]);
});

describe('date-time filters compare instants; a date value means its whole UTC day', () => {
  check('last_seen', [
    ['equals', '2024-05-01', '2024-05-01T00:00:00Z', true],
    ['equals', '2024-05-01', '2024-05-01T23:59:59.999Z', true],
    ['equals', '2024-05-01', '2024-05-02T00:00:00Z', false],
    ['equals', '2024-05-01', '2024-04-30T23:59:59.999Z', false],
    ['equals', '2024-05-01', '2024-05-02T01:00:00+02:00', true],
    ['greater_than', '2024-05-01', '2024-05-01T23:59:59.999Z', false],
    ['greater_than', '2024-05-01', '2024-05-02T00:00:00.000Z', true],
    ['less_than', '2024-05-01', '2024-04-30T23:59:59.999Z', true],
    ['less_than', '2024-05-01', '2024-05-01T00:00:00Z', false],
    ['greater_than', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.001Z', true],
    ['greater_than', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', false],
    ['equals', '2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z', true],
    ['equals', '2024-05-01T10:00:00Z', '1714557600000', true],
    ['not_equals', '2024-05-01T10:00:00Z', '', true],
  ]);
});

describe('boolean filters', () => {
  check('vip', [
    ['equals', true, 'true', true],
    ['equals', true, 'TRUE', true],
    ['equals', true, 'false', false],
    ['equals', 'false', 'false', true],
    ['equals', true, null, false],
    ['not_equals', true, 'false', true],
    ['not_equals', true, null, true],
    ['is_empty', undefined, null, true],
  ]);
  check('opt_in', [['equals', false, 'false', true]]);
});

describe('single choice filters compare option values exactly', () => {
  check('tier', [
    ['equals', 'gold', 'gold', true],
    ['equals', 'gold', 'Gold', false],
    ['equals', 'gold', 'silver', false],
    ['not_equals', 'gold', null, true],
    ['is_any_of', ['gold', 'silver'], 'silver', true],
    ['is_any_of', ['gold', 'silver'], 'bronze', false],
    ['is_none_of', ['gold'], 'silver', true],
    ['is_none_of', ['gold'], null, true],
    ['is_none_of', ['gold'], 'gold', false],
  ]);
  check('lifecyclestage', [['is_any_of', ['lead', 'customer'], 'customer', true]]);
  check('hubspot_owner_id', [['equals', '123', '123', true]]);
});

describe('multi-checkbox filters treat the value as a set of options', () => {
  check('tags', [
    ['equals', ['alpha', 'beta'], 'beta;alpha', true],
    ['equals', ['alpha', 'beta'], ';alpha;beta', true],
    ['equals', ['alpha', 'beta'], 'alpha', false],
    ['equals', ['alpha', 'beta'], 'alpha;beta;gamma', false],
    ['equals', 'alpha;beta', 'beta;alpha', true],
    ['equals', 'alpha', 'alpha', true],
    ['not_equals', ['alpha'], 'alpha;beta', true],
    ['not_equals', ['alpha'], null, true],
    ['contains', 'beta', 'alpha;beta', true],
    ['contains', 'beta', 'alpha', false],
    ['contains', 'beta', null, false],
    ['not_contains', 'beta', 'alpha', true],
    ['not_contains', 'beta', null, true],
    ['not_contains', 'beta', 'beta', false],
    ['is_any_of', ['beta', 'gamma'], 'alpha;gamma', true],
    ['is_any_of', ['beta', 'gamma'], 'alpha', false],
    ['is_none_of', ['beta', 'gamma'], 'alpha', true],
    ['is_none_of', ['beta', 'gamma'], 'alpha;gamma', false],
    ['is_none_of', ['beta', 'gamma'], ';', true],
    ['is_empty', undefined, ';', true],
    ['is_empty', undefined, '', true],
    ['is_empty', undefined, 'alpha', false],
  ]);
});

describe('compileFilters', () => {
  it('combines filters with AND and lets everything through without filters', () => {
    const predicate = compileFilters(
      [
        { field: 'amount', operator: 'greater_than', value: '1e3' },
        { field: 'tags', operator: 'is_none_of', value: ['beta'] },
      ],
      ALL_PROPERTIES,
    );
    expect(predicate({ amount: '1000.5', tags: 'alpha' })).toBe(true);
    expect(predicate({ amount: '1000', tags: 'alpha' })).toBe(false);
    expect(predicate({ amount: '5000', tags: 'alpha;beta' })).toBe(false);
    expect(predicate({ amount: '5000' })).toBe(true);
    expect(compileFilters([], ALL_PROPERTIES)({})).toBe(true);
  });

  it('does not read inherited members as property values', () => {
    const properties = propertiesByName([property({ name: 'constructor' }), property({ name: 'toString' })]);
    const predicate = compileFilters(
      [
        { field: 'constructor', operator: 'is_empty' },
        { field: 'toString', operator: 'is_empty' },
      ],
      properties,
    );
    expect(predicate({})).toBe(true);
    expect(predicate({ constructor: 'x' })).toBe(false);
  });

  it('reads non-string values from loosely typed records as text', () => {
    const predicate = compileFilters(
      [{ field: 'amount', operator: 'greater_than', value: 1 }],
      ALL_PROPERTIES,
    );
    expect(predicate({ amount: 5 } as unknown as RecordValues)).toBe(true);
    expect(predicate({ amount: { n: 5 } } as unknown as RecordValues)).toBe(false);
  });

  it('refuses filters that no longer fit the properties, with every problem in the details', () => {
    const stale = [
      { field: 'deleted_prop', operator: 'equals', value: 'x' },
      { field: 'tier', operator: 'equals', value: 'platinum' },
    ] as const;
    let error: unknown;
    try {
      compileFilters(stale, ALL_PROPERTIES);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('invalid_filters');
    expect(appError.retryable).toBe(false);
    expect(appError.message).toBe(
      'The filters cannot be applied: Filter 1 (deleted_prop equals): deleted_prop is not a HubSpot property',
    );
    expect((appError.details as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual([
      'unknown_field',
      'unknown_option',
    ]);
  });
});

describe('operatorsFor', () => {
  it.each(
    (
      [
        [P.firstname, 10],
        [P.amount, 8],
        [P.renewal, 6],
        [P.lastSeen, 6],
        [P.vip, 4],
        [P.tier, 6],
        [P.tags, 8],
      ] as const
    ).map(([p, count]) => [p.name, p, count] as const),
  )('%s gets its fitting operators', (_, p, count) => {
    expect(operatorsFor(p)).toHaveLength(count);
  });

  it('offers order only where values are ordered and substrings only on text', () => {
    expect(operatorsFor(P.amount)).toContain('greater_than');
    expect(operatorsFor(P.renewal)).toContain('less_than');
    expect(operatorsFor(P.firstname)).not.toContain('greater_than');
    expect(operatorsFor(P.tier)).not.toContain('greater_than');
    expect(operatorsFor(P.amount)).not.toContain('contains');
    expect(operatorsFor(P.renewal)).not.toContain('starts_with');
  });
});

describe('describeFilter', () => {
  it.each([
    [
      { field: 'lifecyclestage', operator: 'is_any_of', value: ['lead', 'customer'] },
      'lifecyclestage is any of [lead, customer]',
    ],
    [{ field: 'name', operator: 'contains', value: 'acme' }, 'name contains "acme"'],
    [{ field: 'amount', operator: 'greater_than', value: 1000 }, 'amount is greater than 1000'],
    [{ field: 'vip', operator: 'not_equals', value: true }, 'vip does not equal true'],
    [{ field: 'email', operator: 'is_empty' }, 'email is empty'],
    [{ field: 'x', operator: 'sounds_like', value: 'y' }, 'x sounds_like "y"'],
    [{ field: 'n', operator: 'equals', value: 'z'.repeat(100) }, `n equals "${'z'.repeat(80)}"…`],
  ])('%j', (filter, text) => {
    expect(describeFilter(filter)).toBe(text);
  });

  it('shortens long lists', () => {
    const values = Array.from({ length: 25 }, (_, i) => `v${i}`);
    expect(describeFilter({ field: 'f', operator: 'is_none_of', value: values })).toBe(
      'f is none of [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, … (+15 more)]',
    );
  });
});
