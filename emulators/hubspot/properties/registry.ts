// The property definitions and groups of one object type in one portal: HubSpot's defaults plus
// whatever custom properties the API or the seeder created. Archived definitions are kept, so
// `archived=true` can list them and their names stay taken.
import type { ObjectTypeName } from '../crm/object-types.ts';
import { HubSpotError, missingRequiredFields, resourceNotFound, validationError } from '../errors.ts';
import { defaultGroups, defaultProperties } from './defaults.ts';
import {
  FIELD_TYPES,
  PROPERTY_TYPES,
  VALID_FIELD_TYPES,
  type PropertyDefinition,
  type PropertyGroupDefinition,
  type PropertyOption,
  type PropertyType,
} from './types.ts';

const NAME = /^[a-z][a-z0-9_]*$/;
const MAX_UNIQUE_PROPERTIES = 10;

export class PropertyRegistry {
  private readonly definitions = new Map<string, PropertyDefinition>();
  private readonly groupDefinitions = new Map<string, PropertyGroupDefinition>();

  constructor(
    readonly objectType: ObjectTypeName,
    /** Options of `referencedObjectType: OWNER` properties come from the portal's owners. */
    private readonly ownerOptions: () => PropertyOption[],
  ) {
    for (const def of defaultProperties(objectType)) this.definitions.set(def.name, def);
    for (const group of defaultGroups(objectType)) this.groupDefinitions.set(group.name, group);
  }

  /** An active (non-archived) property. */
  get(name: string): PropertyDefinition | undefined {
    const def = this.definitions.get(name);
    return def && !def.archived ? def : undefined;
  }

  require(name: string): PropertyDefinition {
    const def = this.get(name);
    if (!def) {
      throw resourceNotFound(
        `Unable to find property with name '${name}' for object type ${this.objectType}`,
      );
    }
    return def;
  }

  list(archived: boolean): PropertyDefinition[] {
    return [...this.definitions.values()].filter((def) => def.archived === archived);
  }

  optionsOf(def: PropertyDefinition): PropertyOption[] {
    return def.referencedObjectType === 'OWNER' ? this.ownerOptions() : def.options;
  }

  uniqueProperties(): PropertyDefinition[] {
    return this.list(false).filter((def) => def.hasUniqueValue);
  }

  create(input: Record<string, unknown>, now: number, userId: string | undefined): PropertyDefinition {
    const missing = ['name', 'label', 'type', 'fieldType', 'groupName'].filter(
      (f) => typeof input[f] !== 'string',
    );
    if (missing.length > 0) throw missingRequiredFields(missing);
    const name = input.name as string;
    if (!NAME.test(name)) {
      throw validationError(
        `Property name '${name}' is invalid: it must start with a lowercase letter and contain only lowercase letters, digits and underscores.`,
      );
    }
    if (this.definitions.has(name)) {
      throw new HubSpotError(409, {
        message: `Property with name '${name}' already exists for object type ${this.objectType}.`,
        category: 'OBJECT_ALREADY_EXISTS',
      });
    }
    const type = checkType(input.type);
    const fieldType = checkFieldType(type, input.fieldType);
    const groupName = this.requireGroup(input.groupName as string);
    const hasUniqueValue = input.hasUniqueValue === true;
    if (hasUniqueValue && this.uniqueProperties().length >= MAX_UNIQUE_PROPERTIES) {
      throw validationError(
        `An object type can have at most ${MAX_UNIQUE_PROPERTIES} unique value properties.`,
      );
    }
    const def: PropertyDefinition = {
      name,
      label: input.label as string,
      type,
      fieldType,
      groupName,
      description: typeof input.description === 'string' ? input.description : '',
      options: type === 'bool' && input.options === undefined ? boolOptions() : checkOptions(input.options),
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      hidden: input.hidden === true,
      formField: input.formField === true,
      hasUniqueValue,
      hubspotDefined: false,
      calculated: fieldType === 'calculation_equation',
      externalOptions: input.externalOptions === true,
      readOnlyValue: fieldType === 'calculation_equation',
      readOnlyDefinition: false,
      archivable: true,
      dataSensitivity: checkSensitivity(input.dataSensitivity),
      ...optionalStrings(input, [
        'referencedObjectType',
        'numberDisplayHint',
        'textDisplayHint',
        'calculationFormula',
      ]),
      ...(typeof input.showCurrencySymbol === 'boolean'
        ? { showCurrencySymbol: input.showCurrencySymbol }
        : {}),
      createdAt: now,
      updatedAt: now,
      ...(userId ? { createdUserId: userId, updatedUserId: userId } : {}),
      archived: false,
    };
    this.definitions.set(name, def);
    return def;
  }

  update(
    name: string,
    patch: Record<string, unknown>,
    now: number,
    userId: string | undefined,
  ): PropertyDefinition {
    const def = this.require(name);
    if (def.readOnlyDefinition) {
      throw validationError(`Property ${name} is a HubSpot-defined property whose definition is read-only.`);
    }
    const type = patch.type === undefined ? def.type : checkType(patch.type);
    const fieldType = patch.fieldType === undefined ? def.fieldType : checkFieldType(type, patch.fieldType);
    if (!VALID_FIELD_TYPES[type].includes(fieldType)) checkFieldType(type, fieldType);
    const updated: PropertyDefinition = {
      ...def,
      type,
      fieldType,
      ...(typeof patch.label === 'string' ? { label: patch.label } : {}),
      ...(typeof patch.description === 'string' ? { description: patch.description } : {}),
      ...(typeof patch.groupName === 'string' ? { groupName: this.requireGroup(patch.groupName) } : {}),
      ...(patch.options !== undefined ? { options: checkOptions(patch.options) } : {}),
      ...(typeof patch.displayOrder === 'number' ? { displayOrder: patch.displayOrder } : {}),
      ...(typeof patch.hidden === 'boolean' ? { hidden: patch.hidden } : {}),
      ...(typeof patch.formField === 'boolean' ? { formField: patch.formField } : {}),
      ...(typeof patch.showCurrencySymbol === 'boolean'
        ? { showCurrencySymbol: patch.showCurrencySymbol }
        : {}),
      ...optionalStrings(patch, ['numberDisplayHint', 'textDisplayHint', 'calculationFormula']),
      updatedAt: now,
      ...(userId ? { updatedUserId: userId } : {}),
    };
    this.definitions.set(name, updated);
    return updated;
  }

