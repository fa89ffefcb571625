// One filter compiled to a test of one HubSpot raw value. Which operators fit which kind of
// property, and what each means for it, is decided here.
//
// Semantics, for every kind:
// - is_empty matches null, a missing property, "" and whitespace-only (for multi-checkboxes also
//   a value with only separators, like ";").
// - The negative operators are exact complements: not_equals = not equals, not_contains = not
//   contains, is_none_of = not is_any_of, is_not_empty = not is_empty. So an empty value matches
//   not_equals, not_contains and is_none_of ("a record without a country is not in France").
// - Every other operator never matches an empty value, nor a value that does not parse for the
//   property's type (a number property holding "n/a" is not greater than anything).
// - Text compares trimmed and case-insensitively; option values (dropdown, radio, checkboxes)
//   compare exactly, as HubSpot stores them; a multi-checkbox value is a set of options.
import {
  boolOperand,
  dayOperand,
  instantOperand,
  listItems,
  mapOperand,
  numberOperand,
  optionOperand,
  reject,
  singleItem,
  textKey,
  textOperand,
  type Interval,
  type Item,
  type Operand,
  type OperandContext,
} from './filter-operands.ts';
import { readBool, readDay, readInstant, readMulti, readNumber, readOption } from './filter-operands.ts';
import { operatorPhrase, type FilterOperator } from './filter-types.ts';
import { valueKind, type HubSpotProperty, type ValueKind } from './properties.ts';
import { isBlank, splitMulti } from './value-parsing.ts';

/** A compiled filter applied to one raw HubSpot value. */
export type Clause = (raw: string | null | undefined) => boolean;

type FilterGroup = 'text' | 'number' | 'date' | 'datetime' | 'bool' | 'choice' | 'multi';

const GROUP_OF: Record<ValueKind, FilterGroup> = {
  text: 'text',
  long_text: 'text',
  html: 'text',
  phone: 'text',
  email: 'text',
  file: 'text',
  number: 'number',
  date: 'date',
  datetime: 'datetime',
  bool: 'bool',
  single_choice: 'choice',
  radio: 'choice',
  multi_choice: 'multi',
};

const PRESENCE: readonly FilterOperator[] = ['is_empty', 'is_not_empty'];
const EQUALITY: readonly FilterOperator[] = ['equals', 'not_equals'];
const MEMBERSHIP: readonly FilterOperator[] = ['is_any_of', 'is_none_of'];
const ORDER: readonly FilterOperator[] = ['greater_than', 'less_than'];
const CONTAINMENT: readonly FilterOperator[] = ['contains', 'not_contains'];
const AFFIXES: readonly FilterOperator[] = ['starts_with', 'ends_with'];

const OPERATORS: Record<FilterGroup, readonly FilterOperator[]> = {
  text: [...EQUALITY, ...CONTAINMENT, ...AFFIXES, ...MEMBERSHIP, ...PRESENCE],
  number: [...EQUALITY, ...ORDER, ...MEMBERSHIP, ...PRESENCE],
  date: [...EQUALITY, ...ORDER, ...PRESENCE],
  datetime: [...EQUALITY, ...ORDER, ...PRESENCE],
  bool: [...EQUALITY, ...PRESENCE],
  choice: [...EQUALITY, ...MEMBERSHIP, ...PRESENCE],
  // contains / does not contain: has / lacks one option, which reads naturally for checkboxes.
  multi: [...EQUALITY, ...CONTAINMENT, ...MEMBERSHIP, ...PRESENCE],
};

const COMPLEMENT: Partial<Record<FilterOperator, FilterOperator>> = {
  not_equals: 'equals',
  not_contains: 'contains',
  is_none_of: 'is_any_of',
  is_not_empty: 'is_empty',
};

/** The operators that apply to a property, in the configuration page's order. */
export function operatorsFor(p: HubSpotProperty): FilterOperator[] {
  return [...OPERATORS[GROUP_OF[valueKind(p)]]];
}

export function compileClause(
  ctx: OperandContext,
  operator: FilterOperator,
  value: unknown,
): Operand<Clause> {
  const kind = valueKind(ctx.property);
  const group = GROUP_OF[kind];
  if (!OPERATORS[group].includes(operator)) {
    const fitting = OPERATORS[group].map(operatorPhrase).join(', ');
    const message = `"${operatorPhrase(operator)}" does not apply to ${kind.replace('_', ' ')} fields (use one of: ${fitting})`;
    return reject(ctx, 'operator_not_supported', message, `filters/${ctx.index}/operator`);
  }
  const positive = COMPLEMENT[operator] ?? operator;
  const clause = positiveClause(ctx, group, positive, value);
  return positive === operator ? clause : mapOperand(clause, (test) => (raw) => !test(raw));
}

