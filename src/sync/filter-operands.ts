// Filter values parsed once, when filters are validated or compiled, into what the predicates
// compare against; every refusal is a problem that names the filter and the exact value.
import {
  MAX_LIST_ITEMS,
  MAX_VALUE_LENGTH,
  type FilterProblem,
  type FilterProblemCode,
} from './filter-types.ts';
import { hasClosedOptions, optionValues, type HubSpotProperty } from './properties.ts';
import {
  DAY_MS,
  isBlank,
  isCalendarDayText,
  parseBool,
  parseCalendarDay,
  parseDay,
  parseInstant,
  parseNumber,
  preview,
  splitMulti,
} from './value-parsing.ts';

export interface OperandContext {
  index: number;
  /** `Filter 3 (lifecyclestage is any of)` */
  label: string;
  property: HubSpotProperty;
}

export type Operand<T> = { ok: true; value: T } | { ok: false; problems: FilterProblem[] };

/** One item of a filter's value, with the path that names it in problems. */
export interface Item {
  value: string | number | boolean;
  path: string;
}

/** Instants from `start` (inclusive) to `end` (exclusive): a whole day, or one millisecond. */
export interface Interval {
  start: number;
  end: number;
}

const accept = <T>(value: T): Operand<T> => ({ ok: true, value });

export function reject<T>(
  ctx: OperandContext,
  code: FilterProblemCode,
  message: string,
  path = valuePath(ctx),
): Operand<T> {
  return { ok: false, problems: [{ index: ctx.index, path, code, message: `${ctx.label}: ${message}` }] };
}

export function valuePath(ctx: OperandContext): string {
  return `filters/${ctx.index}/value`;
}

/** The value of an operator that compares with one value. */
export function singleItem(ctx: OperandContext, value: unknown): Operand<Item> {
  if (value === undefined || value === null) return reject(ctx, 'value_required', 'needs a value');
  if (Array.isArray(value)) {
    return reject(
      ctx,
      'single_value_required',
      'takes a single value, not a list (use "is any of" for lists)',
    );
  }
  return itemAt(ctx, value, valuePath(ctx));
}

/**
 * The value of "is any of" / "is none of": a non-empty list within the size limit, each item
 * parsed by `parse`; every bad item is reported, not only the first.
 */
export function listItems<T>(
  ctx: OperandContext,
  value: unknown,
  parse: (ctx: OperandContext, item: Item) => Operand<T>,
): Operand<T[]> {
  if (value === undefined || value === null) return reject(ctx, 'value_required', 'needs a list of values');
  if (!Array.isArray(value)) return reject(ctx, 'list_required', 'needs a list of values');
  if (value.length === 0) return reject(ctx, 'value_required', 'needs at least one value in the list');
  if (value.length > MAX_LIST_ITEMS) {
    return reject(ctx, 'list_too_long', `has ${value.length} values; at most ${MAX_LIST_ITEMS} are allowed`);
  }
  return all(
    value.map((raw: unknown, i) => {
      const item = itemAt(ctx, raw, `${valuePath(ctx)}/${i}`);
      return item.ok ? parse(ctx, item.value) : item;
    }),
  );
}

function itemAt(ctx: OperandContext, value: unknown, path: string): Operand<Item> {
  if (typeof value === 'number' || typeof value === 'boolean') return accept({ value, path });
  if (typeof value !== 'string') {
    return reject(ctx, 'invalid_value', `${preview(value)} is not text, a number or true/false`, path);
  }
  if (isBlank(value)) {
    return reject(
      ctx,
      'value_required',
      'has an empty value (use "is empty" to match records without one)',
      path,
    );
  }
  if (value.length > MAX_VALUE_LENGTH) {
    return reject(ctx, 'value_too_long', `a value is longer than ${MAX_VALUE_LENGTH} characters`, path);
  }
  return accept({ value, path });
}

/** All values, or every problem among them. */
export function all<T>(results: Operand<T>[]): Operand<T[]> {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  return problems.length > 0
    ? { ok: false, problems }
    : accept(results.map((r) => (r as { value: T }).value));
}

export function mapOperand<T, U>(result: Operand<T>, f: (value: T) => U): Operand<U> {
  return result.ok ? accept(f(result.value)) : result;
}

