// Reads a customer contact create/update body (or one item of a bulk body) into a patch.
import { readCustomFieldValues, type ValueChange } from './custom-field-values.ts';
import type { Organization } from './organization.ts';
import type { BodyReader } from '../http/body-reader.ts';

export interface ContactPatch {
  firstName?: string;
  lastName?: string | null;
  email?: string;
  phoneNumber?: string | null;
  avatarUrl?: string | null;
  contactTypeId?: string;
  accountIds?: string[];
  metadata?: Record<string, unknown> | null;
  customFieldChanges: ValueChange[];
}

/** Account ids must name live accounts of the organization; duplicates collapse. */
export function readAccountIds(reader: BodyReader, org: Organization, key: string): string[] | undefined {
  const ids = reader.optionalStringArray(key);
  if (ids === undefined) return undefined;
  const missing = ids.filter((id) => !org.accounts.get(id));
  if (missing.length > 0) reader.fail(`${reader.name(key)}: accounts not found: ${missing.join(', ')}`);
  return [...new Set(ids)];
}

export function readContactPatch(
  reader: BodyReader,
  org: Organization,
  mode: 'create' | 'update',
): ContactPatch {
  const creating = mode === 'create';
  const patch: ContactPatch = { customFieldChanges: [] };
  if (creating || reader.has('firstName')) patch.firstName = reader.requiredString('firstName');
  if (creating || reader.has('email')) patch.email = reader.requiredEmail('email').trim();
  const lastName = reader.optionalString('lastName');
  if (lastName !== undefined) patch.lastName = lastName;
  // `phone` is the bulk item's spelling in the MCP docs; `phoneNumber` everywhere else.
  const phone = reader.optionalString('phoneNumber', 32) ?? reader.optionalString('phone', 32);
  if (phone !== undefined) patch.phoneNumber = phone;
  const avatarUrl = reader.optionalString('avatarUrl', 2048);
  if (avatarUrl !== undefined) patch.avatarUrl = avatarUrl;
  const contactTypeId = readContactType(reader, org);
  if (contactTypeId !== undefined) patch.contactTypeId = contactTypeId;
  const accountIds = readAccountIds(reader, org, 'accountIds');
  if (accountIds !== undefined) patch.accountIds = accountIds;
  const metadata = reader.optionalObject('metadata');
  if (metadata !== undefined) patch.metadata = metadata;
  patch.customFieldChanges = readCustomFieldValues(
    reader.raw('customFieldValues'),
    org.customFields,
    'customer_contact',
    reader.errors,
    reader.name('customFieldValues'),
  );
  return patch;
}

/** `contactType` is the id of a contact_type value (its name is accepted too). */
export function readContactType(reader: BodyReader, org: Organization): string | undefined {
  const contactType = reader.optionalString('contactType');
  if (typeof contactType !== 'string') return undefined;
  const resolved = org.attributes.resolve('contact_type', contactType);
  if (!resolved)
    reader.fail(`${reader.name('contactType')} must be the id (or name) of a contact_type value`);
  return resolved?.id;
}

/** A bulk item may name its own accounts (`accountIds`, or the MCP docs' single `accountId`). */
export function readBulkItemAccounts(reader: BodyReader, org: Organization): string[] | undefined {
  const single = reader.optionalString('accountId');
  if (typeof single === 'string') {
    if (!org.accounts.get(single)) reader.fail(`${reader.name('accountId')}: account not found: ${single}`);
    return [single];
  }
  return undefined;
}
