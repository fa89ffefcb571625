// Creating custom field definitions. Options arrive as `string[]` (older docs) or `[{ value }]`
// (newer docs); both are accepted. Names are unique per organization and source, ignoring case.
import type { EmulatorClock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import { BodyReader, isObject } from '../http/body-reader.ts';
import { conflict } from '../http/errors.ts';
import {
  CHOICE_TYPES,
  FIELD_SOURCES,
  FIELD_TYPES,
  slugify,
  type CustomFieldRecord,
  type FieldOption,
  type FieldSource,
  type FieldType,
} from './custom-fields.ts';
import type { Organization } from './organization.ts';

function readEnum<T extends string>(reader: BodyReader, key: string, allowed: readonly T[]): T | undefined {
  const value = reader.raw(key);
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  reader.fail(`${key} must be one of the following values: ${allowed.join(', ')}`);
  return undefined;
}

function readOptions(
  reader: BodyReader,
  fieldType: FieldType | undefined,
  newId: () => string,
): FieldOption[] {
  const raw = reader.raw('options');
  const needsOptions = fieldType !== undefined && CHOICE_TYPES.includes(fieldType);
  if (raw === undefined || raw === null) {
    if (needsOptions) reader.fail(`options should not be empty for a ${fieldType} field`);
    return [];
  }
  if (!Array.isArray(raw)) {
    reader.fail('options must be an array of strings or of { value } objects');
    return [];
  }
  const values = raw.map((item: unknown) => (isObject(item) ? item.value : item));
  if (!values.every((value): value is string => typeof value === 'string' && value.trim() !== '')) {
    reader.fail('each option must be a non-empty string (or { value: string })');
    return [];
  }
  if (new Set(values).size !== values.length) reader.fail('options must be unique');
  if (needsOptions && values.length === 0)
    reader.fail(`options should not be empty for a ${fieldType} field`);
  return values.map((value, order) => ({ id: newId(), value, order }));
}

export function createCustomField(
  org: Organization,
  clock: EmulatorClock,
  ids: IdGenerator,
  body: unknown,
): CustomFieldRecord {
  const reader = new BodyReader(body);
  const name = reader.requiredString('name');
  const source = readEnum<FieldSource>(reader, 'source', FIELD_SOURCES);
  const fieldType = readEnum<FieldType>(reader, 'fieldType', FIELD_TYPES);
  const now = clock.now();
  const options = readOptions(reader, fieldType, () => ids.record(now));
  const flag = (key: string): boolean => reader.optionalBoolean(key) ?? false;
  const field: CustomFieldRecord = {
    uid: ids.record(now),
    name: name.trim(),
    slug: slugify(name),
    source: source ?? 'account',
    fieldType: fieldType ?? 'single_line',
    options,
    description: reader.optionalString('description', 1024) ?? null,
    isActive: reader.optionalBoolean('isActive') ?? true,
    metadata: reader.optionalObject('metadata') ?? {},
    defaultValue: reader.optionalString('defaultValue', 1024) ?? null,
    teamId: reader.optionalString('teamId') ?? null,
    placeholderText: reader.optionalString('placeholderText') ?? null,
    hintText: reader.optionalString('hintText') ?? null,
    mandatoryOnCreation: flag('mandatoryOnCreation'),
    mandatoryOnClose: flag('mandatoryOnClose'),
    visibleToCustomer: flag('visibleToCustomer'),
    editableByCustomer: flag('editableByCustomer'),
    autoAddToAllForms: flag('autoAddToAllForms'),
    createdAt: now,
    updatedAt: now,
  };
  if (field.teamId !== null && !org.teamIds.includes(field.teamId)) {
    reader.fail(`teamId ${field.teamId} is not a team of the organization`);
  }
  reader.throwIfInvalid();
  const existing = org.customFields.findByName(field.source, field.name);
  if (existing) {
    throw conflict(
      `A ${field.source} custom field named "${existing.name}" already exists (uid ${existing.uid})`,
      {
        existingFieldId: existing.uid,
      },
    );
  }
  org.customFields.insert(field);
  return field;
}
