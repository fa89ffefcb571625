// Checks `customFieldValues: [{ fieldId, value }]` against each field's type, in the canonical
// representation the README documents. A problem names the item, the field and what was wrong.
import type { CustomFieldValue } from './records.ts';
import type { CustomFieldRecord, CustomFieldTable, FieldSource, FieldType } from './custom-fields.ts';
import { isObject, isEmail } from '../http/body-reader.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const PHONE = /^\+?[0-9 ().-]{3,32}$/;

const TEXT_LIMITS: Partial<Record<FieldType, number>> = {
  single_line: 255,
  multi_line: 32_768,
  rich_text: 32_768,
  email: 320,
  phone_number: 32,
  url: 2048,
};

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function optionValues(field: CustomFieldRecord): string[] {
  return field.options.map((option) => option.value);
}

/** Why `value` does not fit `field`, or undefined when it does. `null` (clear) always fits. */
export function valueProblem(field: CustomFieldRecord, value: unknown): string | undefined {
  const type = field.fieldType;
  switch (type) {
    case 'single_line':
    case 'multi_line':
    case 'rich_text':
    case 'email':
    case 'phone_number':
    case 'url': {
      if (typeof value !== 'string') return `expects a string (${type})`;
      const limit = TEXT_LIMITS[type] ?? 255;
      if (value.length > limit) return `is longer than ${limit} characters`;
      if (type === 'email' && !isEmail(value)) return 'expects an email address';
      if (type === 'phone_number' && !PHONE.test(value)) return 'expects a phone number such as +1 555 0100';
      if (type === 'url' && !isHttpUrl(value)) return 'expects an http(s) URL';
      return undefined;
    }
    case 'integer':
      return Number.isInteger(value) ? undefined : 'expects a whole number';
    case 'decimal':
    case 'currency':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expects a number';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'expects a date as YYYY-MM-DD';
    case 'date_time':
      return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'expects an ISO-8601 date-time with a time zone, e.g. 2026-01-31T09:30:00Z';
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? undefined : 'expects a time as HH:MM (24-hour)';
    case 'single_choice':
    case 'radio_button':
      if (typeof value !== 'string') return 'expects one option value as a string';
      return optionValues(field).includes(value)
        ? undefined
        : `expects one of the options [${optionValues(field).join(', ')}]; got "${value}"`;
    case 'multi_choice': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        return 'expects an array of option values';
      }
      const unknown = value.filter((item) => !optionValues(field).includes(item));
      return unknown.length === 0
        ? undefined
        : `expects options from [${optionValues(field).join(', ')}]; got unknown [${unknown.join(', ')}]`;
    }
    case 'checkbox':
    case 'toggle':
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expects true or false';
  }
}

export interface ValueChange {
  fieldId: string;
  /** null clears the field. */
  value: CustomFieldValue | null;
}

/** Parses and checks a `customFieldValues` body array; problems go into `errors`. */
export function readCustomFieldValues(
  raw: unknown,
  fields: CustomFieldTable,
  recordSource: FieldSource,
  errors: string[],
  path = 'customFieldValues',
): ValueChange[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push(`${path} must be an array of { fieldId, value }`);
    return [];
  }
  const changes: ValueChange[] = [];
  raw.forEach((item: unknown, index) => {
    const where = `${path}[${index}]`;
    if (!isObject(item) || typeof item.fieldId !== 'string' || !('value' in item)) {
      errors.push(`${where} must be an object { fieldId: string, value }`);
      return;
    }
    const field = fields.get(item.fieldId);
    if (!field) {
      errors.push(`${where}: custom field ${item.fieldId} does not exist`);
      return;
    }
    const label = `${where}: field "${field.name}" (${field.uid})`;
    if (field.source !== recordSource) {
      errors.push(`${label} belongs to ${field.source} records, not ${recordSource}`);
      return;
    }
    if (!field.isActive) {
      errors.push(`${label} is inactive`);
      return;
    }
    if (item.value === null) {
      changes.push({ fieldId: field.uid, value: null });
      return;
    }
    const problem = valueProblem(field, item.value);
    if (problem) errors.push(`${label} ${problem}`);
    else changes.push({ fieldId: field.uid, value: item.value as CustomFieldValue });
  });
  return changes;
}

/** Applies changes onto an existing value map (absent fields untouched, null removes). */
export function applyValueChanges(
  current: Map<string, CustomFieldValue> | undefined,
  changes: ValueChange[],
): Map<string, CustomFieldValue> | undefined {
  if (changes.length === 0) return current;
  const next = new Map(current);
  for (const change of changes) {
    if (change.value === null) next.delete(change.fieldId);
    else next.set(change.fieldId, change.value);
  }
  return next.size === 0 ? undefined : next;
}
