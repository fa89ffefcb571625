// The CRM object types the emulator serves. Paths accept the plural name, the singular name and
// the type id (`contacts`, `contact`, `0-1`), as HubSpot does.
import { validationError } from '../errors.ts';

export type ObjectTypeName = 'contacts' | 'companies';

export interface ObjectTypeInfo {
  name: ObjectTypeName;
  singular: 'contact' | 'company';
  typeId: '0-1' | '0-2';
  /** As HubSpot spells the type in messages ("Could not get some CONTACT objects"). */
  upper: 'CONTACT' | 'COMPANY';
  lastModifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Properties every response carries, whatever `properties` asked for. */
  identityProperties: readonly string[];
  /** Properties returned when the caller names none. */
  defaultProperties: readonly string[];
  /** Properties the free-text `query` of a search looks into. */
  queryProperties: readonly string[];
}

export const CONTACTS: ObjectTypeInfo = {
  name: 'contacts',
  singular: 'contact',
  typeId: '0-1',
  upper: 'CONTACT',
  lastModifiedProperty: 'lastmodifieddate',
  identityProperties: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  queryProperties: [
    'firstname',
    'lastname',
    'email',
    'phone',
    'hs_additional_emails',
    'fax',
    'mobilephone',
    'company',
    'hs_marketable_until_renewal',
  ],
};

export const COMPANIES: ObjectTypeInfo = {
  name: 'companies',
  singular: 'company',
  typeId: '0-2',
  upper: 'COMPANY',
  lastModifiedProperty: 'hs_lastmodifieddate',
  identityProperties: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  queryProperties: ['website', 'phone', 'name', 'domain'],
};

export const OBJECT_TYPES: readonly ObjectTypeInfo[] = [CONTACTS, COMPANIES];

const ALIASES = new Map<string, ObjectTypeInfo>([
  ['contacts', CONTACTS],
  ['contact', CONTACTS],
  ['0-1', CONTACTS],
  ['companies', COMPANIES],
  ['company', COMPANIES],
  ['0-2', COMPANIES],
]);

export function findObjectType(raw: string): ObjectTypeInfo | undefined {
  return ALIASES.get(raw.toLowerCase());
}

export function resolveObjectType(raw: string): ObjectTypeInfo {
  const found = findObjectType(raw);
  if (!found) throw validationError(`Unable to infer object type from: ${raw}`);
  return found;
}

export function otherType(type: ObjectTypeInfo): ObjectTypeInfo {
  return type.name === 'contacts' ? COMPANIES : CONTACTS;
}
