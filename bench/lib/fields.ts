// The mapping the backfill scenarios sync: about twenty fields per object, standard and custom
// (the seeded custom properties of every type), saved before HubSpot is connected so the first
// backfill already uses it (and creates the Thena custom fields it needs).
import { defaultDirection } from '../../src/sync/field-config.ts';
import type { ObjectType } from '../../src/sync/model.ts';
import { defaultSettings, type SyncSettings } from '../../src/sync/settings.ts';

const CONTACT_FIELDS = [
  ...['firstname', 'lastname', 'email', 'phone', 'jobtitle', 'city', 'country', 'lifecyclestage'],
  ...['hs_lead_status', 'customer_tier', 'product_interests', 'preferred_channel', 'newsletter_opt_in'],
  ...['health_score', 'is_vip', 'renewal_date', 'last_review_at', 'account_notes', 'external_ref'],
  'support_phone',
];

const COMPANY_FIELDS = [
  ...['name', 'domain', 'phone', 'website', 'description', 'numberofemployees', 'annualrevenue'],
  ...['address', 'city', 'country', 'industry', 'customer_tier', 'product_interests', 'preferred_channel'],
  ...['is_vip', 'health_score', 'renewal_date', 'last_review_at', 'account_notes', 'external_ref'],
];

function settings(objectType: ObjectType, properties: string[]): SyncSettings {
  return {
    ...defaultSettings(objectType),
    fields: properties.map((property) => ({ property, direction: defaultDirection(objectType, property) })),
  };
}

export function benchSettings(): Record<ObjectType, SyncSettings> {
  return { contacts: settings('contacts', CONTACT_FIELDS), companies: settings('companies', COMPANY_FIELDS) };
}

export const MAPPED_FIELDS = { contacts: CONTACT_FIELDS.length, companies: COMPANY_FIELDS.length };
