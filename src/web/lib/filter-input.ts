// What a filter's value box looks like for its field and operator, and the checks the page can
// make before asking the server (which has the final word, see problems.ts).
import type { FieldInfo } from '../../contracts/api.ts';
import type { DraftFilter, FilterValue } from './draft.ts';

export type InputKind = 'text' | 'number' | 'date' | 'datetime' | 'bool' | 'option';
export type ValueShape = 'none' | 'single' | 'list';

export function inputKind(field: FieldInfo): InputKind {
  if (field.type === 'bool' || field.fieldType === 'booleancheckbox') return 'bool';
  if (field.type === 'number') return 'number';
  if (field.type === 'date') return 'date';
  if (field.type === 'datetime') return 'datetime';
  if (field.type === 'enumeration' && field.options.length > 0) return 'option';
  return 'text';
}

export function valueShape(operator: string): ValueShape {
  if (operator === 'is_empty' || operator === 'is_not_empty' || operator === '') return 'none';
  return operator === 'is_any_of' || operator === 'is_none_of' ? 'list' : 'single';
}

/** Keeps what fits of a value when the operator changes its shape (one value <-> a list). */
export function reshapeValue(value: FilterValue | undefined, shape: ValueShape): FilterValue | undefined {
  if (shape === 'none' || value === undefined) return undefined;
  if (shape === 'list') {
    if (Array.isArray(value)) return value;
    return String(value).trim() === '' ? [] : [String(value)];
  }
  return Array.isArray(value) ? value[0] : value;
}

export interface FilterCheck {
  part: 'field' | 'operator' | 'value';
  message: string;
  /** Something not filled in yet: shown once the admin tries to save or preview. */
  missing: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** The first thing wrong with a filter, if anything. */
export function checkFilter(
  filter: DraftFilter,
  fields: ReadonlyMap<string, FieldInfo>,
  selected: ReadonlySet<string>,
): FilterCheck | null {
  if (filter.field === '') return { part: 'field', message: 'Choose a field', missing: true };
  const field = fields.get(filter.field);
  if (field === undefined) {
    return { part: 'field', message: 'This field no longer exists in HubSpot', missing: false };
  }
  if (!selected.has(filter.field)) {
    return {
      part: 'field',
      message: 'Filters can only use selected fields: select this field or choose another',
      missing: false,
    };
  }
  if (filter.operator === '') return { part: 'operator', message: 'Choose an operator', missing: true };
  if (!field.operators.includes(filter.operator)) {
    return { part: 'operator', message: 'This operator does not apply to this field', missing: false };
  }
  const shape = valueShape(filter.operator);
  if (shape === 'none') return null;
  const message = checkValue(filter.value, shape, inputKind(field));
  return message === null ? null : { part: 'value', ...message };
}

function checkValue(
  value: FilterValue | undefined,
  shape: ValueShape,
  kind: InputKind,
): { message: string; missing: boolean } | null {
  if (shape === 'list') {
    const items = Array.isArray(value) ? value.filter((v) => v.trim() !== '') : [];
    if (items.length === 0) return { message: 'Add at least one value', missing: true };
    const bad = items.find((item) => !fits(item, kind));
    return bad === undefined ? null : { message: `"${bad}" is not ${expected(kind)}`, missing: false };
  }
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return {
      message: kind === 'option' || kind === 'bool' ? 'Choose a value' : 'Enter a value',
      missing: true,
    };
  }
  if (Array.isArray(value)) return { message: 'Takes a single value', missing: false };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { message: 'Enter a number', missing: false };
  }
  return typeof value !== 'string' || fits(value, kind)
    ? null
    : { message: `Enter ${expected(kind)}`, missing: false };
}

function fits(item: string, kind: InputKind): boolean {
  const text = item.trim();
  if (kind === 'number') return text !== '' && Number.isFinite(Number(text));
  if (kind === 'date') return DAY.test(text);
  if (kind === 'datetime') return DATE_TIME.test(text);
  return true;
}

function expected(kind: InputKind): string {
  if (kind === 'number') return 'a number';
  if (kind === 'date') return 'a date in the form YYYY-MM-DD';
  if (kind === 'datetime') return 'a date (YYYY-MM-DD) or a date-time such as 2024-05-01T10:20:30Z';
  return 'a valid value';
}
