// Value conversion between HubSpot's string forms and Thena's canonical values, both ways. Total
// functions: bad data comes back as a result with a code, never as an exception.
//
// Both directions pass through one typed reading of the value (a number, a day, an instant, a list
// of options, ...): the HubSpot side decides how a string is read or written, the Thena target's
// field type decides how the reading is represented in Thena.
import { isReadOnly, valueKind, type HubSpotProperty, type ValueKind } from './properties.ts';
import { isTime, optionProblem, readHubSpot, writeHubSpot, type Reading } from './hubspot-values.ts';
import {
  describeTarget,
  targetFieldType,
  type ThenaFieldType,
  type ThenaTarget,
  type ThenaValue,
} from './thena-fields.ts';
import { coerceThenaValue, converted, failed, type Conversion } from './thena-values.ts';
import { conversionSupport } from './type-compatibility.ts';
import {
  formatDay,
  formatDecimal,
  formatInstant,
  isBlank,
  parseCalendarDay,
  parseInstant,
} from './value-parsing.ts';

export { canonical, coerceThenaValue, fingerprint, valuesEqual } from './thena-values.ts';
export type { Conversion, ConversionErrorCode } from './thena-values.ts';
export { normalizeDomain, normalizeEmail } from './identity.ts';
export { conversionSupport, thenaFieldTypeFor, type ConversionSupport } from './type-compatibility.ts';

/** HubSpot's string value of `p`, converted for the Thena `target`. Empty and missing are `null`. */
export function toThena(
  p: HubSpotProperty,
  raw: string | null | undefined,
  target: ThenaTarget,
): Conversion<ThenaValue> {
  const kind = valueKind(p);
  const fieldType = targetFieldType(target);
  if (conversionSupport(kind, fieldType) === 'none') return incompatible(p, kind, target);
  if (isBlank(raw)) return converted(null);
  const reading = readHubSpot(p, kind, raw);
  if (!reading.ok) return withContext(reading, p.name);
  // ";" alone is a multi-checkbox with no option: empty, like "".
  if (reading.value.type === 'choices' && reading.value.value.length === 0) return converted(null);
  return withContext(
    expressForThena(reading.value, fieldType, target),
    `${p.name} -> ${describeTarget(target)}`,
  );
}

/** A Thena value converted to the string HubSpot stores for `p`; `null` clears (empty string). */
export function toHubSpot(p: HubSpotProperty, value: ThenaValue, target: ThenaTarget): Conversion<string> {
  if (isReadOnly(p)) return failed('read_only', `${p.name} is read-only in HubSpot and is never written`);
  const kind = valueKind(p);
  const fieldType = targetFieldType(target);
  const support = conversionSupport(kind, fieldType);
  if (support === 'none') return incompatible(p, kind, target);
  if (support === 'to_thena_only') {
    return failed('one_way_only', `${describeTarget(target)} can only receive ${p.name}, not write it back`);
  }
  const coerced = coerceThenaValue(value, fieldType);
  if (!coerced.ok) return withContext(coerced, describeTarget(target));
  if (coerced.value === null) return converted('');
  const reading = readThena(coerced.value, fieldType);
  return withContext(writeHubSpot(p, kind, reading), p.name);
}

function incompatible<T>(p: HubSpotProperty, kind: ValueKind, target: ThenaTarget): Conversion<T> {
  return failed('incompatible_types', `${p.name} (${kind}) cannot be mapped to ${describeTarget(target)}`);
}

function withContext<T>(result: Conversion<T>, context: string): Conversion<T> {
  return result.ok ? result : failed(result.code, `${context}: ${result.message}`);
}

function expressForThena(
  reading: Reading,
  fieldType: ThenaFieldType,
  target: ThenaTarget,
): Conversion<ThenaValue> {
  switch (fieldType) {
    case 'integer':
    case 'decimal':
    case 'currency':
      return reading.type === 'number'
        ? coerceThenaValue(reading.value, fieldType)
        : mismatch(reading, fieldType);
    case 'date':
      return isTime(reading) ? converted(formatDay(reading.value)) : mismatch(reading, fieldType);
    case 'date_time':
      return isTime(reading) ? converted(formatInstant(reading.value)) : mismatch(reading, fieldType);
    case 'checkbox':
      return reading.type === 'bool' ? converted(reading.value) : mismatch(reading, fieldType);
    case 'single_choice':
    case 'radio_button':
      return reading.type === 'choice'
        ? inTargetOptions(target, [reading.value], reading.value)
        : mismatch(reading, fieldType);
    case 'multi_choice':
      return reading.type === 'choices'
        ? inTargetOptions(target, reading.value, reading.value)
        : mismatch(reading, fieldType);
    default:
      return coerceThenaValue(asText(reading), fieldType);
  }
}

// The Thena field may predate a new HubSpot option: say so instead of letting Thena refuse the write.
function inTargetOptions(target: ThenaTarget, values: string[], value: ThenaValue): Conversion<ThenaValue> {
  if (target.kind !== 'custom' || target.options === undefined) return converted(value);
  return (
    optionProblem(target.options, values, `the options of ${describeTarget(target)}`) ?? converted(value)
  );
}

function mismatch<T>(reading: Reading, fieldType: ThenaFieldType): Conversion<T> {
  return failed('incompatible_types', `a ${reading.type} value cannot be stored in a ${fieldType} field`);
}

/** The text a typed HubSpot value shows as in a Thena text field. */
function asText(reading: Reading): string {
  switch (reading.type) {
    case 'number':
      return formatDecimal(reading.value);
    case 'day':
      return formatDay(reading.value);
    case 'instant':
      return formatInstant(reading.value);
    case 'bool':
      return String(reading.value);
    case 'choices':
      return reading.value.join(';');
    default:
      return reading.value;
  }
}

/** Reads a coerced (canonical, non-null) Thena value of `fieldType`. */
function readThena(value: Exclude<ThenaValue, null>, fieldType: ThenaFieldType): Reading {
  switch (fieldType) {
    case 'integer':
    case 'decimal':
    case 'currency':
      return { type: 'number', value: value as number };
    case 'date':
      return { type: 'day', value: dayOf(value as string) };
    case 'date_time':
      return { type: 'instant', value: instantOf(value as string) };
    case 'checkbox':
      return { type: 'bool', value: value as boolean };
    case 'single_choice':
    case 'radio_button':
      return { type: 'choice', value: value as string };
    case 'multi_choice':
      return { type: 'choices', value: value as string[] };
    default:
      return { type: 'text', value: value as string };
  }
}

// Coerced values are canonical, so these parses cannot fail; a failure is a bug here.
function dayOf(text: string): number {
  const day = parseCalendarDay(text);
  if (!day.ok) throw new Error(`canonical date ${text} did not parse`);
  return day.value;
}

function instantOf(text: string): number {
  const instant = parseInstant(text);
  if (!instant.ok) throw new Error(`canonical date-time ${text} did not parse`);
  return instant.value;
}
