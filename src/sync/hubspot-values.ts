// Reading HubSpot's string values into typed readings and writing readings back as the strings
// HubSpot accepts. Every property value in HubSpot's API is a string, whatever its type.
import { hasClosedOptions, optionValues, type HubSpotProperty, type ValueKind } from './properties.ts';
import { converted, failed, type Conversion, type ConversionErrorCode } from './thena-values.ts';
import {
  formatDay,
  formatDecimal,
  formatInstant,
  isEmail,
  parseBool,
  parseDay,
  parseInstant,
  parseNumber,
  preview,
  splitMulti,
  type Parsed,
} from './value-parsing.ts';

/** A value read from either side, before it is written in the other side's form. */
export type Reading =
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'day'; value: number }
  | { type: 'instant'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'choice'; value: string }
  | { type: 'choices'; value: string[] };

export function isTime(reading: Reading): reading is Extract<Reading, { type: 'day' | 'instant' }> {
  return reading.type === 'day' || reading.type === 'instant';
}

export function readHubSpot(p: HubSpotProperty, kind: ValueKind, raw: string): Conversion<Reading> {
  switch (kind) {
    case 'number':
      return typed(parseNumber(raw), raw, 'invalid_number', (value) => ({ type: 'number', value }));
    case 'date':
      return typed(parseDay(raw), raw, 'invalid_date', (value) => ({ type: 'day', value }));
    case 'datetime':
      return typed(parseInstant(raw), raw, 'invalid_datetime', (value) => ({ type: 'instant', value }));
    case 'bool':
      return typed(parseBool(raw), raw, 'invalid_bool', (value) => ({ type: 'bool', value }));
    case 'single_choice':
    case 'radio': {
      const option = raw.trim();
      return propertyOptionProblem(p, [option]) ?? converted({ type: 'choice', value: option });
    }
    case 'multi_choice': {
      const options = splitMulti(raw);
      return propertyOptionProblem(p, options) ?? converted({ type: 'choices', value: options });
    }
    default:
      return converted({ type: 'text', value: raw });
  }
}

function typed<T>(
  parsed: Parsed<T>,
  raw: string,
  code: ConversionErrorCode,
  wrap: (value: T) => Reading,
): Conversion<Reading> {
  return parsed.ok ? converted(wrap(parsed.value)) : failed(code, `${preview(raw)} ${parsed.reason}`);
}

/** Why some of `values` are not options of `p`, when its option list is the authority. */
function propertyOptionProblem(p: HubSpotProperty, values: string[]): Conversion<never> | undefined {
  if (!hasClosedOptions(p)) return undefined;
  return optionProblem(optionValues(p), values, `its options`);
}

export function optionProblem(
  allowed: readonly string[],
  values: string[],
  where: string,
): Conversion<never> | undefined {
  const known = new Set(allowed);
  const unknown = values.find((v) => !known.has(v));
  if (unknown === undefined) return undefined;
  const sample = allowed.slice(0, 10).join(', ') + (allowed.length > 10 ? ', …' : '');
  return failed('unknown_option', `${preview(unknown)} is not one of ${where} (${sample})`);
}

export function writeHubSpot(p: HubSpotProperty, kind: ValueKind, reading: Reading): Conversion<string> {
  switch (kind) {
    case 'number':
      return reading.type === 'number'
        ? converted(formatDecimal(reading.value))
        : wrongReading(kind, reading);
    // Date properties take YYYY-MM-DD (midnight UTC); a date-time from Thena keeps its UTC day.
    case 'date':
      return isTime(reading) ? converted(formatDay(reading.value)) : wrongReading(kind, reading);
    case 'datetime':
      return isTime(reading) ? converted(formatInstant(reading.value)) : wrongReading(kind, reading);
    case 'bool':
      return reading.type === 'bool' ? converted(String(reading.value)) : wrongReading(kind, reading);
    case 'single_choice':
    case 'radio':
      return reading.type === 'choice' ? writeOption(p, reading.value) : wrongReading(kind, reading);
    case 'multi_choice':
      return reading.type === 'choices' ? writeOptions(p, reading.value) : wrongReading(kind, reading);
    default:
      return reading.type === 'text' ? writeText(kind, reading.value) : wrongReading(kind, reading);
  }
}

function writeOption(p: HubSpotProperty, value: string): Conversion<string> {
  return propertyOptionProblem(p, [value]) ?? converted(value);
}

function writeOptions(p: HubSpotProperty, values: string[]): Conversion<string> {
  // ";" separates options in HubSpot's multi-checkbox values, so no option can contain one.
  const withSeparator = values.find((v) => v.includes(';'));
  if (withSeparator !== undefined) return failed('invalid_value', `${preview(withSeparator)} contains ";"`);
  return propertyOptionProblem(p, values) ?? converted(values.join(';'));
}

// Thena's longest text (32,768) is below HubSpot's string limit (65,536), so length was checked
// when the Thena value was coerced.
function writeText(kind: ValueKind, text: string): Conversion<string> {
  if (kind !== 'email') return converted(text);
  const email = text.trim();
  return isEmail(email)
    ? converted(email)
    : failed('invalid_email', `${preview(text)} is not an email address`);
}

function wrongReading<T>(kind: ValueKind, reading: Reading): Conversion<T> {
  return failed('incompatible_types', `a ${reading.type} value cannot be written to a ${kind} property`);
}
