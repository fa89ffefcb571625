// The mapping plan of one object: which HubSpot property lands on which Thena field, which way it
// flows and who wins a conflict; and the conversions of whole records between HubSpot's strings,
// the canonical values both sides are compared in, and Thena's writes.
import type { FieldDirection } from './field-config.ts';
import { compileFilters, type RecordPredicate } from './filters.ts';
import type { HubSpotRecord } from './hubspot-port.ts';
import type { HubSpotObjectType, HubSpotProperty } from './properties.ts';
import type { ConflictPolicy, SyncSettings } from './settings.ts';
import { normalizeSettings } from './settings.ts';
import { targetFor } from './standard-fields.ts';
import { targetFieldType, type ThenaFieldType, type ThenaTarget, type ThenaValue } from './thena-fields.ts';
import type { ThenaRecord, ThenaRecordWrite } from './thena-port.ts';
import { canonical, toHubSpot, toThena } from './values.ts';

export type CanonicalValues = Record<string, ThenaValue>;

export interface FieldMapping {
  property: HubSpotProperty;
  target: ThenaTarget;
  fieldType: ThenaFieldType;
  direction: FieldDirection;
  policy: ConflictPolicy;
  /** The Thena custom field holding the value, once it exists (standard fields need none). */
  fieldId: string | null;
}

export interface MappingPlan {
  objectType: HubSpotObjectType;
  settings: SyncSettings;
  fields: FieldMapping[];
  /** Selected properties HubSpot no longer has (deleted since they were chosen). */
  missing: string[];
  /** What to ask HubSpot for: mapped fields, filter fields and the keys the engine needs. */
  fetchProperties: string[];
  matches: RecordPredicate;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export type RecordConversion =
  { ok: true; values: CanonicalValues } | { ok: false; problems: FieldProblem[] };

export const KEY_PROPERTIES: Record<HubSpotObjectType, string[]> = {
  contacts: ['email', 'firstname', 'lastname', 'lastmodifieddate', 'hs_object_id'],
  companies: ['domain', 'name', 'hs_lastmodifieddate', 'hs_object_id'],
};

export function buildPlan(
  objectType: HubSpotObjectType,
  rawSettings: SyncSettings,
  properties: readonly HubSpotProperty[],
  fieldIds: ReadonlyMap<string, string>,
): MappingPlan {
  const settings = normalizeSettings(objectType, rawSettings);
  const byName = new Map(properties.map((p) => [p.name, p]));
  const fields: FieldMapping[] = [];
  const missing: string[] = [];
  for (const selection of settings.fields) {
    const property = byName.get(selection.property);
    if (property === undefined) {
      missing.push(selection.property);
      continue;
    }
    const target = targetFor(objectType, property);
    fields.push({
      property,
      target,
      fieldType: targetFieldType(target),
      direction: selection.direction,
      policy: selection.conflictPolicy ?? settings.conflictPolicy,
      fieldId: target.kind === 'custom' ? (fieldIds.get(property.name) ?? null) : null,
    });
  }
  const fetch = new Set([
    ...KEY_PROPERTIES[objectType],
    ...fields.map((f) => f.property.name),
    ...settings.filters.map((f) => f.field),
  ]);
  return {
    objectType,
    settings,
    fields,
    missing,
    fetchProperties: [...fetch],
    matches: compileFilters(settings.filters, byName),
  };
}

/** A HubSpot record's mapped values in canonical form; a value that does not fit fails the record. */
export function fromHubSpot(plan: MappingPlan, record: HubSpotRecord): RecordConversion {
  const values: CanonicalValues = {};
  const problems: FieldProblem[] = [];
  for (const field of plan.fields) {
    const converted = toThena(field.property, record.properties[field.property.name], field.target);
    if (converted.ok) values[field.property.name] = canonical(converted.value, field.fieldType);
    else problems.push({ field: field.property.name, code: converted.code, message: converted.message });
  }
  return problems.length === 0 ? { ok: true, values } : { ok: false, problems };
}

/** A Thena record's mapped values in canonical form (fields without a Thena field yet are null). */
export function fromThena(plan: MappingPlan, record: ThenaRecord): CanonicalValues {
  const values: CanonicalValues = {};
  for (const field of plan.fields) {
    const raw =
      field.target.kind === 'standard'
        ? record.fields[field.target.field]
        : field.fieldId === null
          ? null
          : record.custom[field.fieldId];
    values[field.property.name] = canonical(raw ?? null, field.fieldType);
  }
  return values;
}

/** The Thena write carrying `values` (canonical, by HubSpot property name). */
export function toThenaWrite(plan: MappingPlan, ref: string, values: CanonicalValues): ThenaRecordWrite {
  const write: ThenaRecordWrite = { ref, fields: {}, custom: {} };
  for (const field of plan.fields) {
    if (!(field.property.name in values)) continue;
    const value = values[field.property.name] ?? null;
    if (field.target.kind === 'standard') write.fields[field.target.field] = value;
    else if (field.fieldId !== null) write.custom[field.fieldId] = value;
  }
  return write;
}

/** HubSpot property strings for `values`; a value HubSpot would refuse fails the record. */
export function toHubSpotProperties(
  plan: MappingPlan,
  values: CanonicalValues,
): { ok: true; properties: Record<string, string> } | { ok: false; problems: FieldProblem[] } {
  const properties: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const field of plan.fields) {
    const name = field.property.name;
    if (!(name in values)) continue;
    const converted = toHubSpot(field.property, values[name] ?? null, field.target);
    if (converted.ok) properties[name] = converted.value;
    else problems.push({ field: name, code: converted.code, message: converted.message });
  }
  return problems.length === 0 ? { ok: true, properties } : { ok: false, problems };
}

/** Custom fields that must exist in Thena before a record can carry them. */
export function fieldsToCreate(plan: MappingPlan): FieldMapping[] {
  return plan.fields.filter((f) => f.target.kind === 'custom' && f.fieldId === null);
}
