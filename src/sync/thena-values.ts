// Thena-side value rules: checking a value against its field type, the canonical form used to
// compare values, and the fingerprint that tells "nothing changed" (no-op and echo detection).
import { createHash } from 'node:crypto';
import type { ThenaFieldType, ThenaValue } from './thena-fields.ts';
import {
  codePointLength,
  formatDay,
  formatInstant,
  isEmail,
  parseBool,
  parseInstant,
  parseNumber,
  parseTime,
  preview,
  splitMulti,
} from './value-parsing.ts';

export type ConversionErrorCode =
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_datetime'
  | 'invalid_time'
  | 'invalid_bool'
  | 'invalid_email'
  | 'invalid_value'
  | 'unknown_option'
  | 'value_too_long'
  | 'read_only'
  | 'incompatible_types'
  | 'one_way_only';

export type Conversion<T> =
  { ok: true; value: T } | { ok: false; code: ConversionErrorCode; message: string };

export const converted = <T>(value: T): Conversion<T> => ({ ok: true, value });
export const failed = <T>(code: ConversionErrorCode, message: string): Conversion<T> => ({
  ok: false,
  code,
  message,
});

/** Longest text Thena stores per field type, in characters (Thena's docs: 255 and 32,768). */
export const THENA_MAX_LENGTH: Partial<Record<ThenaFieldType, number>> = {
  single_line: 255,
  multi_line: 32_768,
  rich_text: 32_768,
  email: 254,
  phone_number: 255,
  url: 2_048,
};

/**
 * Checks that `value` is a valid value of a Thena field of `fieldType` and returns its canonical
 * form. Lenient in what it reads (numeric strings for numbers, "true"/"false" for checkboxes, ISO
 * date-times for dates, "a;b" for multi choice) because Thena's API is loose about value types.
 */
export function coerceThenaValue(value: unknown, fieldType: ThenaFieldType): Conversion<ThenaValue> {
  if (isEmptyThenaValue(value)) return converted(null);
  switch (fieldType) {
    case 'integer':
    case 'decimal':
    case 'currency':
      return coerceNumber(value, fieldType);
    case 'date':
      // An instant given for a date is read as its UTC day, the way HubSpot stores dates.
      return coerceInstant(value, 'invalid_date', formatDay);
    case 'date_time':
      return coerceInstant(value, 'invalid_datetime', formatInstant);
    case 'checkbox':
      return coerceBool(value);
    case 'multi_choice':
      return coerceChoices(value);
    default:
      return coerceText(value, fieldType);
  }
}

function isEmptyThenaValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() === '');
}

function coerceNumber(value: unknown, fieldType: ThenaFieldType): Conversion<ThenaValue> {
  const parsed = typeof value === 'number' ? checkFinite(value) : parseNumber(primitiveText(value) ?? '');
  if (!parsed.ok) return failed('invalid_number', `${preview(value)} ${parsed.reason}`);
  if (fieldType === 'integer' && !Number.isSafeInteger(parsed.value)) {
    return failed('invalid_number', `${preview(value)} is not a whole number`);
  }
  return converted(parsed.value);
}

function checkFinite(n: number): { ok: true; value: number } | { ok: false; reason: string } {
  if (!Number.isFinite(n)) return { ok: false, reason: 'is not a finite number' };
  return { ok: true, value: Object.is(n, -0) ? 0 : n };
}

function coerceInstant(
  value: unknown,
  code: 'invalid_date' | 'invalid_datetime',
  format: (ms: number) => string,
): Conversion<ThenaValue> {
  const text = primitiveText(value);
  const parsed = text === undefined ? undefined : parseInstant(text);
  if (parsed === undefined || !parsed.ok) {
    const expected = code === 'invalid_date' ? 'YYYY-MM-DD' : 'an ISO-8601 date-time';
    return failed(code, `${preview(value)} is not a valid date (expected ${expected})`);
  }
  return converted(format(parsed.value));
}

function coerceBool(value: unknown): Conversion<ThenaValue> {
  if (typeof value === 'boolean') return converted(value);
  const parsed = typeof value === 'string' ? parseBool(value) : undefined;
  if (parsed === undefined || !parsed.ok)
    return failed('invalid_bool', `${preview(value)} is not true or false`);
  return converted(parsed.value);
}

function coerceChoices(value: unknown): Conversion<ThenaValue> {
  if (typeof value === 'string') return converted(splitMulti(value));
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) {
    return converted(dedupeTrimmed(value));
  }
  return failed('invalid_value', `${preview(value)} is not a list of options`);
}

function dedupeTrimmed(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

function coerceText(value: unknown, fieldType: ThenaFieldType): Conversion<ThenaValue> {
  const text = primitiveText(value);
  if (text === undefined) return failed('invalid_value', `${preview(value)} is not text`);
  if (fieldType === 'time') {
    const time = parseTime(text);
    return time.ok ? converted(time.value) : failed('invalid_time', `${preview(text)} ${time.reason}`);
  }
  if (fieldType === 'single_choice' || fieldType === 'radio_button') return converted(text.trim());
  // Phone numbers and URLs are not checked for form: HubSpot holds free-form phones and bare
  // domains as websites, and refusing them would lose data Thena can still show.
  const checked = fieldType === 'email' ? text.trim() : text;
  if (fieldType === 'email' && !isEmail(checked)) {
    return failed('invalid_email', `${preview(checked)} is not an email address`);
  }
  return checkThenaLength(checked, fieldType);
}

export function checkThenaLength(text: string, fieldType: ThenaFieldType): Conversion<ThenaValue> {
  const max = THENA_MAX_LENGTH[fieldType];
  const length = codePointLength(text);
  if (max !== undefined && length > max) {
    return failed(
      'value_too_long',
      `${preview(text, 30)} has ${length} characters; a ${fieldType} field holds at most ${max}`,
    );
  }
  return converted(text);
}

function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The form two values of one field are compared in: the coerced value, with multi-choice lists
 * sorted (a set has no order). A value that does not coerce is compared as it is.
 */
export function canonical(value: ThenaValue, fieldType: ThenaFieldType): ThenaValue {
  const coerced = coerceThenaValue(value, fieldType);
  const result = coerced.ok ? coerced.value : value;
  return looseCanonical(result);
}

export function valuesEqual(a: ThenaValue, b: ThenaValue, fieldType: ThenaFieldType): boolean {
  return JSON.stringify(canonical(a, fieldType)) === JSON.stringify(canonical(b, fieldType));
}

// Without the field types: blank strings and empty lists are null, lists are sets, -0 is 0.
function looseCanonical(value: ThenaValue): ThenaValue {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) {
    const set = dedupeTrimmed(value);
    // Code-unit order, not localeCompare: the fingerprint must not depend on the host's locale.
    return set.length === 0 ? null : set.sort();
  }
  return value;
}

/**
 * A stable hash of a record's mapped values: equal when the values are equal field by field
 * (key order, list order and blank-vs-null do not matter). A field that is absent and a field that
 * is null differ, so selecting a new field forces one write.
 */
export function fingerprint(values: Record<string, ThenaValue>): string {
  const keys = Object.keys(values).sort();
  const entries = keys.map((key) => [key, looseCanonical(values[key] ?? null)]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}