  archive(name: string, now: number): void {
    const def = this.require(name);
    if (!def.archivable) {
      throw validationError(`Property ${name} is a HubSpot-defined property and cannot be archived.`);
    }
    this.definitions.set(name, { ...def, archived: true, archivedAt: now, updatedAt: now });
  }

  /** Used by the seeder: adds a custom definition without API validation. */
  define(def: PropertyDefinition): void {
    this.definitions.set(def.name, def);
  }

  group(name: string): PropertyGroupDefinition | undefined {
    const group = this.groupDefinitions.get(name);
    return group && !group.archived ? group : undefined;
  }

  requireGroupDefinition(name: string): PropertyGroupDefinition {
    const group = this.group(name);
    if (!group)
      throw resourceNotFound(
        `Unable to find property group with name '${name}' for object type ${this.objectType}`,
      );
    return group;
  }

  listGroups(archived: boolean): PropertyGroupDefinition[] {
    return [...this.groupDefinitions.values()].filter((group) => group.archived === archived);
  }

  createGroup(input: Record<string, unknown>): PropertyGroupDefinition {
    const missing = ['name', 'label'].filter((f) => typeof input[f] !== 'string');
    if (missing.length > 0) throw missingRequiredFields(missing);
    const name = input.name as string;
    if (!NAME.test(name)) throw validationError(`Property group name '${name}' is invalid.`);
    if (this.groupDefinitions.has(name)) {
      throw new HubSpotError(409, {
        message: `Property group with name '${name}' already exists for object type ${this.objectType}.`,
        category: 'OBJECT_ALREADY_EXISTS',
      });
    }
    const group: PropertyGroupDefinition = {
      name,
      label: input.label as string,
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      archived: false,
    };
    this.groupDefinitions.set(name, group);
    return group;
  }

  updateGroup(name: string, patch: Record<string, unknown>): PropertyGroupDefinition {
    const group = this.requireGroupDefinition(name);
    const updated = {
      ...group,
      ...(typeof patch.label === 'string' ? { label: patch.label } : {}),
      ...(typeof patch.displayOrder === 'number' ? { displayOrder: patch.displayOrder } : {}),
    };
    this.groupDefinitions.set(name, updated);
    return updated;
  }

  archiveGroup(name: string): void {
    const group = this.requireGroupDefinition(name);
    if (this.list(false).some((def) => def.groupName === name)) {
      throw validationError(`Property group ${name} still contains properties; move or archive them first.`);
    }
    this.groupDefinitions.set(name, { ...group, archived: true });
  }

  private requireGroup(name: string): string {
    if (!this.group(name)) throw validationError(`Property group ${name} does not exist.`);
    return name;
  }
}

function checkType(raw: unknown): PropertyType {
  if (typeof raw === 'string' && (PROPERTY_TYPES as readonly string[]).includes(raw))
    return raw as PropertyType;
  throw validationError(
    `${String(raw)} is not a valid property type. Valid types: ${PROPERTY_TYPES.join(', ')}`,
  );
}

function checkFieldType(type: PropertyType, raw: unknown): string {
  if (typeof raw !== 'string' || !(FIELD_TYPES as readonly string[]).includes(raw)) {
    throw validationError(`${String(raw)} is not a valid field type.`);
  }
  if (!VALID_FIELD_TYPES[type].includes(raw)) {
    throw validationError(
      `Field type ${raw} is not valid for property type ${type}. Valid field types: ${VALID_FIELD_TYPES[type].join(', ')}`,
    );
  }
  return raw;
}

function checkOptions(raw: unknown): PropertyOption[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('options must be an array');
  const seen = new Set<string>();
  return raw.map((item: unknown, index) => {
    const o = (item ?? {}) as Record<string, unknown>;
    if (typeof o.label !== 'string' || typeof o.value !== 'string') {
      throw missingRequiredFields(['label', 'value'].filter((f) => typeof o[f] !== 'string'));
    }
    if (seen.has(o.value)) throw validationError(`Duplicate option value: ${o.value}`);
    seen.add(o.value);
    return {
      label: o.label,
      value: o.value,
      hidden: o.hidden === true,
      displayOrder: typeof o.displayOrder === 'number' ? o.displayOrder : index,
      ...(typeof o.description === 'string' ? { description: o.description } : {}),
    };
  });
}

function boolOptions(): PropertyOption[] {
  return [
    { label: 'Yes', value: 'true', hidden: false, displayOrder: 0 },
    { label: 'No', value: 'false', hidden: false, displayOrder: 1 },
  ];
}

function checkSensitivity(raw: unknown): PropertyDefinition['dataSensitivity'] {
  if (raw === undefined) return 'non_sensitive';
  if (raw === 'non_sensitive' || raw === 'sensitive' || raw === 'highly_sensitive') return raw;
  throw validationError(`${JSON.stringify(raw)} is not a valid dataSensitivity.`);
}

function optionalStrings(source: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
