// The default mapping: which HubSpot properties land on Thena's standard fields, which of them are
// locked on (the seed: "Some standard fields are synchronized by default and cannot be
// deselected"), and the custom Thena field every other property gets.
import {
  hasClosedOptions,
  optionValues,
  type HubSpotObjectType,
  type HubSpotProperty,
} from './properties.ts';
import type { ThenaTarget } from './thena-fields.ts';
import { thenaFieldTypeFor } from './type-compatibility.ts';

interface StandardMapping {
  property: string;
  target: ThenaTarget;
  /** Always synced: the record cannot be matched or created in Thena without it. */
  locked: boolean;
}

const STANDARD_MAPPINGS: Record<HubSpotObjectType, readonly StandardMapping[]> = {
  contacts: [
    { property: 'firstname', target: { kind: 'standard', field: 'firstName' }, locked: true },
    { property: 'lastname', target: { kind: 'standard', field: 'lastName' }, locked: true },
    { property: 'email', target: { kind: 'standard', field: 'email' }, locked: true },
    { property: 'phone', target: { kind: 'standard', field: 'phoneNumber' }, locked: true },
  ],
  companies: [
    { property: 'name', target: { kind: 'standard', field: 'name' }, locked: true },
    { property: 'domain', target: { kind: 'standard', field: 'primaryDomain' }, locked: true },
    // Thena accounts have no phone field, so the locked company phone gets a custom field.
    {
      property: 'phone',
      target: { kind: 'custom', fieldName: 'Phone', fieldType: 'phone_number' },
      locked: true,
    },
    { property: 'website', target: { kind: 'standard', field: 'website' }, locked: false },
    { property: 'description', target: { kind: 'standard', field: 'description' }, locked: false },
    { property: 'numberofemployees', target: { kind: 'standard', field: 'employees' }, locked: false },
    { property: 'annualrevenue', target: { kind: 'standard', field: 'annualRevenue' }, locked: false },
    // Street, city, zip and country stay separate custom fields: combining them could not be undone
    // when the value comes back from Thena.
    { property: 'address', target: { kind: 'standard', field: 'billingAddress' }, locked: false },
  ],
};

/** Properties that are always synced and cannot be deselected. */
export function lockedFields(objectType: HubSpotObjectType): string[] {
  return STANDARD_MAPPINGS[objectType].filter((m) => m.locked).map((m) => m.property);
}

/** Properties selected when an installation starts: the locked ones and those with a standard home. */
export function defaultSelectedFields(objectType: HubSpotObjectType): string[] {
  return STANDARD_MAPPINGS[objectType].map((m) => m.property);
}

export function isLockedField(objectType: HubSpotObjectType, property: string): boolean {
  return lockedFields(objectType).includes(property);
}

/** True for the properties the default mapping knows (the standard fields of both systems). */
export function isStandardProperty(objectType: HubSpotObjectType, property: string): boolean {
  return STANDARD_MAPPINGS[objectType].some((m) => m.property === property);
}

/** Where a selected property's values go in Thena. */
export function targetFor(objectType: HubSpotObjectType, property: HubSpotProperty): ThenaTarget {
  const standard = STANDARD_MAPPINGS[objectType].find((m) => m.property === property.name);
  if (standard !== undefined) return standard.target;
  const target: ThenaTarget = {
    kind: 'custom',
    fieldName: customFieldName(property),
    fieldType: thenaFieldTypeFor(property),
  };
  // The created Thena field carries every option, hidden ones too: old records still hold them.
  return hasClosedOptions(property) ? { ...target, options: optionValues(property) } : target;
}

/** Thena custom fields are named after the HubSpot label, which is what admins recognise. */
export function customFieldName(property: HubSpotProperty): string {
  const label = property.label.trim();
  return label === '' ? property.name : label;
}
