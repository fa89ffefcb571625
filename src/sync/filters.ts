// Filters decide which HubSpot records are synced: validated when the admin saves them, compiled
// once into a predicate over a record's raw HubSpot values, all filters combined with AND.
//
// Validation and compilation share one code path (compileClause), so a filter that validates is
// a filter that compiles, and the two can never disagree about what a value means.
import { compileClause, type Clause } from './filter-clauses.ts';
import type { OperandContext } from './filter-operands.ts';
import {
  filterLabel,
  isFilterOperator,
  MAX_FILTERS,
  type FilterInput,
  type FilterProblem,
  type FilterProblemCode,
} from './filter-types.ts';
import { AppError } from './errors.ts';
import type { HubSpotProperty } from './properties.ts';

export { operatorsFor } from './filter-clauses.ts';
export {
  describeFilter,
  FILTER_OPERATORS,
  MAX_FILTERS,
  MAX_LIST_ITEMS,
  MAX_VALUE_LENGTH,
  type Filter,
  type FilterInput,
  type FilterOperator,
  type FilterProblem,
  type FilterProblemCode,
  type FilterValue,
} from './filter-types.ts';

/** A record's properties as HubSpot returns them: strings, or null/absent when empty. */
export type RecordValues = Readonly<Record<string, string | null | undefined>>;
export type RecordPredicate = (record: RecordValues) => boolean;

export interface FilterContext {
  /** The properties selected for sync (locked ones included): only those are fetched. */
  selectedFields: readonly string[];
  properties: ReadonlyMap<string, HubSpotProperty>;
}

/** Every problem of every filter; an empty list means the filters can be saved. */
export function validateFilters(filters: readonly FilterInput[], context: FilterContext): FilterProblem[] {
  const selected = new Set(context.selectedFields);
  const problems: FilterProblem[] = [];
  if (filters.length > MAX_FILTERS) {
    problems.push({
      index: MAX_FILTERS,
      path: `filters/${MAX_FILTERS}`,
      code: 'too_many_filters',
      message: `There are ${filters.length} filters; at most ${MAX_FILTERS} are allowed`,
    });
  }
  filters.forEach((filter, index) => {
    const compiled = compileOne(filter, index, context.properties);
    if (!compiled.ok) problems.push(...compiled.problems);
    const known = context.properties.has(filter.field);
    if (known && !selected.has(filter.field)) {
      const message = `${filter.field} is not selected for sync; select it or remove the filter`;
      problems.push(problem(filter, index, 'field', 'field_not_selected', message));
    }
  });
  return problems;
}

/**
 * One predicate for all filters (AND; no filters lets every record through). Values are parsed
 * here, once. Filters that do not compile (a property or option deleted in HubSpot since they
 * were saved) fail loudly with `invalid_filters` rather than letting other records through.
 */
export function compileFilters(
  filters: readonly FilterInput[],
  properties: ReadonlyMap<string, HubSpotProperty>,
): RecordPredicate {
  const clauses: { field: string; test: Clause }[] = [];
  const problems: FilterProblem[] = [];
  filters.forEach((filter, index) => {
    const compiled = compileOne(filter, index, properties);
    if (compiled.ok) clauses.push({ field: filter.field, test: compiled.test });
    else problems.push(...compiled.problems);
  });
  if (problems.length > 0) {
    throw new AppError('invalid_filters', `The filters cannot be applied: ${problems[0]?.message ?? ''}`, {
      details: { problems },
      httpStatus: 422,
    });
  }
  return (record) => clauses.every(({ field, test }) => test(rawValue(record, field)));
}

type Compiled = { ok: true; test: Clause } | { ok: false; problems: FilterProblem[] };

function compileOne(
  filter: FilterInput,
  index: number,
  properties: ReadonlyMap<string, HubSpotProperty>,
): Compiled {
  const property = properties.get(filter.field);
  const problems: FilterProblem[] = [];
  if (property === undefined) {
    const message = `${filter.field === '' ? 'no field is chosen' : `${filter.field} is not a HubSpot property`}`;
    problems.push(problem(filter, index, 'field', 'unknown_field', message));
  }
  if (!isFilterOperator(filter.operator)) {
    const message = `"${filter.operator}" is not an operator`;
    problems.push(problem(filter, index, 'operator', 'unknown_operator', message));
  }
  if (property === undefined || !isFilterOperator(filter.operator)) return { ok: false, problems };
  const ctx: OperandContext = { index, label: filterLabel(filter, index), property };
  const clause = compileClause(ctx, filter.operator, filter.value);
  return clause.ok ? { ok: true, test: clause.value } : clause;
}

function problem(
  filter: FilterInput,
  index: number,
  part: 'field' | 'operator',
  code: FilterProblemCode,
  message: string,
): FilterProblem {
  return {
    index,
    path: `filters/${index}/${part}`,
    code,
    message: `${filterLabel(filter, index)}: ${message}`,
  };
}

// Records are plain objects from JSON: a property named like an Object.prototype member
// ("constructor") must not read the prototype, and a non-string value is not trusted.
function rawValue(record: RecordValues, field: string): string | null {
  if (!Object.hasOwn(record, field)) return null;
  const value: unknown = record[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