function positiveClause(
  ctx: OperandContext,
  group: FilterGroup,
  operator: FilterOperator,
  value: unknown,
): Operand<Clause> {
  if (operator === 'is_empty') {
    // A blank value is what an untouched value box submits; anything else is a mistake.
    const blank = value === undefined || value === null || (typeof value === 'string' && isBlank(value));
    if (!blank) return reject(ctx, 'value_not_allowed', 'takes no value; remove it');
    return { ok: true, value: group === 'multi' ? (raw) => readMulti(raw) === null : isBlank };
  }
  switch (group) {
    case 'text':
      return textClause(ctx, operator, value);
    case 'number':
      return numberClause(ctx, operator, value);
    case 'date':
      return timeClause(ctx, operator, value, dayOperand, readDay);
    case 'datetime':
      return timeClause(ctx, operator, value, instantOperand, readInstant);
    case 'bool':
      return mapOperand(single(ctx, value, boolOperand), (b) => present(readBool, (v) => v === b));
    case 'choice':
      return choiceClause(ctx, operator, value);
    case 'multi':
      return multiClause(ctx, operator, value);
  }
}

/** A test that fails on empty and unparseable values and otherwise applies `test`. */
function present<T>(read: (raw: string) => T | null, test: (value: T) => boolean): Clause {
  return (raw) => {
    if (isBlank(raw)) return false;
    const value = read(raw);
    return value !== null && test(value);
  };
}

function single<T>(
  ctx: OperandContext,
  value: unknown,
  parse: (ctx: OperandContext, item: Item) => Operand<T>,
): Operand<T> {
  const item = singleItem(ctx, value);
  return item.ok ? parse(ctx, item.value) : item;
}

function list<T>(
  ctx: OperandContext,
  value: unknown,
  parse: (ctx: OperandContext, item: Item) => Operand<T>,
): Operand<Set<T>> {
  return mapOperand(listItems(ctx, value, parse), (values) => new Set(values));
}

const TEXT_TESTS: Partial<Record<FilterOperator, (text: string, needle: string) => boolean>> = {
  equals: (text, needle) => text === needle,
  contains: (text, needle) => text.includes(needle),
  starts_with: (text, needle) => text.startsWith(needle),
  ends_with: (text, needle) => text.endsWith(needle),
};

function textClause(ctx: OperandContext, operator: FilterOperator, value: unknown): Operand<Clause> {
  if (operator === 'is_any_of') {
    return mapOperand(list(ctx, value, textOperand), (set) => present(textKey, (t) => set.has(t)));
  }
  const test = TEXT_TESTS[operator] ?? unreachable(operator);
  return mapOperand(single(ctx, value, textOperand), (needle) =>
    present(textKey, (text) => test(text, needle)),
  );
}

function numberClause(ctx: OperandContext, operator: FilterOperator, value: unknown): Operand<Clause> {
  if (operator === 'is_any_of') {
    return mapOperand(list(ctx, value, numberOperand), (set) => present(readNumber, (n) => set.has(n)));
  }
  return mapOperand(single(ctx, value, numberOperand), (bound) => {
    if (operator === 'greater_than') return present(readNumber, (n) => n > bound);
    if (operator === 'less_than') return present(readNumber, (n) => n < bound);
    return present(readNumber, (n) => n === bound);
  });
}

function timeClause(
  ctx: OperandContext,
  operator: FilterOperator,
  value: unknown,
  parse: (ctx: OperandContext, item: Item) => Operand<Interval>,
  read: (raw: string) => number | null,
): Operand<Clause> {
  // "after May 1" means after the whole day; "before May 1" means before it starts.
  return mapOperand(single(ctx, value, parse), ({ start, end }) => {
    if (operator === 'greater_than') return present(read, (t) => t >= end);
    if (operator === 'less_than') return present(read, (t) => t < start);
    return present(read, (t) => t >= start && t < end);
  });
}

function choiceClause(ctx: OperandContext, operator: FilterOperator, value: unknown): Operand<Clause> {
  if (operator === 'is_any_of') {
    return mapOperand(list(ctx, value, optionOperand), (set) => present(readOption, (o) => set.has(o)));
  }
  return mapOperand(single(ctx, value, optionOperand), (option) => present(readOption, (o) => o === option));
}

function multiClause(ctx: OperandContext, operator: FilterOperator, value: unknown): Operand<Clause> {
  if (operator === 'contains') {
    return mapOperand(single(ctx, value, optionOperand), (option) =>
      present(readMulti, (set) => set.has(option)),
    );
  }
  const options = optionSet(ctx, value);
  if (operator === 'is_any_of') {
    return mapOperand(options, (wanted) => present(readMulti, (set) => [...wanted].some((o) => set.has(o))));
  }
  // equals: exactly these options, in any order.
  return mapOperand(options, (wanted) =>
    present(readMulti, (set) => set.size === wanted.size && [...wanted].every((o) => set.has(o))),
  );
}

/** A list of options, or for equals also HubSpot's own "a;b" form. */
function optionSet(ctx: OperandContext, value: unknown): Operand<Set<string>> {
  if (typeof value === 'string' && value.includes(';')) return list(ctx, splitMulti(value), optionOperand);
  if (Array.isArray(value)) return list(ctx, value, optionOperand);
  return mapOperand(single(ctx, value, optionOperand), (option) => new Set([option]));
}

function unreachable(operator: FilterOperator): never {
  throw new Error(`operator ${operator} reached a clause that does not handle it`);
}