/** Text compares case-insensitively and ignoring surrounding spaces, as people read it. */
export function textKey(text: string): string {
  return text.trim().toLowerCase();
}

export function textOperand(_ctx: OperandContext, item: Item): Operand<string> {
  return accept(textKey(String(item.value)));
}

export function numberOperand(ctx: OperandContext, item: Item): Operand<number> {
  if (typeof item.value === 'number') {
    return Number.isFinite(item.value)
      ? accept(item.value)
      : reject(ctx, 'invalid_number', 'is not a finite number', item.path);
  }
  const parsed = parseNumber(String(item.value));
  return parsed.ok
    ? accept(parsed.value)
    : reject(ctx, 'invalid_number', `${preview(item.value)} ${parsed.reason}`, item.path);
}

export function dayOperand(ctx: OperandContext, item: Item): Operand<Interval> {
  const day = typeof item.value === 'string' ? parseCalendarDay(item.value) : undefined;
  if (day === undefined || !day.ok) {
    return reject(
      ctx,
      'invalid_date',
      `${preview(item.value)} is not a date in the form YYYY-MM-DD`,
      item.path,
    );
  }
  return accept({ start: day.value, end: day.value + DAY_MS });
}

/** A date names its whole UTC day; a date-time names one instant (to the millisecond). */
export function instantOperand(ctx: OperandContext, item: Item): Operand<Interval> {
  const text = typeof item.value === 'string' ? item.value.trim() : '';
  if (isCalendarDayText(text)) return dayOperand(ctx, item);
  const instant = /^\d{4}-\d{2}-\d{2}[Tt ]/.test(text) ? parseInstant(text) : undefined;
  if (instant === undefined || !instant.ok) {
    const expected = 'an ISO-8601 date-time such as 2024-05-01T10:20:30Z, or a date YYYY-MM-DD';
    return reject(ctx, 'invalid_datetime', `${preview(item.value)} is not ${expected}`, item.path);
  }
  return accept({ start: instant.value, end: instant.value + 1 });
}

export function boolOperand(ctx: OperandContext, item: Item): Operand<boolean> {
  if (typeof item.value === 'boolean') return accept(item.value);
  const parsed = typeof item.value === 'string' ? parseBool(item.value) : undefined;
  return parsed !== undefined && parsed.ok
    ? accept(parsed.value)
    : reject(ctx, 'invalid_bool', `${preview(item.value)} is not true or false`, item.path);
}

/** Option values compare exactly, as HubSpot stores them; the property's option list decides. */
export function optionOperand(ctx: OperandContext, item: Item): Operand<string> {
  const option = String(item.value).trim();
  const p = ctx.property;
  if (!hasClosedOptions(p) || optionValues(p).includes(option)) return accept(option);
  return reject(ctx, 'unknown_option', unknownOptionMessage(p, option), item.path);
}

// Admins type what they see in HubSpot, which may be the label or differ in case from the value.
function unknownOptionMessage(p: HubSpotProperty, option: string): string {
  const values = optionValues(p);
  const key = option.toLowerCase();
  const likely = p.options.find((o) => o.value.toLowerCase() === key || o.label.toLowerCase() === key);
  if (likely !== undefined) {
    return `${preview(option)} is not an option of ${p.name}; did you mean ${preview(likely.value)}?`;
  }
  const sample = values.slice(0, 10).join(', ') + (values.length > 10 ? ', …' : '');
  return `${preview(option)} is not an option of ${p.name} (options: ${sample})`;
}

// Record values are read leniently: what does not parse is simply not matched (see filter-clauses).
export function readNumber(raw: string): number | null {
  const parsed = parseNumber(raw);
  return parsed.ok ? parsed.value : null;
}

export function readDay(raw: string): number | null {
  const parsed = parseDay(raw);
  return parsed.ok ? parsed.value : null;
}

export function readInstant(raw: string): number | null {
  const parsed = parseInstant(raw);
  return parsed.ok ? parsed.value : null;
}

export function readBool(raw: string): boolean | null {
  const parsed = parseBool(raw);
  return parsed.ok ? parsed.value : null;
}

export function readOption(raw: string): string {
  return raw.trim();
}

export function readMulti(raw: string | null | undefined): Set<string> | null {
  const options = isBlank(raw) ? [] : splitMulti(raw);
  return options.length === 0 ? null : new Set(options);
}
