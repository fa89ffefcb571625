// In-memory record shapes. Timestamps are epoch milliseconds; views turn them into ISO strings.
// Optional collections stay `undefined` when empty so a million contacts fit comfortably in memory.

/** The canonical custom field value: see README "Custom field values". */
export type CustomFieldValue = string | number | boolean | string[];

export interface AccountRecord {
  id: string;
  name: string;
  description: string | null;
  source: string | null;
  logo: string | null;
  statusId: string | null;
  classificationId: string | null;
  healthId: string | null;
  industryId: string | null;
  primaryDomain: string;
  secondaryDomain: string | null;
  accountOwnerId: string | null;
  annualRevenue: number | null;
  employees: number | null;
  website: string | null;
  billingAddress: string | null;
  shippingAddress: string | null;
  customFieldValues: Map<string, CustomFieldValue> | undefined;
  metadata: Record<string, unknown> | undefined;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface ContactRecord {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string;
  phoneNumber: string | null;
  avatarUrl: string | null;
  contactTypeId: string;
  accountIds: readonly string[];
  customFieldValues: Map<string, CustomFieldValue> | undefined;
  metadata: Record<string, unknown> | undefined;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export const NO_IDS: readonly string[] = Object.freeze([]);
