// What a HubSpot property can land on in Thena: a standard field of the contact or account, or a
// custom field of one of Thena's field types, and how Thena represents each type's values.
import type { HubSpotObjectType } from './properties.ts';

export type ThenaFieldType =
  | 'single_line'
  | 'multi_line'
  | 'rich_text'
  | 'integer'
  | 'decimal'
  | 'currency'
  | 'date'
  | 'date_time'
  | 'time'
  | 'single_choice'
  | 'multi_choice'
  | 'radio_button'
  | 'checkbox'
  | 'email'
  | 'phone_number'
  | 'url';

export const THENA_FIELD_TYPES: readonly ThenaFieldType[] = [
  'single_line',
  'multi_line',
  'rich_text',
  'integer',
  'decimal',
  'currency',
  'date',
  'date_time',
  'time',
  'single_choice',
  'multi_choice',
  'radio_button',
  'checkbox',
  'email',
  'phone_number',
  'url',
];

/**
 * Canonical Thena values: strings for text-like types, numbers for integer/decimal/currency,
 * `YYYY-MM-DD` for dates, ISO-8601 UTC (`2024-05-01T10:20:30.000Z`) for date-times, `HH:MM` for
 * times, the option value for single choices, a list of option values for multi choice, a boolean
 * for checkbox; `null` is empty.
 */
export type ThenaValue = string | number | boolean | string[] | null;

export type ThenaContactField = 'firstName' | 'lastName' | 'email' | 'phoneNumber';
export type ThenaAccountField =
  | 'name'
  | 'primaryDomain'
  | 'secondaryDomain'
  | 'description'
  | 'annualRevenue'
  | 'employees'
  | 'website'
  | 'billingAddress'
  | 'shippingAddress';
export type ThenaStandardField = ThenaContactField | ThenaAccountField;

export type ThenaTarget =
  | { kind: 'standard'; field: ThenaStandardField }
  | { kind: 'custom'; fieldName: string; fieldType: ThenaFieldType; options?: string[] };

export interface StandardFieldSpec {
  /** The custom-field type whose rules the standard field's values follow. */
  fieldType: ThenaFieldType;
  /** Thena refuses to create the record without it. */
  required: boolean;
}

// Types follow Thena's account/contact docs: names and domains are 255-character text, the
// description is long text, revenue a currency, employees a count, addresses plain strings.
export const THENA_STANDARD_FIELDS: {
  contacts: Record<ThenaContactField, StandardFieldSpec>;
  companies: Record<ThenaAccountField, StandardFieldSpec>;
} = {
  contacts: {
    firstName: { fieldType: 'single_line', required: true },
    lastName: { fieldType: 'single_line', required: false },
    email: { fieldType: 'email', required: true },
    phoneNumber: { fieldType: 'phone_number', required: false },
  },
  companies: {
    name: { fieldType: 'single_line', required: true },
    primaryDomain: { fieldType: 'single_line', required: true },
    secondaryDomain: { fieldType: 'single_line', required: false },
    description: { fieldType: 'multi_line', required: false },
    annualRevenue: { fieldType: 'currency', required: false },
    employees: { fieldType: 'integer', required: false },
    website: { fieldType: 'url', required: false },
    billingAddress: { fieldType: 'multi_line', required: false },
    shippingAddress: { fieldType: 'multi_line', required: false },
  },
};

const STANDARD_FIELD_TYPES: ReadonlyMap<ThenaStandardField, ThenaFieldType> = new Map(
  [...Object.entries(THENA_STANDARD_FIELDS.contacts), ...Object.entries(THENA_STANDARD_FIELDS.companies)].map(
    ([field, spec]) => [field as ThenaStandardField, spec.fieldType],
  ),
);

/** The Thena field type whose value rules apply to the target. */
export function targetFieldType(target: ThenaTarget): ThenaFieldType {
  if (target.kind === 'custom') return target.fieldType;
  const fieldType = STANDARD_FIELD_TYPES.get(target.field);
  if (fieldType === undefined) throw new Error(`unknown Thena standard field ${String(target.field)}`);
  return fieldType;
}

/** The standard fields Thena requires when it creates a contact or an account. */
export function requiredStandardFields(objectType: HubSpotObjectType): ThenaStandardField[] {
  return Object.entries(THENA_STANDARD_FIELDS[objectType])
    .filter(([, spec]) => spec.required)
    .map(([field]) => field as ThenaStandardField);
}

export function describeTarget(target: ThenaTarget): string {
  return target.kind === 'standard'
    ? `Thena field ${target.field}`
    : `Thena custom field "${target.fieldName}" (${target.fieldType})`;
}
