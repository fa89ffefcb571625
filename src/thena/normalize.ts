// Turns Thena's answers into the client's record types, accepting both documented shapes:
// bare or enveloped bodies, contact `accounts` as names or `{ id, name }`, picklists as an id
// and name pair or as an object, and the key variants seen for custom field values.
import { badResponse } from './errors.ts';
import { isJson, numeric, object, text, timestamp, type Json } from './read.ts';
import type {
  ThenaAccount,
  ThenaAttributeRef,
  ThenaAttributeValue,
  ThenaContact,
  ThenaContactAccount,
  ThenaCustomField,
  ThenaCustomFieldValue,
  ThenaFieldValue,
} from './types.ts';

function requireId(raw: Json, what: string, ...keys: string[]): string {
  const id = text(raw, ...keys);
  if (id === null || id === '') throw badResponse(what, `a record without ${keys[0] ?? 'id'}`);
  return id;
}

/** `values: []` is empty, `values: [x]` is x (a lone choice reads fine as a multi-choice too). */
function fieldValue(item: Json): ThenaFieldValue {
  const value = 'value' in item ? item.value : 'values' in item ? item.values : item.data;
  if (Array.isArray(value)) {
    const strings = value.map((entry: unknown) => (isJson(entry) ? entry.value : entry)).map(String);
    return strings.length === 0 ? null : strings.length === 1 ? (strings[0] ?? null) : strings;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** `[{ fieldId, value }]` and its variants, or an event-style `{ [fieldId]: values }` map. */
export function customFieldValues(raw: unknown): ThenaCustomFieldValue[] {
  if (isJson(raw))
    return Object.entries(raw).map(([fieldId, value]) => ({ fieldId, value: fieldValue({ value }) }));
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) => {
    if (!isJson(item)) return [];
    const fieldId = text(item, 'fieldId', 'customFieldId', 'fieldUid', 'customFieldUid', 'uid', 'id');
    return fieldId === null ? [] : [{ fieldId, value: fieldValue(item) }];
  });
}

function attribute(raw: Json, name: string): ThenaAttributeRef {
  const value = raw[name];
  if (isJson(value)) return { id: text(value, 'id', 'uid'), value: text(value, 'value', 'name') };
  return { id: text(raw, `${name}Id`), value: typeof value === 'string' ? value : null };
}

export function toAccount(raw: unknown, operation: string): ThenaAccount {
  if (!isJson(raw)) throw badResponse(operation, 'an account that is not an object');
  return {
    id: requireId(raw, operation, 'id', 'uid'),
    name: text(raw, 'name') ?? '',
    primaryDomain: text(raw, 'primaryDomain', 'domain'),
    secondaryDomain: text(raw, 'secondaryDomain'),
    description: text(raw, 'description'),
    source: text(raw, 'source'),
    logo: text(raw, 'logo'),
    status: attribute(raw, 'status'),
    classification: attribute(raw, 'classification'),
    health: attribute(raw, 'health'),
    industry: attribute(raw, 'industry'),
    accountOwnerId: text(raw, 'accountOwnerId'),
    annualRevenue: numeric(raw, 'annualRevenue'),
    employees: numeric(raw, 'employees', 'size'),
    website: text(raw, 'website'),
    billingAddress: text(raw, 'billingAddress'),
    shippingAddress: text(raw, 'shippingAddress'),
    customFieldValues: customFieldValues(raw.customFieldValues ?? raw.customFields),
    metadata: object(raw, 'metadata'),
    createdAt: timestamp(raw, 'createdAt'),
    updatedAt: timestamp(raw, 'updatedAt'),
  };
}

function contactAccounts(raw: unknown): ThenaContactAccount[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) => {
    if (typeof item === 'string') return [{ id: null, name: item }];
    if (!isJson(item)) return [];
    return [{ id: text(item, 'id', 'uid', 'accountId'), name: text(item, 'name', 'accountName') ?? '' }];
  });
}

export function toContact(raw: unknown, operation: string): ThenaContact {
  if (!isJson(raw)) throw badResponse(operation, 'a customer contact that is not an object');
  const accounts = contactAccounts(raw.accounts);
  const listedIds = Array.isArray(raw.accountIds)
    ? raw.accountIds.filter((id) => typeof id === 'string')
    : [];
  const accountIds = [
    ...new Set([...listedIds, ...accounts.flatMap((account) => (account.id ? [account.id] : []))]),
  ];
  const contactType = raw.contactType;
  return {
    // The older list shape keys contacts by `userId` with `userEmail` and `user` (a name).
    id: requireId(raw, operation, 'id', 'uid', 'userId'),
    firstName: text(raw, 'firstName', 'user') ?? '',
    lastName: text(raw, 'lastName'),
    email: text(raw, 'email', 'userEmail') ?? '',
    phoneNumber: text(raw, 'phoneNumber', 'phone'),
    avatarUrl: text(raw, 'avatarUrl'),
    accounts,
    accountIds,
    contactTypeId: text(raw, 'contactTypeId') ?? (isJson(contactType) ? text(contactType, 'id') : null),
    contactType:
      typeof contactType === 'string'
        ? contactType
        : isJson(contactType)
          ? text(contactType, 'value', 'name')
          : null,
    customFieldValues: customFieldValues(raw.customFieldValues ?? raw.customFields),
    metadata: object(raw, 'metadata'),
    createdAt: timestamp(raw, 'createdAt'),
    updatedAt: timestamp(raw, 'updatedAt'),
  };
}

export function toCustomField(raw: unknown, operation: string): ThenaCustomField {
  if (!isJson(raw)) throw badResponse(operation, 'a custom field that is not an object');
  const options = Array.isArray(raw.options) ? raw.options : [];
  return {
    id: requireId(raw, operation, 'uid', 'id'),
    name: text(raw, 'name') ?? '',
    slug: text(raw, 'slug'),
    source: text(raw, 'source') ?? '',
    fieldType: text(raw, 'fieldType', 'type') ?? '',
    options: options.flatMap((option: unknown) => {
      const value = isJson(option) ? option.value : option;
      return typeof value === 'string' ? [value] : [];
    }),
    isActive: raw.isActive !== false,
    teamId: text(raw, 'teamId'),
    description: text(raw, 'description'),
    createdAt: timestamp(raw, 'createdAt'),
    updatedAt: timestamp(raw, 'updatedAt'),
  };
}

export function toAttributeValue(raw: unknown, operation: string): ThenaAttributeValue {
  if (!isJson(raw)) throw badResponse(operation, 'an attribute value that is not an object');
  return {
    id: requireId(raw, operation, 'id', 'uid'),
    attribute: text(raw, 'attribute') ?? '',
    value: text(raw, 'value', 'name') ?? '',
    isDefault: raw.isDefault === true,
  };
}
