// Records as the API returns them (camelCase, ISO timestamps), and the reduced account shape the
// platform events carry.
import type { AttributeValue } from './attributes.ts';
import type { CustomFieldRecord } from './custom-fields.ts';
import type { Organization } from './organization.ts';
import type { AccountRecord, ContactRecord, CustomFieldValue } from './records.ts';

export type ContactAccountsShape = 'objects' | 'names';

const iso = (ms: number): string => new Date(ms).toISOString();

function valueList(values: Map<string, CustomFieldValue> | undefined): { fieldId: string; value: unknown }[] {
  return [...(values ?? [])].map(([fieldId, value]) => ({ fieldId, value }));
}

function attributeTrio(prefix: string, value: AttributeValue | undefined): Record<string, unknown> {
  return {
    [`${prefix}Id`]: value?.id ?? null,
    [prefix]: value?.value ?? null,
    [`${prefix}Configuration`]: value ? value.configuration : null,
  };
}

export function accountView(org: Organization, account: AccountRecord): Record<string, unknown> {
  const owner = account.accountOwnerId === null ? undefined : org.users.get(account.accountOwnerId);
  return {
    id: account.id,
    name: account.name,
    description: account.description,
    source: account.source,
    logo: account.logo,
    ...attributeTrio('status', org.attributes.get(account.statusId)),
    ...attributeTrio('classification', org.attributes.get(account.classificationId)),
    ...attributeTrio('health', org.attributes.get(account.healthId)),
    ...attributeTrio('industry', org.attributes.get(account.industryId)),
    primaryDomain: account.primaryDomain,
    secondaryDomain: account.secondaryDomain,
    accountOwner: owner?.name ?? null,
    accountOwnerId: owner?.id ?? null,
    accountOwnerEmail: owner?.email ?? null,
    accountOwnerAvatarUrl: owner?.avatarUrl ?? null,
    annualRevenue: account.annualRevenue,
    employees: account.employees,
    website: account.website,
    billingAddress: account.billingAddress,
    shippingAddress: account.shippingAddress,
    customFieldValues: valueList(account.customFieldValues),
    metadata: account.metadata ?? {},
    createdAt: iso(account.createdAt),
    updatedAt: iso(account.updatedAt),
  };
}

export function contactView(
  org: Organization,
  contact: ContactRecord,
  accountsShape: ContactAccountsShape,
): Record<string, unknown> {
  const linked = contact.accountIds.flatMap((id) => {
    const account = org.accounts.get(id);
    return account ? [account] : [];
  });
  const accounts =
    accountsShape === 'names'
      ? linked.map((account) => account.name)
      : linked.map((account) => ({ id: account.id, name: account.name }));
  const contactType = org.attributes.get(contact.contactTypeId);
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    phoneNumber: contact.phoneNumber,
    avatarUrl: contact.avatarUrl,
    accounts,
    contactTypeId: contact.contactTypeId,
    contactType: contactType?.value ?? null,
    customFieldValues: valueList(contact.customFieldValues),
    metadata: contact.metadata ?? {},
    createdAt: iso(contact.createdAt),
    updatedAt: iso(contact.updatedAt),
  };
}

/** Event-side custom values: field uid -> list of strings (the documented `customFields` shape). */
function stringLists(values: Map<string, CustomFieldValue> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [fieldId, value] of values ?? []) {
    out[fieldId] = Array.isArray(value) ? [...value] : [String(value)];
  }
  return out;
}

/** The reduced account of `account:*` events: `domain`, attribute names as strings, `customFields`. */
export function eventAccountView(org: Organization, account: AccountRecord): Record<string, unknown> {
  return {
    id: account.id,
    name: account.name,
    domain: account.primaryDomain,
    industry: org.attributes.get(account.industryId)?.value ?? null,
    size: account.employees,
    status: org.attributes.get(account.statusId)?.value ?? null,
    health: org.attributes.get(account.healthId)?.value ?? null,
    classification: org.attributes.get(account.classificationId)?.value ?? null,
    metadata: account.metadata ?? {},
    customFields: stringLists(account.customFieldValues),
    createdAt: iso(account.createdAt),
    updatedAt: iso(account.updatedAt),
  };
}

export function attributeView(value: AttributeValue): Record<string, unknown> {
  return { ...value, createdAt: iso(value.createdAt), updatedAt: iso(value.updatedAt) };
}

export function customFieldView(field: CustomFieldRecord, organizationId: string): Record<string, unknown> {
  return {
    ...field,
    options: field.options.map((option) => ({ id: option.id, value: option.value, order: option.order })),
    organizationId,
    createdAt: iso(field.createdAt),
    updatedAt: iso(field.updatedAt),
  };
}
