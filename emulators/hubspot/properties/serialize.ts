// Property definitions and groups in the API's JSON shape (`Property`, `PropertyGroup`).
import type { PropertyRegistry } from './registry.ts';
import type { PropertyDefinition, PropertyGroupDefinition } from './types.ts';

/** HubSpot's built-in definitions carry timestamps from long ago; any fixed instant will do. */
const BUILT_IN_AT = '2019-08-06T02:41:52.184Z';

export function propertyJson(registry: PropertyRegistry, def: PropertyDefinition): Record<string, unknown> {
  return {
    updatedAt: def.updatedAt === undefined ? BUILT_IN_AT : new Date(def.updatedAt).toISOString(),
    createdAt: def.createdAt === undefined ? BUILT_IN_AT : new Date(def.createdAt).toISOString(),
    ...(def.archivedAt === undefined ? {} : { archivedAt: new Date(def.archivedAt).toISOString() }),
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: def.description,
    groupName: def.groupName,
    options: registry.optionsOf(def).map((o) => ({ ...o })),
    ...(def.createdUserId === undefined ? {} : { createdUserId: def.createdUserId }),
    ...(def.updatedUserId === undefined ? {} : { updatedUserId: def.updatedUserId }),
    ...(def.referencedObjectType === undefined ? {} : { referencedObjectType: def.referencedObjectType }),
    ...(def.calculationFormula === undefined ? {} : { calculationFormula: def.calculationFormula }),
    displayOrder: def.displayOrder,
    calculated: def.calculated,
    externalOptions: def.externalOptions,
    archived: def.archived,
    hasUniqueValue: def.hasUniqueValue,
    hidden: def.hidden,
    hubspotDefined: def.hubspotDefined,
    ...(def.showCurrencySymbol === undefined ? {} : { showCurrencySymbol: def.showCurrencySymbol }),
    ...(def.numberDisplayHint === undefined ? {} : { numberDisplayHint: def.numberDisplayHint }),
    ...(def.textDisplayHint === undefined ? {} : { textDisplayHint: def.textDisplayHint }),
    modificationMetadata: {
      archivable: def.archivable,
      readOnlyDefinition: def.readOnlyDefinition,
      readOnlyValue: def.readOnlyValue,
    },
    formField: def.formField,
    dataSensitivity: def.dataSensitivity,
  };
}

export function groupJson(group: PropertyGroupDefinition): Record<string, unknown> {
  return { name: group.name, label: group.label, displayOrder: group.displayOrder, archived: group.archived };
}
