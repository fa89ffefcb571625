// The Thena records and inputs the product works with, normalised from whichever of Thena's
// documented response shapes the server used (see normalize.ts and emulators/thena/README.md).

/**
 * A custom field value in the canonical form: strings for text-like types, numbers for integer,
 * decimal and currency, `YYYY-MM-DD` dates, ISO-8601 date-times, `HH:MM` times, the option value
 * for single choices, a list of option values for multi choice, booleans for checkbox; null clears.
 */
export type ThenaFieldValue = string | number | boolean | string[] | null;

export interface ThenaCustomFieldValue {
  fieldId: string;
  value: ThenaFieldValue;
}

/** A picklist ("attribute") value as a record carries it: its id and its display value. */
export interface ThenaAttributeRef {
  id: string | null;
  value: string | null;
}

export interface ThenaAccount {
  id: string;
  name: string;
  primaryDomain: string | null;
  secondaryDomain: string | null;
  description: string | null;
  source: string | null;
  logo: string | null;
  status: ThenaAttributeRef;
  classification: ThenaAttributeRef;
  health: ThenaAttributeRef;
  industry: ThenaAttributeRef;
  accountOwnerId: string | null;
  annualRevenue: number | null;
  employees: number | null;
  website: string | null;
  billingAddress: string | null;
  shippingAddress: string | null;
  customFieldValues: ThenaCustomFieldValue[];
  metadata: Record<string, unknown>;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Thena documents a contact's accounts as names and, elsewhere, as `{ id, name }`. */
export interface ThenaContactAccount {
  id: string | null;
  name: string;
}

export interface ThenaContact {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string;
  phoneNumber: string | null;
  avatarUrl: string | null;
  accounts: ThenaContactAccount[];
  /** The ids among `accounts` (empty when the server sent names only). */
  accountIds: string[];
  contactTypeId: string | null;
  contactType: string | null;
  customFieldValues: ThenaCustomFieldValue[];
  metadata: Record<string, unknown>;
  createdAt: string | null;
  updatedAt: string | null;
}

export type ThenaFieldSource = 'account' | 'customer_contact' | 'ticket' | 'custom_object';

export interface ThenaCustomField {
  id: string;
  name: string;
  slug: string | null;
  source: string;
  fieldType: string;
  options: string[];
  isActive: boolean;
  teamId: string | null;
  description: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export type ThenaAttributeType =
  'account_status' | 'account_classification' | 'account_health' | 'account_industry' | 'contact_type';

export interface ThenaAttributeValue {
  id: string;
  attribute: string;
  value: string;
  isDefault: boolean;
}

export interface ThenaAccountInput {
  name: string;
  primaryDomain: string;
  secondaryDomain?: string | null;
  description?: string | null;
  source?: string | null;
  logo?: string | null;
  /** Attribute value ids (see `attributes.list`). */
  status?: string | null;
  classification?: string | null;
  health?: string | null;
  industry?: string | null;
  accountOwnerId?: string | null;
  annualRevenue?: number | null;
  employees?: number | null;
  website?: string | null;
  billingAddress?: string | null;
  shippingAddress?: string | null;
  customFieldValues?: ThenaCustomFieldValue[];
  metadata?: Record<string, unknown>;
}

export type ThenaAccountPatch = Partial<ThenaAccountInput>;

export interface ThenaContactInput {
  firstName: string;
  email: string;
  lastName?: string | null;
  phoneNumber?: string | null;
  avatarUrl?: string | null;
  /** A contact_type attribute value id; Thena's default type when omitted. */
  contactType?: string;
  accountIds?: string[];
  customFieldValues?: ThenaCustomFieldValue[];
  metadata?: Record<string, unknown>;
}

/** On update `accountIds` replaces the contact's whole set. */
export type ThenaContactPatch = Partial<ThenaContactInput>;

export interface ThenaBulkContactsOptions {
  /** Accounts for items that do not name their own. */
  accountIds?: string[];
  contactType?: string;
  source?: string;
}

export interface ThenaBulkSkip {
  index: number;
  /** The email or primary domain that already existed. */
  key: string | null;
  existingId: string | null;
}

export interface ThenaBulkResult<T> {
  total: number;
  created: number;
  skipped: number;
  /** The created records when the server returned them (the documented answer has counts only). */
  records: T[] | null;
  skippedItems: ThenaBulkSkip[];
}

export interface ThenaCustomFieldInput {
  name: string;
  source: 'account' | 'customer_contact';
  fieldType: string;
  options?: string[];
  description?: string;
  isActive?: boolean;
  teamId?: string;
}

export interface ThenaPublishResult {
  messageId: string;
  timestamp: string | null;
}
