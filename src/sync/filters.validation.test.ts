import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileFilters,
  MAX_FILTERS,
  MAX_LIST_ITEMS,
  MAX_VALUE_LENGTH,
  validateFilters,
  type FilterInput,
  type RecordValues,
} from './filters.ts';
import { ALL_PROPERTIES } from './hubspot-fixtures.testing.ts';

const everyField = [...ALL_PROPERTIES.keys()];
const validate = (filters: FilterInput[], selectedFields: string[] = everyField) =>
  validateFilters(filters, { selectedFields, properties: ALL_PROPERTIES });
const codes = (filters: FilterInput[]) => validate(filters).map((p) => `${p.path} ${p.code}`);

describe('validateFilters', () => {
  it('accepts valid filters of every kind', () => {
    expect(
      validate([
        { field: 'firstname', operator: 'starts_with', value: 'J' },
        { field: 'amount', operator: 'greater_than', value: '1e3' },
        { field: 'renewal_date', operator: 'less_than', value: '2024-05-01' },
        { field: 'last_seen', operator: 'equals', value: '2024-05-01T10:00:00+02:00' },
        { field: 'vip', operator: 'equals', value: 'true' },
        { field: 'lifecyclestage', operator: 'is_any_of', value: ['lead', 'customer'] },
        { field: 'tags', operator: 'equals', value: 'alpha;beta' },
        { field: 'tags', operator: 'contains', value: 'gamma' },
        { field: 'email', operator: 'is_not_empty' },
        { field: 'email', operator: 'is_empty', value: '' },
      ]),
    ).toEqual([]);
  });

  it('names the filter, its path and the problem', () => {
    expect(
      validate([{ field: 'lifecyclestage', operator: 'is_any_of', value: ['lead', 'Customer'] }]),
    ).toEqual([
      {
        index: 0,
        path: 'filters/0/value/1',
        code: 'unknown_option',
        message:
          'Filter 1 (lifecyclestage is any of): "Customer" is not an option of lifecyclestage; did you mean "customer"?',
      },
    ]);
  });

  it('refuses unknown and unselected fields and unknown operators', () => {
    const problems = validate(
      [
        { field: 'no_such_prop', operator: 'equals', value: 'x' },
        { field: 'amount', operator: 'equals', value: 1 },
        { field: 'firstname', operator: 'sounds_like', value: 'x' },
        { field: '', operator: 'equals', value: 'x' },
      ],
      ['firstname'],
    );
    expect(problems.map((p) => [p.path, p.code, p.message])).toEqual([
      [
        'filters/0/field',
        'unknown_field',
        'Filter 1 (no_such_prop equals): no_such_prop is not a HubSpot property',
      ],
      [
        'filters/1/field',
        'field_not_selected',
        'Filter 2 (amount equals): amount is not selected for sync; select it or remove the filter',
      ],
      [
        'filters/2/operator',
        'unknown_operator',
        'Filter 3 (firstname sounds_like): "sounds_like" is not an operator',
      ],
      ['filters/3/field', 'unknown_field', 'Filter 4 ((no field) equals): no field is chosen'],
    ]);
  });

  it.each([
    ['greater_than on text', 'firstname', 'greater_than'],
    ['greater_than on an enumeration', 'tier', 'greater_than'],
    ['less_than on a multi-checkbox', 'tags', 'less_than'],
    ['greater_than on a boolean', 'vip', 'greater_than'],
    ['contains on a number', 'amount', 'contains'],
    ['contains on a boolean', 'vip', 'contains'],
    ['contains on a dropdown', 'tier', 'contains'],
    ['starts_with on a date', 'renewal_date', 'starts_with'],
    ['ends_with on a date-time', 'last_seen', 'ends_with'],
    ['is_any_of on a date', 'renewal_date', 'is_any_of'],
    ['is_none_of on a boolean', 'vip', 'is_none_of'],
  ])('refuses %s', (_, field, operator) => {
    const problems = validate([{ field, operator, value: '1' }]);
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['filters/0/operator operator_not_supported']);
    expect(problems[0]?.message).toMatch(/does not apply to .* fields \(use one of: .*\)$/);
  });

  it.each([
    ['a missing value', { field: 'firstname', operator: 'equals' }, 'filters/0/value value_required'],
    [
      'a blank value',
      { field: 'firstname', operator: 'contains', value: '  ' },
      'filters/0/value value_required',
    ],
    [
      'a value on is_empty',
      { field: 'email', operator: 'is_empty', value: 'x' },
      'filters/0/value value_not_allowed',
    ],
    [
      'a value on is_not_empty',
      { field: 'email', operator: 'is_not_empty', value: 0 },
      'filters/0/value value_not_allowed',
    ],
    [
      'a list on equals',
      { field: 'firstname', operator: 'equals', value: ['a'] },
      'filters/0/value single_value_required',
    ],
    [
      'a scalar on is_any_of',
      { field: 'tier', operator: 'is_any_of', value: 'gold' },
      'filters/0/value list_required',
    ],
    ['an empty list', { field: 'tier', operator: 'is_none_of', value: [] }, 'filters/0/value value_required'],
    [
      'an object value',
      { field: 'firstname', operator: 'equals', value: { a: 1 } },
      'filters/0/value invalid_value',
    ],
    [
      'a thousands separator',
      { field: 'amount', operator: 'greater_than', value: '1,000' },
      'filters/0/value invalid_number',
    ],
    [
      'a non-number',
      { field: 'amount', operator: 'less_than', value: 'ten' },
      'filters/0/value invalid_number',
    ],
    [
      'a US date',
      { field: 'renewal_date', operator: 'equals', value: '05/01/2024' },
      'filters/0/value invalid_date',
    ],
    [
      'a month 13',
      { field: 'renewal_date', operator: 'equals', value: '2024-13-01' },
      'filters/0/value invalid_date',
    ],
    [
      'a date-time on a date',
      { field: 'renewal_date', operator: 'equals', value: '2024-05-01T10:00:00Z' },
      'filters/0/value invalid_date',
    ],
    [
      'epoch ms on a date-time',
      { field: 'last_seen', operator: 'greater_than', value: '1714557600000' },
      'filters/0/value invalid_datetime',
    ],
    [
      'a bad time of day',
      { field: 'last_seen', operator: 'greater_than', value: '2024-05-01T25:00:00Z' },
      'filters/0/value invalid_datetime',
    ],
    ['yes for a boolean', { field: 'vip', operator: 'equals', value: 'yes' }, 'filters/0/value invalid_bool'],
    [
      'an unknown option',
      { field: 'tier', operator: 'equals', value: 'platinum' },
      'filters/0/value unknown_option',
    ],
    [
      'an unknown multi option',
      { field: 'tags', operator: 'contains', value: 'delta' },
      'filters/0/value unknown_option',
    ],
  ] as [string, FilterInput, string][])('refuses %s', (_, filter, expected) => {
    expect(codes([filter])).toEqual([expected]);
  });

  it('points at each bad item of a list', () => {
    expect(codes([{ field: 'amount', operator: 'is_any_of', value: [1, 'two', 3, '4,0', null] }])).toEqual([
      'filters/0/value/1 invalid_number',
      'filters/0/value/3 invalid_number',
      'filters/0/value/4 invalid_value',
    ]);
  });

  it('suggests the option value when the label was typed', () => {
    const [problem] = validate([{ field: 'tier', operator: 'equals', value: 'Bronze (retired)' }]);
    expect(problem?.message).toMatch(/did you mean "bronze"\?$/);
    const [unrelated] = validate([{ field: 'tier', operator: 'equals', value: 'platinum' }]);
    expect(unrelated?.message).toMatch(/\(options: gold, silver, bronze\)$/);
  });

  it(`caps lists at ${MAX_LIST_ITEMS} items and values at ${MAX_VALUE_LENGTH} characters`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(codes([{ field: 'firstname', operator: 'is_any_of', value: list(MAX_LIST_ITEMS) }])).toEqual([]);
    expect(codes([{ field: 'firstname', operator: 'is_any_of', value: list(MAX_LIST_ITEMS + 1) }])).toEqual([
      'filters/0/value list_too_long',
    ]);
    const long = 'x'.repeat(MAX_VALUE_LENGTH);
    expect(codes([{ field: 'firstname', operator: 'contains', value: long }])).toEqual([]);
    expect(codes([{ field: 'firstname', operator: 'contains', value: `${long}x` }])).toEqual([
      'filters/0/value value_too_long',
    ]);
    expect(codes([{ field: 'firstname', operator: 'is_none_of', value: ['ok', `${long}x`] }])).toEqual([
      'filters/0/value/1 value_too_long',
    ]);
  });

  it(`caps the number of filters at ${MAX_FILTERS}`, () => {
    const filter: FilterInput = { field: 'email', operator: 'is_not_empty' };
    expect(codes(Array.from({ length: MAX_FILTERS }, () => filter))).toEqual([]);
    const problems = validate(Array.from({ length: MAX_FILTERS + 1 }, () => filter));
    expect(problems).toEqual([
      {
        index: MAX_FILTERS,
        path: `filters/${MAX_FILTERS}`,
        code: 'too_many_filters',
        message: `There are ${MAX_FILTERS + 1} filters; at most ${MAX_FILTERS} are allowed`,
      },
    ]);
  });

  it('reports unknown field and unknown operator of one filter together', () => {
    expect(codes([{ field: 'nope', operator: 'nah' }])).toEqual([
      'filters/0/field unknown_field',
      'filters/0/operator unknown_operator',
    ]);
  });
});

