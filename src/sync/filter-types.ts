// The filter model of the configuration page (the seed's twelve operators, combined with AND) and
// how a filter reads in messages and the audit log.
import { preview } from './value-parsing.ts';

export const FILTER_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
  'is_empty',
  'is_not_empty',
  'starts_with',
  'ends_with',
  'is_any_of',
  'is_none_of',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValue = string | number | boolean | string[];

export interface Filter {
  /** A HubSpot property name. */
  field: string;
  operator: FilterOperator;
  value?: FilterValue;
}

/** A filter as saved or submitted, before validation: any operator name, any value. */
export interface FilterInput {
  field: string;
  operator: string;
  value?: unknown;
}

export type FilterProblemCode =
  | 'too_many_filters'
  | 'unknown_field'
  | 'field_not_selected'
  | 'unknown_operator'
  | 'operator_not_supported'
  | 'value_required'
  | 'value_not_allowed'
  | 'invalid_value'
  | 'list_required'
  | 'single_value_required'
  | 'list_too_long'
  | 'value_too_long'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_datetime'
  | 'invalid_bool'
  | 'unknown_option';

export interface FilterProblem {
  /** Position of the filter in the list, from 0. */
  index: number;
  /** JSON-pointer-like location in the saved configuration: `filters/2/value`. */
  path: string;
  code: FilterProblemCode;
  /** Names the filter and the problem: `Filter 3 (lifecyclestage is any of): ...`. */
  message: string;
}

export const MAX_FILTERS = 50;
export const MAX_LIST_ITEMS = 500;
export const MAX_VALUE_LENGTH = 1_000;

const PHRASES: Record<FilterOperator, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  not_contains: 'does not contain',
  greater_than: 'is greater than',
  less_than: 'is less than',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  starts_with: 'starts with',
  ends_with: 'ends with',
  is_any_of: 'is any of',
  is_none_of: 'is none of',
};

export function isFilterOperator(operator: string): operator is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(operator);
}

export function operatorPhrase(operator: string): string {
  return isFilterOperator(operator) ? PHRASES[operator] : operator;
}

/** `Filter 3 (lifecyclestage is any of)`: how problems name a filter (numbered from 1). */
export function filterLabel(filter: FilterInput, index: number): string {
  const field = filter.field.trim() === '' ? '(no field)' : filter.field;
  return `Filter ${index + 1} (${field} ${operatorPhrase(filter.operator)})`;
}

const LISTED_ITEMS = 10;

/** `lifecyclestage is any of [lead, customer]`, `name contains "acme"`, `email is empty`. */
export function describeFilter(filter: FilterInput): string {
  const head = `${filter.field} ${operatorPhrase(filter.operator)}`;
  return filter.value === undefined || filter.value === null
    ? head
    : `${head} ${describeValue(filter.value)}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    const shown = value
      .slice(0, LISTED_ITEMS)
      .map((item) => (typeof item === 'string' ? shorten(item) : preview(item)));
    const more = value.length > LISTED_ITEMS ? `, … (+${value.length - LISTED_ITEMS} more)` : '';
    return `[${shown.join(', ')}${more}]`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? preview(value, 80) : preview(value);
}

function shorten(text: string, max = 40): string {
  const chars = Array.from(text.slice(0, max * 2));
  return chars.length > max || text.length > max * 2 ? `${chars.slice(0, max).join('')}…` : text;
}
