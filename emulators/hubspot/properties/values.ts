// Validation and normalisation of property values written through the API, by property type,
// producing HubSpot's per-property error items (`PROPERTY_DOESNT_EXIST`, `INVALID_OPTION`, ...).
import { normalizeDate, normalizeDateTime } from './dates.ts';
import type { PropertyDefinition, PropertyOption } from './types.ts';

export interface InvalidPropertyValue {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; error: string; message: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EMAIL = /^[^\s@;,"<>()]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const MAX_STRING = 65_536;

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value) && !value.includes('..');
}

/** JSON bodies may carry numbers or booleans; HubSpot stores every value as a string. */
export function rawToString(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

function allowed(options: PropertyOption[]): string {
  return `[${options.map((o) => o.value).join(', ')}]`;
}

function checkEnumeration(
  def: PropertyDefinition,
  value: string,
  options: PropertyOption[],
  current: string | undefined,
): ValueCheck {
  const values = new Set(options.map((o) => o.value));
  if (def.fieldType !== 'checkbox') {
    if (values.has(value)) return { ok: true, value };
    return {
      ok: false,
      error: 'INVALID_OPTION',
      message: `${value} was not one of the allowed options: ${allowed(options)}`,
    };
  }
  // Multi-checkbox: `a;b`; a leading `;` appends to the current selection.
  const append = value.startsWith(';');
  const parts = value.split(';').filter((part) => part.length > 0);
  for (const part of parts) {
    if (!values.has(part)) {
      return {
        ok: false,
        error: 'INVALID_OPTION',
        message: `${part} was not one of the allowed options: ${allowed(options)}`,
      };
    }
  }
  const base = append && current ? current.split(';').filter((part) => part.length > 0) : [];
  const merged = [...new Set([...base, ...parts])];
  return { ok: true, value: merged.join(';') };
}

/** Checks one non-empty value against its property's type; `options` are the resolved options. */
export function checkValue(
  def: PropertyDefinition,
  value: string,
  options: PropertyOption[],
  current: string | undefined,
  isEmailProperty: boolean,
): ValueCheck {
  if (value.length > MAX_STRING) {
    return {
      ok: false,
      error: 'INVALID_LENGTH',
      message: `Value for ${def.name} exceeds ${MAX_STRING} characters`,
    };
  }
  if (isEmailProperty) {
    const email = value.trim().toLowerCase();
    if (!isValidEmail(email))
      return { ok: false, error: 'INVALID_EMAIL', message: `Email address ${value} is invalid` };
    return { ok: true, value: email };
  }
  switch (def.type) {
    case 'number': {
      const text = value.trim();
      if (!NUMBER.test(text))
        return { ok: false, error: 'INVALID_INTEGER', message: `${value} was not a valid number.` };
      return { ok: true, value: text };
    }
    case 'bool': {
      const text = value.trim().toLowerCase();
      if (text === 'true' || text === 'false') return { ok: true, value: text };
      return {
        ok: false,
        error: 'INVALID_OPTION',
        message: `${value} was not one of the allowed options: [true, false]`,
      };
    }
    case 'enumeration':
      return checkEnumeration(def, value, options, current);
    case 'date': {
      const result = normalizeDate(value);
      return result.ok ? result : { ok: false, error: 'INVALID_DATE', message: result.message };
    }
    case 'datetime': {
      const result = normalizeDateTime(value);
      return result.ok ? result : { ok: false, error: 'INVALID_DATE', message: result.message };
    }
    case 'phone_number':
    case 'string':
      return { ok: true, value };
  }
}

export function invalidItem(
  name: string,
  error: string,
  message: string,
  portalId: number,
): InvalidPropertyValue {
  return { isValid: false, message, error, name, localizedErrorMessage: message, portalId };
}
