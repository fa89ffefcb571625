// The part of HubSpot's property definitions (GET /crm/v3/properties/{objectType}) that mapping,
// conversion and filters depend on, and the one classification of a property everything else uses.

export type HubSpotObjectType = 'contacts' | 'companies';

/** HubSpot's documented data types; the API also returns internal ones (`json`, `object_coordinates`). */
export type KnownHubSpotPropertyType =
  'string' | 'number' | 'date' | 'datetime' | 'bool' | 'enumeration' | 'phone_number';

export type KnownHubSpotFieldType =
  | 'text'
  | 'textarea'
  | 'html'
  | 'phonenumber'
  | 'number'
  | 'date'
  | 'booleancheckbox'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'calculation_equation'
  | 'file';

// `string & {}` keeps editor completion for the known names while accepting whatever HubSpot adds.
type OpenString = string & {};

export interface HubSpotPropertyOption {
  label: string;
  value: string;
  hidden?: boolean;
}

export interface HubSpotProperty {
  name: string;
  label: string;
  type: KnownHubSpotPropertyType | OpenString;
  fieldType: KnownHubSpotFieldType | OpenString;
  groupName: string;
  description?: string;
  options: HubSpotPropertyOption[];
  calculated?: boolean;
  /** From `modificationMetadata.readOnlyValue`: HubSpot refuses writes to the value. */
  readOnlyValue?: boolean;
  hubspotDefined?: boolean;
  hasUniqueValue?: boolean;
  showCurrencySymbol?: boolean;
  /** Options come from elsewhere (e.g. owners for `hubspot_owner_id`); `options` is then empty. */
  externalOptions?: boolean;
  /** `email`, `domain_name`, `multi_line`, ...: how HubSpot's UI validates a text property. */
  textDisplayHint?: string;
}

/** How a property's values behave, whatever HubSpot calls the type. */
export type ValueKind =
  | 'text'
  | 'long_text'
  | 'html'
  | 'phone'
  | 'email'
  | 'number'
  | 'date'
  | 'datetime'
  | 'bool'
  | 'single_choice'
  | 'radio'
  | 'multi_choice'
  | 'file';

export const VALUE_KINDS: readonly ValueKind[] = [
  'text',
  'long_text',
  'html',
  'phone',
  'email',
  'number',
  'date',
  'datetime',
  'bool',
  'single_choice',
  'radio',
  'multi_choice',
  'file',
];

/**
 * The data type decides first, because a calculated property (`calculation_equation`) takes the
 * shape of its `type`; the field type only refines strings and enumerations. Anything unknown is
 * treated as text so that a new HubSpot type degrades to a readable value instead of an error.
 */
export function valueKind(p: HubSpotProperty): ValueKind {
  switch (p.type) {
    case 'bool':
      return 'bool';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'phone_number':
      return 'phone';
    case 'enumeration':
      return enumerationKind(p.fieldType);
    case 'string':
      return stringKind(p);
    default:
      return 'text';
  }
}

function enumerationKind(fieldType: string): ValueKind {
  switch (fieldType) {
    // HubSpot's single checkbox is an enumeration with the options "true" and "false".
    case 'booleancheckbox':
      return 'bool';
    case 'checkbox':
      return 'multi_choice';
    case 'radio':
      return 'radio';
    default:
      return 'single_choice';
  }
}

function stringKind(p: HubSpotProperty): ValueKind {
  switch (p.fieldType) {
    case 'file':
      return 'file';
    case 'textarea':
      return 'long_text';
    case 'html':
      return 'html';
    case 'phonenumber':
      return 'phone';
    default:
      // HubSpot has no email type: the contact's `email` is plain text, custom ones carry a hint.
      return p.name === 'email' || p.textDisplayHint === 'email' ? 'email' : 'text';
  }
}

// System properties that HubSpot maintains itself; listed because a property list built by hand
// (the emulator, older API versions) may lack `modificationMetadata.readOnlyValue`.
const SYSTEM_MAINTAINED = new Set([
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_createdate',
]);

/** True when HubSpot refuses writes to the property's value: we never send one. */
export function isReadOnly(p: HubSpotProperty): boolean {
  return (
    p.readOnlyValue === true ||
    p.calculated === true ||
    p.fieldType === 'calculation_equation' ||
    SYSTEM_MAINTAINED.has(p.name)
  );
}

/** Multi-select checkboxes: the value is a `;`-separated list of option values. */
export function isMultiValue(p: HubSpotProperty): boolean {
  return p.type === 'enumeration' && p.fieldType === 'checkbox';
}

export function isChoiceKind(kind: ValueKind): boolean {
  return kind === 'single_choice' || kind === 'radio' || kind === 'multi_choice';
}

export function optionValues(p: HubSpotProperty): string[] {
  return p.options.map((o) => o.value);
}

/**
 * Whether the property's own option list is the authority on valid values. Owner-like properties
 * (`externalOptions`) and enumerations defined without options accept values we cannot check.
 */
export function hasClosedOptions(p: HubSpotProperty): boolean {
  return isChoiceKind(valueKind(p)) && p.externalOptions !== true && p.options.length > 0;
}

/** Lookup by name, the shape validation and compilation take. */
export function propertiesByName(properties: Iterable<HubSpotProperty>): Map<string, HubSpotProperty> {
  const byName = new Map<string, HubSpotProperty>();
  for (const p of properties) byName.set(p.name, p);
  return byName;
}
