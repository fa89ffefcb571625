// Custom properties the seeder creates, one of every type and most field types, so that tests can
// exercise mapping and validation of non-standard fields without creating them first.
import type { ObjectTypeName } from '../crm/object-types.ts';
import { BOOL_OPTIONS, options } from '../properties/defaults.ts';
import type { PropertyDefinition, PropertyGroupDefinition, PropertyType } from '../properties/types.ts';

export const CUSTOM_GROUP: PropertyGroupDefinition = {
  name: 'emulator_custom',
  label: 'Custom properties',
  displayOrder: 10,
  archived: false,
};

export const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const INTERESTS = ['analytics', 'automation', 'billing', 'integrations', 'support'] as const;
export const CHANNELS = ['email', 'phone', 'chat', 'sms'] as const;

function custom(
  name: string,
  label: string,
  type: PropertyType,
  fieldType: string,
  now: number,
  extras: Partial<PropertyDefinition> = {},
): PropertyDefinition {
  return {
    name,
    label,
    type,
    fieldType,
    groupName: CUSTOM_GROUP.name,
    description: `${label} (seeded custom property)`,
    options: [],
    displayOrder: -1,
    hidden: false,
    formField: true,
    hasUniqueValue: false,
    hubspotDefined: false,
    calculated: false,
    externalOptions: false,
    readOnlyValue: false,
    readOnlyDefinition: false,
    archivable: true,
    dataSensitivity: 'non_sensitive',
    createdAt: now,
    updatedAt: now,
    archived: false,
    ...extras,
  };
}

function titled(values: readonly string[]): ReadonlyArray<readonly [string, string]> {
  return values.map((value) => [value, value.charAt(0).toUpperCase() + value.slice(1)] as const);
}

export function customPropertyDefinitions(_type: ObjectTypeName, now: number): PropertyDefinition[] {
  return [
    custom('customer_tier', 'Customer tier', 'enumeration', 'select', now, {
      options: options(titled(TIERS)),
    }),
    custom('product_interests', 'Product interests', 'enumeration', 'checkbox', now, {
      options: options(titled(INTERESTS)),
    }),
    custom('preferred_channel', 'Preferred channel', 'enumeration', 'radio', now, {
      options: options(titled(CHANNELS)),
    }),
    custom('newsletter_opt_in', 'Newsletter opt-in', 'enumeration', 'booleancheckbox', now, {
      options: options(BOOL_OPTIONS),
    }),
    custom('health_score', 'Health score', 'number', 'number', now),
    custom('is_vip', 'VIP', 'bool', 'booleancheckbox', now, { options: options(BOOL_OPTIONS) }),
    custom('renewal_date', 'Renewal date', 'date', 'date', now),
    custom('last_review_at', 'Last review at', 'datetime', 'date', now),
    custom('account_notes', 'Account notes', 'string', 'textarea', now),
    custom('external_ref', 'External reference', 'string', 'text', now, { hasUniqueValue: true }),
    custom('support_phone', 'Support phone', 'phone_number', 'phonenumber', now),
    custom('contract_file', 'Contract file', 'string', 'file', now),
    custom('profile_html', 'Profile', 'string', 'html', now),
    custom('engagement_index', 'Engagement index', 'number', 'calculation_equation', now, {
      calculated: true,
      readOnlyValue: true,
      calculationFormula: 'health_score * 2',
    }),
  ];
}