describe('compiled filters on arbitrary records', () => {
  // Valid filters for every kind, each paired with its complement.
  const PAIRS: [FilterInput, FilterInput][] = [
    [
      { field: 'firstname', operator: 'contains', value: 'a' },
      { field: 'firstname', operator: 'not_contains', value: 'a' },
    ],
    [
      { field: 'amount', operator: 'equals', value: 0 },
      { field: 'amount', operator: 'not_equals', value: 0 },
    ],
    [
      { field: 'last_seen', operator: 'equals', value: '2024-05-01' },
      { field: 'last_seen', operator: 'not_equals', value: '2024-05-01' },
    ],
    [
      { field: 'tier', operator: 'is_any_of', value: ['gold'] },
      { field: 'tier', operator: 'is_none_of', value: ['gold'] },
    ],
    [
      { field: 'tags', operator: 'is_any_of', value: ['alpha'] },
      { field: 'tags', operator: 'is_none_of', value: ['alpha'] },
    ],
    [
      { field: 'renewal_date', operator: 'is_empty' },
      { field: 'renewal_date', operator: 'is_not_empty' },
    ],
    [
      { field: 'vip', operator: 'equals', value: true },
      { field: 'vip', operator: 'not_equals', value: true },
    ],
  ];

  const rawValue = fc.oneof(
    fc.string(),
    fc.constantFrom('', ';', ' ', 'true', 'gold', 'alpha;beta', '1e3', '2024-05-01', '1714557600000'),
    fc.constant(null),
    fc.constant(undefined),
  );
  const record = fc.dictionary(fc.constantFrom(...everyField, 'constructor', '__proto__', 'other'), rawValue);

  it('never throw, and each negative operator is the exact complement of its positive', () => {
    const compiled = PAIRS.map(([positive, negative]) => [
      compileFilters([positive], ALL_PROPERTIES),
      compileFilters([negative], ALL_PROPERTIES),
    ]);
    fc.assert(
      fc.property(record, (values) => {
        for (const [positive, negative] of compiled) {
          expect(negative?.(values as RecordValues)).toBe(!positive?.(values as RecordValues));
        }
      }),
    );
  });

  it('never throw for any valid operator on any kind of property', () => {
    const filters: FilterInput[] = [
      { field: 'firstname', operator: 'ends_with', value: 'x' },
      { field: 'amount', operator: 'greater_than', value: 1 },
      { field: 'amount', operator: 'is_none_of', value: [1, 2] },
      { field: 'renewal_date', operator: 'less_than', value: '2024-01-01' },
      { field: 'last_seen', operator: 'greater_than', value: '2024-01-01T00:00:00Z' },
      { field: 'tags', operator: 'equals', value: ['alpha', 'beta'] },
      { field: 'tier', operator: 'not_equals', value: 'gold' },
    ];
    const predicates = filters.map((f) => compileFilters([f], ALL_PROPERTIES));
    fc.assert(
      fc.property(record, (values) => {
        for (const predicate of predicates) expect(typeof predicate(values as RecordValues)).toBe('boolean');
      }),
    );
  });
});
