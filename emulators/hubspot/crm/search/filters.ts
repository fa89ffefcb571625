// Search filters, compiled once per request into predicates over a record. Rules from HubSpot's
// search guide: values compare case-insensitively, except enumerations (case-sensitive for every
// operator); string IN/NOT_IN values must already be lowercase; dates are epoch milliseconds;
// groups are OR-ed and the filters inside a group AND-ed.
import { validationError } from '../../errors.ts';
import { parseInstant } from '../../properties/dates.ts';
import type { PropertyDefinition } from '../../properties/types.ts';
import type { Portal } from '../../state/portal.ts';
import type { RecordView } from '../../state/records.ts';
import type { ObjectTypeInfo } from '../object-types.ts';

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface FilterInput {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  values?: unknown;
  highValue?: unknown;
}

export interface CompiledFilter {
  propertyName: string;
  operator: Operator;
  test(record: RecordView): boolean;
  /** Set when the filter pins the candidates to known ids (hs_object_id, email, associations). */
  ids?: number[];
  /** Bounds on hs_object_id implied by this filter. */
  idLow?: number;
  idHigh?: number;
  /** A lower bound on a last-modified/created property (lets search skip untouched seeded blocks). */
  instantLow?: { property: string; atLeast: number };
}

type Kind = 'number' | 'instant' | 'date' | 'enumeration' | 'multi' | 'bool' | 'string';

function kindOf(def: PropertyDefinition): Kind {
  if (def.type === 'number') return 'number';
  if (def.type === 'datetime') return 'instant';
  if (def.type === 'date') return 'date';
  if (def.type === 'bool') return 'bool';
  if (def.type === 'enumeration') return def.fieldType === 'checkbox' ? 'multi' : 'enumeration';
  return 'string';
}

const TOKEN_SPLIT = /[\s,;:.@\-_/()+'"!?]+/;

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(TOKEN_SPLIT)
    .filter((t) => t.length > 0);
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function containsToken(stored: string, needle: string): boolean {
  const value = stored.toLowerCase();
  if (needle.includes('*')) {
    const re = wildcard(needle);
    return re.test(value) || tokens(value).some((t) => re.test(t));
  }
  const wanted = tokens(needle);
  if (wanted.length === 0) return false;
  if (value === needle.toLowerCase()) return true;
  const have = new Set(tokens(value));
  return wanted.every((t) => have.has(t));
}

/** Turns a raw filter value into a comparable for the property's kind (400 when it cannot). */
function comparable(kind: Kind, raw: string, name: string): number | string {
  switch (kind) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw badValue(name, raw);
      return n;
    }
    case 'instant':
    case 'date': {
      const ms = parseInstant(raw);
      if (ms === undefined) throw badValue(name, raw);
      return ms;
    }
    case 'bool':
    case 'string':
      return raw.toLowerCase();
    case 'enumeration':
    case 'multi':
      return raw;
  }
}

function storedComparable(kind: Kind, stored: string): number | string | undefined {
  switch (kind) {
    case 'number':
      return Number(stored);
    case 'instant':
    case 'date':
      return parseInstant(stored);
    case 'bool':
    case 'string':
      return stored.toLowerCase();
    case 'enumeration':
    case 'multi':
      return stored;
  }
}

function badValue(name: string, raw: string): Error {
  return validationError(
    `There was a problem with the request. "${raw}" is not a valid value for property ${name}.`,
  );
}

