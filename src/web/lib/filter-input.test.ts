import { describe, expect, it } from 'vitest';
import type { FieldInfo } from '../../contracts/api.ts';
import { checkFilter, inputKind, reshapeValue } from './filter-input.ts';

const field = (name: string, type: string, fieldType: string, operators: string[]): FieldInfo => ({
  name,
  label: name,
  type,
  fieldType,
  group: 'g',
  description: '',
  locked: false,
  selected: true,
  direction: 'both',
  allowedDirections: ['both'],
  readOnly: false,
  custom: false,
  options: type === 'enumeration' ? [{ label: 'Lead', value: 'lead' }] : [],
  operators,
  thena: { kind: 'standard', name, fieldType: 'text', fieldId: null },
});

const fields = new Map(
  [
    field('renewal', 'date', 'date', ['equals', 'greater_than', 'is_empty']),
    field('seats', 'number', 'number', ['less_than', 'is_any_of']),
    field('stage', 'enumeration', 'select', ['is_any_of']),
    field('vip', 'enumeration', 'booleancheckbox', ['equals']),
  ].map((f) => [f.name, f]),
);
const selected = new Set(['renewal', 'seats', 'stage', 'vip']);
const check = (field: string, operator: string, value?: string | number | string[]) =>
  checkFilter(
    value === undefined ? { key: 'k', field, operator } : { key: 'k', field, operator, value },
    fields,
    selected,
  );

describe('a filter checked on the page', () => {
  it('fits its value box to the field', () => {
    expect([...fields.values()].map(inputKind)).toEqual(['date', 'number', 'option', 'bool']);
  });

  it('passes when complete and fitting', () => {
    expect(check('renewal', 'greater_than', '2026-02-03')).toBeNull();
    expect(check('renewal', 'is_empty')).toBeNull();
    expect(check('seats', 'less_than', 10)).toBeNull();
    expect(check('stage', 'is_any_of', ['lead'])).toBeNull();
  });

  it('tells missing parts from wrong ones', () => {
    expect(check('', '')).toMatchObject({ part: 'field', missing: true });
    expect(check('renewal', '')).toMatchObject({ part: 'operator', missing: true });
    expect(check('renewal', 'equals')).toMatchObject({ part: 'value', missing: true });
    expect(check('renewal', 'equals', '03/02/2026')).toMatchObject({ part: 'value', missing: false });
    expect(check('seats', 'is_any_of', ['1', 'many'])).toMatchObject({ message: '"many" is not a number' });
    expect(check('seats', 'equals', 1)).toMatchObject({ part: 'operator', missing: false });
  });

  it('refuses a field that is not selected', () => {
    expect(
      checkFilter({ key: 'k', field: 'seats', operator: 'less_than', value: 1 }, fields, new Set()),
    ).toMatchObject({ part: 'field', missing: false });
  });

  it('keeps what fits of a value when the operator changes shape', () => {
    expect(reshapeValue('a', 'list')).toEqual(['a']);
    expect(reshapeValue(['a', 'b'], 'single')).toBe('a');
    expect(reshapeValue('a', 'none')).toBeUndefined();
  });
});
