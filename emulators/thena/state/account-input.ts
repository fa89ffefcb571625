// Reads an account create/update body into a patch, checking every documented field.
import type { AttributeType } from './attributes.ts';
import { readCustomFieldValues, type ValueChange } from './custom-field-values.ts';
import type { Organization } from './organization.ts';
import type { BodyReader } from '../http/body-reader.ts';

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export interface AccountPatch {
  name?: string;
  primaryDomain?: string;
  secondaryDomain?: string | null;
  description?: string | null;
  source?: string | null;
  logo?: string | null;
  statusId?: string | null;
  classificationId?: string | null;
  healthId?: string | null;
  industryId?: string | null;
  accountOwnerId?: string | null;
  annualRevenue?: number | null;
  employees?: number | null;
  website?: string | null;
  billingAddress?: string | null;
  shippingAddress?: string | null;
  metadata?: Record<string, unknown> | null;
  customFieldChanges: ValueChange[];
}

type AttributeKey = 'statusId' | 'classificationId' | 'healthId' | 'industryId';
type TextKey = 'description' | 'source' | 'logo' | 'website' | 'billingAddress' | 'shippingAddress';

const ATTRIBUTE_FIELDS: [key: string, attribute: AttributeType, target: AttributeKey][] = [
  ['status', 'account_status', 'statusId'],
  ['classification', 'account_classification', 'classificationId'],
  ['health', 'account_health', 'healthId'],
  ['industry', 'account_industry', 'industryId'],
];

const TEXT_FIELDS: [key: TextKey, maxLength: number][] = [
  ['description', 32_768],
  ['source', 255],
  ['logo', 2048],
  ['website', 2048],
  ['billingAddress', 1024],
  ['shippingAddress', 1024],
];

function readDomain(reader: BodyReader, key: string, required: boolean): string | null | undefined {
  const value = required ? reader.requiredString(key) : reader.optionalString(key);
  if (typeof value === 'string' && value !== '' && !DOMAIN.test(value.trim())) {
    reader.fail(`${reader.name(key)} must be a domain name such as example.com`);
  }
  return typeof value === 'string' ? value.trim() : value;
}

export function readAccountPatch(
  reader: BodyReader,
  org: Organization,
  mode: 'create' | 'update',
): AccountPatch {
  const creating = mode === 'create';
  const patch: AccountPatch = { customFieldChanges: [] };
  const set = <K extends keyof AccountPatch>(key: K, value: AccountPatch[K] | undefined): void => {
    if (value !== undefined) patch[key] = value;
  };
  if (creating || reader.has('name')) set('name', reader.requiredString('name'));
  if (creating || reader.has('primaryDomain')) {
    set('primaryDomain', readDomain(reader, 'primaryDomain', true) ?? undefined);
  }
  set('secondaryDomain', readDomain(reader, 'secondaryDomain', false));
  for (const [key, maxLength] of TEXT_FIELDS) set(key, reader.optionalString(key, maxLength));
  for (const [key, attribute, target] of ATTRIBUTE_FIELDS) {
    const value = reader.optionalString(key);
    if (value === null) set(target, null);
    else if (value !== undefined) {
      const resolved = org.attributes.resolve(attribute, value);
      if (resolved) set(target, resolved.id);
      else reader.fail(`${reader.name(key)} must be the id (or name) of an ${attribute} value`);
    }
  }
  const ownerId = reader.optionalString('accountOwnerId');
  if (typeof ownerId === 'string' && !org.users.has(ownerId)) {
    reader.fail(`${reader.name('accountOwnerId')} must be the id of a user of the organization`);
  } else set('accountOwnerId', ownerId);
  set('annualRevenue', reader.optionalNumber('annualRevenue', { min: 0 }));
  set('employees', reader.optionalNumber('employees', { integer: true, min: 0 }));
  set('metadata', reader.optionalObject('metadata'));
  // Documented, but it concerns Thena users rather than customer contacts; checked, not acted on.
  reader.optionalBoolean('addExistingUsersToAccountContacts');
  patch.customFieldChanges = readCustomFieldValues(
    reader.raw('customFieldValues'),
    org.customFields,
    'account',
    reader.errors,
    reader.name('customFieldValues'),
  );
  return patch;
}