function stringValue(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

function requireValue(filter: FilterInput, name: string, operator: string): string {
  const value = stringValue(filter.value);
  if (value === undefined)
    throw validationError(`Filter on ${name} with operator ${operator} requires a value.`);
  return value;
}

function requireValues(filter: FilterInput, name: string, operator: string): string[] {
  if (!Array.isArray(filter.values) || filter.values.length === 0) {
    throw validationError(`Filter on ${name} with operator ${operator} requires values.`);
  }
  return filter.values.map((v) => stringValue(v) ?? '');
}

export function compileFilter(portal: Portal, type: ObjectTypeInfo, filter: FilterInput): CompiledFilter {
  const name = typeof filter.propertyName === 'string' ? filter.propertyName : '';
  const operator = filter.operator;
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
    throw validationError(
      `${String(operator)} is not a valid filter operator. Valid operators: ${OPERATORS.join(', ')}`,
    );
  }
  const op = operator as Operator;
  if (name.startsWith('associations.')) return compileAssociationFilter(portal, type, name, op, filter);
  const def = portal.properties(type).get(name);
  if (!def) {
    throw validationError(
      `There was a problem with the request. Property "${name}" does not exist on ${type.name}.`,
      {
        errors: [
          { message: `Property "${name}" does not exist`, in: 'propertyName', code: 'PROPERTY_DOESNT_EXIST' },
        ],
      },
    );
  }
  const kind = kindOf(def);
  const base = { propertyName: name, operator: op };
  const read = (record: RecordView): string | undefined => record.value(name);

  switch (op) {
    case 'HAS_PROPERTY':
      return { ...base, test: (r) => read(r) !== undefined };
    case 'NOT_HAS_PROPERTY':
      return { ...base, test: (r) => read(r) === undefined };
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const needle = requireValue(filter, name, op);
      const positive = (r: RecordView): boolean => {
        const v = read(r);
        return v !== undefined && containsToken(v, needle);
      };
      return { ...base, test: op === 'CONTAINS_TOKEN' ? positive : (r) => !positive(r) };
    }
    case 'IN':
    case 'NOT_IN': {
      const values = requireValues(filter, name, op);
      // String IN compares the lowercased stored value with the values as sent (HubSpot asks for lowercase).
      const wanted = new Set<number | string>(
        values.map((v) => (kind === 'string' || kind === 'bool' ? v : comparable(kind, v, name))),
      );
      const positive = (r: RecordView): boolean => anyStored(kind, read(r), (c) => wanted.has(c));
      const compiled: CompiledFilter = { ...base, test: op === 'IN' ? positive : (r) => !positive(r) };
      if (op === 'IN') narrow(compiled, portal, type, name, values);
      return compiled;
    }
    case 'EQ':
    case 'NEQ': {
      const target = comparable(kind, requireValue(filter, name, op), name);
      const positive = (r: RecordView): boolean =>
        anyStored(kind, read(r), (c) => (kind === 'date' ? sameDay(c, target) : c === target));
      const compiled: CompiledFilter = { ...base, test: op === 'EQ' ? positive : (r) => !positive(r) };
      if (op === 'EQ') narrow(compiled, portal, type, name, [String(filter.value)]);
      return compiled;
    }
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE': {
      const target = comparable(kind, requireValue(filter, name, op), name);
      const test = (c: number | string): boolean =>
        op === 'LT' ? c < target : op === 'LTE' ? c <= target : op === 'GT' ? c > target : c >= target;
      const compiled: CompiledFilter = { ...base, test: (r) => anyStored(kind, read(r), test) };
      bound(
        compiled,
        name,
        op === 'GT' || op === 'GTE' ? target : undefined,
        op === 'LT' || op === 'LTE' ? target : undefined,
      );
      return compiled;
    }
    case 'BETWEEN': {
      const low = comparable(kind, requireValue(filter, name, op), name);
      const highRaw = stringValue(filter.highValue);
      if (highRaw === undefined)
        throw validationError(`Filter on ${name} with operator BETWEEN requires a highValue.`);
      const high = comparable(kind, highRaw, name);
      const compiled: CompiledFilter = {
        ...base,
        test: (r) => anyStored(kind, read(r), (c) => c >= low && c <= high),
      };
      bound(compiled, name, low, high);
      return compiled;
    }
  }
}

function anyStored(kind: Kind, stored: string | undefined, test: (c: number | string) => boolean): boolean {
  if (stored === undefined) return false;
  if (kind === 'multi') return stored.split(';').some((part) => test(part));
  const c = storedComparable(kind, stored);
  return c !== undefined && !(typeof c === 'number' && Number.isNaN(c)) && test(c);
}

function sameDay(a: number | string, b: number | string): boolean {
  return (
    typeof a === 'number' &&
    typeof b === 'number' &&
    Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000)
  );
}

const INSTANT_PROPERTIES = new Set(['lastmodifieddate', 'hs_lastmodifieddate', 'createdate']);

function bound(
  compiled: CompiledFilter,
  name: string,
  low: number | string | undefined,
  high: number | string | undefined,
): void {
  if (name === 'hs_object_id') {
    if (typeof low === 'number') compiled.idLow = Math.ceil(low);
    if (typeof high === 'number') compiled.idHigh = Math.floor(high);
  }
  if (INSTANT_PROPERTIES.has(name) && typeof low === 'number')
    compiled.instantLow = { property: name, atLeast: low };
}

/** EQ/IN on hs_object_id or on a contact's email pin the candidates to a few ids. */
function narrow(
  compiled: CompiledFilter,
  portal: Portal,
  type: ObjectTypeInfo,
  name: string,
  values: string[],
): void {
  if (name === 'hs_object_id') {
    compiled.ids = values.map(Number).filter((n) => Number.isInteger(n));
  } else if (name === 'email' && type.name === 'contacts') {
    const store = portal.store(type);
    const ids = new Set<number>();
    for (const value of values) {
      const found = store.findUnique('email', 'email', value.toLowerCase());
      if (found) ids.add(found.id);
    }
    // While the index lags, a record may still be found by an email it no longer has.
    for (const record of store.records.values()) if (record.searchVersions) ids.add(record.id);
    compiled.ids = [...ids];
  }
}

function compileAssociationFilter(
  portal: Portal,
  type: ObjectTypeInfo,
  name: string,
  op: Operator,
  filter: FilterInput,
): CompiledFilter {
  const target = name.slice('associations.'.length);
  const otherIsCompany = ['company', 'companies', '0-2'].includes(target);
  const otherIsContact = ['contact', 'contacts', '0-1'].includes(target);
  if (!(type.name === 'contacts' ? otherIsCompany : otherIsContact) || (op !== 'EQ' && op !== 'IN')) {
    throw validationError(
      `There was a problem with the request. Unsupported association filter ${name} ${op}.`,
    );
  }
  const values = op === 'EQ' ? [requireValue(filter, name, op)] : requireValues(filter, name, op);
  const ids = new Set<number>();
  for (const value of values) {
    const otherId = Number(value);
    if (!Number.isInteger(otherId)) continue;
    const links =
      type.name === 'contacts'
        ? portal.associations.contactsOf(otherId)
        : portal.associations.companiesOf(otherId);
    for (const id of links.keys()) ids.add(id);
  }
  return { propertyName: name, operator: op, test: (r) => ids.has(r.id), ids: [...ids] };
}
